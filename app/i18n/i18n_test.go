package i18n

import (
	"testing"
)

// synthetic are labels of a made-up edition: bracketed stand-ins, never
// real translations.
var synthetic = map[string]string{
	"list.latest":    "[ckb] Latest articles",
	"list.tagged":    "[ckb] {tag} tagged",
	"list.page_of":   "[ckb] {pages}/{n}",
	"join.last":      " [and] ",
	"join.comma":     "[comma] ",
	"date.pattern":   "{year}/{month}/{day}",
	"date.month.12":  "[ckb] month twelve",
	"offline.saving": "[ckb] saving {percent}٪",
}

func TestText(t *testing.T) {
	en := New("", nil)
	ckb := New("ckb", synthetic)
	tests := []struct {
		scenario string
		table    *Table
		key      Key
		args     []string
		want     string
	}{
		{"English, no placeholder", en, ListLatest, nil, "Latest articles"},
		{"English with a value", en, ListTagged, []string{"tag", "Peshmerga"}, "Tagged Peshmerga"},
		{"edition's text", ckb, ListLatest, nil, "[ckb] Latest articles"},
		{"edition's order of placeholders", ckb, ListPageOf, []string{"n", "2", "pages", "9"}, "[ckb] 9/2"},
		{"edition without the key falls back to English, marked", ckb, ErrorRetry, nil, "\x0eTry again\x0f"},
		{"a left-to-right edition's fallback is marked too", New("fr", nil), ErrorRetry, nil, "\x0eTry again\x0f"},
		{"an English edition's text is not marked", New("en-GB", nil), ErrorRetry, nil, "Try again"},
		{"a marked fallback keeps its values inside", New("ar", nil), ListTagged, []string{"tag", "سياسة"}, "\x0eTagged سياسة\x0f"},
		{"plain text (a title, an aria-label) is not marked", New("ar", nil).Plain(), PageTitle, []string{"title", "اختبار", "site", "صحيفة"}, "اختبار · صحيفة"},
		{"plain text keeps the edition's own text", ckb.Plain(), ListLatest, nil, "[ckb] Latest articles"},
		{"a value is not searched for placeholders", en, ListTagged, []string{"tag", "{tag} {n}"}, "Tagged {tag} {n}"},
		{"markup in a value stays text", en, ListTagged, []string{"tag", "<b>x</b>"}, "Tagged <b>x</b>"},
		{"a placeholder without a value stays", en, ListPageOf, []string{"n", "2"}, "Page 2 of {pages}"},
		{"an odd argument is ignored", en, ListPageOf, []string{"n", "2", "pages"}, "Page 2 of {pages}"},
		{"several values", en, ListDescription, []string{"title", "Politics", "site", "Dateline"}, "Politics: the latest from Dateline."},
		{"an empty edition text falls back", New("ckb", map[string]string{"list.latest": ""}), ListLatest, nil, "\x0eLatest articles\x0f"},
		{"an unknown key shows itself", en, Key("no.such.key"), nil, "no.such.key"},
	}
	for _, tt := range tests {
		t.Run(tt.scenario, func(t *testing.T) {
			if got := tt.table.Text(tt.key, tt.args...); got != tt.want {
				t.Errorf("Text(%q, %q) = %q, want %q", tt.key, tt.args, got, tt.want)
			}
		})
	}
}

func TestAround(t *testing.T) {
	tests := []struct {
		scenario string
		table    *Table
		key      Key
		name     string
		before   string
		after    string
	}{
		{"English", New("en", nil), Updated, "date", "Updated ", ""},
		{"placeholder first", New("ckb", map[string]string{"article.updated": "{date} [ckb] updated"}), Updated, "date", "", " [ckb] updated"},
		{"other placeholders filled", New("en", nil), ListDescription, "site", "Politics: the latest from ", "."},
		{"no such placeholder", New("en", nil), ListLatest, "date", "Latest articles", ""},
		// Each part of a fallback is marked on its own, the value between
		// them being the page's, not the label's; a part with no text is
		// not marked.
		{"fallback: the part before marked, none after", New("ar", nil), Updated, "date", "\x0eUpdated \x0f", ""},
		{"fallback: both parts marked", New("ckb", nil), ListDescription, "site", "\x0ePolitics: the latest from \x0f", "\x0e.\x0f"},
		{"fallback: placeholder first", New("ar", nil), PageTitle, "title", "", "\x0e · {site}\x0f"},
	}
	for _, tt := range tests {
		t.Run(tt.scenario, func(t *testing.T) {
			before, after := tt.table.Around(tt.key, tt.name, "title", "Politics")
			if before != tt.before || after != tt.after {
				t.Errorf("Around(%q, %q) = %q, %q; want %q, %q", tt.key, tt.name, before, after, tt.before, tt.after)
			}
		})
	}
}

