package main

import (
	"bufio"
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"dateline/app/dataset"
)

// TestFolderLoads checks that a generated folder is a dataset the host
// accepts, as `-data DIR` and `validate DIR` read it, with every article.
func TestFolderLoads(t *testing.T) {
	const n = 25
	dir := t.TempDir()
	ds := Generate(n, 1)
	if err := writeFolder(dir, ds); err != nil {
		t.Fatal(err)
	}
	site, err := os.ReadFile(filepath.Join(dir, "site.json"))
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(site, []byte(`"articles"`)) {
		t.Errorf("site.json has an articles member:\n%s", site)
	}
	a, err := dataset.Load(dir, dataset.Options{MaxSize: dataset.DefaultMaxSize})
	if err != nil {
		t.Fatalf("the generated folder is refused: %v", err)
	}
	if a.Site.Name != ds.Site.Name || a.Len() != n {
		t.Fatalf("site %q with %d articles, want %q with %d", a.Site.Name, a.Len(), ds.Site.Name, n)
	}
	for i := range n {
		art, ok, err := a.Article(Slug(i))
		if err != nil || !ok || art.Headline != ds.Articles[i].Headline {
			t.Errorf("Article(%q) = %v, %v, %v", Slug(i), art, ok, err)
		}
	}
}

// TestFileLoads checks the same of the single file written to standard
// output.
func TestFileLoads(t *testing.T) {
	const n = 25
	var b bytes.Buffer
	w := bufio.NewWriter(&b)
	if err := write(w, Generate(n, 1)); err != nil {
		t.Fatal(err)
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	a, err := dataset.LoadBytes("synthetic.json", b.Bytes())
	if err != nil {
		t.Fatalf("the generated file is refused: %v", err)
	}
	if a.Len() != n {
		t.Errorf("%d articles, want %d", a.Len(), n)
	}
}
