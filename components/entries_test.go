package components

import (
	"strings"
	"testing"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"dateline/app/page"
	"dateline/app/search"
	"dateline/internal/htmltest"
)

// TestEntryListIsText checks the markup entryList writes itself: every
// field a dataset or a query controls comes back as the same text or
// attribute value, never as markup, and the list is one line, as the
// host's prerender keeps it.
func TestEntryListIsText(t *testing.T) {
	hostile := `</li><script>alert(1)</script><b onmouseover="x">'&amp;`
	ui := app.Elem("div").Body(entryList(testSite, "article-list", []entry{
		{lang: "en", slug: "synthetic-one", published: "2024-03-05", section: `Q&A "Desk" <i>`,
			headline: []search.Span{{Text: hostile}, {Text: "<marked>", Mark: true}},
			excerpt:  []search.Span{{Text: "line one\nline two\r\n"}, {Text: "&lt;", Mark: true}}},
		{lang: `en" onclick="x`, slug: `x"><script>`},
		{slug: "synthetic-ckb", lang: "ckb", headline: []search.Span{{Text: "نموونە"}}},
	}))
	s, root := render(t, ui)
	if strings.Contains(s, "<script") || strings.Contains(s, "<b ") || strings.Contains(s, "<i>") {
		t.Errorf("hostile text became markup:\n%s", s)
	}
	ul := root.All("ul")
	if len(ul) != 1 || ul[0].Attrs["class"] != "article-list" {
		t.Fatalf("want one ul.article-list:\n%s", s)
	}
	items := ul[0].All("li")
	if len(items) != 3 {
		t.Fatalf("got %d items, want 3:\n%s", len(items), s)
	}
	first := items[0]
	h := first.WithClass("summary-headline")
	if len(h) != 1 || h[0].TextContent() != hostile+"<marked>" {
		t.Fatalf("headline: want %q in one h2.summary-headline\n%s", hostile+"<marked>", s)
	}
	if m := h[0].All("mark"); len(m) != 1 || m[0].TextContent() != "<marked>" {
		t.Errorf("the headline's mark: %d marks\n%s", len(m), s)
	}
	// (TextContent folds white space.)
	if ex := first.WithClass("summary-excerpt"); len(ex) != 1 || ex[0].TextContent() != "line one line two &lt;" ||
		!strings.Contains(s, "line one&#10;line two&#13;&#10;<mark>&amp;lt;</mark>") {
		t.Errorf("excerpt: want \"line one line two &lt;\" in one p.summary-excerpt, its line breaks as references\n%s", s)
	}
	sec := first.WithClass("summary-section")
	if len(sec) != 1 || sec[0].TextContent() != `Q&A "Desk" <i>` || sec[0].Attrs["href"] != "/sections/q-a-desk-i" {
		t.Errorf("section link: want one a.summary-section to /sections/q-a-desk-i reading %q\n%s", `Q&A "Desk" <i>`, s)
	}
	if tm := first.All("time"); len(tm) != 1 || tm[0].Attrs["datetime"] != "2024-03-05" || tm[0].TextContent() != "5 March 2024" {
		t.Errorf("date: %v\n%s", tm, s)
	}
	articles := ul[0].All("article")
	if len(articles) != 3 {
		t.Fatalf("got %d articles, want one in each item:\n%s", len(articles), s)
	}
	second := articles[1]
	if second.Attrs["lang"] != `en" onclick="x` || second.Attrs["onclick"] != "" {
		t.Errorf("a hostile lang became attributes: %v", second.Attrs)
	}
	if a := items[1].All("a"); len(a) != 1 || a[0].Attrs["href"] != `/articles/x"><script>` {
		t.Errorf("a hostile slug: %v", a)
	}
	if len(items[1].WithClass("summary-meta")) != 0 || len(items[1].WithClass("summary-excerpt")) != 0 {
		t.Errorf("an entry with no date, section or excerpt has their elements:\n%s", s)
	}
	third := articles[2]
	if third.Attrs["lang"] != "ckb" || third.Attrs["dir"] != "rtl" {
		t.Errorf("a Sorani entry: %v, want lang ckb, dir rtl", third.Attrs)
	}
	if line := s[strings.Index(s, "<ul"):strings.Index(s, "</ul>")]; strings.ContainsAny(line, "\r\n") {
		t.Errorf("the list is not one line:\n%s", line)
	}
}

// TestNoSpaceStartsAfterAnElement: in the pages' inline text, no text that
// follows an element starts with a collapsible space (entries.go, nbsp).
// Chromium draws a page that is still arriving, and such a space, drawn as
// the last thing on its line, moves when the rest of the line comes: a
// list entry's date line moved by 1 px (tests/browser,
// TestPageAsItArrives).
func TestNoSpaceStartsAfterAnElement(t *testing.T) {
	a := story()
	a.Authors = []string{"Jane Roe", "John Doe", "Richard Roe"}
	a.Published, a.Updated, a.Section = "2024-03-05", "2024-03-07", "World"
	for _, tt := range []struct {
		scenario string
		ui       app.UI
	}{
		{"a list", View(testSite, page.HomeRef(1), page.Data{List: list("", 1, 1)})},
		{"an article", View(testSite, page.ArticleRef(a.Slug), page.Data{Story: &page.Story{Article: a}})},
		{"search results", View(testSite, page.SearchRef("synthetic", 1), page.Data{Found: &page.Found{Results: search.Results{Total: 1, Page: 1, Pages: 1,
			Hits: []search.Hit{{Slug: "synthetic-story", Lang: "en", Published: "2024-03-05", Section: "World",
				HeadlineMarks: []search.Span{{Text: "Synthetic"}}}}}}})},
	} {
		t.Run(tt.scenario, func(t *testing.T) {
			_, root := render(t, tt.ui)
			var walk func(n *htmltest.Node)
			walk = func(n *htmltest.Node) {
				for i, c := range n.Children {
					if c.Tag == "" && i > 0 && n.Children[i-1].Tag != "" && strings.IndexAny(c.Text, " \t\n\r") == 0 {
						t.Errorf("<%s class=%q>: the text %q after its <%s> starts with a collapsible space", n.Tag, n.Attrs["class"], c.Text, n.Children[i-1].Tag)
					}
					walk(c)
				}
			}
			walk(root)
		})
	}
}
