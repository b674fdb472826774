package feed

import (
	"html"
	"regexp"
	"slices"
	"strings"
	"testing"

	"dateline/app/article"
	"dateline/app/page"
)

// TestLocale checks og:locale's language_TERRITORY form: only a tag with
// a two-letter region has one.
func TestLocale(t *testing.T) {
	for _, tt := range []struct{ tag, want string }{
		{"en-GB", "en_GB"},
		{"ar-IQ", "ar_IQ"},
		{"ckb-IQ", "ckb_IQ"},
		{"en-us", "en_US"},
		{"EN-GB", "en_GB"},
		{"ku-Arab-IQ", "ku_IQ"},
		{"zh-yue-HK", "zh_HK"},
		{"de-CH-1996", "de_CH"},
		{"pt_BR", "pt_BR"},
		// No territory: og:locale is left out.
		{"en", ""},
		{"ar", ""},
		{"ckb", ""},
		{"zh-Hant", ""},
		{"es-419", ""},
		{"sl-rozaj", ""},
		{"en-x-private", ""},
		{"en-a-bbb-GB", ""},
		{"", ""},
		{"1x", ""},
		{"english", ""},
	} {
		t.Run(tt.tag, func(t *testing.T) {
			if got := Locale(tt.tag); got != tt.want {
				t.Errorf("Locale(%q) = %q, want %q", tt.tag, got, tt.want)
			}
		})
	}
}

// metaOf lists a head's tags as "key=content", in order.
func metaOf(h Head) []string {
	var out []string
	for _, m := range h.Meta {
		key := m.Property
		if key == "" {
			key = m.Name
		}
		out = append(out, key+"="+m.Content)
	}
	return out
}

