package site_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"

	"dateline/app/i18n"
	"dateline/app/page"
	"dateline/app/site"
	"dateline/internal/htmltest"
)

// archiveData is a plainly synthetic dataset of n articles, article i
// published on day n-i of 2020 (so that article n-1 is the oldest), in
// one of two sections by parity, the ones that are multiples of 7 without
// a date.
func archiveData(n int) []byte {
	var b bytes.Buffer
	b.WriteString(`{"site": {"name": "Synthetic Archive", "lang": "en"}, "articles": [`)
	for i := range n {
		if i > 0 {
			b.WriteString(",\n")
		}
		section := []string{"Even Things", "Odd Things"}[i%2]
		date := ""
		if i%7 != 0 {
			date = fmt.Sprintf(`"published": "2020-%02d-%02d", `, 1+(n-i)/28%12, 1+(n-i)%28)
		}
		fmt.Fprintf(&b, `{"slug": "story-%03d", "headline": "Synthetic story %d", "section": %q, %s"body": [{"type": "paragraph", "text": "Synthetic text %d."}]}`, i, i, section, date, i)
	}
	b.WriteString("]}")
	return b.Bytes()
}

// items returns the article slugs a list page links to, in order.
func items(t *testing.T, ts *testServer, path string) []string {
	t.Helper()
	r := ts.get(t, path, "")
	if r.status != http.StatusOK {
		t.Fatalf("%s: status %d", path, r.status)
	}
	var slugs []string
	for _, h := range htmltest.Parse(t, string(r.raw)).WithClass("summary-headline") {
		slugs = append(slugs, strings.TrimPrefix(h.All("a")[0].Attrs["href"], "/articles/"))
	}
	return slugs
}

// TestArchivePages checks the lists of an archive of 65 articles over
// HTTP: 30 to a page, newest first and undated last, real links between
// the pages, and not found past the last.
func TestArchivePages(t *testing.T) {
	const n = 65
	data := archiveData(n)
	ts := newTestServer(t, data, testWeb(t, nil))
	var home []string
	for _, p := range []string{"/", "/page/2", "/page/3"} {
		home = append(home, items(t, ts, p)...)
	}
	if len(home) != n {
		t.Fatalf("the home pages list %d articles, want %d", len(home), n)
	}
	// Dated newest first (article 1 is the newest dated one), then the
	// undated in dataset order.
	var undated []string
	for i := 0; i < n; i += 7 {
		undated = append(undated, fmt.Sprintf("story-%03d", i))
	}
	if got := home[n-len(undated):]; !slices.Equal(got, undated) {
		t.Errorf("the list ends with %q, want the undated %q", got, undated)
	}
	if home[0] != "story-001" || home[1] != "story-002" {
		t.Errorf("the list starts %q, want the newest first", home[:3])
	}
	for _, tt := range []struct {
		path, prev, next string
		count            int
	}{
		{"/", "", "/page/2", 30},
		{"/page/2", "/", "/page/3", 30},
		{"/page/3", "/page/2", "", 5},
		{"/sections/odd-things", "", "/sections/odd-things/page/2", 30},
		{"/sections/odd-things/page/2", "/sections/odd-things", "", 2},
	} {
		root := htmltest.Parse(t, string(ts.get(t, tt.path, "").raw))
		if got := len(root.WithClass("summary")); got != tt.count {
			t.Errorf("%s: %d articles, want %d", tt.path, got, tt.count)
		}
		for _, rel := range []struct{ name, want string }{{"prev", tt.prev}, {"next", tt.next}} {
			var head, body []string
			for _, l := range root.Find("link", "rel", rel.name) {
				head = append(head, l.Attrs["href"])
			}
			for _, a := range root.Find("a", "rel", rel.name) {
				body = append(body, a.Attrs["href"])
			}
			want := []string{rel.want}
			if rel.want == "" {
				want = nil
			}
			if !slices.Equal(head, want) || !slices.Equal(body, want) {
				t.Errorf("%s: rel=%s links %q in the head and %q in the page, want %q", tt.path, rel.name, head, body, want)
			}
		}
	}
	for _, p := range []string{"/page/4", "/sections/odd-things/page/3", "/page/0", "/sections/nothing"} {
		if r := ts.get(t, p, ""); r.status != http.StatusNotFound {
			t.Errorf("%s: status %d, want 404", p, r.status)
		}
	}
	// Another form of a page's address leads to it, for good, with its
	// query string; one of no page does not.
	for from, to := range map[string]string{
		"/page/1":                       "/",
		"/page/2/":                      "/page/2",
		"/sections/odd-things/page/1":   "/sections/odd-things",
		"/sections/odd-things/?utm=x":   "/sections/odd-things?utm=x",
		"/articles/story-001/":          "/articles/story-001",
		"/search/?q=synthetic&page=2":   "/search?q=synthetic&page=2",
		"/tags/no-such-tag/page/1":      "/tags/no-such-tag", // then 404, as that address is
		"/articles/story-001/page/1":    "",
		"//synthetic.example/articles/": "",
		"/index?utm=x":                  "/?utm=x",
		"//":                            "/",
		"/page//2":                      "",
		"/media/":                       "",
	} {
		r := ts.get(t, from, "")
		if to == "" {
			if r.status != http.StatusNotFound {
				t.Errorf("%s: status %d, want 404", from, r.status)
			}
			continue
		}
		if r.status != http.StatusMovedPermanently || r.header.Get("Location") != to {
			t.Errorf("%s: status %d to %q, want 301 to %q", from, r.status, r.header.Get("Location"), to)
		}
	}

	// An article leads to the next and previous stories of its section.
	odd := append(items(t, ts, "/sections/odd-things"), items(t, ts, "/sections/odd-things/page/2")...)
	mid := odd[10]
	root := htmltest.Parse(t, string(ts.get(t, page.ArticlePath(mid), "").raw))
	nav := root.WithClass("story-nav")
	if len(nav) != 1 {
		t.Fatalf("%s: %d story navs", mid, len(nav))
	}
	if got, want := nav[0].AttrValues("href"), []string{page.ArticlePath(odd[11]), page.ArticlePath(odd[9])}; !slices.Equal(got, want) {
		t.Errorf("%s leads to %q, want %q (next, previous)", mid, got, want)
	}
	// Its data file carries the same.
	var d page.Data
	if err := json.Unmarshal(ts.get(t, ts.DataBase+"/articles/"+mid+".json", "").raw, &d); err != nil {
		t.Fatal(err)
	}
	if d.Story == nil || d.Story.Older.Slug != odd[11] || d.Story.Newer.Slug != odd[9] {
		t.Errorf("data file of %s: %+v", mid, d.Story)
	}
}

