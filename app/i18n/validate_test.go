package i18n

import (
	"strings"
	"testing"

	"dateline/app/article"
)

// full returns labels for every key of lang: bracketed stand-ins that keep
// the English placeholders, and every plural form lang uses.
func full(lang string) map[string]string {
	m := map[string]string{}
	for _, k := range Keys() {
		en, _ := English(k)
		m[k] = "[" + lang + "] " + en
	}
	for base := range tables().counts {
		for _, c := range Categories(lang) {
			m[string(base)+"."+string(c)] = "[" + lang + " " + string(c) + "] {" + tables().counts[base] + "}"
		}
	}
	m["search.results.other"] = "[" + lang + "] {count} {query}"
	for _, c := range Categories(lang) {
		m["search.results."+string(c)] = "[" + lang + " " + string(c) + "] {count} {query}"
	}
	return m
}

// with returns a copy of m with changes: an empty value deletes a key.
func with(m map[string]string, changes map[string]string) map[string]string {
	out := map[string]string{}
	for k, v := range m {
		out[k] = v
	}
	for k, v := range changes {
		if v == "" {
			delete(out, k)
		} else {
			out[k] = v
		}
	}
	return out
}

func TestValidate(t *testing.T) {
	type fault struct{ pointer, words string }
	tests := []struct {
		scenario string
		lang     string
		labels   map[string]string
		problems []fault
		warnings []fault
	}{
		{scenario: "English without labels", lang: "en"},
		{scenario: "no language is English", lang: ""},
		{scenario: "every Sorani label", lang: "ckb", labels: full("ckb")},
		{scenario: "every Arabic label", lang: "ar", labels: full("ar")},
		{scenario: "English overriding a label", lang: "en", labels: map[string]string{"list.latest": "Newest"}},
		{
			scenario: "Sorani without labels: one warning",
			lang:     "ckb",
			warnings: []fault{{"/labels", `the edition is in "ckb" but gives no labels`}},
		},
		{
			scenario: "only digits is no labels",
			lang:     "ar",
			labels:   map[string]string{"digits": "latn"},
			warnings: []fault{{"/labels", "gives no labels"}},
		},
		{
			scenario: "a missing label is a warning",
			lang:     "ckb",
			labels:   with(full("ckb"), map[string]string{"error.retry": ""}),
			warnings: []fault{{"/labels/error.retry", `no label "error.retry": readers see the English "Try again"`}},
		},
		{
			scenario: "a missing Arabic plural form is a warning",
			lang:     "ar",
			labels:   with(full("ar"), map[string]string{"search.results.few": ""}),
			warnings: []fault{{"/labels/search.results.few", `readers see the "search.results.other" form`}},
		},
		{
			scenario: "a missing other form falls back to English",
			lang:     "ckb",
			labels:   with(full("ckb"), map[string]string{"reading.time.other": ""}),
			warnings: []fault{{"/labels/reading.time.other", `readers see English ("{minutes} min read")`}},
		},
		{
			scenario: "an unknown key, with the nearest one",
			lang:     "ckb",
			labels:   with(full("ckb"), map[string]string{"list.lates": "[ckb] x"}),
			problems: []fault{{"/labels/list.lates", `unknown label "list.lates"`}},
		},
		{
			scenario: "a placeholder left out",
			lang:     "ckb",
			labels:   with(full("ckb"), map[string]string{"list.tagged": "[ckb] tagged"}),
			problems: []fault{{"/labels/list.tagged", `lacks {tag}, which the English "Tagged {tag}" has`}},
		},
		{
			scenario: "a placeholder the English has not",
			lang:     "ckb",
			labels:   with(full("ckb"), map[string]string{"list.tagged": "[ckb] {tag} {site}"}),
			problems: []fault{{"/labels/list.tagged", "has {site}, which nothing fills"}},
		},
		{
			scenario: "a misspelt placeholder is both",
			lang:     "ckb",
			labels:   with(full("ckb"), map[string]string{"article.by": "[ckb] {author}"}),
			problems: []fault{{"/labels/article.by", "lacks {authors}"}},
		},
		{
			scenario: "an empty text",
			lang:     "ckb",
			labels:   with(full("ckb"), map[string]string{"nav.skip": "  "}),
			problems: []fault{{"/labels/nav.skip", "the text is empty"}},
		},
		{
			scenario: "a control character",
			lang:     "ckb",
			labels:   with(full("ckb"), map[string]string{"nav.skip": "[ckb]\u0007"}),
			problems: []fault{{"/labels/nav.skip", "control character U+0007"}},
		},
		{
			scenario: "a noncharacter",
			lang:     "ckb",
			labels:   with(full("ckb"), map[string]string{"nav.skip": "[ckb]\uffff"}),
			problems: []fault{{"/labels/nav.skip", "noncharacter U+FFFF"}},
		},
		{
			scenario: "a text too long",
			lang:     "ckb",
			labels:   with(full("ckb"), map[string]string{"nav.skip": strings.Repeat("x", MaxLabelLength+1)}),
			problems: []fault{{"/labels/nav.skip", "401 characters long"}},
		},
		{
			scenario: "a bad digits setting",
			lang:     "ckb",
			labels:   with(full("ckb"), map[string]string{"digits": "persian"}),
			problems: []fault{{"/labels/digits", `digits "persian" is neither "latn" nor "arab"`}},
		},
		{
			scenario: "a thousands mark of two characters",
			lang:     "ckb",
			labels:   with(full("ckb"), map[string]string{"number.group": ", "}),
			problems: []fault{{"/labels/number.group", `number.group ", " is not one mark`}},
		},
		{
			scenario: "a digit as the thousands mark",
			lang:     "ckb",
			labels:   with(full("ckb"), map[string]string{"number.group": "0"}),
			problems: []fault{{"/labels/number.group", `is not one mark`}},
		},
		{
			scenario: "thousands marks that are",
			lang:     "ckb",
			labels:   with(full("ckb"), map[string]string{"number.group": "\u202f"}),
		},
		{
			scenario: "no thousands mark",
			lang:     "ckb",
			labels:   with(full("ckb"), map[string]string{"number.group": ""}),
		},
		{
			scenario: "a plural form Sorani does not use",
			lang:     "ckb",
			labels:   with(full("ckb"), map[string]string{"search.results.few": "[ckb few] {count} {query}"}),
			problems: []fault{{"/labels/search.results.few", `is a "few" form, which "ckb" does not use`}},
		},
		{
			scenario: "Arabic one and two forms may spell the number out",
			lang:     "ar",
			labels:   with(full("ar"), map[string]string{"search.results.one": "[ar one] {query}", "search.results.two": "[ar two] {query}", "search.results.zero": "[ar zero] {query}"}),
		},
		{
			scenario: "the few form may not",
			lang:     "ar",
			labels:   with(full("ar"), map[string]string{"search.results.few": "[ar few] {query}"}),
			problems: []fault{{"/labels/search.results.few", "lacks {count}"}},
		},
		{
			scenario: "a form of a key that is not plural",
			lang:     "ckb",
			labels:   with(full("ckb"), map[string]string{"list.latest.one": "[ckb]"}),
			problems: []fault{{"/labels/list.latest.one", `unknown label "list.latest.one"`}},
		},
		{
			scenario: "a plural key without a form",
			lang:     "ckb",
			labels:   with(full("ckb"), map[string]string{"search.results": "[ckb] {count}"}),
			problems: []fault{{"/labels/search.results", `unknown label "search.results"`}},
		},
		{
			scenario: "a key with a slash is escaped in the pointer",
			lang:     "ckb",
			labels:   with(full("ckb"), map[string]string{"a/b~c": "x"}),
			problems: []fault{{"/labels/a~1b~0c", `unknown label "a/b~c"`}},
		},
		{
			scenario: "problems come in key order",
			lang:     "ckb",
			labels:   with(full("ckb"), map[string]string{"zz": "x", "aa": "y"}),
			problems: []fault{{"/labels/aa", "unknown"}, {"/labels/zz", "unknown"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.scenario, func(t *testing.T) {
			problems, warnings := Validate(tt.lang, tt.labels)
			check := func(kind string, got []article.Fault, want []fault) {
				t.Helper()
				if len(got) != len(want) {
					t.Fatalf("%d %s, want %d: %+v", len(got), kind, len(want), got)
				}
				for i, w := range want {
					if got[i].Pointer != w.pointer || !strings.Contains(got[i].Message, w.words) || got[i].Hint == "" {
						t.Errorf("%s %d = %+v, want pointer %q and a message with %q, and a hint", kind, i, got[i], w.pointer, w.words)
					}
				}
			}
			check("problems", problems, tt.problems)
			check("warnings", warnings, tt.warnings)
		})
	}
}

func TestValidateHints(t *testing.T) {
	problems, _ := Validate("ckb", map[string]string{"list.lates": "x", "digit": "arab"})
	if len(problems) != 2 {
		t.Fatalf("%+v", problems)
	}
	if got, want := problems[0].Hint, `did you mean "digits"`; !strings.Contains(got, want) {
		t.Errorf("hint %q, want it to hold %q", got, want)
	}
	if got, want := problems[1].Hint, `did you mean "list.latest"? Its English text is "Latest articles"`; got != want {
		t.Errorf("hint %q, want %q", got, want)
	}
}
