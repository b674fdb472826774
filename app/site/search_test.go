package site_test

import (
	"encoding/json"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"dateline/app/jsonread"
	"dateline/app/page"
	"dateline/app/search"
	"dateline/internal/htmltest"
)

// searchData is a plainly synthetic archive for search: three articles,
// one with hostile text in its headline, one in Arabic script.
const searchData = `{"site": {"name": "Synthetic Search", "lang": "en"}, "articles": [
  {"slug": "search-newest", "headline": "Quillotex rises in the synthetic market", "section": "Test Desk", "published": "2024-03-03",
   "body": [{"type": "paragraph", "text": "A paragraph of invented copy about zarnwick fields."}, {"type": "paragraph", "text": "A second paragraph that mentions quillotex again."}]},
  {"slug": "search-hostile", "headline": "<img src=x onerror=alert(1)> quillotex test", "published": "2024-03-02",
   "body": [{"type": "paragraph", "text": "Body text with zarnwick and </script><script>alert(2)</script>."}]},
  {"slug": "search-arabic", "lang": "ar", "headline": "خبر تجريبي عن الكتابة", "published": "2024-03-01",
   "body": [{"type": "paragraph", "text": "نص تجريبي مكتوب للاختبار فقط."}]}
]}`

// searchServer serves searchData, once its index is built.
func searchServer(t *testing.T) *testServer {
	t.Helper()
	ts := newTestServer(t, []byte(searchData), testWeb(t, nil))
	if _, err := ts.WaitSearch(); err != nil {
		t.Fatalf("building the search index: %v", err)
	}
	return ts
}

// results reads a search page: its heading and the hits' links.
func results(t *testing.T, ts *testServer, target string) (h1 string, hrefs []string, root *htmltest.Node) {
	t.Helper()
	r := ts.get(t, target, "")
	if r.status != http.StatusOK {
		t.Fatalf("%s: status %d", target, r.status)
	}
	root = htmltest.Parse(t, string(r.raw))
	h1s := root.All("h1")
	if len(h1s) != 1 {
		t.Fatalf("%s: %d h1", target, len(h1s))
	}
	for _, ul := range root.WithClass("search-results") {
		for _, h := range ul.WithClass("summary-headline") {
			hrefs = append(hrefs, h.All("a")[0].Attrs["href"])
		}
	}
	return h1s[0].TextContent(), hrefs, root
}

// TestSearchPage checks the results the host renders for /search?q=:
// every word must match, the last as a prefix too, headline matches rank
// first, words are marked, text stays text, and each state says so.
func TestSearchPage(t *testing.T) {
	t.Parallel()
	ts := searchServer(t)
	for _, tt := range []struct {
		scenario, target, h1 string
		hrefs                []string
	}{
		{"headline matches first, then newer", "/search?q=quillotex", "2 results for quillotex",
			[]string{"/articles/search-newest", "/articles/search-hostile"}},
		{"every word must match", "/search?q=quillotex+zarnwick", "2 results for quillotex zarnwick",
			[]string{"/articles/search-newest", "/articles/search-hostile"}},
		{"the last word is a prefix", "/search?q=zarnw", "2 results for zarnw",
			[]string{"/articles/search-newest", "/articles/search-hostile"}},
		{"an earlier word is not", "/search?q=zarnw+quillotex", "Search the archive", nil},
		{"Arabic script, folded", "/search?q=%D8%A7%D9%84%D9%83%D8%AA%D8%A7%D8%A8%D8%A9", "1 result for الكتابة",
			[]string{"/articles/search-arabic"}},
		{"no query", "/search", "Search the archive", nil},
		{"an empty query", "/search?q=+", "Search the archive", nil},
	} {
		t.Run(tt.scenario, func(t *testing.T) {
			h1, hrefs, _ := results(t, ts, tt.target)
			if h1 != tt.h1 || strings.Join(hrefs, " ") != strings.Join(tt.hrefs, " ") {
				t.Errorf("%s: %q %q, want %q %q", tt.target, h1, hrefs, tt.h1, tt.hrefs)
			}
		})
	}

	_, _, root := results(t, ts, "/search?q=quillotex")
	marks := root.All("mark")
	if len(marks) < 2 {
		t.Fatalf("%d <mark>, want the headline's and the excerpt's", len(marks))
	}
	for _, m := range marks {
		if !strings.EqualFold(m.TextContent(), "quillotex") {
			t.Errorf("marked %q", m.TextContent())
		}
	}
	for _, img := range root.All("img") {
		t.Errorf("a headline's markup became an element: <img %v>", img.Attrs)
	}
	if got := root.Find("input", "id", "search-input"); len(got) != 1 || got[0].Attrs["value"] != "quillotex" {
		t.Errorf("the search box does not show the query")
	}
	// Crawlable, as Lighthouse's SEO audit asks of it; only the saved
	// articles and not-found pages say noindex.
	if n := len(root.Find("meta", "name", "robots")); n != 0 {
		t.Errorf("a search page has %d robots metas, want none", n)
	}
	if c := root.Find("link", "rel", "canonical"); len(c) != 0 && !strings.Contains(c[0].Attrs["href"], "/search?q=quillotex") {
		t.Errorf("canonical %q", c[0].Attrs["href"])
	}

	_, _, root = results(t, ts, "/search?q=nothingmatchesthis")
	if got := root.WithClass("search-note"); len(got) != 1 || got[0].TextContent() != "No articles match nothingmatchesthis." {
		t.Errorf("no results: the page does not say so")
	}
	// Hostile text in the query stays text.
	r := ts.get(t, "/search?q=%3Cscript%3Ealert(3)%3C%2Fscript%3E", "")
	if strings.Contains(string(r.raw), "<script>alert(3)") {
		t.Error("the query's markup was written into the page")
	}
}

