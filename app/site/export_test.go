package site_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	"dateline/app/site"
)

// files lists the files under dir, relative, with their bytes.
func files(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestExport checks a fresh export: every page, data file, feed, sitemap
// and the configurations of static hosts.
func TestExport(t *testing.T) {
	s := newSite(t, seoData("https://news.example.org"), testWeb(t, nil), "test")
	dir := filepath.Join(t.TempDir(), "site")
	st, err := s.Export(t.Context(), dir)
	if err != nil {
		t.Fatal(err)
	}
	got := files(t, dir)
	data := strings.TrimPrefix(s.DataBase, "/") + "/"
	for _, want := range []string{
		"index.html", "404.html", "saved.html", "articles/seo-photo.html", "articles/seo-plain.html", "sections/world.html", "tags/alpha.html",
		data + "lists/home/1.json", data + "articles/seo-photo.json", data + "lists/sections/world/1.json", data + "offline.json",
		"feed.xml", "sections/world/feed.xml", "sitemap.xml", "robots.txt", "_headers", "_config/nginx.conf", "_config/Caddyfile",
		"app-worker.js", "app.js", "manifest.webmanifest", "web/app.wasm", "web/app.wasm.br", "web/dateline.css",
	} {
		if _, ok := got[want]; !ok {
			t.Errorf("the export lacks %s", want)
		}
	}
	if st.Written != len(got) || st.Unchanged != 0 {
		t.Errorf("stats %+v for %d files", st, len(got))
	}
	for _, conf := range []string{"_headers", "_config/nginx.conf", "_config/Caddyfile"} {
		if !strings.Contains(got[conf], "Content-Security-Policy") || !strings.Contains(got[conf], "wasm-unsafe-eval") {
			t.Errorf("%s does not carry the host's Content-Security-Policy", conf)
		}
	}
}

// TestExportOver checks an export over an earlier one: only what changed
// is written, the data of the version it replaces stays, the pages of
// articles that are gone go, and a directory of something else is refused.
func TestExportOver(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	first := newSite(t, seoData("https://news.example.org"), testWeb(t, nil), "test")
	if _, err := first.Export(t.Context(), dir); err != nil {
		t.Fatal(err)
	}
	before := files(t, dir)
	// The same site again: nothing to write.
	st, err := newSite(t, seoData("https://news.example.org"), testWeb(t, nil), "test").Export(t.Context(), dir)
	if err != nil || st.Written != 0 || st.Removed != 0 || st.Unchanged != len(before) {
		t.Errorf("exporting the same site again: %+v, %v (%d files)", st, err, len(before))
	}
	// One article edited, the other removed.
	changed := bytes.Replace(seoData("https://news.example.org"), []byte("Synthetic text of the story with a photo."), []byte("Synthetic text, edited."), 1)
	changed = regexp.MustCompile(`(?s),\s*\{"slug": "seo-plain".*?\]\}\n`).ReplaceAll(changed, []byte("\n"))
	second := newSite(t, changed, testWeb(t, nil), "test")
	st, err = second.Export(t.Context(), dir)
	if err != nil {
		t.Fatal(err)
	}
	after := files(t, dir)
	if _, ok := after["articles/seo-plain.html"]; ok {
		t.Error("the page of the removed article stays")
	}
	oldData := strings.TrimPrefix(first.DataBase, "/")
	for name, content := range before {
		if strings.HasPrefix(name, oldData+"/") && after[name] != content {
			t.Errorf("%s of the replaced version changed or went", name)
		}
	}
	if !strings.Contains(after["articles/seo-photo.html"], "Synthetic text, edited.") {
		t.Error("the edited article was not written")
	}
	if st.Unchanged == 0 || st.Written >= len(after)/2 {
		t.Errorf("stats %+v of %d files: most files were rewritten", st, len(after))
	}
	if !strings.Contains(after["app-worker.js"], second.DataBase) {
		t.Error("the service worker is the old version's")
	}
	// A third version: the first's data goes, the second's stays.
	third := newSite(t, bytes.Replace(changed, []byte("edited"), []byte("edited twice"), 1), testWeb(t, nil), "test")
	if _, err := third.Export(t.Context(), dir); err != nil {
		t.Fatal(err)
	}
	var dataDirs []string
	entries, _ := os.ReadDir(filepath.Join(dir, "data"))
	for _, e := range entries {
		dataDirs = append(dataDirs, "/data/"+e.Name())
	}
	slices.Sort(dataDirs)
	want := []string{second.DataBase, third.DataBase}
	slices.Sort(want)
	if !slices.Equal(dataDirs, want) {
		t.Errorf("data folders %q, want %q", dataDirs, want)
	}

	other := t.TempDir()
	if err := os.WriteFile(filepath.Join(other, "notes.txt"), []byte("not a site"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := third.Export(t.Context(), other); err == nil || !strings.Contains(err.Error(), "holds no Dateline export") {
		t.Errorf("exporting into a directory of something else: %v", err)
	}
	if b, _ := os.ReadFile(filepath.Join(other, "notes.txt")); string(b) != "not a site" {
		t.Error("the other directory was touched")
	}
}

// exportData is a plainly synthetic dataset for the export's tests: an
// article per slug, each in a section and with a tag of its own name,
// its text marked with mark, so that each mark is a data version.
func exportData(mark string, slugs ...string) []byte {
	var articles []string
	for _, slug := range slugs {
		articles = append(articles, fmt.Sprintf(`{"slug": %q, "headline": "Synthetic story %s", "section": %q, "tags": [%q],
   "body": [{"type": "paragraph", "text": "Synthetic text of story %s, %s."}]}`, slug, slug, slug, slug, slug, mark))
	}
	return []byte(`{"site": {"name": "Synthetic Export Times", "lang": "en"}, "articles": [` + strings.Join(articles, ",\n") + "]}\n")
}

// exportSite is a site of exportData.
func exportSite(t *testing.T, mark string, slugs ...string) *site.Site {
	t.Helper()
	return newSite(t, exportData(mark, slugs...), testWeb(t, nil), "test")
}

// publisherFiles are files a publisher keeps beside an export: a checkout
// of GitHub Pages, its settings, an image of their own.
var publisherFiles = map[string]string{
	".git/HEAD":                "ref: refs/heads/gh-pages\n",
	".git/refs/heads/gh-pages": "0123456789abcdef0123456789abcdef01234567\n",
	"CNAME":                    "news.example.org\n",
	".nojekyll":                "",
	".well-known/security.txt": "Contact: mailto:security@example.org\n",
	"web/images/photo.jpg":     "synthetic photo bytes",
}

// addFiles writes files under dir.
func addFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// noLeftovers fails if dir or its parent holds an export's staging folder
// or temporary files.
func noLeftovers(t *testing.T, dir string) {
	t.Helper()
	for _, d := range []string{dir, filepath.Dir(dir)} {
		entries, err := os.ReadDir(d)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			if name := e.Name(); strings.HasPrefix(name, ".dateline-") && name != ".dateline-export" || strings.HasSuffix(name, ".tmp") {
				t.Errorf("%s is left in %s", name, d)
			}
		}
	}
}

// TestExportKeepsItsFolder checks that a first export into an empty
// folder writes into that folder, keeping it (its mode, a symbolic link
// to it, the working folder), and makes one that does not exist.
func TestExportKeepsItsFolder(t *testing.T) {
	tests := []struct {
		scenario string
		// prepare makes what the export is given in parent, and returns
		// the name to give and the folder the site must end up in.
		prepare func(t *testing.T, parent string) (name, folder string)
	}{
		{"an empty folder", func(t *testing.T, parent string) (string, string) {
			dir := filepath.Join(parent, "site")
			if err := os.Mkdir(dir, 0o750); err != nil {
				t.Fatal(err)
			}
			if err := os.Chmod(dir, 0o750); err != nil { // whatever the umask
				t.Fatal(err)
			}
			return dir, dir
		}},
		{"a symbolic link to an empty folder", func(t *testing.T, parent string) (string, string) {
			dir := filepath.Join(parent, "real")
			if err := os.Mkdir(dir, 0o755); err != nil {
				t.Fatal(err)
			}
			link := filepath.Join(parent, "site")
			if err := os.Symlink("real", link); err != nil {
				t.Fatal(err)
			}
			return link, dir
		}},
		{"the working folder, as .", func(t *testing.T, parent string) (string, string) {
			dir := filepath.Join(parent, "site")
			if err := os.Mkdir(dir, 0o755); err != nil {
				t.Fatal(err)
			}
			t.Chdir(dir)
			return ".", dir
		}},
		{"a folder that does not exist", func(t *testing.T, parent string) (string, string) {
			dir := filepath.Join(parent, "new", "site")
			return dir, dir
		}},
		{"an empty folder in a folder the export may not write into", func(t *testing.T, parent string) (string, string) {
			if os.Geteuid() == 0 {
				t.Skip("root may write anywhere")
			}
			dir := filepath.Join(parent, "site")
			if err := os.Mkdir(dir, 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.Chmod(parent, 0o555); err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { os.Chmod(parent, 0o755) })
			return dir, dir
		}},
	}
	s := exportSite(t, "one", "alpha")
	for _, tt := range tests {
		t.Run(tt.scenario, func(t *testing.T) {
			parent := t.TempDir()
			name, folder := tt.prepare(t, parent)
			before, statErr := os.Stat(folder)
			st, err := s.Export(t.Context(), name)
			if err != nil {
				t.Fatal(err)
			}
			after, err := os.Stat(folder)
			if err != nil {
				t.Fatal(err)
			}
			if statErr == nil && (!os.SameFile(before, after) || before.Mode() != after.Mode()) {
				t.Errorf("the folder was replaced: %v, mode %v, was %v", os.SameFile(before, after), after.Mode(), before.Mode())
			}
			if info, err := os.Lstat(name); err != nil || name != "." && filepath.Base(folder) == "real" && info.Mode()&fs.ModeSymlink == 0 {
				t.Errorf("the symbolic link is no longer one: %v", err)
			}
			got := files(t, folder)
			if _, ok := got["index.html"]; !ok || st.Written != len(got) {
				t.Errorf("stats %+v; the folder holds %d files", st, len(got))
			}
			noLeftovers(t, folder)
		})
	}
}

// stopAfter is a context that ends after n calls to Err: an export
// interrupted partway through writing its files.
type stopAfter struct {
	context.Context
	n atomic.Int64
}

func newStopAfter(n int64) *stopAfter {
	c := &stopAfter{Context: context.Background()}
	c.n.Store(n)
	return c
}

func (c *stopAfter) Err() error {
	if c.n.Add(-1) < 0 {
		return context.Canceled
	}
	return nil
}

// TestExportInterrupted checks that an export stopped while it writes the
// site leaves its folder as it was, says so, and leaves nothing behind:
// a first export leaves nothing that looks like an export.
func TestExportInterrupted(t *testing.T) {
	s := exportSite(t, "two", "alpha", "beta")
	tests := []struct {
		scenario string
		prepare  func(t *testing.T, dir string)
		want     string
	}{
		{"into a folder that does not exist", func(t *testing.T, dir string) {}, "nothing was written"},
		{"into an empty folder", func(t *testing.T, dir string) {
			if err := os.Mkdir(dir, 0o755); err != nil {
				t.Fatal(err)
			}
		}, "nothing in"},
		{"over an earlier export", func(t *testing.T, dir string) {
			if _, err := exportSite(t, "one", "alpha", "gamma").Export(t.Context(), dir); err != nil {
				t.Fatal(err)
			}
			addFiles(t, dir, publisherFiles)
		}, "nothing in"},
	}
	for _, tt := range tests {
		t.Run(tt.scenario, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "site")
			tt.prepare(t, dir)
			var before map[string]string
			if _, err := os.Stat(dir); err == nil {
				before = files(t, dir)
			}
			_, err := s.Export(newStopAfter(20), dir)
			if !errors.Is(err, context.Canceled) || !strings.Contains(err.Error(), "interrupted") || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want one saying the export was interrupted and %q", err, tt.want)
			}
			if before == nil {
				if _, err := os.Stat(dir); !errors.Is(err, fs.ErrNotExist) {
					t.Errorf("the folder the export made stays: %v", err)
				}
			} else if got := files(t, dir); !maps.Equal(got, before) {
				t.Errorf("the folder changed: %d files, were %d", len(got), len(before))
			}
			noLeftovers(t, dir)
		})
	}
}

