package search

import (
	"strings"
	"unicode"
	"unicode/utf8"
	"unsafe"
)

// MaxTokenBytes caps a folded token: a longer word (a URL, a run of
// letters with no spaces) is cut at a rune boundary, the same way when
// indexing and when querying, so that it still matches itself.
const MaxTokenBytes = 48

// Tokens returns the words of s as the index sees them: split on anything
// that is not a letter, a digit, a mark or a format character (a ZWNJ or
// a direction mark inside a word does not split it; a zero width space
// does), then folded (see Fold). An English possessive's "'s" or "’s"
// is dropped ("council's" is "council"), and so is the Arabic article
// ("المقال" is "مقال"; see articles). The index and the query use this
// one function.
func Tokens(s string) []string {
	var out []string
	scan(s, func(_, _ int, folded []byte) {
		out = append(out, string(folded))
	})
	return out
}

// Fold returns s as the index sees it: its tokens joined by single spaces.
//
// Folding lower-cases; removes Latin diacritics (é→e, ñ→n, ß→ss, æ→ae,
// ș→s, ệ→e, with a table for Latin-1 Supplement, Latin Extended-A and -B
// and Latin Extended Additional, and combining marks U+0300–U+036F); and
// normalises Arabic script the way Lucene's SoraniNormalizer documents
// it, for all Arabic-script text whatever the document's language, so
// that Sorani and Arabic spellings of a word meet:
//
//   - alef with hamza or madda and alef wasla (أ إ آ ٱ) → ا (as Lucene's
//     ArabicNormalizer does);
//   - yeh and alef maksura (ي ى) → Farsi yeh ی, kaf ك → keheh ک;
//   - teh marbuta ة, word-final heh ه, and heh before a zero-width
//     non-joiner → ae ە; the ZWNJ itself is removed and does not split
//     the word;
//   - heh doachashmee ھ → heh ه; reh with small v above ڒ and word-initial
//     reh ر → rreh ڕ;
//   - tatweel, harakat (U+064B–U+065F, U+0670) and format characters
//     (direction marks U+200E, U+200F, U+061C, ZWJ, BOM, soft hyphen…)
//     are removed;
//   - Arabic-Indic and Extended Arabic-Indic digits → ASCII digits.
//
// One folding for every language is chosen over a folding per document
// language because the query has no language: a reader typing Arabic
// letters on a Sorani site (ي for ی, ك for ک, ة or final ه for ە) must
// still find the word, and Arabic spelling varies the same way (ي/ى,
// ة/ه at the end of a word), so merging them helps Arabic search too. The
// cost is that an Arabic word ending in ه and one ending in ة meet, which
// Arabic search engines commonly accept. Unlike Lucene, the word-final
// rule applies after harakat are removed, so "ه" followed by a haraka is
// still final.
func Fold(s string) string { return strings.Join(Tokens(s), " ") }

// Arabic-script letters the folding reads or writes.
const (
	alef        = 'ا'
	heh         = 'ه'
	ae          = 'ە'
	reh         = 'ر'
	rreh        = 'ڕ'
	zwnj        = '\u200c'
	hehFinalLen = len(string(heh))
)

// latinFold maps U+00C0–U+024F (Latin-1 Supplement, Latin Extended-A and
// -B), then U+1E00–U+1EFF (Latin Extended Additional), to their base
// letters, one byte each; a digit d stands for the two letters at 2d in
// latinPairs, and '-' marks a rune kept as it is: the two signs (× ÷)
// that are not letters, and past Extended-A a letter that Unicode does
// not decompose into a letter and marks (ƀ, ǆ). So "ș", "ǎ" and "ệ",
// written as one character, fold as they do written as a letter and
// combining marks.
const latinPairs = "aethssijoe"