// TestOfflineListStaysFlat checks what the service worker saves at install:
// everything in a small archive, and past site.FullOfflineMaxArticles
// only the first page of each list, so that the install of a large archive
// fetches no more than that of a small one. With data saver on, an
// install saves that first page of each list whatever the archive's size
// (the worker's FIRST_PAGES).
func TestOfflineListStaysFlat(t *testing.T) {
	firstPages := regexp.MustCompile(`\nconst FIRST_PAGES = (\[[^\]]*\]);\n`)
	// offline returns offline.json's list and the worker's FIRST_PAGES,
	// without the data path.
	offline := func(n int) (all, first []string) {
		ts := newTestServer(t, archiveData(n), testWeb(t, nil))
		if err := json.Unmarshal(ts.get(t, ts.DataBase+"/offline.json", "").raw, &all); err != nil {
			t.Fatal(err)
		}
		m := firstPages.FindSubmatch(workerScript(t, ts))
		if m == nil {
			t.Fatal("the worker has no list FIRST_PAGES")
		}
		if err := json.Unmarshal(m[1], &first); err != nil {
			t.Fatalf("the worker's FIRST_PAGES: %v", err)
		}
		for _, urls := range [][]string{all, first} {
			for i, u := range urls {
				urls[i] = strings.TrimPrefix(u, ts.DataBase)
			}
		}
		return all, first
	}
	small, smallFirst := offline(65)
	// saved and search pages, articles, home pages, section pages (33 and
	// 32 articles), then the search index's files
	pages := 2 + 2*(65+3+2+2)
	if len(small) <= pages || !slices.Contains(small, "/search/index.bin") {
		t.Errorf("65 articles: %d addresses saved, want every page and data file, and the search index", len(small))
	}
	big, bigFirst := offline(site.FullOfflineMaxArticles + 1)
	want := []string{"/saved", "/search", "/", "/lists/home/1.json", "/sections/even-things", "/lists/sections/even-things/1.json", "/sections/odd-things", "/lists/sections/odd-things/1.json"}
	if !slices.Equal(big, want) {
		t.Errorf("%d articles: saves %q, want %q", site.FullOfflineMaxArticles+1, big, want)
	}
	for _, c := range []struct {
		n     int
		first []string
	}{{65, smallFirst}, {site.FullOfflineMaxArticles + 1, bigFirst}} {
		if !slices.Equal(c.first, want) {
			t.Errorf("%d articles: data saver keeps %q, want %q", c.n, c.first, want)
		}
	}
}

