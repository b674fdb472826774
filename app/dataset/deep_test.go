package dataset

import (
	"strings"
	"testing"
)

// TestDeepNesting checks the problem of a value nested thousands of levels
// deep, read whole and streamed: its pointer is shortened to its first
// levels, its last and their number, and the hint gives the limit that was
// met. It once printed a line of 20 kB ending in "exceeded max depth (the
// dataset format needs fewer than ten levels...)", the limit being 10000.
func TestDeepNesting(t *testing.T) {
	for _, c := range []struct {
		scenario, data, want string
	}{{
		scenario: "past the limit",
		data:     `{"articles": [{"slug": "a", "related": [` + strings.Repeat("[", 100000) + `]}]}`,
		want:     `synthetic.json:1:10037: /articles/0/related/0/0/0/0/0/…/0 (10000 levels): JSON syntax error: brackets nested too deep (reading stops at 10000 levels, and a dataset needs fewer than ten: look for a [ or { repeated, or never closed)`,
	}, {
		scenario: "within it",
		data:     `{"articles": [` + strings.Repeat("[", 5000) + `x` + strings.Repeat("]", 5000) + `]}`,
		want:     `synthetic.json:1:5015: /articles/0/0/0/0/0/0/0/…/0 (5002 levels): JSON syntax error: invalid character 'x' at start of value`,
	}} {
		t.Run(c.scenario, func(t *testing.T) {
			for _, streamed := range []bool{false, true} {
				probs := loadAs(t, []byte(c.data), streamed)
				if len(probs) != 1 || !strings.HasPrefix(probs[0].String(), c.want) {
					t.Errorf("streamed %v:\n%s\nwant\n  %s", streamed, listOf(probs), c.want)
				}
			}
		})
	}
}

func TestShortPointer(t *testing.T) {
	sixteen := "/articles/0" + strings.Repeat("/0", 14)
	for _, c := range []struct{ in, want string }{
		{"", ""},
		{"/articles/3/body/2/text", "/articles/3/body/2/text"},
		{sixteen, sixteen},
		{sixteen + "/a~1b", "/articles/0/0/0/0/0/0/0/…/a~1b (17 levels)"},
	} {
		if got := shortPointer(c.in); got != c.want {
			t.Errorf("shortPointer(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
