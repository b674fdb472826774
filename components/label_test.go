package components

import (
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"dateline/app/article"
	"dateline/app/i18n"
	"dateline/app/page"
	"dateline/internal/htmltest"
)

// TestFallbackLanguage draws the pages of an Arabic edition that gives
// some labels and not others, its data all in Arabic script, so that any
// Latin letter on a page is an English fallback label: each such text is
// in an element of lang "en" (WCAG 3.1.2, language of parts), and each of
// the edition's own labels is not. No mark of i18n's reaches the markup.
func TestFallbackLanguage(t *testing.T) {
	const word = "عينة" // made up, as the edition's data and labels
	own := map[string]string{}
	for i, k := range []i18n.Key{i18n.NotFoundText, i18n.Share, i18n.SkipToContent, i18n.OfflinePageText,
		i18n.ErrorTitle, i18n.ErrorRetry, i18n.Related, i18n.SavedTitle, i18n.Month(3)} {
		own[string(k)] = "زاقن " + i18n.ArabicDigits.Convert(strconv.Itoa(i+1))
	}
	site := page.NewSite(&article.Site{Name: word + " تايمز", Description: word, Lang: "ar", Labels: own},
		[]page.Named{{Name: word, Slug: "xyz"}})
	a := &article.Article{
		Slug: "story", Lang: "ar", Headline: word + " عنوان", Section: word, Tags: []string{word},
		Published: "2021-03-07", Updated: "2021-12-09", Authors: []string{word},
		Figures: []article.Figure{{Caption: word + "."}},
		Body: []article.Block{
			{Type: article.Paragraph, Text: strings.Repeat(word+" ", 1000)},
			{Type: article.ReadMore, Link: article.Link{Title: word, Slug: "other"}},
		},
		Related: []article.Link{{Title: word, Slug: "other"}},
	}
	pages := []struct {
		name string
		ui   app.UI
	}{
		{"not found", View(site, page.Ref{Kind: page.NotFound}, page.Data{})},
		{"offline", View(site, page.Ref{Kind: page.Offline}, page.Data{})},
		{"article", View(site, page.ArticleRef("story"), page.Data{Story: &page.Story{Article: a, Older: &page.Teaser{Slug: "other", Lang: "ar", Headline: word}}})},
		{"saved", View(site, page.Ref{Kind: page.Saved}, page.Data{})},
		{"search", View(site, page.Ref{Kind: page.Search}, page.Data{})},
		{"tag", View(site, page.TagRef("xyz", 1), page.Data{List: &page.List{Name: word, Page: 1, Pages: 2, Total: 30}})},
		{"error", &Shell{Site: site, Content: []app.UI{&ErrorView{Site: site}}}},
	}
	seen := map[string]bool{}
	for _, p := range pages {
		s, root := render(t, p.ui)
		if strings.ContainsAny(s, i18n.EnglishStart+i18n.EnglishEnd+"\u2068\u2069") {
			t.Errorf("%s: the markup holds a mark or an isolate of a label", p.name)
		}
		eachText(root, "ar", func(text, lang string) {
			switch {
			case strings.IndexFunc(text, isLatin) >= 0:
				seen[text] = true
				if strings.HasSuffix(text, " min read") {
					seen["min read"] = true
				}
				if lang != "en" {
					t.Errorf("%s: English text %q in lang %q", p.name, text, lang)
				}
			case strings.IndexFunc(text, unicode.IsLetter) >= 0:
				for _, v := range own {
					if strings.Contains(text, v) {
						seen[v] = true
					}
				}
				if lang != "ar" {
					t.Errorf("%s: the edition's text %q in lang %q", p.name, text, lang)
				}
			}
		})
	}
	for _, want := range append([]string{"Save for later", "Listen", "You are offline", "Page not found", "min read", "Updated "}, mapValues(own)...) {
		if !seen[want] {
			t.Errorf("no page shows %q as a text of its own", want)
		}
	}
}

// eachText calls f with each text under n that is not white space alone,
// and the language it is in: that of its nearest element with a lang, or
// lang. Keys (<kbd>) are names of keys, in no language, and what is
// hidden from screen readers (an icon's "Aa") is not read.
func eachText(n *htmltest.Node, lang string, f func(text, lang string)) {
	if l, ok := n.Attrs["lang"]; ok {
		lang = l
	}
	if n.Tag == "kbd" || n.Attrs["aria-hidden"] == "true" {
		return
	}
	if n.Tag == "" && strings.TrimSpace(n.Text) != "" {
		f(n.Text, lang)
	}
	for _, c := range n.Children {
		eachText(c, lang, f)
	}
}

func isLatin(r rune) bool { return r < 0x250 && unicode.IsLetter(r) }

func mapValues(m map[string]string) []string {
	var vs []string
	for _, v := range m {
		vs = append(vs, v)
	}
	return vs
}

// TestEnglishInsideEnglish writes labels whose English text holds English
// text marked apart (an English month's name in an English date pattern,
// in an edition without its own): one element holds the whole, since an
// element of its own isolates the month, which then goes to the right of
// a year in Arabic-Indic digits (TestEnglishDateInOrder sees it in
// Chromium). Marks without their pair open or close nothing.
func TestEnglishInsideEnglish(t *testing.T) {
	const (
		start, end = i18n.EnglishStart, i18n.EnglishEnd
		en         = `<span lang="en" dir="ltr">`
	)
	for _, c := range []struct{ in, want string }{
		{start + "٧ " + start + "December" + end + " ٢٠٢١" + end, en + "٧ December ٢٠٢١</span>"},
		{"زاقن " + start + "Page " + start + "٢" + end + " of ١٠" + end + " زاقن", "زاقن " + en + "Page ٢ of ١٠</span> زاقن"},
		{start + "a" + end + " b " + start + "c" + end, en + "a</span> b " + en + "c</span>"},
		{start + start + "a" + end, en + "a</span>"},
		{"a" + end + end + " <b>", "a &lt;b&gt;"},
	} {
		var b strings.Builder
		writeText(&b, c.in)
		if got := b.String(); got != c.want {
			t.Errorf("writeText(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	// The date of an Arabic edition without its month names.
	tb := page.NewSite(&article.Site{Name: "عينة", Lang: "ar"}, nil).Table
	var b strings.Builder
	writeText(&b, tb.FormatDate("2021-12-07"))
	if got, want := b.String(), en+"٧ December ٢٠٢١</span>"; got != want {
		t.Errorf("the date of an Arabic edition without its month names is %q, want %q", got, want)
	}
}
