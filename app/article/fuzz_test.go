package article

import (
	"bytes"
	"encoding/json"
	"os"
	"reflect"
	"testing"
)

// FuzzParse checks that no input makes Parse panic, that every problem has
// a place inside the file, and that a dataset it accepts survives being
// written out and read again. The seed corpus is testdata/fuzz/FuzzParse
// plus the shipped dataset.
func FuzzParse(f *testing.F) {
	shipped, err := os.ReadFile("../../articles.json")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(shipped)
	f.Add([]byte(`{"articles": [{"slug": "a", "headline": "h", "body": [{"type": "read_more", "title": "t", "slug": "a"}]}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		ds, err := Parse("fuzz.json", data)
		if err != nil {
			lines := bytes.Count(data, []byte("\n")) + 1
			for _, p := range problemsOf(t, err) {
				if p.Line < 1 || p.Column < 1 || p.Line > lines || p.Message == "" {
					t.Errorf("problem out of the file (%d lines): %+v", lines, p)
				}
				if _, _, ok := Locate(data, p.Pointer); p.Pointer != "" && !ok && p.Article >= 0 {
					t.Errorf("problem at %q, which Locate cannot find", p.Pointer)
				}
			}
			return
		}
		out, err := json.Marshal(ds)
		if err != nil {
			t.Fatal(err)
		}
		again, err := Parse("again.json", out)
		if err != nil {
			t.Fatalf("a dataset Parse accepted, written out, is refused: %v\n%s", err, out)
		}
		if !reflect.DeepEqual(ds, again) {
			t.Errorf("round trip changed the dataset:\n%+v\n%+v", ds, again)
		}
	})
}