func TestFill(t *testing.T) {
	tests := []struct {
		scenario string
		template string
		want     string
	}{
		{"braces that are no placeholder", "{ x } {X} {} {a", "{ x } {X} {} {a"},
		{"a placeholder after a stray brace", "{{a}}", "{A}"},
		{"nested braces", "{b {a}", "{b A"},
		{"digits in a name are no placeholder", "{a1}", "{a1}"},
		{"underscore in a name", "{a_b}", "AB"},
		{"repeated", "{a}{a}", "AA"},
	}
	for _, tt := range tests {
		t.Run(tt.scenario, func(t *testing.T) {
			if got := fill(tt.template, []string{"a", "A", "a_b", "AB"}); got != tt.want {
				t.Errorf("fill(%q) = %q, want %q", tt.template, got, tt.want)
			}
		})
	}
}

// TestCloseBidi: a value put in a text closes what it opens of explicit
// bidi formatting, so that it cannot reverse the text after it.
func TestCloseBidi(t *testing.T) {
	tests := []struct {
		scenario, value, want string
	}{
		{"no formatting", "Headline", "Headline"},
		{"an override left open", "Head\u202eline", "Head\u202eline\u202c"},
		{"an override closed", "Head\u202eli\u202cne", "Head\u202eli\u202cne"},
		{"an isolate left open", "\u2068Head", "\u2068Head\u2069"},
		{"an embedding in an isolate, both open", "\u2067a\u202ab", "\u2067a\u202ab\u202c\u2069"},
		{"an isolate's end closes what opened in it", "\u2068a\u202bb\u2069c", "\u2068a\u202bb\u2069c"},
		{"a PDF does not close an isolate", "\u2066a\u202c", "\u2066a\u202c\u2069"},
		{"stray closers add nothing", "\u202ca\u2069", "\u202ca\u2069"},
		{"other characters starting with byte E2", "a – b “c”", "a – b “c”"},
	}
	for _, tt := range tests {
		t.Run(tt.scenario, func(t *testing.T) {
			got := New("en", nil).Text(PageTitle, "title", tt.value, "site", "Site")
			if want := tt.want + " · Site"; got != want {
				t.Errorf("the title of %q = %+q, want %+q", tt.value, got, want)
			}
		})
	}
}

func TestList(t *testing.T) {
	tests := []struct {
		scenario string
		table    *Table
		names    []string
		want     string
	}{
		{"none", New("en", nil), nil, ""},
		{"one", New("en", nil), []string{"A"}, "A"},
		{"two", New("en", nil), []string{"A", "B"}, "A and B"},
		{"three", New("en", nil), []string{"A", "B", "C"}, "A, B and C"},
		{"four, edition's joiners", New("ckb", synthetic), []string{"A", "B", "C", "D"}, "A[comma] B[comma] C [and] D"},
	}
	for _, tt := range tests {
		t.Run(tt.scenario, func(t *testing.T) {
			if got := tt.table.List(tt.names); got != tt.want {
				t.Errorf("List(%q) = %q, want %q", tt.names, got, tt.want)
			}
		})
	}
}

func TestFormatDate(t *testing.T) {
	tests := []struct {
		scenario string
		table    *Table
		date     string
		want     string
	}{
		{"English date", New("en", nil), "2021-12-07", "7 December 2021"},
		{"English RFC 3339 keeps its own day", New("en", nil), "2021-12-07T23:30:00-05:00", "7 December 2021"},
		{"the same as the model's", New("en", nil), "2006-01-02", "2 January 2006"},
		{"not a date", New("en", nil), "yesterday", "yesterday"},
		{"empty", New("en", nil), "", ""},
		{"edition's pattern, month and digits", New("ckb", synthetic), "2021-12-07", "٢٠٢١/[ckb] month twelve/٧"},
		{"edition's month missing: English month", New("ckb", synthetic), "2021-05-07", "٢٠٢١/\x0eMay\x0f/٧"},
		{"edition's month, English pattern: not marked", New("ar", map[string]string{"date.month.5": "[ar] five"}), "2021-05-07", "٧ [ar] five ٢٠٢١"},
		{"Latin digits chosen by the edition", New("ar", map[string]string{"digits": "latn"}), "2021-12-07", "\x0e7 \x0eDecember\x0f 2021\x0f"},
		{"Turkish: Latin digits", New("tr", nil), "2021-12-07", "\x0e7 \x0eDecember\x0f 2021\x0f"},
		{"Arabic without labels: English words, Arabic digits", New("ar", nil), "2021-12-07", "\x0e٧ \x0eDecember\x0f ٢٠٢١\x0f"},
	}
	for _, tt := range tests {
		t.Run(tt.scenario, func(t *testing.T) {
			if got := tt.table.FormatDate(tt.date); got != tt.want {
				t.Errorf("FormatDate(%q) = %q, want %q", tt.date, got, tt.want)
			}
		})
	}
}