const latinFold = "aaaaaa0ceeeeiiii" + "dnooooo-ouuuuy12" +
	"aaaaaa0ceeeeiiii" + "dnooooo-ouuuuy1y" +
	"aaaaaa" + "cccccccc" + "dddd" + "eeeeeeeeee" + "gggggggg" + "hhhh" +
	"iiiiiiiiii" + "33" + "jj" + "kkk" + "llllllllll" + "nnnnnnnnn" + "oooooo" +
	"44" + "rrrrrr" + "ssssssss" + "tttttt" + "uuuuuuuuuuuu" + "ww" + "yyy" +
	"zzzzzz" + "s" +
	"--------------------------------" +
	"oo-------------uu---------------" +
	"-------------aaiioouuuuuuuuuu-aa" +
	"aa00--ggkkoooo--j---gg--nnaa00oo" +
	"aaaaeeeeiiiioooorrrruuuusstt--hh" +
	"------aaeeooooooooyy------------" +
	"----------------" +
	"aabbbbbbccddddddddddeeeeeeeeeeff" +
	"gghhhhhhhhhhiiiikkkkkkllllllllmm" +
	"mmmmnnnnnnnnoooooooopppprrrrrrrr" +
	"ssssssssssttttttttuuuuuuuuuuvvvv" +
	"wwwwwwwwwwxxxxyyzzzzzzhtwy-s----" +
	"aaaaaaaaaaaaaaaaaaaaaaaaeeeeeeee" +
	"eeeeeeeeiiiioooooooooooooooooooo" +
	"oooouuuuuuuuuuuuuuyyyyyyyy------"

// asciiClass is, for each ASCII byte, its folded form, or 0 when it
// separates words.
const asciiClass = "" +
	"\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00" +
	"\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00" +
	"\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00" +
	"0123456789\x00\x00\x00\x00\x00\x00" +
	"\x00abcdefghijklmno" +
	"pqrstuvwxyz\x00\x00\x00\x00\x00" +
	"\x00abcdefghijklmno" +
	"pqrstuvwxyz\x00\x00\x00\x00\x00"

// scan calls emit for each word of s with its byte range in s and its
// folded form, which is valid only during the call.
func scan(s string, emit func(start, end int, folded []byte)) {
	t := tokenizer{s: s}
	for {
		start, end, w, ok := t.next()
		if !ok {
			return
		}
		emit(start, end, w)
	}
}

// tokenizer reads the words of a text one at a time.
type tokenizer struct {
	s    string
	i    int
	word []byte
}

// byteView is a []byte as it is laid out in memory. The tokenizer makes
// one to view a string's bytes, never written: unsafe.Slice's run-time
// checks, and slicing the string, cost app.wasm 500 bytes more.
type byteView struct {
	p        unsafe.Pointer
	len, cap int
}

// reset starts reading s, keeping the scratch space.
func (t *tokenizer) reset(s string) { t.s, t.i = s, 0 }

// next returns the next word's byte range in the text and its folded
// form, valid until the next call and never to be changed (it may be the
// text's own bytes); ok is false at the end.
func (t *tokenizer) next() (start, end int, folded []byte, ok bool) {
	s, i := t.s, t.i
	for i < len(s) {
		word := t.word[:0]
		start = -1
	word:
		for uint(i) < uint(len(s)) { // uint: no bounds check on s[i]
			c := s[i]
			var r rune
			n, isWord, kept := 1, false, true // kept: copied as it is, ASCII lower-cased
			switch {
			case c < utf8.RuneSelf:
				isWord = asciiClass[c] != 0
			case c >= 0xd8 && c <= 0xdb && i+1 < len(s) && s[i+1]&0xc0 == 0x80:
				// The Arabic block, U+0600–U+06FF: Arabic and Sorani
				// text is made of it, so its classes come from bitmaps,
				// not Unicode's tables, and a letter that folding
				// leaves alone is copied as it is.
				k := uint(c&3)<<6 | uint(s[i+1]&0x3f)
				r, n = 0x600+rune(k), 2
				isWord = arabicWord[k/64]&(1<<(k%64)) != 0
				kept = arabicFolded[k/64]&(1<<(k%64)) == 0
			default:
				r, n = utf8.DecodeRuneInString(s[i:])
				isWord, kept = isWordRune(r), false
			}
			if !isWord {
				if start >= 0 {
					break word
				}
				i += n
				continue
			}
			if start < 0 {
				start = i
			}
			if !kept {
				word = foldRune(word, r)
				i += n
				continue
			}
			j := i + n
			lower := false
			if c < utf8.RuneSelf {
				// The run of ASCII letters and digits, copied at once
				// (j compared as uint: no bounds check on s[j]).
				lower = c >= 'a' || c <= '9'
				for uint(j) < uint(len(s)) && s[j] < utf8.RuneSelf && asciiClass[s[j]] != 0 {
					lower = lower && (s[j] >= 'a' || s[j] <= '9')
					j++
				}
			}
			// s's bytes i to j, kept as they are (0 < j-i, j <= len(s)): a
			// view, as s[i:j] cost bounds checks.
			view := *(*[]byte)(unsafe.Pointer(&byteView{unsafe.Add(unsafe.Pointer(unsafe.StringData(s)), i), j - i, j - i}))
			if lower && len(word) == 0 && (uint(j) >= uint(len(s)) || s[j] < utf8.RuneSelf) && j-i <= MaxTokenBytes {
				// A whole word that folding leaves as it is: no copy.
				t.i = afterPossessive(s, j)
				return i, j, view, true
			}
			at := len(word)
			word = append(word, view...)
			for k := at; k < len(word); k++ { // an Arabic letter's bytes are all above 'Z'
				if word[k]-'A' < 26 {
					word[k] += 'a' - 'A'
				}
			}
			i = j
		}
		t.word = word
		if start < 0 || len(word) == 0 {
			continue // only separators, or only characters folding removes
		}
		t.i = afterPossessive(s, i)
		word = stripArticle(finalHeh(word))
		if len(word) > MaxTokenBytes {
			word = cut(word, MaxTokenBytes)
		}
		return start, i, word, true
	}
	t.i = i
	return 0, 0, nil, false
}

