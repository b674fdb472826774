package site_test

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mmcdole/gofeed"

	"dateline/app/dataset"
	"dateline/app/feed"
	"dateline/app/page"
	"dateline/internal/htmltest"
)

// seoData is a plainly synthetic edition with a public URL: a dated
// article with a photo, a section and tags, and an undated one.
func seoData(url string) []byte {
	site := `"site": {"name": "Synthetic Herald", "lang": "en", "publisher": "Synthetic Media"`
	if url != "" {
		site += `, "url": "` + url + `"`
	}
	return []byte(`{` + site + `}, "articles": [
  {"slug": "seo-photo", "headline": "Synthetic story with a photo", "section": "World", "tags": ["Alpha", "Beta"],
   "published": "2024-03-05T09:00:00Z", "updated": "2024-03-06", "authors": ["Jane Roe"],
   "dateline": {"place": "TESTVILLE", "source": "Synthetic Wire"},
   "figures": [{"caption": "Synthetic caption.", "credit": "Photo: synthetic", "image": {"src": "/web/icons/icon-512.png", "alt": "A synthetic picture", "width": 512, "height": 512}}],
   "body": [{"type": "paragraph", "text": "Synthetic text of the story with a photo."},
     {"type": "read_more", "title": "Synthetic story elsewhere", "url": "https://example.org/synthetic/elsewhere"}]},
  {"slug": "seo-plain", "lang": "en-GB", "headline": "Synthetic story without a date",
   "body": [{"type": "paragraph", "text": "Synthetic text of the plain story."}]}
]}`)
}

// headOf reads a page's head: meta content by property or name, links by
// rel, and the JSON-LD.
type headOf struct {
	meta   map[string][]string
	links  map[string][]string
	jsonld []string
}

func readHead(t *testing.T, ts *testServer, path string) headOf {
	t.Helper()
	r := ts.get(t, path, "")
	root := htmltest.Parse(t, string(r.raw))
	h := headOf{meta: map[string][]string{}, links: map[string][]string{}}
	for _, m := range root.All("meta") {
		key := m.Attrs["property"]
		if key == "" {
			key = m.Attrs["name"]
		}
		h.meta[key] = append(h.meta[key], m.Attrs["content"])
	}
	for _, l := range root.All("link") {
		h.links[l.Attrs["rel"]] = append(h.links[l.Attrs["rel"]], l.Attrs["href"])
	}
	for _, s := range root.All("script") {
		if s.Attrs["type"] == "application/ld+json" {
			var b strings.Builder
			for _, c := range s.Children {
				b.WriteString(c.Text)
			}
			h.jsonld = append(h.jsonld, b.String())
		}
	}
	return h
}

