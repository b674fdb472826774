package feed

import (
	"testing"

	"dateline/app/article"
)

func TestRobots(t *testing.T) {
	for _, tt := range []struct {
		scenario string
		site     article.Site
		want     string
	}{
		{"site URL known", siteWithURL(), "User-agent: *\nAllow: /\n\nSitemap: https://news.example.org/sitemap.xml\nSitemap: https://news.example.org/news-sitemap.xml\n"},
		{"site URL with a trailing slash", article.Site{URL: testOrigin + "/"}, "User-agent: *\nAllow: /\n\nSitemap: https://news.example.org/sitemap.xml\nSitemap: https://news.example.org/news-sitemap.xml\n"},
		{"site URL unknown: no sitemap line", siteWithoutURL(), "User-agent: *\nAllow: /\n"},
		{"site URL the model refuses: no sitemap line", article.Site{URL: "ftp://news.example.org"}, "User-agent: *\nAllow: /\n"},
	} {
		t.Run(tt.scenario, func(t *testing.T) {
			if got := string(Robots(tt.site)); got != tt.want {
				t.Errorf("Robots =\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}
