package feed

import (
	"encoding/xml"
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"dateline/app/article"
)

// newsURLSet is a news sitemap as a crawler reads it.
type newsURLSet struct {
	XMLName xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	URLs    []struct {
		Loc  string `xml:"loc"`
		News struct {
			Name     string `xml:"publication>name"`
			Language string `xml:"publication>language"`
			Date     string `xml:"publication_date"`
			Title    string `xml:"title"`
		} `xml:"http://www.google.com/schemas/sitemap-news/0.9 news"`
	} `xml:"url"`
}

func readNews(t *testing.T, b []byte) newsURLSet {
	t.Helper()
	var set newsURLSet
	if err := xml.Unmarshal(b, &set); err != nil {
		t.Fatalf("the news sitemap does not parse: %v\n%s", err, b)
	}
	return set
}

// TestNewsSitemap lists plainly synthetic articles around a fixed time:
// those of the last two days, newest first, with their language and
// headline (escaped); not one undated or dated ahead by more than a day,
// and none from before the window, where the list stops.
func TestNewsSitemap(t *testing.T) {
	now := time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC)
	items := []NewsItem{
		{Loc: "/articles/ahead", Title: "Synthetic story dated two days ahead", Published: "2026-03-12T12:00:00Z"},
		{Loc: "/articles/soon", Title: "Synthetic story dated an hour ahead", Published: "2026-03-10T13:00:00Z"},
		{Loc: "/articles/today", Lang: "ar-IQ", Title: "Synthetic <b>story</b> & \"quotes\"", Published: "2026-03-10T09:30:00+03:00"},
		{Loc: "/articles/undated", Title: "Synthetic story without a date"},
		{Loc: "/articles/yesterday", Title: "Synthetic story of yesterday", Published: "2026-03-09"},
		{Loc: "/articles/old", Title: "Synthetic story of last week", Published: "2026-03-03"},
		{Loc: "/articles/in-window-after-old", Title: "Never reached: the list is newest first", Published: "2026-03-10"},
	}
	b, err := NewsSitemap(siteWithURL(), slices.Values(items), now)
	if err != nil {
		t.Fatal(err)
	}
	set := readNews(t, b)
	var got []string
	for _, u := range set.URLs {
		got = append(got, fmt.Sprintf("%s %s %s %s %s", u.Loc, u.News.Name, u.News.Language, u.News.Date, u.News.Title))
	}
	want := []string{
		testOrigin + "/articles/soon Placeholder News en 2026-03-10T13:00:00Z Synthetic story dated an hour ahead",
		testOrigin + "/articles/today Placeholder News ar 2026-03-10T09:30:00+03:00 Synthetic <b>story</b> & \"quotes\"",
		testOrigin + "/articles/yesterday Placeholder News en 2026-03-09T00:00:00Z Synthetic story of yesterday",
	}
	if !slices.Equal(got, want) {
		t.Errorf("news sitemap\n%q\nwant\n%q", got, want)
	}
}

// TestNewsSitemapLimits checks the edge cases: at most MaxNewsURLs
// articles, an empty list that is still a valid file, and no file without
// the site's URL.
func TestNewsSitemapLimits(t *testing.T) {
	now := time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC)
	var many []NewsItem
	for i := range MaxNewsURLs + 5 {
		many = append(many, NewsItem{Loc: fmt.Sprintf("/articles/synthetic-%d", i), Title: "Synthetic", Published: now.Add(-time.Duration(i) * time.Minute).Format(time.RFC3339)})
	}
	b, err := NewsSitemap(siteWithURL(), slices.Values(many), now)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(readNews(t, b).URLs); n != MaxNewsURLs {
		t.Errorf("%d articles, want %d", n, MaxNewsURLs)
	}
	b, err = NewsSitemap(siteWithURL(), slices.Values([]NewsItem(nil)), now)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(readNews(t, b).URLs); n != 0 {
		t.Errorf("%d articles of none", n)
	}
	if _, err := NewsSitemap(siteWithoutURL(), slices.Values(many), now); !errors.Is(err, ErrNoSiteURL) {
		t.Errorf("without the site's URL: err = %v, want ErrNoSiteURL", err)
	}
	if _, err := NewsSitemap(article.Site{URL: "ftp://news.example.org"}, slices.Values(many), now); err == nil {
		t.Error("a site URL the model refuses: no error")
	}
}

func TestNewsLanguage(t *testing.T) {
	for tag, want := range map[string]string{"en": "en", "en-GB": "en", "ar-IQ": "ar", "ckb": "ckb", "AR_eg": "ar", "zh": "zh-cn", "zh-Hans-CN": "zh-cn", "zh-Hant": "zh-tw", "zh-TW": "zh-tw", "ku-Arab": "ku"} {
		if got := NewsLanguage(tag); got != want {
			t.Errorf("NewsLanguage(%q) = %q, want %q", tag, got, want)
		}
	}
}

// TestNewsLanguageScriptFirst: a Chinese tag's script says which of
// Google's two codes it is before its region does: Simplified Chinese in
// Hong Kong or Taiwan is zh-cn, Traditional in Singapore zh-tw.
func TestNewsLanguageScriptFirst(t *testing.T) {
	for tag, want := range map[string]string{"zh-Hans-HK": "zh-cn", "zh-Hans-TW": "zh-cn", "zh-Hant-SG": "zh-tw", "zh-HK": "zh-tw", "zh-SG": "zh-cn",
		"zh-yue": "zh-tw", "zh-yue-HK": "zh-tw", "zh-yue-Hans": "zh-cn", "yue": "yue"} {
		if got := NewsLanguage(tag); got != want {
			t.Errorf("NewsLanguage(%q) = %q, want %q", tag, got, want)
		}
	}
}