// TestSearchPageCarriesResults checks the results a search page's document
// carries for app.wasm (page.FoundID): those the page shows, in its order,
// marked alike, hostile text escaped so that it cannot end the element;
// none on a page without a query.
func TestSearchPageCarriesResults(t *testing.T) {
	t.Parallel()
	ts := searchServer(t)
	for _, q := range []string{"quillotex", "zarnwick", "nothingmatchesthis"} {
		target := "/search?q=" + q
		_, hrefs, root := results(t, ts, target)
		els := root.Find("script", "id", page.FoundID)
		if len(els) != 1 || els[0].Attrs["type"] != "application/json" {
			t.Fatalf("%s: %d elements #%s of type application/json, want 1", target, len(els), page.FoundID)
		}
		var d page.FoundData
		r := jsonread.NewReader([]byte(els[0].TextContent()))
		d.ReadJSON(r)
		if err := r.End(); err != nil {
			t.Fatalf("%s: reading the carried results: %v", target, err)
		}
		f, ok := d.Found(page.SearchRef(q, 1))
		if !ok || f.Total != len(hrefs) || len(f.Hits) != len(hrefs) {
			t.Fatalf("%s: carried %+v, the page shows %q", target, d, hrefs)
		}
		shown := root.WithClass("summary-headline")
		for i, h := range f.Hits {
			if page.ArticlePath(h.Slug) != hrefs[i] || h.Headline != shown[i].TextContent() {
				t.Errorf("%s: hit %d carried as %s %q, shown as %s %q", target, i, h.Slug, h.Headline, hrefs[i], shown[i].TextContent())
			}
			for _, m := range append(h.HeadlineMarks, h.Excerpt...) {
				if m.Mark && !strings.EqualFold(m.Text, q) {
					t.Errorf("%s: hit %d marks %q", target, i, m.Text)
				}
			}
		}
	}
	raw := string(ts.get(t, "/search?q=zarnwick", "").raw)
	if strings.Contains(raw, "<script>alert(2)") || strings.Count(raw, "<img src=x") != 0 {
		t.Error("the hostile article's text was written into the page as markup")
	}
	if _, _, root := results(t, ts, "/search"); len(root.Find("script", "id", page.FoundID)) != 0 {
		t.Error("the search page without a query carries results")
	}
}

// TestSearchFiles checks the index's files under the data path: the
// manifest under its fixed name, every file immutable and the same bytes
// the index holds, unknown names not found, and a client reading them over
// HTTP finds what the host finds.
func TestSearchFiles(t *testing.T) {
	t.Parallel()
	ts := searchServer(t)
	base := ts.DataBase + "/" + page.SearchDir + "/"
	m := ts.get(t, base+page.SearchManifest, "")
	if m.status != http.StatusOK || !strings.Contains(m.header.Get("Cache-Control"), "immutable") {
		t.Fatalf("manifest: status %d, Cache-Control %q", m.status, m.header.Get("Cache-Control"))
	}
	for _, name := range []string{"nope.bin", "../offline.json", "x/s0.bin"} {
		if r := ts.get(t, base+name, ""); r.status != http.StatusNotFound {
			t.Errorf("%s: status %d, want 404", name, r.status)
		}
	}
	fetched := 0
	s := search.NewSearcher(page.SearchManifest, func(name string) ([]byte, error) {
		fetched++
		r := ts.get(t, base+name, "")
		if r.status != http.StatusOK {
			t.Errorf("%s: status %d", name, r.status)
		}
		return r.raw, nil
	})
	res, err := s.Search("zarnwick", 1)
	if err != nil || res.Total != 2 || len(res.Hits) != 2 || res.Hits[0].Slug != "search-newest" {
		t.Errorf("over HTTP: %+v, %v", res, err)
	}
	if fetched < 2 {
		t.Errorf("the search fetched %d files", fetched)
	}
	var offline []string
	if err := json.Unmarshal(ts.get(t, ts.DataBase+"/offline.json", "").raw, &offline); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{page.SearchPath, base + page.SearchManifest} {
		if !contains(offline, want) {
			t.Errorf("a site saved whole offline does not save %s", want)
		}
	}
}

func contains(list []string, s string) bool { return slices.Contains(list, s) }

// TestSearchExport checks that an export holds the whole index and a
// search page that says the app will search.
func TestSearchExport(t *testing.T) {
	t.Parallel()
	s := newSite(t, []byte(searchData), testWeb(t, nil), "test")
	dir := filepath.Join(t.TempDir(), "site")
	if _, err := s.Export(dir); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(dir, "search.html"))
	if err != nil {
		t.Fatal(err)
	}
	root := htmltest.Parse(t, string(b))
	if note := root.WithClass("search-note"); len(note) != 1 || !strings.Contains(note[0].TextContent(), "Search runs in the app") {
		t.Errorf("the exported search page does not say the app searches")
	}
	if n := len(root.Find("script", "id", page.FoundID)); n != 0 {
		t.Errorf("the exported search page carries results (%d elements)", n)
	}
	sdir := filepath.Join(dir, strings.TrimPrefix(s.DataBase, "/"), page.SearchDir)
	fsys := os.DirFS(sdir)
	searcher := search.NewSearcher(page.SearchManifest, func(name string) ([]byte, error) {
		return fs.ReadFile(fsys, name)
	})
	res, err := searcher.Search("quillotex", 1)
	if err != nil || res.Total != 2 || len(res.Hits) != 2 || len(res.Hits[1].Excerpt) == 0 {
		t.Errorf("searching the exported files: %+v, %v", res, err)
	}
}
