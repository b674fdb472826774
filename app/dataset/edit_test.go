package dataset

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"dateline/app/article"
)

// newsroomEdit is what a newsroom saves: article 10 corrected (its
// headline longer, so every byte after it moves) and a typo in article 40
// (a date that does not exist), which the dataset's checks refuse.
func newsroomEdit(t *testing.T, data []byte) []byte {
	t.Helper()
	s := string(data)
	for _, r := range []struct{ old, new string }{
		{`"slug": "synthetic-0010", "headline": "`, `"slug": "synthetic-0010", "headline": "Corrected: `},
		{`"slug": "synthetic-0040", `, `"slug": "synthetic-0040", "published": "2021-02-30", `},
	} {
		if strings.Count(s, r.old) != 1 {
			t.Fatalf("the data has %d of %q", strings.Count(s, r.old), r.old)
		}
		s = strings.Replace(s, r.old, r.new, 1)
	}
	if _, err := LoadBytes("edited.json", []byte(s)); err == nil {
		t.Fatal("the edited data checks: the typo is not one")
	}
	return []byte(s)
}

// served reads every article of the archive before anything changes.
func served(t *testing.T, a *Archive) map[string]*article.Article {
	t.Helper()
	arts := make(map[string]*article.Article)
	a.Slugs(func(slug string) {
		art, ok, err := a.Article(slug)
		if !ok || err != nil {
			t.Fatalf("%s before the edit: %v, %v", slug, ok, err)
		}
		arts[slug] = art
	})
	return arts
}

