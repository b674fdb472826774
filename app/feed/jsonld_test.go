package feed

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"dateline/app/article"
	"dateline/app/page"
)

// decodeLD parses JSON-LD into generic values, the way a crawler reads it.
func decodeLD(t *testing.T, b []byte) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, b)
	}
	return m
}

func sortedKeys(m map[string]any) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks
}

// TestNewsArticleShipped checks the bundled seed article: it has a
// headline, a description and a language, and its JSON-LD says that and
// nothing more.
func TestNewsArticleShipped(t *testing.T) {
	d := shippedDataset(t)
	a := &d.Articles[0]
	b, err := NewsArticle(d.Site.WithDefaults(), a, page.ArticlePath(a.Slug))
	if err != nil {
		t.Fatal(err)
	}
	m := decodeLD(t, b)
	if got, want := sortedKeys(m), []string{"@context", "@type", "description", "headline", "inLanguage"}; !slices.Equal(got, want) {
		t.Errorf("properties %q, want %q:\n%s", got, want, b)
	}
	want := map[string]any{
		"@context": "https://schema.org", "@type": "NewsArticle",
		"headline": a.Headline, "description": a.Excerpt(160), "inLanguage": "en",
	}
	for k, v := range want {
		if m[k] != v {
			t.Errorf("%s = %v, want %v", k, m[k], v)
		}
	}
}

func TestNewsArticle(t *testing.T) {
	withURLImage := fullArticle()
	withURLImage.Figures[1].Image.Src = "https://images.example.org/placeholder.jpg"
	for _, tt := range []struct {
		scenario string
		site     article.Site
		article  *article.Article
		want     string // the JSON, properties in the order written
	}{
		{
			scenario: "every property, site URL known",
			site:     siteWithURL(),
			article:  fullArticle(),
			want: `{"@context":"https://schema.org","@type":"NewsArticle","headline":"Lorem ipsum dolor sit amet",` +
				`"description":"Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua.",` +
				`"image":{"@type":"ImageObject","url":"https://news.example.org/web/images/placeholder.jpg","width":1200,"height":800},` +
				`"datePublished":"2024-03-01T09:30:00Z","dateModified":"2024-03-02T10:00:00+03:00",` +
				`"author":[{"@type":"Person","name":"Ada Placeholder"},{"@type":"Person","name":"Bo Example"}],` +
				`"publisher":{"@type":"Organization","name":"Example Publishing"},"inLanguage":"en",` +
				`"articleSection":"Middle East \u0026 Gulf","keywords":["Alpha","Beta Gamma"],` +
				`"mainEntityOfPage":"https://news.example.org/articles/lorem-ipsum"}`,
		},
		{
			scenario: "site URL unknown: no page URL, no image from a site path, no publisher",
			site:     siteWithoutURL(),
			article:  fullArticle(),
			want: `{"@context":"https://schema.org","@type":"NewsArticle","headline":"Lorem ipsum dolor sit amet",` +
				`"description":"Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua.",` +
				`"datePublished":"2024-03-01T09:30:00Z","dateModified":"2024-03-02T10:00:00+03:00",` +
				`"author":[{"@type":"Person","name":"Ada Placeholder"},{"@type":"Person","name":"Bo Example"}],` +
				`"inLanguage":"en","articleSection":"Middle East \u0026 Gulf","keywords":["Alpha","Beta Gamma"]}`,
		},
		{
			scenario: "site URL unknown: an image with an absolute URL stays",
			site:     siteWithoutURL(),
			article:  withURLImage,
			want: `{"@context":"https://schema.org","@type":"NewsArticle","headline":"Lorem ipsum dolor sit amet",` +
				`"description":"Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua.",` +
				`"image":{"@type":"ImageObject","url":"https://images.example.org/placeholder.jpg","width":1200,"height":800},` +
				`"datePublished":"2024-03-01T09:30:00Z","dateModified":"2024-03-02T10:00:00+03:00",` +
				`"author":[{"@type":"Person","name":"Ada Placeholder"},{"@type":"Person","name":"Bo Example"}],` +
				`"inLanguage":"en","articleSection":"Middle East \u0026 Gulf","keywords":["Alpha","Beta Gamma"]}`,
		},
		{
			scenario: "a bare article: nothing invented",
			site:     article.Site{URL: testOrigin},
			article:  bareArticle("bare"),
			want: `{"@context":"https://schema.org","@type":"NewsArticle","headline":"Placeholder bare","description":"Placeholder text of bare.",` +
				`"inLanguage":"en","mainEntityOfPage":"https://news.example.org/articles/bare"}`,
		},
	} {
		t.Run(tt.scenario, func(t *testing.T) {
			b, err := NewsArticle(tt.site, tt.article, page.ArticlePath(tt.article.Slug))
			if err != nil {
				t.Fatal(err)
			}
			if string(b) != tt.want {
				t.Errorf("got\n%s\nwant\n%s", b, tt.want)
			}
			decodeLD(t, b)
		})
	}
}