// TestTwoSites checks that two sites live in one process, each serving its
// own dataset.
func TestTwoSites(t *testing.T) {
	a := newTestServer(t, archiveData(3), testWeb(t, nil))
	b := newTestServer(t, testDataset(t), testWeb(t, nil))
	for range 2 {
		if got := items(t, a, "/"); !slices.Contains(got, "story-001") || slices.Contains(got, "synthetic-story") {
			t.Errorf("site a lists %q", got)
		}
		if got := items(t, b, "/"); slices.Contains(got, "story-001") || !slices.Contains(got, "synthetic-story") {
			t.Errorf("site b lists %q", got)
		}
	}
	if !strings.Contains(string(a.get(t, "/app.js", "").raw), "Synthetic Archive") || strings.Contains(string(b.get(t, "/app.js", "").raw), "Synthetic Archive") {
		t.Errorf("each app.js must carry its own site")
	}
}

// TestSavedPage checks the saved articles' page: a page like the others,
// with no data file (the browser fills it), kept from search engines and
// sitemaps, and saved offline at install.
func TestSavedPage(t *testing.T) {
	ts := newTestServer(t, archiveData(3), testWeb(t, nil))
	r := ts.get(t, page.SavedPath, "")
	if r.status != http.StatusOK {
		t.Fatalf("%s: status %d", page.SavedPath, r.status)
	}
	root := htmltest.Parse(t, string(r.raw))
	if h1 := root.All("h1"); len(h1) != 1 || h1[0].TextContent() != "Saved articles" {
		t.Errorf("want the h1 Saved articles")
	}
	if len(root.Find("meta", "name", "robots")) != 1 || root.Find("meta", "name", "robots")[0].Attrs["content"] != "noindex" {
		t.Errorf("the saved page is not kept from search engines")
	}
	if len(root.Find("dialog", "id", "reader-settings")) != 1 {
		t.Errorf("the page lacks the reading settings panel")
	}
	// reader.js reads its labels as JSON: raw in the element, not escaped.
	labels := root.Find("script", "id", "reader-labels")
	var texts struct{ Texts map[string]string }
	if len(labels) != 1 {
		t.Fatalf("%d label elements for reader.js, want 1", len(labels))
	}
	if err := json.Unmarshal([]byte(labels[0].TextContent()), &texts); err != nil || texts.Texts["offline.ready"] != "Available offline" {
		t.Errorf("reader.js's labels do not read as JSON (%v): %.100s", err, labels[0].TextContent())
	}
	if r := ts.get(t, "/saved/x", ""); r.status != http.StatusNotFound {
		t.Errorf("/saved/x: status %d, want 404", r.status)
	}
	var offline []string
	if err := json.Unmarshal(ts.get(t, ts.DataBase+"/offline.json", "").raw, &offline); err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(offline, page.SavedPath) {
		t.Errorf("the saved page is not saved offline at install: %q", offline)
	}
}

