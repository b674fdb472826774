package i18n

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"dateline/app/article"
	"dateline/app/jsonread"
)

// MaxLabelLength bounds a label's text, in characters.
const MaxLabelLength = 400

// Validate checks the labels of an edition in language lang (its
// site.lang), as its dataset gives them. Problems stop the dataset: an
// unknown key, a plural form the language does not use, an empty text, a
// control character, a text too long, a placeholder of the English text
// left out or one it does not have, a "digits" other than "latn" or
// "arab", a "number.group" that is not one mark. Warnings do not: a key
// the edition does not give, whose English text readers then see. Each
// fault's pointer is relative to the site object, such as
// "/labels/list.tagged".
func Validate(lang string, labels map[string]string) (problems, warnings []article.Fault) {
	if lang == "" {
		lang = article.DefaultLang
	}
	var given []string
	for k := range labels {
		given = append(given, k)
	}
	slices.Sort(given)
	for _, k := range given {
		if f, ok := checkLabel(lang, k, labels[k]); !ok {
			problems = append(problems, f)
		}
	}
	if primary, _ := splitTag(lang); primary != "en" {
		warnings = missing(lang, labels)
	}
	return problems, warnings
}

// checkLabel checks one label; ok is false with the fault it has.
func checkLabel(lang, key, text string) (f article.Fault, ok bool) {
	f.Pointer = "/labels/" + jsonread.PointerToken(key)
	bad := func(msg, hint string) (article.Fault, bool) {
		f.Message, f.Hint = msg, hint
		return f, false
	}
	if key == DigitsSetting {
		if d := Digits(text); d == LatinDigits || d == ArabicDigits {
			return f, true
		}
		return bad(fmt.Sprintf("digits %q is neither %q nor %q", text, LatinDigits, ArabicDigits),
			fmt.Sprintf(`use "arab" for ٠١٢٣, "latn" for 0123, or remove it for the language's own (%s for %q)`, DefaultDigits(lang), lang))
	}
	if key == GroupSetting {
		if r, size := utf8.DecodeRuneInString(text); text == "" || size == len(text) && !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.IsControl(r) && r != utf8.RuneError {
			return f, true
		}
		return bad(fmt.Sprintf("number.group %q is not one mark between groups of thousands", text),
			`use one character that is neither a letter nor a digit, such as ",", ".", "٬" or a narrow no-break space, or "" for no grouping`)
	}
	en, known := tables().english[Key(key)]
	base, cat, _ := cutLast(key)
	count, isPlural := tables().counts[Key(base)]
	switch {
	case isPlural && slices.Contains(allCategories, Category(cat)):
		if cats := Categories(lang); cats != nil && !slices.Contains(cats, Category(cat)) {
			return bad(fmt.Sprintf("label %q is a %q form, which %q does not use", key, cat, lang),
				fmt.Sprintf("remove it: numbers in %q take the forms %s", lang, joinCategories(base, cats)))
		}
		en = tables().english[Key(base)+".other"]
		if cat != string(Zero) && cat != string(One) && cat != string(Two) {
			count = "" // only these forms may spell the number out
		}
	case !known:
		hint := "remove it, or correct it to one of the keys Dateline knows"
		switch near := nearestKey(key); {
		case near == DigitsSetting:
			hint = fmt.Sprintf(`did you mean %q ("latn" or "arab")?`, near)
		case near != "":
			hint = fmt.Sprintf("did you mean %q? Its English text is %q", near, tables().english[Key(near)])
		}
		return bad(fmt.Sprintf("unknown label %q", key), hint)
	default:
		count = ""
	}
	if msg, hint := textFault(text); msg != "" {
		return bad(fmt.Sprintf("label %q: %s", key, msg), hint)
	}
	want, have := placeholders(en), placeholders(text)
	for _, p := range want {
		if !slices.Contains(have, p) && p != count {
			return bad(fmt.Sprintf("label %q lacks {%s}, which the English %q has", key, p, en),
				fmt.Sprintf("write {%s} where its value goes: without it, readers never see the value", p))
		}
	}
	for _, p := range have {
		if !slices.Contains(want, p) {
			return bad(fmt.Sprintf("label %q has {%s}, which nothing fills", key, p),
				fmt.Sprintf("use only the placeholders of the English %q: %s", en, braced(want)))
		}
	}
	return f, true
}

