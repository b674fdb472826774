package i18n

import (
	"strings"
	"testing"
)

// FuzzLabels checks that no label, key or language makes validation or
// formatting panic, that a label Validate accepts keeps every value it is
// given, and that a value never has its own braces filled.
func FuzzLabels(f *testing.F) {
	f.Add("ckb", "list.tagged", "[ckb] {tag}")
	f.Add("ar", "search.results.few", "{count} {query}")
	f.Add("en", "digits", "arab")
	f.Add("xx-Arab", "date.pattern", "{year}{{month}}{day")
	f.Fuzz(func(t *testing.T, lang, key, text string) {
		labels := map[string]string{key: text}
		problems, _ := Validate(lang, labels)
		for _, p := range problems {
			if p.Message == "" || p.Hint == "" || !strings.HasPrefix(p.Pointer, "/labels") {
				t.Errorf("fault without message, hint or pointer: %+v", p)
			}
		}
		tbl := New(lang, labels)
		tbl.FormatDate("2021-12-07")
		tbl.List([]string{"a", "b", "c"})
		tbl.Plural(SearchResults, len(text), "query", "{query}")
		got := tbl.Text(Key(key), "tag", "\x00tag\x00", "title", "\x00title\x00")
		if len(problems) == 0 && key == string(ListTagged) && !strings.Contains(got, "\x00tag\x00") {
			t.Errorf("Text(%q) = %q: a valid label lost its value", text, got)
		}
	})
}
