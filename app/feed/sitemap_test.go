package feed

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"iter"
	"slices"
	"strings"
	"testing"
	"time"

	"dateline/app/article"
	"dateline/app/page"
)

type (
	parsedURLSet struct {
		XMLName xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
		URLs    []struct {
			Loc     string `xml:"loc"`
			LastMod string `xml:"lastmod"`
		} `xml:"url"`
	}
	parsedIndex struct {
		XMLName  xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 sitemapindex"`
		Sitemaps []struct {
			Loc     string `xml:"loc"`
			LastMod string `xml:"lastmod"`
		} `xml:"sitemap"`
	}
)

func decodeStrict(t *testing.T, name string, b []byte, v any) {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(b))
	d.Strict = true
	if err := d.Decode(v); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
}

// syntheticURLs yields n article URLs without building a slice.
func syntheticURLs(n int) iter.Seq[URL] {
	return func(yield func(URL) bool) {
		for i := range n {
			u := URL{Loc: page.ArticlePath(fmt.Sprintf("placeholder-story-%06d", i))}
			if i%2 == 0 {
				u.LastMod = time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(i) * time.Minute).Format(time.RFC3339)
			}
			if !yield(u) {
				return
			}
		}
	}
}

// w3cDatetime reports whether s has one of the W3C Datetime forms a
// sitemap's lastmod takes (dates, or times with seconds and a zone).
func w3cDatetime(s string) bool {
	for _, layout := range []string{time.DateOnly, time.RFC3339} {
		if _, err := time.Parse(layout, s); err == nil {
			return true
		}
	}
	return false
}

func TestSitemapsOneFile(t *testing.T) {
	urls := []URL{
		{Loc: "/"},
		{Loc: page.ArticlePath("lorem-ipsum"), LastMod: "2024-03-02T10:00:00+03:00"},
		{Loc: page.SectionRef(article.NameSlug("Middle East & Gulf"), 2).Path(), LastMod: "2024-03-01"},
		{Loc: page.TagRef(article.NameSlug("سیاسەت"), 1).Path()},
		{Loc: "/articles/a&b'c"},
	}
	files, err := Sitemaps(siteWithURL(), slices.Values(urls))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 1 || files[SitemapPath] == nil {
		t.Fatalf("files %v, want %s alone", keys(files), SitemapPath)
	}
	var set parsedURLSet
	decodeStrict(t, SitemapPath, files[SitemapPath], &set)
	want := [][2]string{
		{testOrigin + "/", ""},
		{testOrigin + "/articles/lorem-ipsum", "2024-03-02T10:00:00+03:00"},
		{testOrigin + "/sections/middle-east-gulf/page/2", "2024-03-01"},
		{testOrigin + "/tags/%D8%B3%DB%8C%D8%A7%D8%B3%DB%95%D8%AA", ""},
		{testOrigin + "/articles/a&b%27c", ""}, // "&" is XML-escaped in the file
	}
	if len(set.URLs) != len(want) {
		t.Fatalf("%d URLs, want %d", len(set.URLs), len(want))
	}
	for i, w := range want {
		if got := set.URLs[i]; got.Loc != w[0] || got.LastMod != w[1] {
			t.Errorf("url %d: %q %q, want %q %q", i, got.Loc, got.LastMod, w[0], w[1])
		}
		if w[1] != "" && !w3cDatetime(set.URLs[i].LastMod) {
			t.Errorf("url %d: lastmod %q is not a W3C datetime", i, set.URLs[i].LastMod)
		}
	}
}

func keys(m map[string][]byte) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks
}

// TestSitemapsSplit writes 100,001 URLs: an index and three parts, every
// URL once and in order (the time it took is logged, not judged: timings
// belong to make bench).
func TestSitemapsSplit(t *testing.T) {
	const n = 2*MaxSitemapURLs + 1
	start := time.Now()
	files, err := Sitemaps(siteWithURL(), syntheticURLs(n))
	elapsed := time.Since(start)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := keys(files), []string{"/sitemap-1.xml", "/sitemap-2.xml", "/sitemap-3.xml", SitemapPath}; !slices.Equal(got, want) {
		t.Fatalf("files %v, want %v", got, want)
	}
	var index parsedIndex
	decodeStrict(t, SitemapPath, files[SitemapPath], &index)
	if len(index.Sitemaps) != 3 {
		t.Fatalf("the index lists %d sitemaps, want 3", len(index.Sitemaps))
	}
	next := 0
	for i, s := range index.Sitemaps {
		path := fmt.Sprintf("/sitemap-%d.xml", i+1)
		if s.Loc != testOrigin+path {
			t.Errorf("index entry %d: loc %q, want %q", i, s.Loc, testOrigin+path)
		}
		body := files[path]
		if len(body) > MaxSitemapBytes {
			t.Errorf("%s: %d bytes, more than %d", path, len(body), MaxSitemapBytes)
		}
		var set parsedURLSet
		decodeStrict(t, path, body, &set)
		if len(set.URLs) > MaxSitemapURLs {
			t.Errorf("%s: %d URLs, more than %d", path, len(set.URLs), MaxSitemapURLs)
		}
		newest := ""
		for _, u := range set.URLs {
			want := testOrigin + page.ArticlePath(fmt.Sprintf("placeholder-story-%06d", next))
			if u.Loc != want {
				t.Fatalf("%s: loc %q, want %q", path, u.Loc, want)
			}
			if u.LastMod > newest { // one zone and form: text order is time order
				newest = u.LastMod
			}
			next++
		}
		if s.LastMod != newest {
			t.Errorf("index entry %d: lastmod %q, want its part's newest %q", i, s.LastMod, newest)
		}
		t.Logf("%s: %d URLs, %d bytes", path, len(set.URLs), len(body))
	}
	if next != n {
		t.Errorf("%d URLs in the parts, want %d", next, n)
	}
	t.Logf("%d URLs in %v", n, elapsed)
}