// missing warns of the keys an edition does not give.
func missing(lang string, labels map[string]string) []article.Fault {
	texts := 0
	for k := range labels {
		if k != DigitsSetting {
			texts++
		}
	}
	if texts == 0 {
		return []article.Fault{{
			Pointer: "/labels",
			Message: fmt.Sprintf("the edition is in %q but gives no labels: readers see every text of the interface in English", lang),
			Hint:    fmt.Sprintf(`add "labels" to "site": an object of %d texts in %q, from "nav.skip" ("Skip to content") on`, len(tables().keys), lang),
		}}
	}
	var out []article.Fault
	cats := Categories(lang)
	if cats == nil {
		cats = []Category{Other}
	}
	for _, k := range tables().keys {
		base, cat, _ := cutLast(string(k))
		if _, isPlural := tables().counts[Key(base)]; isPlural {
			if cat != string(Other) {
				continue // the forms lang uses are checked with other
			}
			for _, c := range cats {
				form := base + "." + string(c)
				if labels[form] != "" {
					continue
				}
				fallback := fmt.Sprintf("the %q form", base+".other")
				if labels[base+".other"] == "" || c == Other {
					fallback = fmt.Sprintf("English (%q)", tables().english[Key(base)+".other"])
				}
				out = append(out, article.Fault{
					Pointer: "/labels/" + jsonread.PointerToken(form),
					Message: fmt.Sprintf("no label %q: where a number calls for the %q form, readers see %s", form, c, fallback),
					Hint:    fmt.Sprintf("add %q, the text for such numbers in %q", form, lang),
				})
			}
			continue
		}
		if labels[string(k)] == "" {
			out = append(out, article.Fault{
				Pointer: "/labels/" + jsonread.PointerToken(string(k)),
				Message: fmt.Sprintf("no label %q: readers see the English %q", k, tables().english[k]),
				Hint:    fmt.Sprintf("add %q with its text in %q", k, lang),
			})
		}
	}
	return out
}

// textFault says what keeps s from being a label's text.
func textFault(s string) (msg, hint string) {
	if strings.TrimSpace(s) == "" {
		return "the text is empty", "give the text, or remove the key to show the English one"
	}
	if n := utf8.RuneCountInString(s); n > MaxLabelLength {
		return fmt.Sprintf("the text is %d characters long, more than %d", n, MaxLabelLength), "shorten it"
	}
	for _, r := range s {
		switch {
		case r == utf8.RuneError:
			return "the text holds U+FFFD, the replacement for a character that was lost", "find the character the text was meant to have"
		case unicode.IsControl(r):
			return fmt.Sprintf("the text holds the control character %U", r), "remove it"
		case article.IsNoncharacter(r):
			return fmt.Sprintf("the text holds the noncharacter %U, which a web page may not hold", r), "remove it"
		}
	}
	return "", ""
}

// placeholders lists the names of the {placeholders} of s, each once.
func placeholders(s string) []string {
	var out []string
	for {
		name, open, end := nextPlaceholder(s)
		if open < 0 {
			return out
		}
		if !slices.Contains(out, name) {
			out = append(out, name)
		}
		s = s[end:]
	}
}

// braced writes names as "{a}, {b}", or "none".
func braced(names []string) string {
	if len(names) == 0 {
		return "none"
	}
	return "{" + strings.Join(names, "}, {") + "}"
}

// joinCategories writes the keys of a plural key's forms.
func joinCategories(base string, cats []Category) string {
	var s []string
	for _, c := range cats {
		s = append(s, fmt.Sprintf("%q", base+"."+string(c)))
	}
	return strings.Join(s, ", ")
}

// cutLast splits a key at its last dot.
func cutLast(key string) (before, after string, found bool) {
	if i := strings.LastIndexByte(key, '.'); i >= 0 {
		return key[:i], key[i+1:], true
	}
	return key, "", false
}

// nearestKey returns the known key closest to an unknown one, if one is
// within three edits of it.
func nearestKey(key string) string {
	best, bestDist := "", 4
	if d := jsonread.Distance(key, DigitsSetting); d < bestDist {
		best, bestDist = DigitsSetting, d
	}
	for _, k := range tables().keys {
		if d := jsonread.Distance(key, string(k)); d < bestDist {
			best, bestDist = string(k), d
		}
	}
	return best
}
