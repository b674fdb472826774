package site_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"dateline/app/page"
	"dateline/app/search"
	"dateline/internal/htmltest"
)

// searchData is a plainly synthetic archive for search: three articles,
// one with hostile text in its headline, one in Arabic script with an
// author and a tag in Latin script.
const searchData = `{"site": {"name": "Synthetic Search", "lang": "en"}, "articles": [
  {"slug": "search-newest", "headline": "Quillotex rises in the synthetic market", "section": "Test Desk", "published": "2024-03-03",
   "body": [{"type": "paragraph", "text": "A paragraph of invented copy about zarnwick fields."}, {"type": "paragraph", "text": "A second paragraph that mentions quillotex again."}]},
  {"slug": "search-hostile", "headline": "<img src=x onerror=alert(1)> quillotex test", "published": "2024-03-02",
   "body": [{"type": "paragraph", "text": "Body text with zarnwick and </script><script>alert(2)</script>."}]},
  {"slug": "search-arabic", "lang": "ar", "headline": "خبر تجريبي عن الكتابة", "published": "2024-03-01", "authors": ["Vexa Morrow"], "tags": ["Plinth Desk"],
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
		{"an earlier word is not", "/search?q=zarnw+quillotex", "0 results for zarnw quillotex", nil},
		{"Arabic script, folded", "/search?q=%D8%A7%D9%84%D9%83%D8%AA%D8%A7%D8%A8%D8%A9", "1 result for الكتابة",
			[]string{"/articles/search-arabic"}},
		{"by its author", "/search?q=morrow", "1 result for morrow", []string{"/articles/search-arabic"}},
		{"by its tag", "/search?q=plinth+desk", "1 result for plinth desk", []string{"/articles/search-arabic"}},
		{"no query", "/search", "Search the archive", nil},
		{"an empty query", "/search?q=+", "Search the archive", nil},
		{"control characters are spaces", "/search?q=%00quillotex%07", "2 results for quillotex",
			[]string{"/articles/search-newest", "/articles/search-hostile"}},
	} {
		t.Run(tt.scenario, func(t *testing.T) {
			h1, hrefs, _ := results(t, ts, tt.target)
			if h1 != tt.h1 || strings.Join(hrefs, " ") != strings.Join(tt.hrefs, " ") {
				t.Errorf("%s: %q %q, want %q %q", tt.target, h1, hrefs, tt.h1, tt.hrefs)
			}
		})
	}

	if r := ts.get(t, "/search?q=%00x%C2%85y", ""); bytes.ContainsAny(r.raw, "\x00\u0085") {
		t.Errorf("the page echoes a control character of the query")
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
	if got := root.All("title"); len(got) != 1 || got[0].TextContent() != "2 results for quillotex · Synthetic Search" {
		t.Errorf("the title does not say what the search found")
	}
	// Results of a query stay out of search engines' indexes (their
	// links may be followed); app/feed's TestHeadTags has the other pages.
	if r := root.Find("meta", "name", "robots"); len(r) != 1 || r[0].Attrs["content"] != "noindex" {
		t.Errorf("a search's results: robots metas %v, want one noindex", r)
	}
	if c := root.Find("link", "rel", "canonical"); len(c) != 0 && !strings.Contains(c[0].Attrs["href"], "/search?q=quillotex") {
		t.Errorf("canonical %q", c[0].Attrs["href"])
	}

	// Past the last page: where the results end, and the way back.
	_, _, root = results(t, ts, "/search?q=quillotex&page=4")
	if got := root.WithClass("search-note"); len(got) != 1 || got[0].TextContent() != "These results end at page 1: there is no page 4." {
		t.Errorf("a page past the last does not say where the results end")
	}
	if back := root.WithClass("pager-prev"); len(back) != 1 || back[0].Attrs["href"] != "/search?q=quillotex" {
		t.Errorf("a page past the last has no link back to the last page")
	}

	// No results: the heading, which a search focuses, and the title
	// say so with the query, as they give the count of results; the note
	// in words.
	h1, _, root := results(t, ts, "/search?q=nothingmatchesthis")
	if want := "0 results for nothingmatchesthis"; h1 != want {
		t.Errorf("no results: the heading is %q, want %q", h1, want)
	}
	if got := root.All("title"); len(got) != 1 || got[0].TextContent() != "0 results for nothingmatchesthis · Synthetic Search" {
		t.Errorf("no results: the title does not say so")
	}
	if got := root.WithClass("search-note"); len(got) != 1 || got[0].TextContent() != "No articles match nothingmatchesthis." {
		t.Errorf("no results: the note does not say so")
	}
	// Hostile text in the query stays text.
	r := ts.get(t, "/search?q=%3Cscript%3Ealert(3)%3C%2Fscript%3E", "")
	if strings.Contains(string(r.raw), "<script>alert(3)") {
		t.Error("the query's markup was written into the page")
	}
}

// TestSearchPageMarksItsResults checks the mark with which a search page
// drawn with complete results tells app.wasm that it may take them as
// drawn (page.DrawnQuery): its query and page, on the element that holds
// the heading and every result; the empty query's on the page without one,
// which the app keeps as drawn too; none where the query did not run
// (TestSearchExport checks the exported page).
func TestSearchPageMarksItsResults(t *testing.T) {
	t.Parallel()
	ts := searchServer(t)
	for _, tt := range []struct{ target, query, page string }{
		{"/search?q=quillotex", "quillotex", "1"},
		{"/search?q=zarnwick", "zarnwick", "1"},
		{"/search?q=nothingmatchesthis", "nothingmatchesthis", "1"},
		{"/search?q=%3Cb%3E%22x&page=2", "<b>\"x", "2"},
	} {
		h1, hrefs, root := results(t, ts, tt.target)
		els := root.WithClass("search-page")
		if len(els) != 1 || els[0].Attrs[page.DrawnQuery] != tt.query || els[0].Attrs[page.DrawnPage] != tt.page {
			t.Fatalf("%s: search-page elements %d, want one marked %q, page %s", tt.target, len(els), tt.query, tt.page)
		}
		var inside []string
		for _, h := range els[0].WithClass("summary-headline") {
			inside = append(inside, h.All("a")[0].Attrs["href"])
		}
		if len(els[0].All("h1")) != 1 || els[0].All("h1")[0].TextContent() != h1 || strings.Join(inside, " ") != strings.Join(hrefs, " ") {
			t.Errorf("%s: the marked element holds %q, the page shows %q %q", tt.target, inside, h1, hrefs)
		}
	}
	for _, target := range []string{"/search", "/search?q=+"} {
		_, _, root := results(t, ts, target)
		els := root.WithClass("search-page")
		if len(els) != 1 {
			t.Fatalf("%s: %d search-page elements", target, len(els))
		}
		// Marked too: it has no results to miss, and the app keeps it.
		if q, ok := els[0].Attrs[page.DrawnQuery]; !ok || q != "" || els[0].Attrs[page.DrawnPage] != "1" {
			t.Errorf("%s: the page without a query is marked %q (%v), page %q; want the empty query, page 1", target, q, ok, els[0].Attrs[page.DrawnPage])
		}
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
	for _, name := range []string{"nope.bin", "x/s0.bin"} {
		if r := ts.get(t, base+name, ""); r.status != http.StatusNotFound {
			t.Errorf("%s: status %d, want 404", name, r.status)
		}
	}
	// Out of the index by "..": the data file's own address, as a static
	// host resolves it, never the file read from the index's folder.
	if r := ts.get(t, base+"../offline.json", ""); r.status != http.StatusMovedPermanently || r.header.Get("Location") != ts.DataBase+"/offline.json" {
		t.Errorf("../offline.json: status %d to %q, want 301 to %s/offline.json", r.status, r.header.Get("Location"), ts.DataBase)
	}
	// The searcher fetches shards at once, from goroutines of its own: the
	// count is atomic, and a failure is its error, not the test's Fatal.
	var fetched atomic.Int32
	s := search.NewSearcher(page.SearchManifest, func(name string) ([]byte, error) {
		fetched.Add(1)
		res, err := ts.client.Get(ts.url + base + name)
		if err != nil {
			return nil, err
		}
		defer res.Body.Close()
		if res.StatusCode != http.StatusOK {
			return nil, fmt.Errorf("%s: status %d", name, res.StatusCode)
		}
		return io.ReadAll(res.Body)
	})
	res, err := s.Search("zarnwick", 1)
	if err != nil || res.Total != 2 || len(res.Hits) != 2 || res.Hits[0].Slug != "search-newest" {
		t.Errorf("over HTTP: %+v, %v", res, err)
	}
	if n := fetched.Load(); n < 2 {
		t.Errorf("the search fetched %d files", n)
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
	if _, err := s.Export(t.Context(), dir); err != nil {
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
	// With data saver on, the app never loads: the note shown then
	// (web/dateline.css: .saver-on) says so.
	var saver []string
	for _, el := range root.WithClass("saver-on") {
		if strings.Contains(el.TextContent(), "the app that searches") {
			saver = append(saver, el.TextContent())
		}
	}
	if len(saver) != 1 {
		t.Errorf("the exported search page has %d notes for data saver, want 1", len(saver))
	}
	for _, el := range root.WithClass("search-page") {
		if _, ok := el.Attrs[page.DrawnQuery]; ok {
			t.Error("the exported search page is marked with results")
		}
	}
	// A static host serves this one file for every query: it says
	// noindex itself, as the host's results of a query do.
	if r := root.Find("meta", "name", "robots"); len(r) != 1 || r[0].Attrs["content"] != "noindex" {
		t.Errorf("the exported search page: robots metas %v, want one noindex", r)
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

// manyArticles is a plainly synthetic archive of n articles of placeholder
// words, large enough that the index's shards and documents' parts are
// worth compressing.
func manyArticles(n int) []byte {
	words := strings.Fields("lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore et dolore magna aliqua quillotex zarnwick")
	var b strings.Builder
	b.WriteString(`{"site": {"name": "Synthetic Search", "lang": "en"}, "articles": [`)
	x := uint32(7)
	word := func() string {
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
		return words[x%uint32(len(words))]
	}
	for i := range n {
		if i > 0 {
			b.WriteString(",\n")
		}
		fmt.Fprintf(&b, `{"slug": "story-%d", "headline": "Story %d about %s %s", "published": "2024-03-%02d", "body": [`, i, i, word(), word(), 1+i%28)
		for p := range 4 {
			para := make([]string, 80)
			for w := range para {
				para[w] = word()
			}
			if p > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, `{"type": "paragraph", "text": "%s."}`, strings.Join(para, " "))
		}
		b.WriteString("]}")
	}
	b.WriteString("]}")
	return []byte(b.String())
}

// TestSearchFilesCompressed checks that the index's files go out
// compressed, with brotli or gzip as the reader accepts, and undone are
// the files: the manifest, the shards and the documents' parts a search
// fetches.
func TestSearchFilesCompressed(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, manyArticles(300), testWeb(t, nil))
	if _, err := ts.WaitSearch(); err != nil {
		t.Fatalf("building the search index: %v", err)
	}
	base := ts.DataBase + "/" + page.SearchDir + "/"
	var mu sync.Mutex
	var names []string
	s := search.NewSearcher(page.SearchManifest, func(name string) ([]byte, error) {
		mu.Lock()
		names = append(names, name)
		mu.Unlock()
		res, err := ts.client.Get(ts.url + base + name)
		if err != nil {
			return nil, err
		}
		defer res.Body.Close()
		return io.ReadAll(res.Body)
	})
	if res, err := s.Search("quillotex zarn", 1); err != nil || res.Total == 0 {
		t.Fatalf("search: %+v, %v", res, err)
	}
	packed := map[string]int{} // files sent compressed, by kind and encoding ("shard br")
	for _, name := range names {
		plain := ts.get(t, base+name, "")
		if plain.status != http.StatusOK || plain.header.Get("Content-Encoding") != "" {
			t.Fatalf("%s: status %d, Content-Encoding %q", name, plain.status, plain.header.Get("Content-Encoding"))
		}
		if ct := plain.header.Get("Content-Type"); ct != page.SearchFileType {
			t.Errorf("%s: Content-Type %q, want %q", name, ct, page.SearchFileType)
		}
		kind := "document part"
		if strings.HasSuffix(name, page.SearchManifest) || strings.HasPrefix(path.Base(name), "s") {
			kind = "manifest or shard"
		}
		for _, enc := range []string{"br", "gzip"} {
			r := ts.get(t, base+name, enc)
			got, err := r.decoded()
			if err != nil || !bytes.Equal(got, plain.raw) {
				t.Errorf("%s with %s: undone, %d bytes (%v), want the file's %d", name, enc, len(got), err, len(plain.raw))
			}
			switch r.header.Get("Content-Encoding") {
			case enc:
				packed[kind+" "+enc]++
				if len(r.raw) >= len(plain.raw) {
					t.Errorf("%s: %s of %d bytes for a file of %d: compression that does not pay", name, enc, len(r.raw), len(plain.raw))
				}
				if r.header.Get("Vary") != "Accept-Encoding" {
					t.Errorf("%s: Vary %q", name, r.header.Get("Vary"))
				}
			case "":
				if len(plain.raw) > 1024 {
					t.Errorf("%s: %d bytes sent as they are to a reader that accepts %s", name, len(plain.raw), enc)
				}
			default:
				t.Errorf("%s asked with %s: Content-Encoding %q", name, enc, r.header.Get("Content-Encoding"))
			}
		}
	}
	for _, k := range []string{"manifest or shard br", "manifest or shard gzip", "document part br", "document part gzip"} {
		if packed[k] == 0 {
			t.Errorf("no %s: none of the %d files fetched (%q)", k, len(names), names)
		}
	}
}

// TestStopEndsTheSearchBuild checks that a site stopped before its search
// index is built does not build it: the host stops the site a reload
// replaces, or makes and finds the same as the one serving, whose index
// was otherwise built to the end on the serving site's cores and memory.
func TestStopEndsTheSearchBuild(t *testing.T) {
	t.Parallel()
	s := newSite(t, manyArticles(2000), testWeb(t, nil), "test")
	s.Stop()
	s.Stop() // a second Stop is the first's
	if took, err := s.WaitSearch(); err == nil {
		t.Fatalf("the stopped site built its search index all the same (in %s)", took)
	}
	// A request it still answers gets no offline list without the index.
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, s.DataBase+"/offline.json", nil))
	if rec.Code == http.StatusOK {
		t.Errorf("the stopped site served an offline list, without its search index")
	}
}