// TestExportAfterKill checks that an export removes what an export killed
// outright (kill -9) left: its staging folder.
func TestExportAfterKill(t *testing.T) {
	tests := []struct {
		scenario string
		// kill leaves in dir what a killed export would.
		kill func(t *testing.T, dir string)
	}{
		{"while a first export was written", func(t *testing.T, dir string) {
			addFiles(t, dir, map[string]string{".dateline-staging/index.html": "half", ".dateline-staging/data/x/1.json": "{}"})
		}},
		{"while an update was written", func(t *testing.T, dir string) {
			if _, err := exportSite(t, "one", "alpha", "gamma").Export(t.Context(), dir); err != nil {
				t.Fatal(err)
			}
			addFiles(t, dir, map[string]string{".dateline-staging/index.html": "half"})
		}},
	}
	for _, tt := range tests {
		t.Run(tt.scenario, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "site")
			if err := os.Mkdir(dir, 0o755); err != nil {
				t.Fatal(err)
			}
			tt.kill(t, dir)
			s := exportSite(t, "two", "alpha")
			if _, err := s.Export(t.Context(), dir); err != nil {
				t.Fatal(err)
			}
			got := files(t, dir)
			if _, ok := got["articles/gamma.html"]; ok {
				t.Error("articles/gamma.html stays")
			}
			if !strings.Contains(got["app-worker.js"], s.DataBase) {
				t.Error("the service worker is not the new version's")
			}
			noLeftovers(t, dir)
		})
	}
}
