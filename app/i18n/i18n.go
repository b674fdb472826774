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
// marks the English text it falls back to (EnglishStart, EnglishEnd),
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
	// mark: English fallback text is marked (raw); not in plain's.
	mark   bool
	plain  *Table
	digits Digits
	group  string // between groups of thousands; "" for none
	plural func(int) Category
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
	if primary != "en" {
		t.mark = true
		p := *t
		p.mark, p.plain = false, &p
		t.plain = &p
	}
	return t
}

// EnglishStart and EnglishEnd enclose the English text that a Table of an
// edition in another language falls back to, for the writer of the page's
// markup to set in an element of its own, lang="en" dir="ltr": a screen
// reader then speaks it with an English voice (WCAG 3.1.2, language of
// parts), and it is laid out apart from the words around it (its final
// period stays at its end in a right-to-left line). They are the control
// characters SHIFT OUT and SHIFT IN, which neither a dataset's text nor an
// edition's label may hold (their Validate): only a Table writes them.
// Text that holds no markup (StripMarks) leaves them out.
const (
	EnglishStart = "\x0e"
	EnglishEnd   = "\x0f"
)

// StripMarks returns s without EnglishStart and EnglishEnd.
func StripMarks(s string) string {
	if strings.IndexByte(s, EnglishStart[0]) < 0 && strings.IndexByte(s, EnglishEnd[0]) < 0 {
		return s
	}
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if c := s[i]; c != EnglishStart[0] && c != EnglishEnd[0] {
			b = append(b, c)
		}
	}
	return string(b)
}

// Plain returns the table for text that holds no markup: a document's
// title, a description, an aria-label, a feed's titles. Its English
// fallback is not marked (raw); nothing can set it apart there.
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
			before, after = template[:at+open], template[at+end:]
			return fill(closeMarks(before), args), fill(reopenMarks(after), args)
		}
		rest, at = rest[end:], at+end
	}
}

// closeMarks ends the English text that s, the part of a template before
// a value, leaves open: the value between the parts is not the label's,
// and each part is written on its own ("By " then the names).
func closeMarks(s string) string {
	open := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case EnglishStart[0]:
			open++
		case EnglishEnd[0]:
			open--
		}
	}
	if open > 0 {
		s += strings.Repeat(EnglishEnd, open)
	}
	for strings.HasSuffix(s, EnglishStart+EnglishEnd) {
		s = s[:len(s)-2]
	}
	return s
}

// reopenMarks starts again the English text that s, the part of a
// template after a value, ends, and drops a mark around nothing.
func reopenMarks(s string) string {
	open, shut := 0, 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case EnglishStart[0]:
			open++
		case EnglishEnd[0]:
			if open > 0 {
				open--
			} else {
				shut++
			}
		}
	}
	if shut == 0 {
		return s
	}
	s = strings.Repeat(EnglishStart, shut) + s
	for strings.HasPrefix(s, EnglishStart+EnglishEnd) {
		s = s[2:]
	}
	return s
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
	// The pattern holds no words: where the edition gives its month's
	// name, the date is in the edition's language, whatever its pattern.
	month, pattern := t.raw(months[d.Month()-1]), t
	if !strings.HasPrefix(month, EnglishStart) {
		pattern = t.plain
	}
	// A year is not a count: "2021", never "2,021".
	return pattern.Text(DatePattern,
		"day", t.digits.Number(d.Day()),
		"month", month,
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

// raw returns the edition's text of k, or the English one, marked in an
// edition in another language (EnglishStart, EnglishEnd).
func (t *Table) raw(k Key) string {
	if s := t.labels[string(k)]; s != "" {
		return s
	}
	s, ok := tables().english[k]
	if !ok {
		return string(k)
	}
	if t.mark {
		return EnglishStart + s + EnglishEnd
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
// the page's title, which has no element to contain it (article.OpenBidi
// reads what is left open).
func closeBidi(s string) string {
	open := article.OpenBidi(s)
	for i := len(open) - 1; i >= 0; i-- {
		s += string(article.BidiCloser(open[i]))
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