// TestArticlesKeptAfterRename replaces the dataset's file by rename (an
// editor or a deploy that writes a new file and moves it over the old)
// with a correction and a typo: while the new file does not check, every
// article serves as it was checked, the corrected one too, from the file
// the archive read; once the archive is closed, from the file there now.
func TestArticlesKeptAfterRename(t *testing.T) {
	for _, folder := range []bool{false, true} {
		t.Run(fmt.Sprintf("folder=%v", folder), func(t *testing.T) {
			data := synthetic(50)
			dir := t.TempDir()
			name := filepath.Join(dir, "news.json")
			if err := os.WriteFile(name, data, 0o644); err != nil {
				t.Fatal(err)
			}
			path := name
			if folder {
				if err := os.WriteFile(filepath.Join(dir, "other.json"), []byte(`{"articles": [`+story("other", "")+`]}`), 0o644); err != nil {
					t.Fatal(err)
				}
				path = dir
			}
			a, err := Load(path, Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer a.Close()
			before := served(t, a)
			if err := os.WriteFile(name+".new", newsroomEdit(t, data), 0o644); err != nil {
				t.Fatal(err)
			}
			if err := os.Rename(name+".new", name); err != nil {
				t.Fatal(err)
			}
			for _, slug := range []string{"synthetic-0005", "synthetic-0010", "synthetic-0011", "synthetic-0040", "synthetic-0049"} {
				art, ok, err := a.Article(slug)
				if !ok || err != nil {
					t.Errorf("%s after the rename: %v, %v", slug, ok, err)
					continue
				}
				if art.Headline != before[slug].Headline || len(art.Body) != len(before[slug].Body) || art.Published != before[slug].Published {
					t.Errorf("%s after the rename: headline %q, published %q; want %q, %q as checked", slug, art.Headline, art.Published, before[slug].Headline, before[slug].Published)
				}
			}
			// Closed, the archive reads the file at its path: the
			// corrected article is not the one checked.
			if err := a.Close(); err != nil {
				t.Fatal(err)
			}
			if _, ok, err := a.Article("synthetic-0010"); !ok || !errors.Is(err, ErrChanged) {
				t.Errorf("synthetic-0010 once closed: %v, %v; want ErrChanged", ok, err)
			}
		})
	}
}

// TestArticlesFoundWhereTheyMoved edits the dataset's file in place
// (truncated and written again, as an editor saves) with a correction and
// a typo: an article before the edit, one between the two and one after
// the typo are found where their bytes are now and served; the corrected
// article and the one with the typo, whose own bytes changed, say
// ErrChanged, with how many of the file's articles changed.
func TestArticlesFoundWhereTheyMoved(t *testing.T) {
	for _, streamed := range []bool{false, true} {
		t.Run(fmt.Sprintf("streamed=%v", streamed), func(t *testing.T) {
			if streamed {
				old := wholeFile
				wholeFile = 1 << 10
				t.Cleanup(func() { wholeFile = old })
			}
			data := synthetic(50)
			name := filepath.Join(t.TempDir(), "news.json")
			if err := os.WriteFile(name, data, 0o644); err != nil {
				t.Fatal(err)
			}
			a, err := Load(name, Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer a.Close()
			before := served(t, a)
			if err := os.WriteFile(name, newsroomEdit(t, data), 0o644); err != nil { // truncates, then writes
				t.Fatal(err)
			}
			for _, slug := range []string{"synthetic-0005", "synthetic-0011", "synthetic-0039", "synthetic-0041", "synthetic-0049"} {
				art, ok, err := a.Article(slug)
				if !ok || err != nil {
					t.Errorf("%s after the edit: %v, %v", slug, ok, err)
					continue
				}
				if art.Headline != before[slug].Headline {
					t.Errorf("%s after the edit: headline %q, want %q", slug, art.Headline, before[slug].Headline)
				}
			}
			for _, slug := range []string{"synthetic-0010", "synthetic-0040"} {
				_, ok, err := a.Article(slug)
				if !ok || !errors.Is(err, ErrChanged) {
					t.Errorf("%s, changed: %v, %v; want ErrChanged", slug, ok, err)
					continue
				}
				var ce *ChangedError
				if !errors.As(err, &ce) || ce.Changed != 2 || ce.Total != 50 || ce.Moved != 38 {
					t.Errorf("%s: %v; want a *ChangedError of 2 changed and 38 moved of 50", slug, err)
				}
				for _, want := range []string{name, `article 10 "synthetic-0010"`, `article 40 "synthetic-0040"`, "2 of its 50 articles changed", "38 moved"} {
					if !strings.Contains(err.Error(), want) {
						t.Errorf("%s: %q does not say %q", slug, err, want)
					}
				}
			}
		})
	}
}

// openFiles counts the process's open file descriptors; -1 where the
// system does not list them.
func openFiles(t *testing.T) int {
	t.Helper()
	fds, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		return -1
	}
	return len(fds)
}

// TestArchiveFilesClosed loads a dataset again and again, as a host's
// reloads do: an archive closed, or a dataset refused, leaves no file
// open; a folder of many files holds at most maxHeld of them.
func TestArchiveFilesClosed(t *testing.T) {
	if openFiles(t) < 0 {
		t.Skip("no /proc/self/fd here")
	}
	data := synthetic(50)
	name := filepath.Join(t.TempDir(), "news.json")
	if err := os.WriteFile(name, data, 0o644); err != nil {
		t.Fatal(err)
	}
	bad := filepath.Join(t.TempDir(), "bad.json")
	if err := os.WriteFile(bad, newsroomEdit(t, data), 0o644); err != nil {
		t.Fatal(err)
	}
	runtime.GC() // files left by other tests, closed by the collector
	start := openFiles(t)
	for range 20 {
		a, err := Load(name, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := a.Article("synthetic-0003"); err != nil {
			t.Fatal(err)
		}
		if err := a.Close(); err != nil {
			t.Fatal(err)
		}
		if _, err := Load(bad, Options{}); err == nil {
			t.Fatal("the typo checks")
		}
		if _, err := Load(name, Options{CheckOnly: true}); err != nil {
			t.Fatal(err)
		}
	}
	if n := openFiles(t); n > start {
		t.Errorf("%d files open after 20 loads, %d before", n, start)
	}
	dir, _ := manyFiles(t, maxHeld+50)
	a, err := Load(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if n := openFiles(t) - start; n > maxHeld {
		t.Errorf("a folder of %d files: %d open, want at most %d", maxHeld+50, n, maxHeld)
	}
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
	if n := openFiles(t); n > start {
		t.Errorf("%d files open once the folder's archive is closed, %d before", n, start)
	}
}

// TestReplaceUnchanged replaces a file only while it holds what the
// caller read: a save in between (an editor's) is kept, and said.
func TestReplaceUnchanged(t *testing.T) {
	name := filepath.Join(t.TempDir(), "news.json")
	if err := os.WriteFile(name, []byte("read"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte("saved meanwhile"), 0o644); err != nil {
		t.Fatal(err)
	}
	err := ReplaceUnchanged(name, []byte("new"), []byte("read"))
	if !errors.Is(err, ErrChangedMeanwhile) {
		t.Errorf("replacing a file changed meanwhile: %v", err)
	}
	if b, _ := os.ReadFile(name); string(b) != "saved meanwhile" {
		t.Errorf("the save meanwhile became %q", b)
	}
	if left, _ := filepath.Glob(filepath.Join(filepath.Dir(name), ".*.tmp")); len(left) > 0 {
		t.Errorf("temporary files left: %q", left)
	}
	if err := ReplaceUnchanged(name, []byte("new"), []byte("saved meanwhile")); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(name); string(b) != "new" {
		t.Errorf("the file holds %q after its replacement", b)
	}
}