func TestTable(t *testing.T) {
	tests := []struct {
		scenario string
		table    *Table
		lang     string
		dir      string
		digits   Digits
	}{
		{"empty language is English", New("", nil), "en", "ltr", LatinDigits},
		{"Sorani", New("ckb", nil), "ckb", "rtl", ArabicDigits},
		{"Arabic with Latin digits", New("ar", map[string]string{"digits": "latn"}), "ar", "rtl", LatinDigits},
		{"English with Arabic digits", New("en", map[string]string{"digits": "arab"}), "en", "ltr", ArabicDigits},
		{"a bad digits setting is ignored", New("ckb", map[string]string{"digits": "roman"}), "ckb", "rtl", ArabicDigits},
		{"Kurmanji", New("kmr", nil), "kmr", "ltr", LatinDigits},
	}
	for _, tt := range tests {
		t.Run(tt.scenario, func(t *testing.T) {
			if got := tt.table.Lang(); got != tt.lang {
				t.Errorf("Lang() = %q, want %q", got, tt.lang)
			}
			if got := tt.table.Dir(); got != tt.dir {
				t.Errorf("Dir() = %q, want %q", got, tt.dir)
			}
			if got := tt.table.Digits(); got != tt.digits {
				t.Errorf("Digits() = %q, want %q", got, tt.digits)
			}
		})
	}
}

func TestDigits(t *testing.T) {
	tests := []struct {
		scenario string
		lang     string
		labels   map[string]string
		n        int
		want     string
	}{
		{"English", "en", nil, 1234567890, "1,234,567,890"},
		{"English, under a thousand", "en", nil, 999, "999"},
		{"English, a thousand", "en", nil, 1000, "1,000"},
		{"English, negative", "en", nil, -123456, "-123,456"},
		{"Sorani", "ckb", nil, 1234567890, "١٬٢٣٤٬٥٦٧٬٨٩٠"},
		{"Sorani with a region", "ckb-IQ", nil, 24, "٢٤"},
		{"Kurdish in Arabic script", "ku-Arab", nil, 24, "٢٤"},
		{"Kurdish in Latin script", "ku-Latn", nil, 24, "24"},
		{"Arabic", "ar", nil, 0, "٠"},
		{"Arabic, negative", "ar", nil, -15, "-١٥"},
		{"Arabic in 0-9", "ar", map[string]string{DigitsSetting: "latn"}, 12345, "12,345"},
		{"Arabic, its own mark", "ar", map[string]string{GroupSetting: "."}, 12345, "١٢.٣٤٥"},
		{"German's mark", "de", map[string]string{GroupSetting: "."}, 12345, "12.345"},
		{"French's narrow space", "fr", map[string]string{GroupSetting: "\u202f"}, 12345, "12\u202f345"},
		{"no grouping", "en", map[string]string{GroupSetting: ""}, 12345, "12345"},
		{"Turkish", "tr", nil, 2021, "2,021"},
		{"Persian is not ours: Latin", "fa", nil, 7, "7"},
	}
	for _, tt := range tests {
		t.Run(tt.scenario, func(t *testing.T) {
			if got := New(tt.lang, tt.labels).Number(tt.n); got != tt.want {
				t.Errorf("Number(%d) in %q = %q, want %q", tt.n, tt.lang, got, tt.want)
			}
		})
	}
	// A year is not a count.
	if got := New("en", nil).FormatDate("2021-12-07"); got != "7 December 2021" {
		t.Errorf("FormatDate = %q, want 7 December 2021", got)
	}
	if got, want := ArabicDigits.Convert("p. 12, 3%"), "p. ١٢, ٣%"; got != want {
		t.Errorf("Convert = %q, want %q", got, want)
	}
	// A per cent follows its digits: no Latin "%" after "١٠٠".
	for d, want := range map[Digits]string{LatinDigits: "%", ArabicDigits: "٪"} {
		if got := d.PercentSign(); got != want {
			t.Errorf("%s.PercentSign() = %q, want %q", d, got, want)
		}
	}
}