// TestJSONLDInScript puts hostile text in every field the data gives and
// checks that the JSON cannot end the script element around it, and that
// the text survives.
func TestJSONLDInScript(t *testing.T) {
	for _, hostile := range []string{
		`</script><script>alert(1)</script>`,
		`</SCRIPT >`,
		`<!-- <script>`,
		`]]> & &amp; <b>bold</b>`,
		"line\u2028separator\u2029paragraph",
	} {
		t.Run(fmt.Sprintf("%q", hostile), func(t *testing.T) {
			a := fullArticle()
			a.Headline = hostile
			a.Body[0].Text = hostile
			a.Section = hostile
			a.Tags = []string{hostile}
			a.Authors = []string{hostile}
			site := siteWithURL()
			site.Publisher = hostile
			site.Name = hostile
			site.Description = hostile
			news, err := NewsArticle(site, a, page.ArticlePath(a.Slug))
			if err != nil {
				t.Fatal(err)
			}
			web, err := WebSite(site, "/search")
			if err != nil {
				t.Fatal(err)
			}
			for name, b := range map[string][]byte{"NewsArticle": news, "WebSite": web} {
				if i := strings.IndexAny(string(b), "<>&\u2028\u2029"); i >= 0 {
					t.Errorf("%s: unescaped %q at %d:\n%s", name, b[i], i, b)
				}
				doc := `<script type="application/ld+json">` + string(b) + `</script>`
				if end := strings.Index(strings.ToLower(doc), "</script"); end != len(doc)-len("</script>") {
					t.Errorf("%s: the script element ends early, at %d of %d", name, end, len(doc))
				}
				m := decodeLD(t, b)
				key := "headline"
				if name == "WebSite" {
					key = "name"
				}
				if m[key] != hostile {
					t.Errorf("%s: %s %q, want %q back", name, key, m[key], hostile)
				}
			}
		})
	}
}

func TestWebSite(t *testing.T) {
	for _, tt := range []struct {
		scenario   string
		site       article.Site
		searchPath string
		want       string
	}{
		{
			scenario:   "site URL known: URL and search action",
			site:       siteWithURL(),
			searchPath: "/search",
			want: `{"@context":"https://schema.org","@type":"WebSite","name":"Placeholder News","description":"` + article.DefaultSiteDescription + `",` +
				`"url":"https://news.example.org/","inLanguage":"en","publisher":{"@type":"Organization","name":"Example Publishing"},` +
				`"potentialAction":{"@type":"SearchAction","target":{"@type":"EntryPoint","urlTemplate":"https://news.example.org/search?q={search_term_string}"},` +
				`"query-input":"required name=search_term_string"}}`,
		},
		{
			scenario:   "no search page",
			site:       article.Site{Name: "Placeholder News", Description: "Placeholder description.", Lang: "ckb", URL: testOrigin},
			searchPath: "",
			want: `{"@context":"https://schema.org","@type":"WebSite","name":"Placeholder News","description":"Placeholder description.",` +
				`"url":"https://news.example.org/","inLanguage":"ckb"}`,
		},
		{
			scenario:   "site URL unknown: no URL, no search action",
			site:       article.Site{},
			searchPath: "/search",
			want: `{"@context":"https://schema.org","@type":"WebSite","name":"` + article.DefaultSiteName + `","description":"` + article.DefaultSiteDescription + `",` +
				`"inLanguage":"en"}`,
		},
	} {
		t.Run(tt.scenario, func(t *testing.T) {
			b, err := WebSite(tt.site, tt.searchPath)
			if err != nil {
				t.Fatal(err)
			}
			if string(b) != tt.want {
				t.Errorf("got\n%s\nwant\n%s", b, tt.want)
			}
		})
	}
}

func TestJSONLDErrors(t *testing.T) {
	for _, tt := range []struct {
		scenario string
		run      func() error
		want     string
	}{
		{"a canonical path that is a URL", func() error {
			_, err := NewsArticle(siteWithURL(), bareArticle("x"), "https://example.org/articles/x")
			return err
		}, "canonical path"},
		{"a search path with a query", func() error {
			_, err := WebSite(siteWithURL(), "/search?q=")
			return err
		}, "search path"},
		{"a site URL the model refuses", func() error {
			_, err := NewsArticle(article.Site{URL: "https://news.example.org/path"}, bareArticle("x"), "/articles/x")
			return err
		}, "origin"},
	} {
		t.Run(tt.scenario, func(t *testing.T) {
			if err := tt.run(); err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want one saying %q", err, tt.want)
			}
		})
	}
}
