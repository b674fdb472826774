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

	"dateline/internal/testfiles"
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
		"feed.xml", "sections/world/feed.xml", "sitemap.xml", "robots.txt", "_headers", "_redirects", "_config/nginx.conf", "_config/Caddyfile",
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
	// The export's manifest lists every file and the data version: not
	// the site's. app/feed's TestStaticHosts runs such rules in nginx and
	// Caddy.
	for conf, want := range map[string][]string{
		"_config/nginx.conf": {"location = /.dateline-export {\n    return 404;", "location ^~ /.dateline-staging/ {\n    return 404;",
			"location = /_redirects {\n    return 404;",
			"include /srv/dateline/_config/nginx.conf;"},
		"_config/Caddyfile": {"/_redirects /.dateline-export /.dateline-export.partial /.dateline-staging/*\nerror @dateline_hidden 404",
			"import /srv/dateline/_config/Caddyfile"},
	} {
		for _, w := range want {
			if !strings.Contains(got[conf], w) {
				t.Errorf("%s lacks %q", conf, w)
			}
		}
	}
	readme := string(mustRead(t, "../../README.md"))
	for _, w := range []string{"include /srv/dateline/_config/nginx.conf;", "import\n/srv/dateline/_config/Caddyfile"} {
		if !strings.Contains(readme, w) {
			t.Errorf("README.md does not say %q, as the configuration's own comment does", w)
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
	if !strings.Contains(after["dateline-worker.js"], second.DataBase) || after["app-worker.js"] == before["app-worker.js"] {
		t.Error("the service worker is the old version's")
	}
	// A third version: the first's data goes, the second's stays.
	third := newSite(t, bytes.Replace(changed, []byte("edited"), []byte("edited twice"), 1), testWeb(t, nil), "test")
	if _, err := third.Export(t.Context(), dir); err != nil {
		t.Fatal(err)
	}
	dataDirs := dataVersions(t, dir)
	slices.Sort(dataDirs)
	want := []string{second.DataBase, third.DataBase}
	slices.Sort(want)
	if !slices.Equal(dataDirs, want) {
		t.Errorf("data folders %q, want %q", dataDirs, want)
	}
	// The reuse list of the version exported, not of those it replaced.
	lists, err := filepath.Glob(filepath.Join(dir, "data", "reuse-*.json"))
	if err != nil || len(lists) != 1 || filepath.Base(lists[0]) != "reuse-"+third.Version+".json" {
		t.Errorf("reuse lists %q (%v), want only the third version's", lists, err)
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

// manifestFiles reads the files an export's manifest lists.
func manifestFiles(t *testing.T, dir string) map[string]bool {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, ".dateline-export"))
	if err != nil {
		t.Fatalf("the export has no manifest: %v", err)
	}
	_, list, ok := strings.Cut(string(b), "\nfiles\n")
	if !ok {
		t.Fatalf("the manifest lists no files:\n%.300s", b)
	}
	out := map[string]bool{}
	for _, f := range strings.Fields(list) {
		out[f] = true
	}
	return out
}

// TestExportLeavesOtherFiles checks that an update removes only the files
// an earlier export wrote and this one does not, and the folders that
// leaves empty: a publisher's own files stay, wherever they are.
func TestExportLeavesOtherFiles(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	if _, err := exportSite(t, "one", "alpha", "beta", "gamma").Export(t.Context(), dir); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"articles/beta.html", "sections/beta/feed.xml", "sections/gamma/feed.xml"} {
		if _, err := os.Stat(filepath.Join(dir, want)); err != nil {
			t.Fatalf("the first export lacks %s: %v", want, err)
		}
	}
	own := maps.Clone(publisherFiles)
	own["sections/beta/notes.txt"] = "the publisher's notes, in a folder the export made"
	testfiles.Write(t, dir, own)
	before := files(t, dir)

	st, err := exportSite(t, "two", "alpha").Export(t.Context(), dir)
	if err != nil {
		t.Fatal(err)
	}
	after := files(t, dir)
	for name, content := range own {
		if got, ok := after[name]; !ok || got != content {
			t.Errorf("the publisher's %s was removed or changed", name)
		}
	}
	removed := 0
	for name := range before {
		if _, ok := after[name]; !ok {
			removed++
		}
	}
	if st.Removed != removed {
		t.Errorf("stats say %d removed; %d files went", st.Removed, removed)
	}
	for _, gone := range []string{"articles/beta.html", "articles/gamma.html", "sections/beta/feed.xml", "tags/gamma.html"} {
		if _, ok := after[gone]; ok {
			t.Errorf("%s of an article that is gone stays", gone)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "sections", "gamma")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the folder sections/gamma, left empty, stays: %v", err)
	}
	listed := manifestFiles(t, dir)
	for name := range own {
		if listed[name] {
			t.Errorf("the manifest lists the publisher's %s", name)
		}
	}
	for name := range after {
		if _, mine := own[name]; !mine && name != ".dateline-export" && !listed[name] {
			t.Errorf("the manifest does not list %s", name)
		}
	}
}