func TestReadingMinutes(t *testing.T) {
	tests := []struct {
		scenario string
		lang     string
		chars    int
		cpm      int
		minutes  int
	}{
		{"English", "en", 987 * 3, 987, 3},
		{"English, a little more", "en", 987*3 + 1, 987, 4},
		{"Arabic", "ar", 1224, 612, 2},
		{"Sorani takes Arabic's speed", "ckb", 1224, 612, 2},
		{"Sorani tagged as Kurdish in Arabic script", "ku-Arab", 612, 612, 1},
		{"Turkish", "tr", 1054, 1054, 1},
		{"Kurmanji takes English's speed", "kmr", 987, 987, 1},
		{"an empty text is a minute", "en", 0, 987, 1},
	}
	for _, tt := range tests {
		t.Run(tt.scenario, func(t *testing.T) {
			if got := CharsPerMinute(tt.lang); got != tt.cpm {
				t.Errorf("CharsPerMinute(%q) = %d, want %d", tt.lang, got, tt.cpm)
			}
			if got := ReadingMinutes(tt.lang, tt.chars); got != tt.minutes {
				t.Errorf("ReadingMinutes(%q, %d) = %d, want %d", tt.lang, tt.chars, got, tt.minutes)
			}
		})
	}
}

func TestPluralAround(t *testing.T) {
	en := New("en", nil)
	for _, tt := range []struct {
		n             int
		before, after string
	}{{1, "1 result for ", ""}, {7, "7 results for ", ""}} {
		b, a := en.PluralAround(SearchResults, tt.n, "query")
		if b != tt.before || a != tt.after {
			t.Errorf("n=%d: %q %q, want %q %q", tt.n, b, a, tt.before, tt.after)
		}
	}
	ar := New("ar", map[string]string{"search.results.few": "وجد {count} نتائج عن {query} هنا", "digits": "arab"})
	if b, a := ar.PluralAround(SearchResults, 3, "query"); b != "وجد ٣ نتائج عن " || a != " هنا" {
		t.Errorf("Arabic few: %q %q", b, a)
	}
}

// TestPlainKeepsTheEdition: the plain table differs from its edition's
// only in marking nothing.
func TestPlainKeepsTheEdition(t *testing.T) {
	ar := New("ar", nil)
	p := ar.Plain()
	if p.Dir() != "rtl" || p.Lang() != "ar" || p.Number(12) != ar.Number(12) || p.Plain() != p {
		t.Errorf("Plain of an Arabic edition: dir %q, lang %q, 12 as %q, its own Plain %v", p.Dir(), p.Lang(), p.Number(12), p.Plain() == p)
	}
	if en := New("en", nil); en.Plain() != en {
		t.Error("an English edition's Plain is not the table itself")
	}
}

// TestScriptAgreesWithDir checks that a tag whose script is Latin, which
// article.Dir reads left to right ("ckb-Latn", "ar-Latn"), is not given
// the Arabic-Indic digits and the Arabic reading speed of its language in
// Arabic script, while "ckb", "ckb-Arab" and "ku-Arab" keep them.
func TestScriptAgreesWithDir(t *testing.T) {
	for lang, want := range map[string]Digits{"ckb": ArabicDigits, "ckb-Arab": ArabicDigits, "ku-Arab": ArabicDigits, "ar-IQ": ArabicDigits,
		"ckb-Latn": LatinDigits, "ar-Latn": LatinDigits, "ckb-Latn-IQ": LatinDigits} {
		if got := DefaultDigits(lang); got != want {
			t.Errorf("DefaultDigits(%q) = %q, want %q", lang, got, want)
		}
	}
	for lang, want := range map[string]int{"ckb": 612, "ckb-Arab": 612, "ku-Arab": 612, "ckb-Latn": 987, "ar-Latn": 987} {
		if got := CharsPerMinute(lang); got != want {
			t.Errorf("CharsPerMinute(%q) = %d, want %d", lang, got, want)
		}
	}
	if got := New("ckb-Latn", nil).Number(1234); got != "1,234" {
		t.Errorf("a ckb-Latn edition writes 1234 as %q", got)
	}
}
