package i18n

import (
	"slices"
	"testing"
)

func TestPluralCategory(t *testing.T) {
	tests := []struct {
		scenario string
		lang     string
		want     map[int]Category
	}{
		{"English", "en", map[int]Category{0: Other, 1: One, 2: Other, 11: Other, 101: Other}},
		{"Sorani", "ckb", map[int]Category{0: Other, 1: One, 2: Other, 21: Other}},
		{"Turkish", "tr", map[int]Category{0: Other, 1: One, 2: Other}},
		{"Kurmanji", "kmr", map[int]Category{0: Other, 1: One, 5: Other}},
		{"Arabic", "ar", map[int]Category{
			0: Zero, 1: One, 2: Two, 3: Few, 10: Few, 11: Many, 99: Many,
			100: Other, 101: Other, 102: Other, 103: Few, 110: Few, 111: Many, 199: Many, 200: Other,
			1000: Other, 1003: Few, 1011: Many, -3: Few,
		}},
		{"Arabic with a region", "ar-IQ", map[int]Category{0: Zero, 2: Two}},
		{"a language without rules here", "xx", map[int]Category{0: Other, 1: One, 2: Other}},
	}
	for _, tt := range tests {
		t.Run(tt.scenario, func(t *testing.T) {
			for n, want := range tt.want {
				if got := PluralCategory(tt.lang, n); got != want {
					t.Errorf("PluralCategory(%q, %d) = %q, want %q", tt.lang, n, got, want)
				}
			}
		})
	}
}

func TestCategories(t *testing.T) {
	tests := []struct {
		scenario string
		lang     string
		want     []Category
	}{
		{"Arabic", "ar", []Category{Zero, One, Two, Few, Many, Other}},
		{"English", "en", []Category{One, Other}},
		{"Sorani", "ckb", []Category{One, Other}},
		{"unknown", "xx", nil},
	}
	for _, tt := range tests {
		t.Run(tt.scenario, func(t *testing.T) {
			if got := Categories(tt.lang); !slices.Equal(got, tt.want) {
				t.Errorf("Categories(%q) = %q, want %q", tt.lang, got, tt.want)
			}
		})
	}
}

func TestPlural(t *testing.T) {
	// Made-up words: each form names itself.
	arLabels := map[string]string{
		"search.results.zero":  "[ar zero] {query}",
		"search.results.one":   "[ar one] {query}",
		"search.results.two":   "[ar two] {query}",
		"search.results.few":   "[ar few] {count} {query}",
		"search.results.other": "[ar other] {count} {query}",
	}
	tests := []struct {
		scenario string
		table    *Table
		n        int
		want     string
	}{
		{"English one", New("en", nil), 1, "1 result for q"},
		{"English other", New("en", nil), 0, "0 results for q"},
		{"Arabic zero", New("ar", arLabels), 0, "[ar zero] q"},
		{"Arabic one", New("ar", arLabels), 1, "[ar one] q"},
		{"Arabic two", New("ar", arLabels), 2, "[ar two] q"},
		{"Arabic few, Arabic digits", New("ar", arLabels), 5, "[ar few] ٥ q"},
		{"Arabic many not given: other", New("ar", arLabels), 11, "[ar other] ١١ q"},
		{"Arabic other", New("ar", arLabels), 100, "[ar other] ١٠٠ q"},
		{"Arabic with Latin digits", New("ar", map[string]string{"digits": "latn", "search.results.few": "[ar few] {count} {query}"}), 3, "[ar few] 3 q"},
		{"Sorani without forms: English, Sorani digits", New("ckb", nil), 3, "\x0e٣ results for q\x0f"},
		{"Sorani one form only: English other", New("ckb", map[string]string{"search.results.one": "[ckb one] {query}"}), 2, "\x0e٢ results for q\x0f"},
	}
	for _, tt := range tests {
		t.Run(tt.scenario, func(t *testing.T) {
			if got := tt.table.Plural(SearchResults, tt.n, "query", "q"); got != tt.want {
				t.Errorf("Plural(%d) = %q, want %q", tt.n, got, tt.want)
			}
		})
	}
	if got, want := New("en", nil).Plural(ReadingTime, 4), "4 min read"; got != want {
		t.Errorf("reading time %q, want %q", got, want)
	}
}