// TestExportOverUnrecordedExport checks an update of an export made
// before manifests: files outside the folders only Dateline writes into
// stay, even those the new export does not write; inside them, what the
// new export does not write goes, but the replaced version's data; the
// temporary files of an update cut short go too. From then on there is a
// manifest.
func TestExportOverUnrecordedExport(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	first := exportSite(t, "one", "alpha", "beta")
	if _, err := first.Export(t.Context(), dir); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(dir, ".dateline-export")); err != nil {
		t.Fatal(err)
	}
	own := maps.Clone(publisherFiles)
	own["sitemap-old.xml"] = "the publisher's, or an export's: outside Dateline's folders, it stays"
	own[".notes.1.tmp"] = "the publisher's, though named like a temporary file"
	testfiles.Write(t, dir, own)
	leftovers := map[string]string{
		"articles/.alpha.html.123.tmp":       "cut short",
		".index.html.456.tmp":                "cut short",
		"web/.dateline.css.789.tmp":          "cut short",
		"articles/dropped-long-ago.html":     "a page an older export wrote",
		"data/0123456789abcdef/offline.json": "the data of an older version",
	}
	testfiles.Write(t, dir, leftovers)

	second := exportSite(t, "two", "alpha")
	st, err := second.Export(t.Context(), dir)
	if err != nil {
		t.Fatal(err)
	}
	after := files(t, dir)
	for name, content := range own {
		if after[name] != content {
			t.Errorf("the publisher's %s was removed or changed", name)
		}
	}
	for name := range leftovers {
		if _, ok := after[name]; ok {
			t.Errorf("%s stays", name)
		}
	}
	if _, ok := after["articles/beta.html"]; ok {
		t.Error("the page of the article that is gone stays")
	}
	oldData := strings.TrimPrefix(first.DataBase, "/") + "/"
	if _, ok := after[oldData+"offline.json"]; !ok {
		t.Error("the data of the replaced version went")
	}
	if st.Removed == 0 {
		t.Errorf("stats %+v: nothing removed", st)
	}
	listed := manifestFiles(t, dir)
	if !listed[oldData+"offline.json"] || !listed["articles/alpha.html"] || listed["CNAME"] {
		t.Errorf("the manifest written over an export made before manifests lists %d files, the replaced version's data included: %v, alpha's page: %v, CNAME: %v",
			len(listed), listed[oldData+"offline.json"], listed["articles/alpha.html"], listed["CNAME"])
	}

	// Not an export: refused, and left as it was.
	other := t.TempDir()
	testfiles.Write(t, other, publisherFiles)
	if _, err := second.Export(t.Context(), other); err == nil || !strings.Contains(err.Error(), "holds no Dateline export") {
		t.Errorf("exporting into a folder of something else: %v", err)
	}
	if got := files(t, other); !maps.Equal(got, publisherFiles) {
		t.Errorf("the folder of something else was changed: %v", slices.Sorted(maps.Keys(got)))
	}
}

// TestExportRefusesDamagedManifest checks that an export refuses a
// manifest it cannot trust, and removes nothing, outside the folder least
// of all.
func TestExportRefusesDamagedManifest(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "site")
	s := exportSite(t, "one", "alpha")
	if _, err := s.Export(t.Context(), dir); err != nil {
		t.Fatal(err)
	}
	testfiles.Write(t, parent, map[string]string{"outside.txt": "not the export's"})
	name := filepath.Join(dir, ".dateline-export")
	m, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, append(m, "../outside.txt\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	before := files(t, parent)
	_, err = exportSite(t, "two", "alpha").Export(t.Context(), dir)
	if err == nil || !strings.Contains(err.Error(), `"../outside.txt" is not the path of a file of the site`) {
		t.Errorf("error %v, want one naming the line that is wrong", err)
	}
	if after := files(t, parent); !maps.Equal(after, before) {
		t.Error("an export over a damaged manifest changed files")
	}
}