// afterPossessive returns where the text goes on after a word that ends
// at i: past an English possessive's "'s" or "’s" ("council's"), which
// would otherwise be a word "s" of its own, and which a query's last word
// ("council's") would then need as the start of some word of the text.
// A word that goes on after the "s" ("O'Sullivan") is not a possessive.
func afterPossessive(s string, i int) int {
	rest := s[i:]
	switch {
	case strings.HasPrefix(rest, "'"):
		rest = rest[1:]
	case strings.HasPrefix(rest, "\u2019"):
		rest = rest[len("\u2019"):]
	default:
		return i
	}
	if rest == "" || rest[0]|0x20 != 's' {
		return i
	}
	// The end of the text decodes as utf8.RuneError, no word rune.
	if r, _ := utf8.DecodeRuneInString(rest[1:]); isWordRune(r) {
		return i
	}
	return len(s) - len(rest) + 1
}

// arabicWord has a bit for each rune of U+0600–U+06FF that isWordRune
// takes for part of a word, and arabicFolded one for each that foldRune
// changes (reh only at a word's start); TestArabicBitmaps keeps them
// equal to what the two functions say.
var (
	arabicWord   = [4]uint64{0xffffffff17ff003f, 0xffffc3ffffffffff, 0xffffffffffffffff, 0x9ffffdffbfefffff}
	arabicFolded = [4]uint64{0x0002022c10000000, 0x000303fffffffe09, 0x4000000000040000, 0x03ff000000000000}
)

// isWordRune tells whether r belongs to a word: letters, digits, marks,
// and the format characters (ZWNJ, direction marks) that may sit inside
// one.
func isWordRune(r rune) bool {
	if r == '\u200b' { // zero width space: a word break
		return false
	}
	return unicode.In(r, unicode.L, unicode.Nd, unicode.M, unicode.Cf)
}

// foldRune appends the folded form of the word rune r (not ASCII) to word.
// Each case settles the bytes it folds to and one append writes them (each
// append is a few hundred bytes of app.wasm).
func foldRune(word []byte, r rune) []byte {
	var buf [utf8.UTFMax]byte
	n := 0 // the bytes in buf, when not r's
	switch {
	case r >= 0x0600 && r <= 0x06ff: // the Arabic block
		switch {
		case r == 'أ' || r == 'إ' || r == 'آ' || r == 'ٱ':
			r = alef
		case r == 'ي' || r == 'ى':
			r = 'ی'
		case r == 'ك':
			r = 'ک'
		case r == 'ة':
			r = ae
		case r == 'ھ':
			r = heh
		case r == 'ڒ':
			r = rreh
		case r == reh && len(word) == 0:
			r = rreh
		case r == 'ـ' || r >= 0x064b && r <= 0x065f || r == 0x0670 || r == 0x061c:
			return word
		case r >= '٠' && r <= '٩':
			r = '0' + r - '٠'
		case r >= '۰' && r <= '۹':
			r = '0' + r - '۰'
		}
	case r == zwnj:
		// Lucene: a heh before a ZWNJ is the vowel ae; the ZWNJ goes.
		k := len(word) - hehFinalLen
		if k < 0 || string(word[k:]) != string(heh) {
			return word
		}
		word, r = word[:k], ae
	case r >= 0x0300 && r <= 0x036f, unicode.Is(unicode.Cf, r):
		return word
	default:
		r = unicode.ToLower(r)
		i := -1
		switch {
		case r >= 0xc0 && r <= 0x24f:
			i = int(r - 0xc0)
		case r >= 0x1e00 && r <= 0x1eff:
			i = int(r-0x1e00) + 0x250 - 0xc0
		}
		if uint(i) < uint(len(latinFold)) { // i >= 0, spelt so as to spare a bounds check
			switch f := latinFold[i]; {
			case f >= 'a':
				r = rune(f)
			case f >= '0':
				j := int(f-'0') * 2
				buf[0], buf[1], n = latinPairs[j], latinPairs[j+1], 2
			}
		}
	}
	if n == 0 {
		n = utf8.EncodeRune(buf[:], r)
	}
	return append(word, buf[:n]...)
}

