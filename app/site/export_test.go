package site_test

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
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