// TestHeadTags checks each kind of page's head, with and without the
// site's URL: nothing absolute is guessed without it.
func TestHeadTags(t *testing.T) {
	for _, url := range []string{"https://news.example.org", ""} {
		t.Run("url="+url, func(t *testing.T) {
			ts := newTestServer(t, seoData(url), testWeb(t, nil))
			abs := func(p string) []string {
				if url == "" {
					return nil
				}
				return []string{url + p}
			}
			// The photo's address is a site path: absolute, and shown,
			// only with the site's URL.
			card, alt := []string{"summary"}, []string(nil)
			if url != "" {
				card, alt = []string{"summary_large_image"}, []string{"A synthetic picture"}
			}
			for _, tt := range []struct {
				path  string
				want  map[string][]string // meta
				links map[string][]string
			}{
				{"/articles/seo-photo", map[string][]string{
					"og:type": {"article"}, "og:title": {"Synthetic story with a photo"}, "og:site_name": {"Synthetic Herald"},
					"og:locale": nil, "og:url": abs("/articles/seo-photo"),
					"article:published_time": {"2024-03-05T09:00:00Z"}, "article:modified_time": {"2024-03-06T00:00:00Z"},
					"article:section": {"World"}, "article:tag": {"Alpha", "Beta"},
					"og:image": abs("/web/icons/icon-512.png"), "og:image:alt": func() []string {
						if url == "" {
							return nil
						}
						return []string{"A synthetic picture"}
					}(),
					"twitter:card": {map[bool]string{true: "summary", false: "summary_large_image"}[url == ""]},
				}, map[string][]string{"canonical": abs("/articles/seo-photo"), "alternate": {"/feed.xml"}}},
				{"/articles/seo-plain", map[string][]string{
					"og:type": {"article"}, "article:published_time": nil, "article:section": nil, "og:image": nil, "twitter:card": {"summary"},
					"og:locale": {"en_GB"}, "robots": {page.LargePreviews},
				}, map[string][]string{"canonical": abs("/articles/seo-plain")}},
				{"/", map[string][]string{"og:type": {"website"}, "og:title": {"Synthetic Herald"}, "og:url": abs("/"), "og:locale": nil,
					"robots": {page.LargePreviews}, "og:image": abs("/web/icons/icon-512.png"), "twitter:card": card,
					"article:section": nil},
					map[string][]string{"canonical": abs("/"), "alternate": {"/feed.xml"}}},
				{"/sections/world", map[string][]string{"og:type": {"website"}, "og:title": {"World"}, "og:image": abs("/web/icons/icon-512.png"),
					"og:image:alt": alt, "twitter:card": card},
					map[string][]string{"canonical": abs("/sections/world"), "alternate": {"/feed.xml", "/sections/world/feed.xml"}}},
				{"/no/such/page", map[string][]string{"robots": {"noindex"}, "og:url": nil}, map[string][]string{"canonical": nil}},
				{"/search", map[string][]string{"robots": {page.LargePreviews}, "og:url": abs("/search")}, map[string][]string{"canonical": abs("/search")}},
				{"/search?q=synthetic", map[string][]string{"robots": {"noindex"}, "og:url": abs("/search?q=synthetic")},
					map[string][]string{"canonical": abs("/search?q=synthetic")}},
				{"/search?q=a%26b&page=2", map[string][]string{"robots": {"noindex"}, "og:url": abs("/search?q=a%26b&page=2")},
					map[string][]string{"canonical": abs("/search?q=a%26b&page=2")}},
			} {
				h := readHead(t, ts, tt.path)
				for key, want := range tt.want {
					if got := h.meta[key]; !slices.Equal(got, want) {
						t.Errorf("%s: %s = %q, want %q", tt.path, key, got, want)
					}
				}
				for rel, want := range tt.links {
					if got := h.links[rel]; !slices.Equal(got, want) {
						t.Errorf("%s: link rel=%s %q, want %q", tt.path, rel, got, want)
					}
				}
			}
		})
	}
}

