package dataset

import (
	"os"
	"path/filepath"
	"testing"
)

// TestVersionIsTheContents checks that a dataset's version, which names
// the site's version and its data path, comes from its bytes (and a
// folder's file names inside it), not from where it lies or how its path
// is spelt: two hosts started on one file by different paths, a release
// folder, a copy or the same bytes in memory are one site, and a change of
// a byte or of a folder's file name is another.
func TestVersionIsTheContents(t *testing.T) {
	body := `{"site": {"name": "Synthetic Times", "lang": "en"}, "articles": [` + story("a", "") + `, ` + story("b", "") + `]}`
	root := t.TempDir()
	dir := filepath.Join(root, "releases", "1")
	other := filepath.Join(root, "elsewhere")
	write := func(path, s string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(filepath.Join(dir, "articles.json"), body)
	write(filepath.Join(other, "copy-of-articles.json"), body)
	t.Chdir(root)

	version := func(path string) string {
		t.Helper()
		a, err := Load(path, Options{})
		if err != nil {
			t.Fatalf("Load(%s): %v", path, err)
		}
		return a.Version
	}
	want := version(filepath.Join(dir, "articles.json"))
	for _, path := range []string{
		"releases/1/articles.json",
		"./releases/1/articles.json",
		"releases/../releases/1/articles.json",
		filepath.Join(other, "copy-of-articles.json"),
	} {
		if got := version(path); got != want {
			t.Errorf("version of %s is %s, of the same bytes at %s %s", path, got, filepath.Join(dir, "articles.json"), want)
		}
	}
	mem, err := LoadBytes("articles.json (bundled)", []byte(body))
	if err != nil {
		t.Fatal(err)
	}
	if mem.Version != want {
		t.Errorf("the same bytes in memory have version %s, on disk %s", mem.Version, want)
	}
	write(filepath.Join(other, "changed.json"), body[:len(body)-2]+" ]}")
	if got := version(filepath.Join(other, "changed.json")); got == want {
		t.Errorf("a byte changed (white space), and the version stayed %s", got)
	}

	// A folder: its files' names inside it count (their order is the
	// articles'), the folder's own path does not.
	files := map[string]string{"2024/a.json": `{"articles": [` + story("a", "") + `]}`, "2024/b.json": `{"articles": [` + story("b", "") + `]}`}
	folder1, folder2 := filepath.Join(root, "f1"), filepath.Join(root, "deep", "f2")
	for _, f := range []string{folder1, folder2} {
		for name, s := range files {
			write(filepath.Join(f, filepath.FromSlash(name)), s)
		}
	}
	if v1, v2, v3 := version(folder1), version(folder2), version("f1"); v1 != v2 || v1 != v3 {
		t.Errorf("one folder's files in two places, or by two paths: versions %s, %s and %s", v1, v2, v3)
	}
	if err := os.Rename(filepath.Join(folder2, "2024", "b.json"), filepath.Join(folder2, "2024", "0-b.json")); err != nil {
		t.Fatal(err)
	}
	if version(folder1) == version(folder2) {
		t.Error("a folder's file renamed, which reorders its articles, and the version did not change")
	}
}
