package schema

import (
	"fmt"
	"strings"
	"testing"
)

// TestLargeDatasetPartsKeepPlaces checks a dataset large enough to be
// validated in parts: findings in any part keep their article's index in
// the whole file.
func TestLargeDatasetPartsKeepPlaces(t *testing.T) {
	const n = 4 * minPart
	bad := map[int]bool{3: true, minPart + 7: true, n - 1: true}
	var b strings.Builder
	b.WriteString(`{"articles": [`)
	for i := range n {
		if i > 0 {
			b.WriteString(",")
		}
		headline := fmt.Sprintf("%q", fmt.Sprintf("Synthetic headline %d", i))
		if bad[i] {
			headline = "42" // a number where text belongs
		}
		fmt.Fprintf(&b, `{"slug": "synthetic-%d", "headline": %s, "body": [{"type": "paragraph", "text": "Synthetic text."}]}`, i, headline)
	}
	b.WriteString("]}\n")

	v := validator(t)
	inst, found := v.findings([]byte(b.String()))
	if inst == nil {
		t.Fatal("the document was not decoded")
	}
	got := make(map[string]bool)
	for _, f := range found {
		got[f.pointer] = true
	}
	for i := range bad {
		if p := fmt.Sprintf("/articles/%d/headline", i); !got[p] {
			t.Errorf("no finding at %s; findings: %v", p, found)
		}
	}
	if len(got) != len(bad) {
		t.Errorf("findings at %d places, want %d: %v", len(got), len(bad), found)
	}
}

func TestShiftArticle(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"/articles/3/headline", "/articles/503/headline"},
		{"/articles/0", "/articles/500"},
		{"/articles", "/articles"},
		{"/$schema", "/$schema"},
		{"", ""},
	} {
		if got := shiftArticle(tt.in, 500); got != tt.want {
			t.Errorf("shiftArticle(%q, 500) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
