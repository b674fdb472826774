// Package i18n holds the words, dates and numbers of Dateline's interface
// in the language of an edition.
//
// Every label a reader sees has a Key and an English text built into the
// package (keys.go). An edition in another language gives its own texts in
// its dataset, as the "labels" object of "site" (key to text); a key it
// does not give falls back to English. Nothing but English is written here:
// translations are the newsroom's, checked by Validate before they are
// served.
//
// A Table resolves keys for one edition, fills their {placeholders} with
// plain text (the result is set as a text node, never parsed as markup),
// picks a plural form by the CLDR rules of the edition's language, and
// writes numbers and dates with the edition's digits and month names.
//
// The package is compiled into app.wasm and imports only the standard
// library and the model.
package i18n

import (
	"strconv"
	"strings"

	"dateline/app/article"
)

// Table is the interface's texts for one edition: its labels over the
// English ones, its digits and its plural rule. The zero Table is not
// usable; make one with New.
type Table struct {
	lang   string
	labels map[string]string
	rtl    bool // the edition is written right to left
	// isolate: English fallback text is isolated (raw); not in plain's.
	isolate bool
	plain   *Table
	digits  Digits
	group   string // between groups of thousands; "" for none
	plural  func(int) Category
}

// New returns the table of an edition in language lang (DefaultLang when
// empty) with its labels, which may be nil. The "digits" label, "latn" or
// "arab", chooses the digits; without it the language's default is used.
// The table keeps labels: do not change the map afterwards.
func New(lang string, labels map[string]string) *Table {
	if lang == "" {
		lang = article.DefaultLang
	}
	t := &Table{lang: lang, labels: labels, rtl: article.Dir(lang) == "rtl", digits: DefaultDigits(lang)}
	if d := Digits(labels[DigitsSetting]); d == LatinDigits || d == ArabicDigits {
		t.digits = d
	}
	t.group = ","
	if t.digits == ArabicDigits {
		t.group = "٬"
	}
	if g, ok := labels[GroupSetting]; ok {
		t.group = g
	}
	primary, _ := splitTag(lang)
	if t.plural, _ = pluralRule(primary); t.plural == nil {
		t.plural = onePlural
	}
	t.plain = t
	if t.rtl {
		t.isolate = true
		p := *t
		p.isolate, p.plain = false, &p
		t.plain = &p
	}
	return t
}

// Plain returns the table for text that is not laid out in the page: a
// document's title, a description, an aria-label, a feed's titles. Its
// English fallback is not isolated (raw): U+2068 and U+2069 would go on
// into bookmarks, shared titles and what a screen reader reads, where
// they lay out nothing.
func (t *Table) Plain() *Table { return t.plain }

// Lang returns the edition's language tag.
func (t *Table) Lang() string { return t.lang }

// Dir returns "rtl" or "ltr", the direction of the edition's language.
func (t *Table) Dir() string {
	if t.rtl {
		return "rtl"
	}
	return "ltr"
}

// Digits returns the digits the edition writes numbers with.
func (t *Table) Digits() Digits { return t.digits }

// Number writes a whole number in the edition's digits, its thousands
// grouped with the edition's mark (GroupSetting): "12,345", "١٢٬٣٤٥".
func (t *Table) Number(n int) string {
	s := strconv.Itoa(n)
	if t.group != "" && (n >= 1000 || n <= -1000) {
		s = groupThousands(s, t.group)
	}
	return t.digits.Convert(s)
}

// groupThousands puts sep between the groups of three digits of s, a
// whole number in ASCII digits: "12345" gives "12,345".
func groupThousands(s, sep string) string {
	b := make([]byte, 0, len(s)+len(s)/3*len(sep))
	if s[0] == '-' {
		b = append(b, '-')
		s = s[1:]
	}
	for i := 0; i < len(s); i++ {
		if i > 0 && (len(s)-i)%3 == 0 {
			b = append(b, sep...)
		}
		b = append(b, s[i])
	}
	return string(b)
}

// Text returns the label of key k with its placeholders filled: args are
// name, value pairs, as in Text(ListTagged, "tag", name). Values are plain
// text and are not searched for placeholders in turn; a placeholder
// without a value is left as it is.
func (t *Table) Text(k Key, args ...string) string {
	return fill(t.raw(k), args)
}

// Around returns the text of key k before and after its placeholder
// {name}, the other placeholders filled from args, for a value that is an
// element rather than text, as the <time> of "Updated {date}". Without
// that placeholder, the whole text comes before.
func (t *Table) Around(k Key, name string, args ...string) (before, after string) {
	return around(t.raw(k), name, args)
}

// PluralAround is Around for the form of plural key k that n calls for,
// its number filled in as by Plural.
func (t *Table) PluralAround(k Key, n int, name string, args ...string) (before, after string) {
	form, args := t.pluralForm(k, n, args)
	return around(form, name, args)
}

func around(template, name string, args []string) (before, after string) {
	for rest, at := template, 0; ; {
		found, open, end := nextPlaceholder(rest)
		if open < 0 {
			return fill(template, args), ""
		}
		if found == name {
			return fill(template[:at+open], args), fill(template[at+end:], args)
		}
		rest, at = rest[end:], at+end
	}
}

// Plural returns the form of plural key k that n calls for in the
// edition's language, with the key's number placeholder filled with n in
// the edition's digits and the others from args, as in Text. A form the
// edition does not give falls back to its "other" form, then to English.
func (t *Table) Plural(k Key, n int, args ...string) string {
	return fill(t.pluralForm(k, n, args))
}