// TestExportManifestStaysInside checks the manifest's paths against what
// a hand or a checkout may do to the folder: a link inside it to another
// folder, whose file the manifest names, is not followed out (the file
// stays; the export fails before removing anything of it); a path with a
// backslash is refused; and CRLF line ends, as a Windows checkout makes,
// are read as the manifest they are.
func TestExportManifestStaysInside(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "site")
	if _, err := exportSite(t, "one", "alpha").Export(t.Context(), dir); err != nil {
		t.Fatal(err)
	}
	testfiles.Write(t, parent, map[string]string{"home/thesis.txt": "the reader's own"})
	if err := os.Symlink(filepath.Join("..", "home"), filepath.Join(dir, "shared")); err != nil {
		t.Fatal(err)
	}
	name := filepath.Join(dir, ".dateline-export")
	m, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, append(m, "shared/thesis.txt\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := exportSite(t, "two", "alpha").Export(t.Context(), dir); err == nil {
		t.Error("an export removed a file through a link that leads out of its folder")
	}
	if _, err := os.Stat(filepath.Join(parent, "home", "thesis.txt")); err != nil {
		t.Errorf("the file outside the export: %v", err)
	}

	// A backslash, and CRLF.
	dir2 := filepath.Join(parent, "site2")
	if _, err := exportSite(t, "one", "alpha").Export(t.Context(), dir2); err != nil {
		t.Fatal(err)
	}
	name2 := filepath.Join(dir2, ".dateline-export")
	m2, err := os.ReadFile(name2)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name2, append(bytes.Clone(m2), `..\\outside.txt`+"\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := exportSite(t, "two", "alpha").Export(t.Context(), dir2); err == nil || !strings.Contains(err.Error(), "is not the path of a file of the site") {
		t.Errorf("a path with a backslash: %v, want it refused", err)
	}
	if err := os.WriteFile(name2, bytes.ReplaceAll(m2, []byte("\n"), []byte("\r\n")), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := exportSite(t, "two", "alpha").Export(t.Context(), dir2); err != nil {
		t.Errorf("a manifest with CRLF line ends: %v", err)
	}
}

// dataVersions lists the data versions in an export: the folders under
// data/ (beside them, the version's reuse list).
func dataVersions(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(filepath.Join(dir, "data"))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		if e.IsDir() {
			out = append(out, "/data/"+e.Name())
		}
	}
	return out
}