func TestHeadTags(t *testing.T) {
	rtl := bareArticle("rtl-story")
	rtl.Lang = "ar-IQ"
	svgFirst := bareArticle("chart-story")
	svgFirst.Figures = []article.Figure{
		{Caption: "Placeholder chart.", Image: &article.Image{Src: "/media/chart.SVG", Alt: "A placeholder chart", Width: 800, Height: 600}},
		{Caption: "Placeholder external chart.", Image: &article.Image{Src: "https://cdn.example/chart.svg?v=2#x", Alt: "Another chart"}},
		{Caption: "Placeholder photo.", Image: &article.Image{Src: "/media/placeholder.jpg", Alt: "A placeholder photo", Width: 1200, Height: 800}},
	}
	svgOnly := bareArticle("chart-only")
	svgOnly.Figures = svgFirst.Figures[:2]
	for _, tt := range []struct {
		scenario  string
		site      article.Site
		page      Page
		canonical string
		meta      []string
	}{
		{
			scenario:  "an article with every field, site URL known",
			site:      siteWithURL(),
			page:      Page{Ref: page.ArticleRef("lorem-ipsum"), Article: fullArticle()},
			canonical: testOrigin + "/articles/lorem-ipsum",
			meta: []string{
				"og:site_name=Placeholder News",
				"og:type=article",
				"og:title=Lorem ipsum dolor sit amet",
				"og:description=" + fullArticle().Excerpt(160),
				"og:url=" + testOrigin + "/articles/lorem-ipsum",
				"og:image=" + testOrigin + "/web/images/placeholder.jpg",
				"og:image:width=1200",
				"og:image:height=800",
				"og:image:alt=A placeholder scene",
				"article:published_time=2024-03-01T09:30:00Z",
				"article:modified_time=2024-03-02T10:00:00+03:00",
				"article:section=Middle East & Gulf",
				"article:tag=Alpha",
				"article:tag=Beta Gamma",
				"twitter:card=summary_large_image",
				"robots=" + page.LargePreviews,
			},
		},
		{
			scenario:  "an article, site URL unknown: no URL, no image from a site path",
			site:      siteWithoutURL(),
			page:      Page{Ref: page.ArticleRef("lorem-ipsum"), Article: fullArticle()},
			canonical: "",
			meta: []string{
				"og:site_name=Placeholder News",
				"og:type=article",
				"og:title=Lorem ipsum dolor sit amet",
				"og:description=" + fullArticle().Excerpt(160),
				"article:published_time=2024-03-01T09:30:00Z",
				"article:modified_time=2024-03-02T10:00:00+03:00",
				"article:section=Middle East & Gulf",
				"article:tag=Alpha",
				"article:tag=Beta Gamma",
				"twitter:card=summary",
				"robots=" + page.LargePreviews,
			},
		},
		{
			scenario:  "an article leading with an SVG chart: the card shows its photo",
			site:      siteWithURL(),
			page:      Page{Ref: page.ArticleRef("chart-story"), Article: svgFirst},
			canonical: testOrigin + "/articles/chart-story",
			meta: []string{
				"og:site_name=Placeholder News",
				"og:type=article",
				"og:title=Placeholder chart-story",
				"og:description=Placeholder text of chart-story.",
				"og:url=" + testOrigin + "/articles/chart-story",
				"og:image=" + testOrigin + "/media/placeholder.jpg",
				"og:image:width=1200",
				"og:image:height=800",
				"og:image:alt=A placeholder photo",
				"twitter:card=summary_large_image",
				"robots=" + page.LargePreviews,
			},
		},
		{
			scenario:  "an article whose only image is SVG: no card image",
			site:      siteWithURL(),
			page:      Page{Ref: page.ArticleRef("chart-only"), Article: svgOnly},
			canonical: testOrigin + "/articles/chart-only",
			meta: []string{
				"og:site_name=Placeholder News",
				"og:type=article",
				"og:title=Placeholder chart-only",
				"og:description=Placeholder text of chart-only.",
				"og:url=" + testOrigin + "/articles/chart-only",
				"twitter:card=summary",
				"robots=" + page.LargePreviews,
			},
		},
		{
			scenario:  "a bare article in another language",
			site:      siteWithURL(),
			page:      Page{Ref: page.ArticleRef("rtl-story"), Article: rtl},
			canonical: testOrigin + "/articles/rtl-story",
			meta: []string{
				"og:site_name=Placeholder News",
				"og:locale=ar_IQ",
				"og:type=article",
				"og:title=Placeholder rtl-story",
				"og:description=Placeholder text of rtl-story.",
				"og:url=" + testOrigin + "/articles/rtl-story",
				"twitter:card=summary",
				"robots=" + page.LargePreviews,
			},
		},
		{
			scenario:  "the home page",
			site:      siteWithURL(),
			page:      Page{Ref: page.HomeRef(1)},
			canonical: testOrigin + "/",
			meta: []string{
				"og:site_name=Placeholder News",
				"og:type=website",
				"og:title=Placeholder News",
				"og:description=" + article.DefaultSiteDescription,
				"og:url=" + testOrigin + "/",
				"twitter:card=summary",
				"robots=" + page.LargePreviews,
			},
		},
		{
			scenario:  "a section's page: its lead's photo, none of the lead's article tags",
			site:      siteWithURL(),
			page:      Page{Ref: page.SectionRef("middle-east-gulf", 1), Title: "Middle East & Gulf", Description: "Stories filed under Middle East & Gulf.", Lead: fullArticle()},
			canonical: testOrigin + "/sections/middle-east-gulf",
			meta: []string{
				"og:site_name=Placeholder News",
				"og:type=website",
				"og:title=Middle East & Gulf",
				"og:description=Stories filed under Middle East & Gulf.",
				"og:url=" + testOrigin + "/sections/middle-east-gulf",
				"og:image=" + testOrigin + "/web/images/placeholder.jpg",
				"og:image:width=1200",
				"og:image:height=800",
				"og:image:alt=A placeholder scene",
				"twitter:card=summary_large_image",
				"robots=" + page.LargePreviews,
			},
		},
		{
			scenario:  "a section's page whose lead has only a chart: no image",
			site:      siteWithURL(),
			page:      Page{Ref: page.SectionRef("charts", 1), Title: "Charts", Lead: svgOnly},
			canonical: testOrigin + "/sections/charts",
			meta: []string{
				"og:site_name=Placeholder News",
				"og:type=website",
				"og:title=Charts",
				"og:description=" + article.DefaultSiteDescription,
				"og:url=" + testOrigin + "/sections/charts",
				"twitter:card=summary",
				"robots=" + page.LargePreviews,
			},
		},
		{
			scenario:  "a section's second page",
			site:      siteWithURL(),
			page:      Page{Ref: page.SectionRef("middle-east-gulf", 2), Title: "Middle East & Gulf", Description: "Stories filed under Middle East & Gulf."},
			canonical: testOrigin + "/sections/middle-east-gulf/page/2",
			meta: []string{
				"og:site_name=Placeholder News",
				"og:type=website",
				"og:title=Middle East & Gulf",
				"og:description=Stories filed under Middle East & Gulf.",
				"og:url=" + testOrigin + "/sections/middle-east-gulf/page/2",
				"twitter:card=summary",
				"robots=" + page.LargePreviews,
			},
		},
		{
			scenario:  "a tag in Arabic script, the site's language without a region: no og:locale",
			site:      article.Site{Name: "Placeholder News", Lang: "ckb", URL: testOrigin},
			page:      Page{Ref: page.TagRef(article.NameSlug("سیاسەت"), 1), Title: "سیاسەت"},
			canonical: testOrigin + "/tags/%D8%B3%DB%8C%D8%A7%D8%B3%DB%95%D8%AA",
			meta: []string{
				"og:site_name=Placeholder News",
				"og:type=website",
				"og:title=سیاسەت",
				"og:description=" + article.DefaultSiteDescription,
				"og:url=" + testOrigin + "/tags/%D8%B3%DB%8C%D8%A7%D8%B3%DB%95%D8%AA",
				"twitter:card=summary",
				"robots=" + page.LargePreviews,
			},
		},
		{
			scenario:  "the home page of a site whose language has a region",
			site:      article.Site{Name: "Placeholder News", Lang: "ckb-IQ", URL: testOrigin},
			page:      Page{Ref: page.HomeRef(1)},
			canonical: testOrigin + "/",
			meta: []string{
				"og:site_name=Placeholder News",
				"og:locale=ckb_IQ",
				"og:type=website",
				"og:title=Placeholder News",
				"og:description=" + article.DefaultSiteDescription,
				"og:url=" + testOrigin + "/",
				"twitter:card=summary",
				"robots=" + page.LargePreviews,
			},
		},
		{
			scenario:  "the search page without a query: indexed",
			site:      siteWithURL(),
			page:      Page{Ref: page.SearchRef("", 1), Title: "Search"},
			canonical: testOrigin + "/search",
			meta: []string{
				"og:site_name=Placeholder News",
				"og:type=website",
				"og:title=Search",
				"og:description=" + article.DefaultSiteDescription,
				"og:url=" + testOrigin + "/search",
				"twitter:card=summary",
				"robots=" + page.LargePreviews,
			},
		},
		{
			scenario:  "a search's results: the query string as a URL has it, not indexed",
			site:      siteWithURL(),
			page:      Page{Ref: page.SearchRef("lorem", 1), Title: "lorem"},
			canonical: testOrigin + "/search?q=lorem",
			meta: []string{
				"og:site_name=Placeholder News",
				"og:type=website",
				"og:title=lorem",
				"og:description=" + article.DefaultSiteDescription,
				"og:url=" + testOrigin + "/search?q=lorem",
				"twitter:card=summary",
				"robots=noindex",
			},
		},
		{
			scenario:  "a search's second page, with \"&\" and Arabic script in the query: encoded once",
			site:      siteWithURL(),
			page:      Page{Ref: page.SearchRef("a&b سیاسەت", 2), Title: "a&b سیاسەت"},
			canonical: testOrigin + "/search?q=a%26b+%D8%B3%DB%8C%D8%A7%D8%B3%DB%95%D8%AA&page=2",
			meta: []string{
				"og:site_name=Placeholder News",
				"og:type=website",
				"og:title=a&b سیاسەت",
				"og:description=" + article.DefaultSiteDescription,
				"og:url=" + testOrigin + "/search?q=a%26b+%D8%B3%DB%8C%D8%A7%D8%B3%DB%95%D8%AA&page=2",
				"twitter:card=summary",
				"robots=noindex",
			},
		},
		{
			scenario:  "the not-found page: no address, not indexed",
			site:      siteWithURL(),
			page:      Page{Title: "Page not found"},
			canonical: "",
			meta: []string{
				"og:site_name=Placeholder News",
				"og:type=website",
				"og:title=Page not found",
				"og:description=" + article.DefaultSiteDescription,
				"twitter:card=summary",
				"robots=noindex",
			},
		},
	} {
		t.Run(tt.scenario, func(t *testing.T) {
			h, err := HeadTags(tt.site, tt.page)
			if err != nil {
				t.Fatal(err)
			}
			if h.Canonical != tt.canonical {
				t.Errorf("canonical %q, want %q", h.Canonical, tt.canonical)
			}
			if got := metaOf(h); !slices.Equal(got, tt.meta) {
				t.Errorf("meta\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.meta, "\n"))
			}
			for _, m := range h.Meta {
				if (m.Property == "") == (m.Name == "") {
					t.Errorf("meta %+v: want exactly one of Property and Name", m)
				}
				if strings.HasPrefix(m.Name, "og:") || strings.HasPrefix(m.Property, "twitter:") {
					t.Errorf("meta %+v: Open Graph tags take property, Twitter ones name", m)
				}
			}
		})
	}
	if _, err := HeadTags(siteWithURL(), Page{Ref: page.ArticleRef("x")}); err == nil {
		t.Errorf("an article page without its article: no error")
	}
}

var metaRE = regexp.MustCompile(`^<meta (property|name)="([^"<>]*)" content="([^"<>]*)">$`)

func TestHeadHTML(t *testing.T) {
	a := fullArticle()
	a.Headline = `"><script>alert('x')</script>`
	a.Tags = []string{`a&b`}
	h, err := HeadTags(siteWithURL(), Page{Ref: page.ArticleRef(a.Slug), Article: a})
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(h.HTML(), "\n"), "\n")
	if got, want := lines[0], `<link rel="canonical" href="`+testOrigin+`/articles/lorem-ipsum">`; got != want {
		t.Errorf("first line %s, want %s", got, want)
	}
	if len(lines)-1 != len(h.Meta) {
		t.Fatalf("%d lines for %d meta tags", len(lines)-1, len(h.Meta))
	}
	for i, line := range lines[1:] {
		m := metaRE.FindStringSubmatch(line)
		if m == nil {
			t.Errorf("line %q is not one plain meta element", line)
			continue
		}
		want := h.Meta[i]
		key := want.Property
		if key == "" {
			key = want.Name
		}
		if html.UnescapeString(m[2]) != key || html.UnescapeString(m[3]) != want.Content {
			t.Errorf("line %q does not say %s=%q", line, key, want.Content)
		}
	}
}
