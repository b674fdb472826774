package importer

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Slug makes a URL-safe name from a headline in language lang:
// lower-case ASCII letters and digits, every other run of characters one
// hyphen, cut at a hyphen to at most MaxSlugLength characters. Latin
// letters lose their accents (é e, ş s, ê e, ı i, ğ g, ç c, ß ss);
// Arabic-script letters are transliterated (see arabicScript), Eastern
// Arabic digits become 0-9. It returns "" when nothing usable is left,
// as from a headline in a script it cannot transliterate: the story then
// needs a slug of its own.
func Slug(lang, headline string) string {
	var b strings.Builder
	hyphen := false
	for _, r := range romanize(lang, headline) {
		switch {
		case 'a' <= r && r <= 'z', '0' <= r && r <= '9':
		case 'A' <= r && r <= 'Z':
			r += 'a' - 'A'
		default:
			hyphen = b.Len() > 0
			continue
		}
		if hyphen {
			b.WriteByte('-')
			hyphen = false
		}
		b.WriteRune(r)
	}
	s := b.String()
	if len(s) > MaxSlugLength {
		if i := strings.LastIndexByte(s[:MaxSlugLength+1], '-'); i > 0 {
			s = s[:i]
		} else {
			s = s[:MaxSlugLength]
		}
	}
	return s
}

// arabicScript transliterates the letters of the Arabic script to ASCII,
// each with two spellings. ar follows ALA-LC romanization without its
// diacritics (th, j, kh, dh, sh, gh; ʿayn and hamza left out; ة as a, the
// vowel it ends a word with). ckb follows the Kurdish Latin (Hawar)
// alphabet of Celadet Bedirxan without its marks (ç c, ş s, ê e, î i,
// û u), letter for letter as the usual Sorani-Hawar correspondence table
// gives it: ج c, چ c, ژ j, خ x, ش s, ە e, ێ e, ۆ o, ڤ v, ڕ r, ڵ l; the
// letters Sorani writes only in Arabic words take their nearest Hawar
// letter (ث s, ذ z, ض z, غ x). و and ی/ي are written by romanize.
//
// Its limits: the short vowels Arabic script does not write (the i of
// Kurdistan, written کوردستان) cannot come back, so slugs are
// consonant-heavy ("kurdstan"); sun letters do not assimilate (الشمس
// gives "al-shms"); letters of other languages written in the script
// (Urdu, Uyghur...) are not in it and make a hyphen.
var arabicScript = map[rune]struct{ ar, ckb string }{
	'ا': {"a", "a"}, 'آ': {"a", "a"}, 'أ': {"a", "a"}, 'إ': {"i", "i"}, 'ٱ': {"a", "a"},
	'ء': {"", ""}, 'ؤ': {"u", "u"}, 'ئ': {"", ""},
	'ب': {"b", "b"}, 'پ': {"p", "p"}, 'ت': {"t", "t"}, 'ث': {"th", "s"},
	'ج': {"j", "c"}, 'چ': {"ch", "c"}, 'ح': {"h", "h"}, 'خ': {"kh", "x"},
	'د': {"d", "d"}, 'ذ': {"dh", "z"}, 'ر': {"r", "r"}, 'ڕ': {"r", "r"},
	'ز': {"z", "z"}, 'ژ': {"zh", "j"}, 'س': {"s", "s"}, 'ش': {"sh", "s"},
	'ص': {"s", "s"}, 'ض': {"d", "z"}, 'ط': {"t", "t"}, 'ظ': {"z", "z"},
	'ع': {"", ""}, 'غ': {"gh", "x"}, 'ف': {"f", "f"}, 'ڤ': {"v", "v"},
	'ق': {"q", "q"}, 'ك': {"k", "k"}, 'ک': {"k", "k"}, 'گ': {"g", "g"},
	'ل': {"l", "l"}, 'ڵ': {"l", "l"}, 'م': {"m", "m"}, 'ن': {"n", "n"},
	'ه': {"h", "h"}, 'ھ': {"h", "h"}, 'ە': {"e", "e"}, 'ة': {"a", "e"}, 'ۀ': {"e", "e"},
	'ۆ': {"o", "o"}, 'ێ': {"e", "e"}, 'ى': {"a", "i"},
	'و': {"u", "u"}, 'ی': {"i", "i"}, 'ي': {"i", "i"}, // vowels; consonants in romanize
}

// arabicVowels are the letters that write a vowel, next to which و and
// ی/ي are consonants (w, y).
const arabicVowels = "اآأإٱىەێۆة"

// latinFolds are Latin letters that Unicode does not decompose into an
// ASCII letter and a mark.
var latinFolds = map[rune]string{
	'ı': "i", 'ß': "ss", 'æ': "ae", 'Æ': "ae", 'ø': "o", 'Ø': "o", 'œ': "oe", 'Œ': "oe",
	'đ': "d", 'Đ': "d", 'ł': "l", 'Ł': "l", 'ħ': "h", 'Ħ': "h", 'þ': "th", 'Þ': "th", 'ð': "d", 'Ð': "d",
}