// pluralForm returns the template of the form of plural key k for n, and
// args with its number's placeholder and value first.
func (t *Table) pluralForm(k Key, n int, args []string) (string, []string) {
	args = append([]string{tables().counts[k], t.Number(n)}, args...)
	form := t.labels[string(k)+"."+string(t.plural(n))]
	if form == "" {
		form = t.labels[string(k)+".other"]
	}
	if form == "" {
		form = t.raw(k + "." + Key(onePlural(n)))
	}
	return form, args
}

// List joins names as "A", "A and B", "A, B and C", with the edition's
// joiners.
func (t *Table) List(names []string) string {
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	comma, last := t.raw(JoinComma), t.raw(JoinLast)
	var b strings.Builder
	for i, n := range names {
		switch {
		case i == len(names)-1:
			b.WriteString(last)
		case i > 0:
			b.WriteString(comma)
		}
		b.WriteString(n)
	}
	return b.String()
}

// FormatDate writes a date of the dataset ("2006-01-02" or RFC 3339) for
// readers, "7 December 2021" in English, with the edition's pattern, month
// names and digits. Other text is returned as it is. The machine form
// stays the caller's, for <time datetime>.
func (t *Table) FormatDate(s string) string {
	d, ok := article.ParseDate(s)
	if !ok {
		return s
	}
	// A year is not a count: "2021", never "2,021".
	return t.Text(DatePattern,
		"day", t.digits.Number(d.Day()),
		"month", t.raw(months[d.Month()-1]),
		"year", t.digits.Number(d.Year()))
}

// Months returns the edition's month names, January first, as FormatDate
// writes them.
func (t *Table) Months() []string {
	names := make([]string, len(months))
	for i, k := range months {
		names[i] = t.raw(k)
	}
	return names
}

// raw returns the edition's text of k, or the English one. In a
// right-to-left edition the English text is isolated (U+2068 FIRST STRONG
// ISOLATE … U+2069 POP DIRECTIONAL ISOLATE), as <bdi> isolates markup:
// laid out on its own, its final period stays at its end rather than
// moving to the line's left, and a template's values keep their order (a
// title and a site name in Arabic script make "{title} – {site}" right to
// left).
func (t *Table) raw(k Key) string {
	if s := t.labels[string(k)]; s != "" {
		return s
	}
	s, ok := tables().english[k]
	if !ok {
		return string(k)
	}
	if t.isolate {
		return "\u2068" + s + "\u2069"
	}
	return s
}

// fill replaces each {name} of template whose name args gives (name,
// value pairs) with its value, in one pass.
func fill(template string, args []string) string {
	if len(args) < 2 || !strings.Contains(template, "{") {
		return template
	}
	var b strings.Builder
	for {
		name, open, end := nextPlaceholder(template)
		if open < 0 {
			break
		}
		b.WriteString(template[:open])
		if v, ok := lookup(args, name); ok {
			b.WriteString(closeBidi(v))
		} else {
			b.WriteString(template[open:end])
		}
		template = template[end:]
	}
	b.WriteString(template)
	return b.String()
}

// nextPlaceholder finds the first {name} in s, name being lower-case
// ASCII letters and underscores: it returns the name and where the
// placeholder starts and ends, or open -1. Other braces are text.
func nextPlaceholder(s string) (name string, open, end int) {
	for from := 0; ; {
		i := strings.IndexByte(s[from:], '{')
		if i < 0 {
			return "", -1, -1
		}
		open = from + i
		j := open + 1
		for j < len(s) && (s[j] >= 'a' && s[j] <= 'z' || s[j] == '_') {
			j++
		}
		if j > open+1 && j < len(s) && s[j] == '}' {
			return s[open+1 : j], open, j + 1
		}
		from = open + 1
	}
}

// closeBidi closes the explicit bidirectional formatting that s opens
// and leaves open (embeddings and overrides, U+202A to U+202E, closed by
// U+202C; isolates, U+2066 to U+2068, closed by U+2069), so that a value
// cannot reach into the text after it: a headline holding an unclosed
// U+202E RIGHT-TO-LEFT OVERRIDE would reverse the site's name after it in
// the page's title, which has no element to contain it. A U+2069 closes
// its isolate and what was opened in it, as the bidi algorithm reads it.
func closeBidi(s string) string {
	if strings.IndexByte(s, 0xe2) < 0 { // the first byte of each, in UTF-8
		return s
	}
	var open []rune // the closer of each, innermost last
	for _, r := range s {
		switch r {
		case '\u202a', '\u202b', '\u202d', '\u202e':
			open = append(open, '\u202c')
		case '\u2066', '\u2067', '\u2068':
			open = append(open, '\u2069')
		case '\u202c':
			if n := len(open); n > 0 && open[n-1] == '\u202c' {
				open = open[:n-1]
			}
		case '\u2069':
			for n := len(open); n > 0; n-- {
				if open[n-1] == '\u2069' {
					open = open[:n-1]
					break
				}
			}
		}
	}
	for i := len(open) - 1; i >= 0; i-- {
		s += string(open[i])
	}
	return s
}

// lookup finds a value among name, value pairs.
func lookup(args []string, name string) (string, bool) {
	for i := 0; i+1 < len(args); i += 2 {
		if args[i] == name {
			return args[i+1], true
		}
	}
	return "", false
}

// splitTag returns the primary language subtag and the script subtag of a
// BCP 47 tag, both lower case; the script is "" when the tag has none.
func splitTag(lang string) (primary, script string) {
	lang = strings.ToLower(lang)
	for i, start := 0, 0; i <= len(lang); i++ {
		if i < len(lang) && lang[i] != '-' && lang[i] != '_' {
			continue
		}
		switch sub := lang[start:i]; {
		case start == 0:
			primary = sub
		case len(sub) == 4 && sub[0] >= 'a' && sub[0] <= 'z':
			return primary, sub
		}
		start = i + 1
	}
	return primary, ""
}