// finalHeh turns a word-final heh into ae, in place: both are two bytes,
// and an append would cost app.wasm a few hundred bytes more.
func finalHeh(word []byte) []byte {
	if n := len(word); n >= hehFinalLen && string(word[n-hehFinalLen:]) == string(heh) {
		copy(word[n-hehFinalLen:], string(ae))
	}
	return word
}

// articles are the Arabic definite article and the particles written
// joined to it, folded (كال is کال), the longer first: a word's own form
// starts after them, so that "المقال", "بالمقال", "للمقال" and "مقال"
// meet, as Lucene's ArabicStemmer strips them. A word keeps them when
// fewer than two letters would be left ("الف", "بالغ").
var articles = [...]string{"وال", "بال", "کال", "فال", "لل", "ال"}

// stripArticle returns a folded word without its article (see articles).
// The word's new first letter is word-initial: a reh there is rreh, as
// Fold makes it at the start of a word ("الرئيس" meets "رئيس").
func stripArticle(word []byte) []byte {
	for _, a := range articles {
		// Two letters or more after it: more than 2 bytes, as every
		// letter of the Arabic block is 2 (a digit, 1, is folded ASCII).
		// (Written so, the compiler sees word[:len(a)] in bounds.)
		if len(word)-2 > len(a) && string(word[:len(a)]) == a {
			rest := word[len(a):]
			if string(rest) == "لە" {
				// الله (and والله, بالله...) stays whole as اللە: "له"
				// (to him) and the Sorani "لە" (in) are common words.
				return word[len(a)-len("ال"):]
			}
			if rest[0] == 0xd8 && rest[1] == 0xb1 { // reh → rreh
				rest[0], rest[1] = 0xda, 0x95
			}
			return rest
		}
	}
	return word
}

// articleRest returns the letter after an article (see articles) when a
// folded word is an article and one letter, such as "الز", which the
// index keeps whole; "" for any other word. A query's last word "الز",
// the start of "الزيلان" (which the index holds as "زيلان"), also matches
// as that letter, as it starts a word stripArticle leaves (match).
func articleRest(word string) string {
	for _, a := range articles {
		if len(word)-2 != len(a) || word[:len(a)] != a {
			continue
		}
		rest := word[len(word)-2:]
		if rest[0]-0xd8 > 3 || rest[1]&0xc0 != 0x80 {
			// Not one rune of the Arabic block, U+0600–U+06FF (a digit
			// and a Latin letter are 1 byte: no Arabic letter).
			return ""
		}
		switch rest {
		case "ر":
			return "ڕ" // word-initial reh, as stripArticle makes it
		case "ە":
			return "ه" // a heh the word ended on ("اله"), which starts words
		}
		return rest
	}
	return ""
}

// prefixAlt returns what a query's last word, folded as word, also
// matches as when it is a prefix, or "":
//   - for an article and one letter, that letter (articleRest);
//   - for a query typed ending in heh (ه, or ھ; harakat or a tatweel
//     after it fold away), whose last word folding made end in the final
//     ae ە (finalHeh), the word with its heh: typed so far, "ريبريه" is
//     also the start of "ريبريهين", whose heh is not final.
func prefixAlt(word, query string) string {
	if r := articleRest(word); r != "" {
		return r
	}
	var r rune // the query's last rune but those folding removes
	for {
		var size int
		r, size = utf8.DecodeLastRuneInString(query)
		if size == 0 || !(r == ' ' || r == 'ـ' || r >= 0x64b && r <= 0x65f || r == 0x670) {
			break
		}
		query = query[:len(query)-size]
	}
	if n := len(word) - len(string(ae)); n >= 0 && word[n:] == string(ae) && (r == heh || r == 'ھ') {
		return word[:n] + string(heh)
	}
	return ""
}

// cut shortens b to at most n bytes at a rune boundary.
func cut(b []byte, n int) []byte {
	for n > 0 && !utf8.RuneStart(b[n]) {
		n--
	}
	return b[:n]
}