// soraniTable reports whether lang writes Arabic script the Sorani way.
func soraniTable(lang string) bool {
	tag := strings.ToLower(lang)
	return tag == "ckb" || strings.HasPrefix(tag, "ckb-") || strings.HasPrefix(tag, "ku-arab")
}

// romanize writes s in ASCII: Latin letters without their marks,
// Arabic-script letters transliterated, Eastern Arabic digits as 0-9, and
// a space for anything else. Compatibility forms (ligatures, Arabic
// presentation forms, full-width letters) are read as their letters;
// marks, tatweel, joiners and direction marks inside a word are dropped
// without breaking it.
func romanize(lang, s string) string {
	sorani := soraniTable(lang)
	arabicArticle := !sorani && strings.HasPrefix(strings.ToLower(lang), "ar")
	rs := []rune(norm.NFKC.String(s))
	var b strings.Builder
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		switch {
		case r < utf8.RuneSelf:
			b.WriteRune(r)
		case r >= '٠' && r <= '٩':
			b.WriteRune('0' + r - '٠')
		case r >= '۰' && r <= '۹':
			b.WriteRune('0' + r - '۰')
		case inWord(r):
		case arabicArticle && r == 'ا' && prevLetter(rs, i) == 0 && nextLetter(rs, i) == 'ل' && lettersAfter(rs, i) >= 4:
			b.WriteString("al ") // the article al-, as a word of its own
			i = nextLetterIndex(rs, i)
		case r == 'و' && nextLetter(rs, i) == 'و':
			b.WriteString("u") // وو is û
			i = nextLetterIndex(rs, i)
		case r == 'و' || r == 'ی' || r == 'ي':
			b.WriteString(semivowel(r, prevLetter(rs, i), nextLetter(rs, i)))
		default:
			b.WriteString(foldLetter(r, sorani))
		}
	}
	return b.String()
}

// foldLetter writes a letter other than ASCII in ASCII: transliterated
// from Arabic script, folded from Latin, or a space.
func foldLetter(r rune, sorani bool) string {
	if t, ok := arabicScript[r]; ok {
		if sorani {
			return t.ckb
		}
		return t.ar
	}
	if t, ok := latinFolds[r]; ok {
		return t
	}
	var b strings.Builder
	for _, p := range norm.NFD.String(string(r)) {
		switch {
		case unicode.Is(unicode.Mn, p):
		case p < utf8.RuneSelf:
			b.WriteRune(p)
		default:
			b.WriteByte(' ')
		}
	}
	return b.String()
}

// semivowel writes و or ی/ي: a consonant (w, y) next to a vowel letter or
// before one at the start of a word, a vowel (u, i) otherwise, as in
// هەولێر "hewler" and کورد "kurd".
func semivowel(r, prev, next rune) string {
	vowel := func(c rune) bool { return c != 0 && strings.ContainsRune(arabicVowels, c) }
	if vowel(prev) || vowel(next) {
		if r == 'و' {
			return "w"
		}
		return "y"
	}
	if r == 'و' {
		return "u"
	}
	return "i"
}

// inWord reports whether r is a character that stands inside a word
// without being a letter: a mark, tatweel, a joiner, a direction mark, or
// a soft hyphen or word joiner, which Word leaves in pasted text
// ("Coun\u00adcil" is "council", not "coun-cil").
func inWord(r rune) bool {
	return unicode.Is(unicode.Mn, r) || r == 'ـ' || r == '\u200c' || r == '\u200d' ||
		r == '\u200e' || r == '\u200f' || r == '\u061c' || r == '\u00ad' || r == '\u2060'
}

// prevLetter returns the letter before rs[i] in the same word, or 0.
func prevLetter(rs []rune, i int) rune {
	for j := i - 1; j >= 0; j-- {
		if !inWord(rs[j]) {
			if unicode.IsLetter(rs[j]) {
				return rs[j]
			}
			return 0
		}
	}
	return 0
}

// nextLetterIndex returns the index of the letter after rs[i] in the same
// word, or i.
func nextLetterIndex(rs []rune, i int) int {
	for j := i + 1; j < len(rs); j++ {
		if !inWord(rs[j]) {
			if unicode.IsLetter(rs[j]) {
				return j
			}
			return i
		}
	}
	return i
}

// nextLetter returns the letter after rs[i] in the same word, or 0.
func nextLetter(rs []rune, i int) rune {
	if j := nextLetterIndex(rs, i); j != i {
		return rs[j]
	}
	return 0
}

// lettersAfter counts the letters from rs[i] to the end of its word.
func lettersAfter(rs []rune, i int) int {
	n := 0
	for j := i; j < len(rs) && (unicode.IsLetter(rs[j]) || inWord(rs[j])); j++ {
		if unicode.IsLetter(rs[j]) {
			n++
		}
	}
	return n
}
