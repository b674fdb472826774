package feed

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"iter"
	"strings"
	"time"

	"dateline/app/article"
)

// NewsSitemapPath is the site's Google News sitemap: the articles of the
// last two days, which news search engines read to find a newsroom's new
// stories within minutes. robots.txt names it beside the sitemap.
const NewsSitemapPath = "/news-sitemap.xml"

// The Google News sitemap's rules: the articles published in the last two
// days, at most 1,000 of them.
const (
	NewsWindow  = 48 * time.Hour
	MaxNewsURLs = 1000
)

// NewsItem is one article of a news sitemap.
type NewsItem struct {
	// Loc is the article page's path, such as "/articles/<slug>".
	Loc string
	// Lang is the article's language tag; Title its headline; Published
	// when it was published, as the dataset writes it.
	Lang, Title, Published string
}

const (
	newsOpen = xml.Header + `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"` +
		` xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">` + "\n"
	newsClose = "</urlset>\n"
)

// NewsSitemap returns the news sitemap of the articles of items published
// in the NewsWindow before now, at most MaxNewsURLs of them, under the
// site's name as the publication. items come newest first, as the home
// page lists them: the first one published before the window ends the
// list, and one with no date, or dated more than a day after now (the
// dataset's slack for time zones), is left out. The file is valid with
// no article in it. Like the sitemap, it needs absolute URLs: without the
// site's URL the error is ErrNoSiteURL.
func NewsSitemap(site article.Site, items iter.Seq[NewsItem], now time.Time) ([]byte, error) {
	org, err := origin(site)
	if err != nil {
		return nil, fmt.Errorf("news sitemap: %w", err)
	}
	if org == "" {
		return nil, fmt.Errorf("news sitemap: %w: sitemaps need absolute URLs", ErrNoSiteURL)
	}
	site = site.WithDefaults()
	var b bytes.Buffer
	b.WriteString(newsOpen)
	n := 0
	for it := range items {
		t, ok := article.ParseDate(it.Published)
		if !ok || t.After(now.Add(24*time.Hour)) {
			continue
		}
		if t.Before(now.Add(-NewsWindow)) || n == MaxNewsURLs {
			break
		}
		lang := it.Lang
		if lang == "" {
			lang = site.Lang
		}
		b.WriteString("<url><loc>")
		xmlText(&b, absURL(org, it.Loc))
		b.WriteString("</loc><news:news><news:publication><news:name>")
		xmlText(&b, site.Name)
		b.WriteString("</news:name><news:language>")
		xmlText(&b, NewsLanguage(lang))
		b.WriteString("</news:language></news:publication><news:publication_date>")
		xmlText(&b, t.Format(time.RFC3339))
		b.WriteString("</news:publication_date><news:title>")
		xmlText(&b, it.Title)
		b.WriteString("</news:title></news:news></url>\n")
		n++
	}
	b.WriteString(newsClose)
	return b.Bytes(), nil
}

// NewsLanguage is the language code Google News takes for a language tag:
// the ISO 639 code, lower-case ("ar" for "ar-IQ", "ckb"), but for Chinese,
// which it reads as "zh-cn" (Simplified) or "zh-tw" (Traditional).
// Google takes no other form of Chinese: "yue" alone stays "yue".
func NewsLanguage(tag string) string {
	t := strings.ToLower(strings.ReplaceAll(tag, "_", "-"))
	primary, rest, _ := strings.Cut(t, "-")
	if primary != "zh" {
		return primary
	}
	// The script says it where there is one ("zh-Hans-HK" is
	// Simplified), else the region.
	subs := strings.Split(rest, "-")
	for _, sub := range subs {
		switch sub {
		case "hans":
			return "zh-cn"
		case "hant":
			return "zh-tw"
		}
	}
	// Cantonese ("zh-yue") is written in Traditional characters, as in
	// Hong Kong, Macau and Taiwan.
	for _, sub := range subs {
		switch sub {
		case "tw", "hk", "mo", "yue":
			return "zh-tw"
		}
	}
	return "zh-cn"
}

// xmlText writes s escaped as XML character data.
func xmlText(b *bytes.Buffer, s string) {
	if err := xml.EscapeText(b, []byte(s)); err != nil {
		panic(err) // a bytes.Buffer takes every write
	}
}
