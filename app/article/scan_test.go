package article

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// readEager is Read with every article in the tree from the start, as
// before articles were read one at a time: the reference for Read.
func readEager(data []byte) *Document { return read(data, false) }

// documents returns datasets to read both ways: the shipped one, the good
// and broken ones of the schema's tests, and ones made for the lazy reading.
func documents(t testing.TB) map[string][]byte {
	t.Helper()
	docs := map[string][]byte{
		"nested in an article": []byte(`{"articles": [{"slug": "a", "x": ` + strings.Repeat("[", 70) + strings.Repeat("]", 70) + `}]}`),
		"nested in the second": []byte(`{"articles": [{"slug": "a"}, {"b": {"c": ` + strings.Repeat(`{"d": `, 70) + `1` + strings.Repeat("}", 70) + `}}]}`),
		"nested after":         []byte(`{"articles": [], "z": ` + strings.Repeat("[", 70) + strings.Repeat("]", 70) + `}`),
		"two articles members": []byte(`{"articles": [{"slug": "a"}], "articles": [{"slug": "b"}]}`),
		"articles not first":   []byte(`{"articles": 5, "articles": [{"slug": "b"}]}`),
		"escapes and keys":     []byte(`{"articles": [{"sl\u0075g": "a\"b", "headline": "x\\", "body": [{"type": "paragraph", "text": "\ttab"}], "\u0000": 1}]}`),
		"empty":                []byte(`{"articles": []}`),
		"not an object":        []byte(`[{"articles": []}]`),
		"dangling and dups": []byte(`{"articles": [
  {"slug": "a", "headline": "A", "body": [{"type": "read_more", "title": "t", "slug": "nowhere"}], "related": [{"title": "r", "slug": "gone"}, 7]},
  {"slug": "a", "headline": "B", "body": [{"type": "paragraph", "text": "t"}]}
]}`),
	}
	for _, pattern := range []string{"../../articles.json", "../schema/testdata/good/*.json", "../schema/testdata/broken/*.json"} {
		files, err := filepath.Glob(pattern)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			docs[f] = b
		}
	}
	return docs
}

// sameReading checks that reading articles one at a time gives what
// reading them all at once gives: dataset, problems and value.
func sameReading(t *testing.T, data []byte) {
	t.Helper()
	lazy, eager := Read(data), readEager(data)
	if (lazy.fault == nil) != (eager.fault == nil) || lazy.fault != nil && *lazy.fault != *eager.fault {
		t.Errorf("fault %v, want %v", lazy.fault, eager.fault)
	}
	ds, err := lazy.Dataset("x.json")
	wantDS, wantErr := eager.Dataset("x.json")
	if !reflect.DeepEqual(ds, wantDS) {
		t.Errorf("dataset\n%+v\nwant\n%+v", ds, wantDS)
	}
	if !reflect.DeepEqual(err, wantErr) {
		t.Errorf("error\n%v\nwant\n%v", err, wantErr)
	}
	v, ok := lazy.Value()
	wantV, wantOK := eager.Value()
	if ok != wantOK || !reflect.DeepEqual(v, wantV) {
		t.Errorf("value %v %#v\nwant %v %#v", ok, v, wantOK, wantV)
	}
	if n, ok := lazy.Articles(); ok {
		for _, lo := range []int{0, min(1, n), n / 2, max(n-1, 0), n} {
			part := lazy.ValueWithArticles(lo, n)
			whole := v.(map[string]any)["articles"].([]any)
			if got := part.(map[string]any)["articles"]; !reflect.DeepEqual(got, whole[lo:n]) {
				t.Errorf("articles %d to %d: %#v\nwant %#v", lo, n, got, whole[lo:n])
			}
		}
	}
}

// TestLazyArticles checks that reading articles one at a time is
// invisible: the same datasets, problems, places and values.
func TestLazyArticles(t *testing.T) {
	for name, data := range documents(t) {
		t.Run(filepath.Base(name), func(t *testing.T) { sameReading(t, data) })
	}
}

// FuzzLazyArticles is TestLazyArticles on any input.
func FuzzLazyArticles(f *testing.F) {
	for _, data := range documents(f) {
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) { sameReading(t, data) })
}

// TestSlabReuse checks that the trees of articles read one after the
// other do not share memory while in use, and that a reset reuses it.
func TestSlabReuse(t *testing.T) {
	var s slab[int]
	a := s.take(3)
	b := s.take(blockSize) // too long for the rest of the first block
	c := s.take(2)
	a[0], b[0], c[0] = 1, 2, 3
	if a[0] != 1 || b[0] != 2 || c[0] != 3 || len(b) != blockSize || cap(a) != 3 {
		t.Fatalf("take handed out overlapping memory: %v %v %v", a[0], b[0], c[0])
	}
	s.reset()
	if d := s.take(3); &d[0] != &a[0] || d[0] != 0 {
		t.Errorf("after reset, take did not reuse the first block, cleared")
	}
}