// TestExportAgainKeepsReplacedVersion checks that exporting the same data
// again, by a new build for instance, keeps the data of the version the
// last export replaced, which readers may still have open.
func TestExportAgainKeepsReplacedVersion(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	first, second := exportSite(t, "one", "alpha"), exportSite(t, "two", "alpha")
	for _, s := range []*site.Site{first, second} {
		if _, err := s.Export(t.Context(), dir); err != nil {
			t.Fatal(err)
		}
	}
	rebuilt := newSite(t, exportData("two", "alpha"), testWeb(t, nil), "another build")
	if rebuilt.DataBase != second.DataBase || rebuilt.Version == second.Version {
		t.Fatal("a new build of the same data should be a new version with the same data")
	}
	for range 2 {
		if _, err := rebuilt.Export(t.Context(), dir); err != nil {
			t.Fatal(err)
		}
		if got, want := dataVersions(t, dir), slices.Sorted(slices.Values([]string{first.DataBase, second.DataBase})); !slices.Equal(got, want) {
			t.Errorf("data versions %q after exporting the same data again, want %q", got, want)
		}
	}
	third := exportSite(t, "three", "alpha")
	if _, err := third.Export(t.Context(), dir); err != nil {
		t.Fatal(err)
	}
	if got, want := dataVersions(t, dir), slices.Sorted(slices.Values([]string{second.DataBase, third.DataBase})); !slices.Equal(got, want) {
		t.Errorf("data versions %q after a new version, want %q", got, want)
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

// TestExportIntoLinkToNothing exports into a symbolic link whose folder
// is gone (removed, or on a disk not mounted), or into a folder under
// one: refused, naming the link and where it leads, with nothing made.
// The export said only "mkdir site: file exists" of a name that ls
// shows, as a link.
func TestExportIntoLinkToNothing(t *testing.T) {
	s := exportSite(t, "one", "alpha")
	for _, tt := range []struct{ scenario, under string }{
		{"the link", ""},
		{"a folder under it", filepath.Join("2024", "site")},
	} {
		t.Run(tt.scenario, func(t *testing.T) {
			parent := t.TempDir()
			link := filepath.Join(parent, "site")
			if err := os.Symlink(filepath.Join("mnt", "gone"), link); err != nil {
				t.Fatal(err)
			}
			dir := filepath.Join(link, tt.under)
			_, err := s.Export(t.Context(), dir)
			want := link + " is a link to " + filepath.Join("mnt", "gone") + ", which does not exist: make the folder it leads to, or choose another directory"
			if err == nil || !strings.Contains(err.Error(), want) {
				t.Fatalf("export into %s: %v; want %q", dir, err, want)
			}
			entries, err := os.ReadDir(parent)
			if err != nil {
				t.Fatal(err)
			}
			if len(entries) != 1 || entries[0].Name() != "site" || entries[0].Type()&fs.ModeSymlink == 0 {
				t.Errorf("the refused export left %v beside the link (the link's folder made?)", entries)
			}
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
			testfiles.Write(t, dir, publisherFiles)
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

// TestExportAfterKill checks that an export finishes what an export killed
// outright (kill -9) left: its staging folder, its temporary files, and
// the files of an update cut short while they were moved into place; and
// that a first export cut short then is not taken for another's folder.
func TestExportAfterKill(t *testing.T) {
	tests := []struct {
		scenario string
		// kill leaves in dir what a killed export would.
		kill func(t *testing.T, dir string)
		// empty is set when that leaves nothing but the export's own:
		// the folder was empty, and the publisher adds nothing.
		empty bool
	}{
		{"while a first export was written", func(t *testing.T, dir string) {
			testfiles.Write(t, dir, map[string]string{".dateline-staging/index.html": "half", ".dateline-staging/data/x/1.json": "{}"})
		}, true},
		{"while an update was written", func(t *testing.T, dir string) {
			if _, err := exportSite(t, "one", "alpha", "gamma").Export(t.Context(), dir); err != nil {
				t.Fatal(err)
			}
			testfiles.Write(t, dir, map[string]string{".dateline-staging/index.html": "half", "..dateline-export.123.tmp": "half a manifest"})
		}, false},
		{"while an update was moved into place", func(t *testing.T, dir string) {
			if _, err := exportSite(t, "one", "alpha", "gamma").Export(t.Context(), dir); err != nil {
				t.Fatal(err)
			}
			// The update's manifest of the move lists a page it had moved
			// into place, which the next export does not write.
			m, err := os.ReadFile(filepath.Join(dir, ".dateline-export"))
			if err != nil {
				t.Fatal(err)
			}
			testfiles.Write(t, dir, map[string]string{
				".dateline-export.partial":        string(m) + "articles/delta.html\n",
				"articles/delta.html":             "moved into place",
				".dateline-staging/app.js":        "not moved yet",
				"..dateline-export.partial.5.tmp": "",
			})
		}, false},
		{"while a first export was moved into place", func(t *testing.T, dir string) {
			if _, err := exportSite(t, "one", "alpha", "gamma").Export(t.Context(), dir); err != nil {
				t.Fatal(err)
			}
			// The service worker not yet moved into place, and the
			// manifest still that of the move.
			stage := filepath.Join(dir, ".dateline-staging")
			if err := os.Mkdir(stage, 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.Rename(filepath.Join(dir, "app-worker.js"), filepath.Join(stage, "app-worker.js")); err != nil {
				t.Fatal(err)
			}
			if err := os.Rename(filepath.Join(dir, ".dateline-export"), filepath.Join(dir, ".dateline-export.partial")); err != nil {
				t.Fatal(err)
			}
		}, true},
	}
	for _, tt := range tests {
		t.Run(tt.scenario, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "site")
			if err := os.Mkdir(dir, 0o755); err != nil {
				t.Fatal(err)
			}
			tt.kill(t, dir)
			own := publisherFiles
			if tt.empty {
				own = nil
			}
			testfiles.Write(t, dir, own)
			s := exportSite(t, "two", "alpha")
			if _, err := s.Export(t.Context(), dir); err != nil {
				t.Fatal(err)
			}
			got := files(t, dir)
			listed := manifestFiles(t, dir)
			for name := range got {
				if _, mine := own[name]; !mine && name != ".dateline-export" && !listed[name] {
					t.Errorf("%s stays, and the manifest does not list it", name)
				}
			}
			for name, content := range own {
				if got[name] != content {
					t.Errorf("the publisher's %s was removed or changed", name)
				}
			}
			for _, gone := range []string{"articles/gamma.html", "articles/delta.html"} {
				if _, ok := got[gone]; ok {
					t.Errorf("%s stays", gone)
				}
			}
			imported := regexp.MustCompile(`^importScripts\("/(dateline-worker\.[0-9a-f]{24}\.js)"\)`).FindStringSubmatch(got["app-worker.js"])
			if !strings.Contains(got["dateline-worker.js"], s.DataBase) || imported == nil || got[imported[1]] != got["dateline-worker.js"] {
				t.Error("the service worker is not the new version's")
			}
			noLeftovers(t, dir)
		})
	}
}

// TestExportMoveOrder checks the order in which an update moves its files
// into place: every file comes after the files it names, so that a page
// served while an update is moved in finds its data, its app files
// (hashed, or the unhashed copy a page falls back to), the articles it
// lists and the feeds' pages, whatever order they were written in; and
// the service worker, which takes the new version, comes last. Pages of
// one kind name each other (articles their related articles, list pages
// the home page), and some kinds too (an article its tags' pages, a page
// its feed): of those the order serves the lists and feeds, which lead
// to the articles.
func TestExportMoveOrder(t *testing.T) {
	s := newSite(t, seoData("https://news.example.org"), testWeb(t, nil), "test")
	dir := filepath.Join(t.TempDir(), "site")
	if _, err := s.Export(t.Context(), dir); err != nil {
		t.Fatal(err)
	}
	got := files(t, dir)
	written := slices.Sorted(maps.Keys(got))
	kind := func(f string) string {
		switch {
		case strings.HasPrefix(f, "articles/"):
			return "article"
		case strings.HasSuffix(f, ".html"):
			return "list"
		case strings.HasSuffix(f, ".xml"), f == "robots.txt", strings.HasPrefix(f, "_"):
			return "feed" // and what else names pages: the hosts' configurations
		}
		return f
	}
	cycle := map[[2]string]bool{{"article", "list"}: true, {"article", "feed"}: true, {"list", "feed"}: true}
	// A path a file names: in an attribute, a list of them, a script's
	// import, or a feed's or sitemap's absolute URL.
	named := regexp.MustCompile(`(?:["'( ]|https://news\.example\.org)(/[A-Za-z0-9._~%/-]*)`)
	fileOf := func(p string) string {
		p = strings.TrimPrefix(p, "/")
		for _, f := range []string{p, p + ".html", strings.TrimSuffix(p+"/index.html", "/")} {
			if _, ok := got[f]; ok && f != "" {
				return f
			}
		}
		if p == "" {
			return "index.html"
		}
		return ""
	}
	reversed := slices.Clone(written)
	slices.Reverse(reversed)
	for _, from := range [][]string{written, reversed} {
		order := site.MoveOrder(from)
		if len(order) != len(from) || !slices.Equal(slices.Sorted(slices.Values(order)), written) {
			t.Fatalf("MoveOrder returned %d files of %d", len(order), len(from))
		}
		at := make(map[string]int, len(order))
		for i, f := range order {
			at[f] = i
		}
		pairs := 0
		for _, f := range order {
			if k := kind(f); k != "article" && k != "list" && k != "feed" {
				continue // the app's files: their paths are code's, not links
			}
			for _, m := range named.FindAllStringSubmatch(got[f], -1) {
				g := fileOf(m[1])
				if g == "" || g == f || kind(g) == kind(f) || cycle[[2]string{kind(f), kind(g)}] {
					continue
				}
				pairs++
				if at[g] > at[f] {
					t.Errorf("%s moves in before %s, which it names (%s)", f, g, m[1])
				}
			}
		}
		if pairs < 50 {
			t.Errorf("only %d files named by others: the test reads too little", pairs)
		}
		if last := order[len(order)-1]; last != "app-worker.js" {
			t.Errorf("the last file moved in is %s, not the service worker", last)
		}
	}
	// A first export moves the folders and files at its top, each folder
	// as the kind of file it holds.
	var top []string
	for _, f := range written {
		name, _, _ := strings.Cut(f, "/")
		if !slices.Contains(top, name) {
			top = append(top, name)
		}
	}
	slices.Reverse(top)
	order := site.MoveOrder(top)
	before := func(a, b string) bool { return slices.Index(order, a) < slices.Index(order, b) }
	for _, pair := range [][2]string{
		{"data", "web"}, {"web", "articles"}, {"app.js", "articles"}, {"articles", "sections"}, {"articles", "tags"},
		{"articles", "index.html"}, {"sections", "sitemap.xml"}, {"index.html", "feed.xml"}, {"sitemap.xml", "app-worker.js"},
	} {
		if !slices.Contains(order, pair[0]) || !slices.Contains(order, pair[1]) || !before(pair[0], pair[1]) {
			t.Errorf("a first export moves %s in before %s: %q", pair[1], pair[0], order)
		}
	}
}