// TestOfflinePage checks the page the service worker shows for a page it
// has not saved, offline: in the edition's language and direction, with
// its labels, kept from search engines, leading to the pages kept offline,
// and running no app.wasm (which would take it over as the page it stands
// in for). The worker saves it at install from the path it names.
func TestOfflinePage(t *testing.T) {
	data := []byte(`{"site": {"name": "موقع تجريبي", "lang": "ar", "labels": {` +
		`"offline.page_title": "عنوان تجريبي", "offline.page_text": "نص تجريبي للصفحة", "saved.title": "محفوظ تجريبي"}},` +
		` "articles": [{"slug": "story-1", "headline": "خبر تجريبي", "body": [{"type": "paragraph", "text": "نص تجريبي."}]}]}`)
	ts := newTestServer(t, data, testWeb(t, nil))
	r := ts.get(t, page.OfflinePath, "")
	if r.status != http.StatusOK {
		t.Fatalf("%s: status %d", page.OfflinePath, r.status)
	}
	root := htmltest.Parse(t, string(r.raw))
	if html := root.All("html")[0]; html.Attrs["lang"] != "ar" || html.Attrs["dir"] != "rtl" {
		t.Errorf("html lang %q dir %q, want the edition's ar and rtl", html.Attrs["lang"], html.Attrs["dir"])
	}
	// Offline, the edition's heading; online, with the site not answering,
	// the English one it falls back to (the edition does not give it).
	if h1 := root.All("h1"); len(h1) != 1 || len(h1[0].WithClass("net-off")) != 1 || h1[0].WithClass("net-off")[0].TextContent() != "عنوان تجريبي" ||
		len(h1[0].WithClass("net-on")) != 1 || h1[0].WithClass("net-on")[0].TextContent() != "The site is not answering" {
		t.Errorf("want the edition's h1 عنوان تجريبي offline, and the English fallback online")
	}
	if title := root.All("title")[0].TextContent(); !strings.Contains(title, "عنوان تجريبي") {
		t.Errorf("title %q does not name the page", title)
	}
	if !strings.Contains(string(r.raw), "نص تجريبي للصفحة") {
		t.Errorf("the page lacks the edition's text")
	}
	if robots := root.Find("meta", "name", "robots"); len(robots) != 1 || robots[0].Attrs["content"] != "noindex" {
		t.Errorf("the offline page is not kept from search engines")
	}
	if len(root.Find("link", "rel", "canonical")) != 0 {
		t.Errorf("the offline page names a canonical address")
	}
	var hrefs []string
	for _, a := range root.Find("main", "id", "main")[0].All("a") {
		hrefs = append(hrefs, a.Attrs["href"])
	}
	if !slices.Contains(hrefs, "/") || !slices.Contains(hrefs, page.SavedPath) {
		t.Errorf("the page's links %q do not lead to the latest and the saved articles", hrefs)
	}
	if _, ok := root.All("script")[0].Attrs["data-no-app"]; !ok {
		t.Errorf("the offline page's loader is not told to run the reader's script alone (data-no-app)")
	}
	if len(root.Find("dialog", "id", "reader-settings")) != 1 {
		t.Errorf("the page lacks the reading settings panel")
	}
	worker := string(workerScript(t, ts))
	if !strings.Contains(worker, `const OFFLINE = "`+page.OfflinePath+`";`) {
		t.Errorf("the service worker does not save the offline page from %s", page.OfflinePath)
	}
	// An article's page is the article, whatever the offline page is.
	if a := ts.get(t, page.ArticlePath("story-1"), ""); !strings.Contains(string(a.raw), "خبر تجريبي") || strings.Contains(string(a.raw), "عنوان تجريبي") {
		t.Errorf("the article's page is not the article")
	}
}

// TestFallbackIsolation: in a right-to-left edition without labels, the
// English fallback is in elements of its own language and direction where
// the page lays it out, and text that holds no element (the title,
// descriptions, aria-labels, the feed's titles) holds neither isolates
// (U+2068, U+2069: they would only go on into bookmarks, shared titles and
// what a screen reader reads) nor i18n's marks, which no page may hold.
func TestFallbackIsolation(t *testing.T) {
	data := []byte(`{"site": {"name": "موقع تجريبي", "lang": "ar", "url": "https://news.example.org"}, "articles": [` +
		`{"slug": "story-1", "headline": "خبر تجريبي", "section": "عالم", "tags": ["وسم"], "published": "2024-03-01", "body": [{"type": "paragraph", "text": "نص تجريبي."}]},` +
		`{"slug": "story-2", "headline": "خبر آخر", "section": "عالم", "published": "2024-03-02", "body": [{"type": "paragraph", "text": "نص آخر."}]}]}`)
	ts := newTestServer(t, data, testWeb(t, nil))
	isolated := func(s string) bool { return strings.ContainsAny(s, "\u2068\u2069"+i18n.EnglishStart+i18n.EnglishEnd) }
	for _, p := range []string{"/", page.ArticlePath("story-1"), "/tags/" + url.PathEscape("وسم"), page.SavedPath, page.SearchPath + "?q=" + url.QueryEscape("خبر")} {
		r := ts.get(t, p, "")
		root := htmltest.Parse(t, string(r.raw))
		if title := root.All("title")[0].TextContent(); isolated(title) {
			t.Errorf("%s: title %q holds isolates", p, title)
		}
		for _, m := range root.All("meta") {
			if isolated(m.Attrs["content"]) {
				t.Errorf("%s: meta %q holds isolates: %q", p, m.Attrs["name"]+m.Attrs["property"], m.Attrs["content"])
			}
		}
		for _, name := range []string{"aria-label", "data-label"} { // boot.js makes data-label an aria-label
			for _, v := range root.AttrValues(name) {
				if isolated(v) {
					t.Errorf("%s: %s %q holds isolates", p, name, v)
				}
			}
		}
		if isolated(string(r.raw)) {
			t.Errorf("%s: the page holds isolates or marks", p)
		}
		if len(root.Find("span", "lang", "en")) == 0 {
			t.Errorf("%s: the page's English fallback text is not in an element of its language", p)
		}
	}
	if feed := string(ts.get(t, "/feed.xml", "").raw); isolated(feed) {
		t.Errorf("the feed holds isolates:\n%s", feed)
	}
}