// TestJSONLD checks the JSON-LD of an article against its data, and that
// the seed story's invents nothing.
func TestJSONLD(t *testing.T) {
	ts := newTestServer(t, seoData("https://news.example.org"), testWeb(t, nil))
	h := readHead(t, ts, "/articles/seo-photo")
	if len(h.jsonld) != 1 {
		t.Fatalf("%d JSON-LD scripts", len(h.jsonld))
	}
	var ld map[string]any
	if err := json.Unmarshal([]byte(h.jsonld[0]), &ld); err != nil {
		t.Fatal(err)
	}
	for key, want := range map[string]any{
		"@type": "NewsArticle", "headline": "Synthetic story with a photo", "datePublished": "2024-03-05T09:00:00Z",
		"dateModified": "2024-03-06T00:00:00Z", // a date alone: midnight UTC, as the feed says
		"inLanguage":   "en", "articleSection": "World",
		"mainEntityOfPage": "https://news.example.org/articles/seo-photo",
	} {
		if ld[key] != want {
			t.Errorf("JSON-LD %s = %v, want %v", key, ld[key], want)
		}
	}
	if pub, _ := ld["publisher"].(map[string]any); pub["name"] != "Synthetic Media" {
		t.Errorf("publisher %v", ld["publisher"])
	}
	home := readHead(t, ts, "/")
	if len(home.jsonld) != 1 || !strings.Contains(home.jsonld[0], `"@type":"WebSite"`) {
		t.Errorf("home JSON-LD %q", home.jsonld)
	}

	seed := newTestServer(t, mustRead(t, "../../articles.json"), testWeb(t, nil))
	var slug string
	for _, a := range seed.ds.Articles {
		slug = a.Slug
	}
	sh := readHead(t, seed, "/articles/"+slug)
	if len(sh.jsonld) != 1 {
		t.Fatalf("seed: %d JSON-LD scripts", len(sh.jsonld))
	}
	ld = nil
	if err := json.Unmarshal([]byte(sh.jsonld[0]), &ld); err != nil {
		t.Fatal(err)
	}
	var keys []string
	for k := range ld {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	if want := []string{"@context", "@type", "description", "headline", "inLanguage"}; !slices.Equal(keys, want) {
		t.Errorf("the seed's JSON-LD has %q, want only %q: nothing the seed does not say", keys, want)
	}
}

func mustRead(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestFeeds reads the site's feed and a section's with a real feed reader.
func TestFeeds(t *testing.T) {
	ts := newTestServer(t, seoData("https://news.example.org"), testWeb(t, nil))
	for _, tt := range []struct {
		path  string
		items []string
	}{
		// The story without a date is left out: a feed reader would list
		// it as of 1970, the time Atom's required updated falls back to.
		{"/feed.xml", []string{"Synthetic story with a photo"}},
		{"/sections/world/feed.xml", []string{"Synthetic story with a photo"}},
	} {
		r := ts.get(t, tt.path, "")
		if r.status != http.StatusOK || !strings.HasPrefix(r.header.Get("Content-Type"), "application/atom+xml") {
			t.Fatalf("%s: status %d, %s", tt.path, r.status, r.header.Get("Content-Type"))
		}
		f, err := gofeed.NewParser().Parse(bytes.NewReader(r.raw))
		if err != nil {
			t.Fatalf("%s: %v", tt.path, err)
		}
		var titles []string
		for _, it := range f.Items {
			titles = append(titles, it.Title)
			if !strings.HasPrefix(it.GUID, "urn:uuid:") || it.Link == "" {
				t.Errorf("%s: item %q id %q link %q", tt.path, it.Title, it.GUID, it.Link)
			}
		}
		if !slices.Equal(titles, tt.items) {
			t.Errorf("%s: items %q, want %q", tt.path, titles, tt.items)
		}
		// The photo story's content is what its page shows of its text.
		for _, want := range []string{
			`<img src="https://news.example.org/web/icons/icon-512.png" alt="A synthetic picture" width="512" height="512"`,
			`<figcaption>Synthetic caption. <small>Photo: synthetic</small></figcaption>`,
			`<p><strong>TESTVILLE (Synthetic Wire) – </strong>Synthetic text of the story with a photo.</p>`,
			`<p>Read More: <a href="https://example.org/synthetic/elsewhere">Synthetic story elsewhere</a></p>`,
		} {
			if len(f.Items) == 0 || !strings.Contains(f.Items[0].Content, want) {
				t.Errorf("%s: the first item's content lacks %s", tt.path, want)
			}
		}
		if f.Updated != "2024-03-06T00:00:00Z" {
			t.Errorf("%s: updated %q, want the newest article's date", tt.path, f.Updated)
		}
	}
	// Feeds and sitemaps are text, compressed as pages are.
	for _, p := range []string{"/feed.xml", "/sitemap.xml"} {
		for _, enc := range []string{"br", "gzip"} {
			r := ts.get(t, p, enc)
			if got := r.header.Get("Content-Encoding"); got != enc {
				t.Errorf("%s asked with %s: Content-Encoding %q", p, enc, got)
			}
			if b, err := r.decoded(); err != nil || !bytes.HasPrefix(b, []byte("<?xml")) {
				t.Errorf("%s with %s: %v, %.20q", p, enc, err, b)
			}
		}
	}
	// An article with an updated date alone is listed among the undated,
	// in dataset order: whichever comes first, the feed is of dated
	// articles, and the one with no date at all is left out.
	for _, order := range [][2]string{{"neither", "upd-only"}, {"upd-only", "neither"}} {
		arts := map[string]string{
			"neither":  `{"slug": "neither", "headline": "Synthetic story with no date", "section": "World", "body": [{"type": "paragraph", "text": "Synthetic text."}]}`,
			"upd-only": `{"slug": "upd-only", "headline": "Synthetic story updated only", "section": "World", "updated": "2024-03-01", "body": [{"type": "paragraph", "text": "Synthetic text."}]}`,
		}
		ts := newTestServer(t, []byte(`{"articles": [`+arts[order[0]]+`, `+arts[order[1]]+`]}`), testWeb(t, nil))
		for _, p := range []string{"/feed.xml", "/sections/world/feed.xml"} {
			f, err := gofeed.NewParser().Parse(bytes.NewReader(ts.get(t, p, "").raw))
			if err != nil {
				t.Fatalf("%v %s: %v", order, p, err)
			}
			if len(f.Items) != 1 || f.Items[0].Title != "Synthetic story updated only" {
				var titles []string
				for _, it := range f.Items {
					titles = append(titles, it.Title)
				}
				t.Errorf("dataset order %v, %s: items %q, want the updated story alone", order, p, titles)
			}
		}
	}
	// A site of undated stories only, as the bundled one: its feed lists
	// them, in dataset order.
	undated := newTestServer(t, []byte(`{"articles": [
  {"slug": "undated-one", "headline": "Synthetic undated story one", "body": [{"type": "paragraph", "text": "Synthetic text one."}]},
  {"slug": "undated-two", "headline": "Synthetic undated story two", "body": [{"type": "paragraph", "text": "Synthetic text two."}]}
]}`), testWeb(t, nil))
	f, err := gofeed.NewParser().Parse(bytes.NewReader(undated.get(t, "/feed.xml", "").raw))
	if err != nil {
		t.Fatalf("the undated site's feed: %v", err)
	}
	if len(f.Items) != 2 || f.Items[0].Title != "Synthetic undated story one" || f.Items[1].Title != "Synthetic undated story two" {
		t.Errorf("the undated site's feed lists %d items, want its two stories", len(f.Items))
	}
	for _, p := range []string{"/sections/nowhere/feed.xml", "/tags/alpha/feed.xml", "/sections/world/page/2/feed.xml"} {
		if r := ts.get(t, p, ""); r.status != http.StatusNotFound {
			t.Errorf("%s: status %d, want 404", p, r.status)
		}
	}
}

// TestSitemap checks that the sitemap lists every page worth indexing, and
// that there is none without the site's URL.
func TestSitemap(t *testing.T) {
	ts := newTestServer(t, seoData("https://news.example.org"), testWeb(t, nil))
	r := ts.get(t, "/sitemap.xml", "")
	var set struct {
		URLs []struct {
			Loc     string `xml:"loc"`
			LastMod string `xml:"lastmod"`
		} `xml:"url"`
	}
	if err := xml.Unmarshal(r.raw, &set); err != nil {
		t.Fatalf("status %d: %v", r.status, err)
	}
	got := map[string]string{}
	for _, u := range set.URLs {
		got[u.Loc] = u.LastMod
	}
	for loc, lastmod := range map[string]string{
		"https://news.example.org/":                   "2024-03-06",
		"https://news.example.org/sections/world":     "2024-03-06",
		"https://news.example.org/tags/alpha":         "2024-03-06",
		"https://news.example.org/articles/seo-photo": "2024-03-06",
		"https://news.example.org/articles/seo-plain": "",
	} {
		if v, ok := got[loc]; !ok || v != lastmod {
			t.Errorf("sitemap: %s lastmod %q (listed %v), want %q", loc, v, ok, lastmod)
		}
	}
	if len(got) != 6 {
		t.Errorf("sitemap lists %d pages: %v", len(got), got)
	}
	none := newTestServer(t, seoData(""), testWeb(t, nil))
	if r := none.get(t, "/sitemap.xml", ""); r.status != http.StatusNotFound {
		t.Errorf("without the site's URL: /sitemap.xml status %d", r.status)
	}
}

// TestHeadEditions checks the home page's links to the newsroom's other
// editions (hreflang), the page itself among them when its address is
// known, and that no other page has them: no page of another edition is
// known to be an article's or a section's translation.
func TestHeadEditions(t *testing.T) {
	data := strings.Replace(string(seoData("https://news.example.org")), `"publisher": "Synthetic Media"`,
		`"publisher": "Synthetic Media", "editions": [{"lang": "ckb", "name": "Synthetic Sorani", "url": "https://ckb.example.org/"}]`, 1)
	ts := newTestServer(t, []byte(data), testWeb(t, nil))
	root := htmltest.Parse(t, string(ts.get(t, "/", "").raw))
	var got []string
	for _, l := range root.All("link") {
		if l.Attrs["hreflang"] != "" {
			got = append(got, l.Attrs["rel"]+" "+l.Attrs["hreflang"]+" "+l.Attrs["href"])
		}
	}
	if want := []string{"alternate en https://news.example.org/", "alternate ckb https://ckb.example.org/"}; !slices.Equal(got, want) {
		t.Errorf("the home page's alternates %q, want %q", got, want)
	}
	for _, p := range []string{"/articles/seo-photo", "/sections/world", "/tags/alpha"} {
		for _, l := range htmltest.Parse(t, string(ts.get(t, p, "").raw)).All("link") {
			if l.Attrs["hreflang"] != "" {
				t.Errorf("%s names another edition in its head: %v", p, l.Attrs)
			}
		}
	}
}

// TestEditionWithNothingToRead checks that an edition whose language or
// address holds only characters with nothing to show (direction marks) is
// refused, not served: its hreflang is no language tag, which search
// engines drop and the Nu Html Checker refuses, and its address a page of
// this site that does not exist (href="%E2%80%8E").
func TestEditionWithNothingToRead(t *testing.T) {
	data := strings.Replace(string(seoData("https://news.example.org")), `"publisher": "Synthetic Media"`,
		`"publisher": "Synthetic Media", "editions": [{"lang": "\u200f", "name": "Synthetic Sorani", "url": "\u200e"}]`, 1)
	if _, err := dataset.LoadBytes("editions.json", []byte(data)); err == nil {
		ts := newTestServer(t, []byte(data), testWeb(t, nil))
		for _, l := range htmltest.Parse(t, string(ts.get(t, "/", "").raw)).All("link") {
			if l.Attrs["hreflang"] != "" && l.Attrs["hreflang"] != "en" {
				t.Errorf("the dataset is served, the home page's head has %q", l.Attrs)
			}
		}
		t.Fatal("an edition whose language and address are direction marks is taken")
	}
}

// TestNewsSitemapServed asks the host for its news sitemap: the article
// published an hour ago is in it, last week's is not, and robots.txt names
// it; without the site's URL there is none.
func TestNewsSitemapServed(t *testing.T) {
	recent := time.Now().UTC().Add(-time.Hour).Format(time.RFC3339)
	data := strings.Replace(string(seoData("https://news.example.org")), `"published": "2024-03-05T09:00:00Z", "updated": "2024-03-06"`,
		`"published": "`+recent+`"`, 1)
	ts := newTestServer(t, []byte(data), testWeb(t, nil))
	r := ts.get(t, feed.NewsSitemapPath, "")
	if r.status != http.StatusOK || !strings.HasPrefix(r.header.Get("Content-Type"), "application/xml") {
		t.Fatalf("GET %s: %d %q", feed.NewsSitemapPath, r.status, r.header.Get("Content-Type"))
	}
	body := string(r.raw)
	if !strings.Contains(body, "<loc>https://news.example.org/articles/seo-photo</loc>") || strings.Count(body, "<url>") != 1 ||
		!strings.Contains(body, "<news:publication_date>"+recent+"</news:publication_date>") {
		t.Errorf("the news sitemap lists other than the story of an hour ago:\n%s", body)
	}
	if robots := string(ts.get(t, "/robots.txt", "").raw); !strings.Contains(robots, "Sitemap: https://news.example.org"+feed.NewsSitemapPath+"\n") {
		t.Errorf("robots.txt does not name the news sitemap:\n%s", robots)
	}
	bare := newTestServer(t, seoData(""), testWeb(t, nil))
	if r := bare.get(t, feed.NewsSitemapPath, ""); r.status != http.StatusNotFound {
		t.Errorf("without the site's URL: GET %s = %d, want 404", feed.NewsSitemapPath, r.status)
	}
}

// TestNewsItemsStopAtUndated: the news sitemap reads the home list only
// as far as it needs. The undated articles come last and none can be in
// it, so none is read: a host asked for the sitemap of an archive of many
// undated stories walked all of them on every request (some 26 ms for
// 100,000, where the dated ones took a fraction of a millisecond).
func TestNewsItemsStopAtUndated(t *testing.T) {
	var b strings.Builder
	b.WriteString(`{"site": {"name": "Synthetic Herald", "lang": "en", "url": "https://news.example.org"}, "articles": [`)
	now := time.Now().UTC()
	for i := range 3 + 3*page.Size {
		if i > 0 {
			b.WriteString(",")
		}
		pub := ""
		if i < 3 {
			pub = `"published": "` + now.Add(-time.Duration(i)*time.Hour).Format(time.RFC3339) + `", `
		}
		fmt.Fprintf(&b, `{"slug": "synthetic-%d", "headline": "Synthetic story %d", %s"body": [{"type": "paragraph", "text": "Synthetic text."}]}`, i, i, pub)
	}
	b.WriteString("]}")
	s := newSite(t, []byte(b.String()), testWeb(t, nil), "test")
	n := 0
	for it := range s.NewsItems() {
		if it.Published == "" {
			t.Fatalf("the news sitemap read the undated %s", it.Loc)
		}
		n++
	}
	if n != 3 {
		t.Errorf("%d dated articles read, want 3", n)
	}
}

// TestNewsSitemapAgainIsCheap asks the host for a news sitemap of 1,000
// articles again and again. Made per request, it was compressed per
// request too, with a brotli writer of its own (the body is over 64 kB):
// some 14 MB of garbage and 9 ms a request, where every other response
// pays that once. The same bytes as the last time are the same response.
func TestNewsSitemapAgainIsCheap(t *testing.T) {
	var b strings.Builder
	b.WriteString(`{"site": {"name": "Synthetic Herald", "lang": "en", "url": "https://news.example.org"}, "articles": [`)
	now := time.Now().UTC()
	for i := range feed.MaxNewsURLs {
		if i > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, `{"slug": "synthetic-%d", "headline": "Synthetic story %d about a placeholder event", "published": %q, "body": [{"type": "paragraph", "text": "Synthetic text."}]}`,
			i, i, now.Add(-time.Duration(i)*time.Minute).Format(time.RFC3339))
	}
	b.WriteString("]}")
	s := newSite(t, []byte(b.String()), testWeb(t, nil), "test")
	get := func() *httptest.ResponseRecorder {
		req := httptest.NewRequest(http.MethodGet, feed.NewsSitemapPath, nil)
		req.Header.Set("Accept-Encoding", "br, gzip")
		w := httptest.NewRecorder()
		s.ServeHTTP(w, req)
		if w.Code != http.StatusOK || w.Header().Get("Content-Encoding") != "br" {
			t.Fatalf("GET %s: %d, Content-Encoding %q", feed.NewsSitemapPath, w.Code, w.Header().Get("Content-Encoding"))
		}
		return w
	}
	first := get()
	const n = 5
	var m0, m1 runtime.MemStats
	runtime.ReadMemStats(&m0)
	for range n {
		if w := get(); w.Header().Get("Etag") != first.Header().Get("Etag") {
			t.Fatalf("ETag %s, then %s, for the same articles", first.Header().Get("Etag"), w.Header().Get("Etag"))
		}
	}
	runtime.ReadMemStats(&m1)
	if per := (m1.TotalAlloc - m0.TotalAlloc) / n; per > 4<<20 {
		t.Errorf("%d bytes allocated a request for the same news sitemap, want under 4 MB", per)
	}
}

// TestArticleInEditionLanguage: an article without a "lang" is in the
// edition's language wherever it is said: its page (drawn right to left
// in an Arabic edition, with the edition's labels), its JSON-LD, its data
// file (what app.wasm draws it from), its feed entry and the news
// sitemap. Its page and JSON-LD said "en" while the feed and the news
// sitemap said "ar". An article with its own "lang" keeps it.
func TestArticleInEditionLanguage(t *testing.T) {
	recent := time.Now().UTC().Add(-time.Hour).Format(time.RFC3339)
	data := `{"site": {"name": "Synthetic Herald", "lang": "ar", "url": "https://news.example.org"}, "articles": [
  {"slug": "plain", "headline": "مقال اصطناعي", "published": "` + recent + `",
   "body": [{"type": "paragraph", "text": "نص اصطناعي للاختبار."}]},
  {"slug": "english", "lang": "en", "headline": "Synthetic English story", "published": "2024-03-05",
   "body": [{"type": "paragraph", "text": "Synthetic English text."}]}
]}`
	ts := newTestServer(t, []byte(data), testWeb(t, nil))
	for slug, lang := range map[string]string{"plain": "ar", "english": "en"} {
		root := htmltest.Parse(t, string(ts.get(t, "/articles/"+slug, "").raw))
		story := root.WithClass("story")
		if len(story) != 1 || story[0].Attrs["lang"] != lang || story[0].Attrs["dir"] != map[string]string{"ar": "rtl", "en": "ltr"}[lang] {
			var attrs []map[string]string
			for _, s := range story {
				attrs = append(attrs, s.Attrs)
			}
			t.Errorf("/articles/%s: the story's element %v, want lang %q in its direction", slug, attrs, lang)
		}
		h := readHead(t, ts, "/articles/"+slug)
		if len(h.jsonld) != 1 || !strings.Contains(h.jsonld[0], `"inLanguage":"`+lang+`"`) {
			t.Errorf("/articles/%s: JSON-LD %q, want inLanguage %q", slug, h.jsonld, lang)
		}
		if file := string(ts.get(t, ts.DataBase+"/articles/"+slug+".json", "").raw); !strings.Contains(file, `"lang":"`+lang+`"`) {
			t.Errorf("the data file of %s does not say lang %q:\n%s", slug, lang, file)
		}
	}
	feedXML := string(ts.get(t, "/feed.xml", "").raw)
	if strings.Count(feedXML, `<entry xml:lang="ar">`) != 1 || strings.Count(feedXML, `<entry xml:lang="en">`) != 1 {
		t.Errorf("the feed's entries are not one in ar and one in en:\n%s", feedXML)
	}
	if news := string(ts.get(t, feed.NewsSitemapPath, "").raw); !strings.Contains(news, "<news:language>ar</news:language>") {
		t.Errorf("the news sitemap does not say the story is in ar:\n%s", news)
	}
}
