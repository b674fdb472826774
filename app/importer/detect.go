package importer

import (
	"fmt"
	"slices"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"dateline/app/article"
)

// Letters that tell languages apart. Of Arabic, Persian and Sorani, only
// Sorani writes ە (U+06D5), ێ (U+06CE), ۆ (U+06C6), ڵ (U+06B5) and ڕ
// (U+0695); پ چ ژ گ ک ی are Persian's too, and ڤ is also written in Arabic
// for a v, so none of these counts. Of Arabic and Sorani, only Arabic
// writes ة ى أ إ ؤ: Sorani writes ە where Arabic writes ة, and a hamza
// only as ئ. In Latin script, ı İ ğ ö ü are Turkish and neither Kurmanji
// nor English; ê î û are Kurmanji (Turkish writes î û in a few borrowed
// words, ê never); ç ş are both.
const (
	soraniLetters   = "ەێۆڵڕ"
	arabicLetters   = "ةىأإؤ"
	turkishLetters  = "ıİğĞöÖüÜ"
	kurmanjiLetters = "êÊîÎûÛ"
	sharedLetters   = "çÇşŞ"
)

// DetectLang tells a story's language from its letters, and says why, in
// words the importer's user can check, such as "Sorani letters ێ, ە".
//
// The script most of the letters are in decides first. Arabic script is
// Sorani (ckb) when letters only Sorani writes outnumber those only Arabic
// writes, and Arabic (ar) otherwise. Latin script is English (en) unless
// Turkish and Kurmanji letters make at least 2 in 100 of its letters: a
// few names such as Erdoğan in English text do not, while in Turkish ı
// alone is about one letter in twenty, and ê and î are as common in
// Kurmanji. Then it is Turkish (tr)
// or Kurmanji (kmr), whichever has more letters of its own, and Turkish
// when only the letters both write (ç ş) are there. A text with no letter
// is English. Any other script gives "" and says which it is: a language
// the importer cannot tell needs to be given.
func DetectLang(text string) (lang, reason string) {
	text = norm.NFC.String(text)
	var latin, arabic, other int
	otherScript := ""
	count := map[rune]int{}
	for _, r := range text {
		switch {
		case !unicode.IsLetter(r):
		case unicode.Is(unicode.Latin, r):
			latin++
		case unicode.Is(unicode.Arabic, r):
			arabic++
		default:
			other++
			if otherScript == "" {
				otherScript = scriptName(r)
			}
		}
		if r >= 0x80 && strings.ContainsRune(soraniLetters+arabicLetters+turkishLetters+kurmanjiLetters+sharedLetters, r) {
			count[r]++
		}
	}
	switch {
	case latin+arabic+other == 0:
		return article.DefaultLang, "no letters: English, the default"
	case other > latin && other > arabic:
		return "", fmt.Sprintf("most letters are %s, neither Latin nor Arabic script", otherScript)
	case arabic > latin:
		return detectArabic(count)
	}
	return detectLatin(count, latin)
}

// detectArabic tells Sorani from Arabic.
func detectArabic(count map[rune]int) (lang, reason string) {
	sorani, soraniN := seen(count, soraniLetters)
	arabic, arabicN := seen(count, arabicLetters)
	switch {
	case soraniN > arabicN:
		return "ckb", "Sorani letters " + sorani
	case soraniN == 0:
		return "ar", "Arabic script without the letters only Sorani writes (" + spaced(soraniLetters) + ")"
	}
	return "ar", fmt.Sprintf("Arabic letters %s outnumber Sorani letters %s, %d to %d", arabic, sorani, arabicN, soraniN)
}

// detectLatin tells English, Turkish and Kurmanji apart.
func detectLatin(count map[rune]int, letters int) (lang, reason string) {
	turkish, turkishN := seen(count, turkishLetters)
	kurmanji, kurmanjiN := seen(count, kurmanjiLetters)
	shared, sharedN := seen(count, sharedLetters)
	marked := turkishN + kurmanjiN + sharedN
	switch {
	case marked == 0:
		return "en", "Latin script without Turkish or Kurmanji letters"
	case marked*50 < letters:
		all, _ := seen(count, turkishLetters+kurmanjiLetters+sharedLetters)
		return "en", fmt.Sprintf("Latin script with too few Turkish or Kurmanji letters (%s: %d of %d letters) to be either", all, marked, letters)
	case turkishN > kurmanjiN:
		return "tr", "Turkish letters " + turkish
	case kurmanjiN > turkishN:
		return "kmr", "Kurmanji letters " + kurmanji
	}
	return "tr", "only letters Turkish and Kurmanji share (" + shared + "): taken as Turkish; give the language if it is Kurmanji"
}

// seen lists which of letters count holds, most frequent first, and how
// many there are in all.
func seen(count map[rune]int, letters string) (list string, n int) {
	var found []rune
	for _, r := range letters {
		if count[r] > 0 {
			found = append(found, r)
			n += count[r]
		}
	}
	slices.SortStableFunc(found, func(a, b rune) int { return count[b] - count[a] })
	names := make([]string, len(found))
	for i, r := range found {
		names[i] = string(r)
	}
	return strings.Join(names, ", "), n
}

// spaced writes the letters of s with spaces between them.
func spaced(s string) string {
	return strings.Join(strings.Split(s, ""), " ")
}

// scriptName names the script of a letter that is neither Latin nor
// Arabic, for a message.
func scriptName(r rune) string {
	for _, s := range []struct {
		name  string
		table *unicode.RangeTable
	}{
		{"Cyrillic", unicode.Cyrillic}, {"Greek", unicode.Greek}, {"Hebrew", unicode.Hebrew},
		{"Armenian", unicode.Armenian}, {"Georgian", unicode.Georgian}, {"Syriac", unicode.Syriac},
		{"Devanagari", unicode.Devanagari}, {"Han", unicode.Han}, {"Hangul", unicode.Hangul},
	} {
		if unicode.Is(s.table, r) {
			return s.name
		}
	}
	return fmt.Sprintf("in another script (such as %q)", r)
}

// hasArabicLetters reports whether s holds a letter of the Arabic script.
func hasArabicLetters(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return unicode.Is(unicode.Arabic, r) && unicode.IsLetter(r) }) >= 0
}