func TestSitemapsLimits(t *testing.T) {
	for _, tt := range []struct {
		scenario string
		n        int
		lim      limits
		files    int // 1: a single sitemap; more: an index and files-1 parts; 0: at least 3
	}{
		{"no URLs: an empty urlset", 0, protocolLimits, 1},
		{"exactly the URL limit: one file", 5, limits{urls: 5, bytes: MaxSitemapBytes}, 1},
		{"one URL over: an index and two parts", 6, limits{urls: 5, bytes: MaxSitemapBytes}, 3},
		{"the byte limit cuts first", 20, limits{urls: 1000, bytes: 700}, 0},
	} {
		t.Run(tt.scenario, func(t *testing.T) {
			files := map[string][]byte{}
			var order []string
			err := writeSitemaps(siteWithURL(), syntheticURLs(tt.n), func(path string, body []byte) error {
				if files[path] != nil {
					t.Errorf("%s written twice", path)
				}
				files[path] = body
				order = append(order, path)
				return nil
			}, tt.lim)
			if err != nil {
				t.Fatal(err)
			}
			if tt.files > 0 && len(files) != tt.files || tt.files == 0 && len(files) < 3 {
				t.Errorf("files %v, want %d", order, tt.files)
			}
			if order[len(order)-1] != SitemapPath {
				t.Errorf("files written in the order %v: want %s last", order, SitemapPath)
			}
			total := 0
			for path, body := range files {
				if len(body) > tt.lim.bytes {
					t.Errorf("%s: %d bytes, over the limit %d", path, len(body), tt.lim.bytes)
				}
				if path == SitemapPath && len(files) > 1 {
					var index parsedIndex
					decodeStrict(t, path, body, &index)
					if len(index.Sitemaps) != len(files)-1 {
						t.Errorf("the index lists %d parts, want %d", len(index.Sitemaps), len(files)-1)
					}
					continue
				}
				var set parsedURLSet
				decodeStrict(t, path, body, &set)
				if len(set.URLs) > tt.lim.urls {
					t.Errorf("%s: %d URLs, over the limit %d", path, len(set.URLs), tt.lim.urls)
				}
				total += len(set.URLs)
			}
			if total != tt.n {
				t.Errorf("%d URLs written, want %d", total, tt.n)
			}
		})
	}
}

func TestSitemapsErrors(t *testing.T) {
	emitErr := errors.New("disk full")
	for _, tt := range []struct {
		scenario string
		site     article.Site
		urls     []URL
		emit     func(string, []byte) error
		is       error
		want     string
	}{
		{scenario: "no site URL", site: siteWithoutURL(), urls: []URL{{Loc: "/"}}, is: ErrNoSiteURL},
		{scenario: "a loc that is a URL", site: siteWithURL(), urls: []URL{{Loc: "https://example.org/"}}, want: "sitemap loc"},
		{scenario: "a lastmod that is not a date", site: siteWithURL(), urls: []URL{{Loc: "/", LastMod: "2024-02-30"}}, want: `lastmod of / "2024-02-30"`},
		{scenario: "the writer fails", site: siteWithURL(), urls: []URL{{Loc: "/"}}, emit: func(string, []byte) error { return emitErr }, is: emitErr},
	} {
		t.Run(tt.scenario, func(t *testing.T) {
			emit := tt.emit
			if emit == nil {
				emit = func(string, []byte) error { return nil }
			}
			err := WriteSitemaps(tt.site, slices.Values(tt.urls), emit)
			switch {
			case err == nil:
				t.Fatal("no error")
			case tt.is != nil && !errors.Is(err, tt.is):
				t.Errorf("error %v, want %v", err, tt.is)
			case tt.want != "" && !strings.Contains(err.Error(), tt.want):
				t.Errorf("error %v, want one saying %q", err, tt.want)
			}
		})
	}
}

// BenchmarkSitemaps writes the sitemaps of 100,001 URLs, made before the
// timer starts so that -benchmem counts the writer's memory alone; the
// bytes written are a metric.
func BenchmarkSitemaps(b *testing.B) {
	urls := slices.Collect(syntheticURLs(2*MaxSitemapURLs + 1))
	var size int
	for b.Loop() {
		size = 0
		err := WriteSitemaps(siteWithURL(), slices.Values(urls), func(_ string, body []byte) error {
			size += len(body)
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(size), "bytes-out")
}
