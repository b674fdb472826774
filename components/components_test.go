package components

import (
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"dateline/app/article"
	"dateline/app/page"
	"dateline/app/prerender"
	"dateline/internal/htmltest"
)

// testSource is a page.Source over pages held in memory. With cached false
// it answers nothing at once, so pages load in the background; loadErr
// makes that load fail.
type testSource struct {
	pages   map[string]page.Data
	cached  bool
	loadErr error
	loads   []page.Ref
}

func (s *testSource) Cached(r page.Ref) (page.Data, bool) {
	if !s.cached {
		return page.Data{}, false
	}
	return s.pages[r.Path()], true
}

func (s *testSource) Load(r page.Ref) (page.Data, error) {
	s.loads = append(s.loads, r)
	if s.loadErr != nil {
		return page.Data{}, s.loadErr
	}
	return s.pages[r.Path()], nil
}

// testSite is the edition the tests render.
var testSite = page.NewSite(&article.Site{Name: "Synthetic Times", Description: "Plainly synthetic test pages.", Lang: "en"},
	[]page.Named{{Name: "World", Slug: "world"}, {Name: "Culture & Arts", Slug: "culture-arts"}})

// navProbe hosts a page in a test engine and keeps the context go-app gives
// it, so that a test can navigate the page the way go-app does.
type navProbe struct {
	app.Compo
	Page app.Composer
	ctx  app.Context
}

func (p *navProbe) OnPreRender(ctx app.Context) { p.ctx = ctx }
func (p *navProbe) Render() app.UI              { return p.Page }

// navigate mounts page on the host, points the document at path, runs the
// page's OnNav and everything it starts, and returns the page's context.
func navigate(t *testing.T, path string, p interface {
	app.Composer
	app.Navigator
}) app.Context {
	t.Helper()
	probe := &navProbe{Page: p}
	e := app.NewTestEngine()
	if err := e.Load(probe); err != nil {
		t.Fatalf("loading the page: %v", err)
	}
	e.ConsumeAll()
	u, err := url.Parse(path)
	if err != nil {
		t.Fatal(err)
	}
	probe.ctx.Page().ReplaceURL(u)
	p.OnNav(probe.ctx)
	e.ConsumeAll()
	return probe.ctx
}

// render renders ui to HTML as the host serves it, and parses it.
func render(t *testing.T, ui app.UI) (string, *htmltest.Node) {
	t.Helper()
	s, ok := prerender.HTML(ui)
	if !ok {
		t.Fatalf("the markup is not in the form app/prerender reads:\n%s", app.HTMLString(ui))
	}
	return s, htmltest.Parse(t, s)
}

// story is a complete article; cases change what they test.
func story() *article.Article {
	return &article.Article{
		Slug:     "synthetic-story",
		Lang:     "en",
		Headline: "Synthetic headline: 'quoted test words'",
		Dateline: &article.Dateline{Place: "TESTVILLE", Source: "Synthetic Wire"},
		Figures: []article.Figure{
			{Caption: "Synthetic caption for test figure.", Credit: "Photo: test fixture"},
		},
		Body: []article.Block{
			{Type: article.Paragraph, Text: "First paragraph."},
			{Type: article.ReadMore, Link: article.Link{Title: "Synthetic internal link", Slug: "synthetic-other"}},
			{Type: article.Paragraph, Text: "Second paragraph."},
			{Type: article.ReadMore, Link: article.Link{Title: "Synthetic external link", URL: "https://example.org/synthetic/story"}},
			{Type: article.Paragraph, Text: "Third paragraph."},
			{Type: article.ReadMore, Link: article.Link{Title: "Synthetic title-only link"}},
		},
		Related: []article.Link{
			{Title: "Synthetic internal link", Slug: "synthetic-other"},
			{Title: "Synthetic external link", URL: "https://example.org/synthetic/story"},
			{Title: "Synthetic title-only link"},
		},
	}
}

// bodyParagraphs returns the text of the body's paragraphs, read-more
// blocks left out.
func bodyParagraphs(root *htmltest.Node) []string {
	var ps []string
	for _, body := range root.WithClass("story-body") {
		for _, p := range body.All("p") {
			if !slices.Contains(strings.Fields(p.Attrs["class"]), "read-more") {
				ps = append(ps, p.TextContent())
			}
		}
	}
	return ps
}

// decorative reports whether assistive technology skips img: it has an
// empty alt, or a role or aria-hidden that hides it.
func decorative(img *htmltest.Node) bool {
	alt, ok := img.Attrs["alt"]
	switch {
	case ok && alt == "":
		return true
	case img.Attrs["role"] == "presentation", img.Attrs["role"] == "none", img.Attrs["aria-hidden"] == "true":
		return !ok || alt == ""
	}
	return false
}

// checkLink checks one rendered related link: an <a> to the article for a
// slug, an <a rel=noopener> for an http(s) URL, and for anything else the
// title marked as not in this collection, with no link at all.
func checkLink(t *testing.T, where string, n *htmltest.Node, l article.Link) {
	t.Helper()
	as := n.All("a")
	switch l.Kind() {
	case article.Internal:
		if len(as) != 1 {
			t.Fatalf("%s: %d links, want 1", where, len(as))
		}
		if got, want := as[0].Attrs["href"], "/articles/"+l.Slug; got != want {
			t.Errorf("%s: href = %q, want %q", where, got, want)
		}
		if got := as[0].TextContent(); got != l.Title {
			t.Errorf("%s: link text = %q, want %q", where, got, l.Title)
		}
	case article.External:
		if len(as) != 1 {
			t.Fatalf("%s: %d links, want 1", where, len(as))
		}
		if got := as[0].Attrs["href"]; got != l.URL {
			t.Errorf("%s: href = %q, want %q", where, got, l.URL)
		}
		if rel := strings.Fields(as[0].Attrs["rel"]); !slices.Contains(rel, "noopener") {
			t.Errorf("%s: rel = %q, want it to hold noopener", where, as[0].Attrs["rel"])
		}
	default:
		if len(as) != 0 {
			t.Errorf("%s: %d links for a title-only link, want none (href %q)", where, len(as), as[0].Attrs["href"])
		}
		if got, want := n.TextContent(), l.Title+" (not in this collection)"; !strings.HasSuffix(got, want) {
			t.Errorf("%s: text = %q, want it to end with %q", where, got, want)
		}
	}
}

func TestArticleView(t *testing.T) {
	tests := []struct {
		scenario string
		change   func(a *article.Article)
		check    func(t *testing.T, html string, root *htmltest.Node, a *article.Article)
	}{
		{
			scenario: "article element carries lang and dir",
			check: func(t *testing.T, _ string, root *htmltest.Node, a *article.Article) {
				arts := root.All("article")
				if len(arts) != 1 {
					t.Fatalf("%d <article> elements, want 1", len(arts))
				}
				if got, want := arts[0].Attrs["lang"], "en"; got != want {
					t.Errorf("lang = %q, want %q", got, want)
				}
				if got, want := arts[0].Attrs["dir"], "ltr"; got != want {
					t.Errorf("dir = %q, want %q", got, want)
				}
			},
		},
		{
			scenario: "empty lang is the default language",
			change:   func(a *article.Article) { a.Lang = "" },
			check: func(t *testing.T, _ string, root *htmltest.Node, a *article.Article) {
				if got, want := root.All("article")[0].Attrs["lang"], article.DefaultLang; got != want {
					t.Errorf("lang = %q, want %q", got, want)
				}
			},
		},
		{
			scenario: "one h1 holds the headline",
			check: func(t *testing.T, _ string, root *htmltest.Node, a *article.Article) {
				h1s := root.All("h1")
				if len(h1s) != 1 {
					t.Fatalf("%d <h1> elements, want 1", len(h1s))
				}
				if got, want := h1s[0].Attrs["id"], "page-title"; got != want {
					t.Errorf("h1 id = %q, want %q", got, want)
				}
				if got := h1s[0].TextContent(); got != a.Headline {
					t.Errorf("h1 text = %q, want %q", got, a.Headline)
				}
			},
		},
		{
			scenario: "figure without image shows caption and credit only",
			check: func(t *testing.T, _ string, root *htmltest.Node, a *article.Article) {
				figs := root.All("figure")
				if len(figs) != 1 {
					t.Fatalf("%d <figure> elements, want 1", len(figs))
				}
				if imgs := root.All("img"); len(imgs) != 0 {
					t.Errorf("%d <img> elements for a figure without image, want none", len(imgs))
				}
				caps := figs[0].All("figcaption")
				if len(caps) != 1 {
					t.Fatalf("%d <figcaption> elements, want 1", len(caps))
				}
				text := caps[0].TextContent()
				for _, want := range []string{a.Figures[0].Caption, a.Figures[0].Credit} {
					if !strings.Contains(text, want) {
						t.Errorf("figcaption %q does not hold %q", text, want)
					}
				}
			},
		},
		{
			scenario: "figures with images reserve their size and load the lead eagerly",
			change: func(a *article.Article) {
				a.Figures = []article.Figure{
					{Caption: "Lead.", Image: &article.Image{Src: "/web/images/lead.jpg", Alt: "Synthetic lead image", Width: 1200, Height: 800}},
					{Credit: "Photo: test fixture", Image: &article.Image{Src: "https://example.org/b.jpg", Alt: "", Width: 640, Height: 480}},
				}
			},
			check: func(t *testing.T, _ string, root *htmltest.Node, a *article.Article) {
				imgs := root.All("img")
				if len(imgs) != 2 {
					t.Fatalf("%d <img> elements, want 2", len(imgs))
				}
				for i, want := range []map[string]string{
					{"src": "/web/images/lead.jpg", "alt": "Synthetic lead image", "width": "1200", "height": "800", "loading": "eager"},
					{"src": "https://example.org/b.jpg", "width": "640", "height": "480", "loading": "lazy"},
				} {
					for k, v := range want {
						if got, ok := imgs[i].Attrs[k]; !ok || got != v {
							t.Errorf("img %d: %s = %q (present %v), want %q", i, k, got, ok, v)
						}
					}
				}
				// An empty alt marks a decorative picture: without alt, screen
				// readers read out the file name instead.
				if !decorative(imgs[1]) {
					t.Errorf("img 1 has attributes %v, want alt=\"\" (or a presentational role)", imgs[1].Attrs)
				}
			},
		},
		{
			scenario: "body paragraphs in order, the dateline leading the first",
			check: func(t *testing.T, _ string, root *htmltest.Node, a *article.Article) {
				want := []string{
					"TESTVILLE (Synthetic Wire) – First paragraph.",
					"Second paragraph.",
					"Third paragraph.",
				}
				if got := bodyParagraphs(root); !slices.Equal(got, want) {
					t.Errorf("paragraphs = %q, want %q", got, want)
				}
				if got := len(root.WithClass("story-dateline")); got != 1 {
					t.Errorf("%d datelines, want 1", got)
				}
			},
		},
		{
			scenario: "dateline with a place only",
			change:   func(a *article.Article) { a.Dateline = &article.Dateline{Place: "TESTVILLE"} },
			check: func(t *testing.T, _ string, root *htmltest.Node, a *article.Article) {
				if got, want := bodyParagraphs(root)[0], "TESTVILLE – First paragraph."; got != want {
					t.Errorf("first paragraph = %q, want %q", got, want)
				}
			},
		},
		{
			scenario: "dateline with a source only",
			change:   func(a *article.Article) { a.Dateline = &article.Dateline{Source: "Synthetic Wire"} },
			check: func(t *testing.T, _ string, root *htmltest.Node, a *article.Article) {
				if got, want := bodyParagraphs(root)[0], "Synthetic Wire – First paragraph."; got != want {
					t.Errorf("first paragraph = %q, want %q", got, want)
				}
			},
		},
		{
			scenario: "no dateline, no prefix",
			change:   func(a *article.Article) { a.Dateline = nil },
			check: func(t *testing.T, _ string, root *htmltest.Node, a *article.Article) {
				if got, want := bodyParagraphs(root)[0], "First paragraph."; got != want {
					t.Errorf("first paragraph = %q, want %q", got, want)
				}
				if n := len(root.WithClass("story-dateline")); n != 0 {
					t.Errorf("%d datelines, want none", n)
				}
			},
		},
		{
			scenario: "dateline leads the first paragraph even after a read-more block",
			change: func(a *article.Article) {
				a.Body = append([]article.Block{{Type: article.ReadMore, Link: article.Link{Title: "Lead link"}}}, a.Body...)
			},
			check: func(t *testing.T, _ string, root *htmltest.Node, a *article.Article) {
				if got, want := bodyParagraphs(root)[0], "TESTVILLE (Synthetic Wire) – First paragraph."; got != want {
					t.Errorf("first paragraph = %q, want %q", got, want)
				}
				if got := root.WithClass("read-more")[0].TextContent(); strings.Contains(got, "TESTVILLE") {
					t.Errorf("read-more block %q holds the dateline", got)
				}
			},
		},
		{
			scenario: "read-more blocks link by kind",
			check: func(t *testing.T, _ string, root *htmltest.Node, a *article.Article) {
				blocks := root.WithClass("read-more")
				var links []article.Link
				for _, b := range a.Body {
					if b.Type == article.ReadMore {
						links = append(links, b.Link)
					}
				}
				if len(blocks) != len(links) {
					t.Fatalf("%d read-more blocks, want %d", len(blocks), len(links))
				}
				for i, l := range links {
					if got := blocks[i].TextContent(); !strings.HasPrefix(got, "Read More: "+l.Title) {
						t.Errorf("read-more %d = %q, want it to start with %q", i, got, "Read More: "+l.Title)
					}
					checkLink(t, "read-more "+l.Title, blocks[i], l)
				}
			},
		},
		{
			scenario: "related list links by kind",
			check: func(t *testing.T, _ string, root *htmltest.Node, a *article.Article) {
				secs := root.WithClass("related")
				if len(secs) != 1 {
					t.Fatalf("%d related sections, want 1", len(secs))
				}
				items := secs[0].All("li")
				if len(items) != len(a.Related) {
					t.Fatalf("%d related items, want %d", len(items), len(a.Related))
				}
				for i, l := range a.Related {
					checkLink(t, "related "+l.Title, items[i], l)
				}
			},
		},
		{
			scenario: "no related section without related articles",
			change:   func(a *article.Article) { a.Related = nil },
			check: func(t *testing.T, _ string, root *htmltest.Node, a *article.Article) {
				if n := len(root.WithClass("related")); n != 0 {
					t.Errorf("%d related sections, want none", n)
				}
			},
		},
		{
			scenario: "without authors and date the byline is the reading time",
			check: func(t *testing.T, _ string, root *htmltest.Node, a *article.Article) {
				if got, want := root.WithClass("story-byline")[0].TextContent(), "1 min read"; got != want {
					t.Errorf("byline = %q, want %q", got, want)
				}
				if n := len(root.All("time")); n != 0 {
					t.Errorf("%d <time> elements, want none", n)
				}
			},
		},
		{
			scenario: "byline with two authors and a date",
			change: func(a *article.Article) {
				a.Authors = []string{"Jane Roe", "John Doe"}
				a.Published = "2006-01-02"
			},
			check: func(t *testing.T, _ string, root *htmltest.Node, a *article.Article) {
				bylines := root.WithClass("story-byline")
				if len(bylines) != 1 {
					t.Fatalf("%d bylines, want 1", len(bylines))
				}
				if got, want := bylines[0].TextContent(), "By Jane Roe and John Doe · 2 January 2006 · 1 min read"; got != want {
					t.Errorf("byline = %q, want %q", got, want)
				}
				times := bylines[0].All("time")
				if len(times) != 1 || times[0].Attrs["datetime"] != "2006-01-02" {
					t.Errorf("want one <time datetime=2006-01-02>, got %d", len(times))
				}
			},
		},
		{
			scenario: "byline with three authors",
			change:   func(a *article.Article) { a.Authors = []string{"A", "B", "C"} },
			check: func(t *testing.T, _ string, root *htmltest.Node, a *article.Article) {
				if got, want := root.WithClass("story-byline")[0].TextContent(), "By A, B and C · 1 min read"; got != want {
					t.Errorf("byline = %q, want %q", got, want)
				}
			},
		},
		{
			scenario: "byline with a date only",
			change:   func(a *article.Article) { a.Published = "2024-03-05T10:00:00Z" },
			check: func(t *testing.T, _ string, root *htmltest.Node, a *article.Article) {
				if got, want := root.WithClass("story-byline")[0].TextContent(), "5 March 2024 · 1 min read"; got != want {
					t.Errorf("byline = %q, want %q", got, want)
				}
			},
		},
		{
			scenario: "hostile strings are text, never markup",
			change: func(a *article.Article) {
				a.Headline = `<img src=x onerror=alert(1)>`
				a.Figures = []article.Figure{{Caption: `<b onmouseover=alert(1)>caption</b>`, Credit: `<!-- credit -->`}}
				a.Body = []article.Block{
					{Type: article.Paragraph, Text: `</script><script>alert(1)</script>`},
					{Type: article.ReadMore, Link: article.Link{Title: `<a href="javascript:alert(1)">x</a>`}},
				}
				a.Related = []article.Link{{Title: `"><svg onload=alert(1)>`, Slug: "x"}}
			},
			check: func(t *testing.T, html string, root *htmltest.Node, a *article.Article) {
				for _, want := range []string{"&lt;img", "&lt;/script&gt;&lt;script&gt;", "&lt;b onmouseover", "&lt;!--", "&lt;svg"} {
					if !strings.Contains(html, want) {
						t.Errorf("output lacks %q", want)
					}
				}
				for _, bad := range []string{"<img src=x", "<script", "<b ", "<!--", "<svg"} {
					if strings.Contains(html, bad) {
						t.Errorf("output holds raw %q", bad)
					}
				}
				for _, tag := range []string{"img", "script", "b", "svg"} {
					if n := len(root.All(tag)); n != 0 {
						t.Errorf("%d <%s> elements, want none", n, tag)
					}
				}
				if got := root.All("h1")[0].TextContent(); got != a.Headline {
					t.Errorf("h1 text = %q, want %q", got, a.Headline)
				}
				if got, want := bodyParagraphs(root)[0], "TESTVILLE (Synthetic Wire) – "+a.Body[0].Text; got != want {
					t.Errorf("paragraph = %q, want %q", got, want)
				}
			},
		},
		{
			scenario: "only http and https URLs become links",
			change: func(a *article.Article) {
				bad := []string{
					"javascript:alert(1)",
					"JavaScript:alert(document.cookie)",
					" javascript:alert(1)",
					"data:text/html,<script>alert(1)</script>",
					"vbscript:msgbox(1)",
					"//evil.example/x",
					"https:no-host",
				}
				a.Body = []article.Block{{Type: article.Paragraph, Text: "Text."}}
				a.Related = nil
				for _, u := range bad {
					a.Body = append(a.Body, article.Block{Type: article.ReadMore, Link: article.Link{Title: "T " + u, URL: u}})
					a.Related = append(a.Related, article.Link{Title: "R " + u, URL: u})
				}
				a.SourceURL = "javascript:alert(1)"
			},
			check: func(t *testing.T, html string, root *htmltest.Node, a *article.Article) {
				if hrefs := root.AttrValues("href"); len(hrefs) != 0 {
					t.Errorf("hrefs %q, want none", hrefs)
				}
				if n := len(root.WithClass("unlinked")); n != 2*len(a.Related) {
					t.Errorf("%d unlinked titles, want %d", n, 2*len(a.Related))
				}
				if strings.Contains(html, "Read the original story") {
					t.Errorf("a javascript: source URL is offered as the original story")
				}
			},
		},
		{
			scenario: "original story linked when its URL is on the web",
			change:   func(a *article.Article) { a.SourceURL = "https://example.org/synthetic/original/1" },
			check: func(t *testing.T, _ string, root *htmltest.Node, a *article.Article) {
				srcs := root.WithClass("story-source")
				if len(srcs) != 1 {
					t.Fatalf("%d source paragraphs, want 1", len(srcs))
				}
				as := srcs[0].All("a")
				if len(as) != 1 || as[0].Attrs["href"] != a.SourceURL {
					t.Fatalf("want one link to %q", a.SourceURL)
				}
				if rel := strings.Fields(as[0].Attrs["rel"]); !slices.Contains(rel, "noopener") {
					t.Errorf("rel = %q, want it to hold noopener", as[0].Attrs["rel"])
				}
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.scenario, func(t *testing.T) {
			a := story()
			if tt.change != nil {
				tt.change(a)
			}
			html, root := render(t, &ArticleView{Site: testSite, Story: &page.Story{Article: a}})
			tt.check(t, html, root, a)
		})
	}
}

func TestArticleViewDirection(t *testing.T) {
	tests := []struct {
		lang, dir string
	}{
		{"en", "ltr"},
		{"de-CH", "ltr"},
		{"ar", "rtl"},
		{"ckb", "rtl"},
		{"ckb-IQ", "rtl"},
		{"ku-Arab", "rtl"},
		{"fa", "rtl"},
		{"he", "rtl"},
	}
	for _, tt := range tests {
		t.Run(tt.lang, func(t *testing.T) {
			a := story()
			a.Lang = tt.lang
			_, root := render(t, &ArticleView{Site: testSite, Story: &page.Story{Article: a}})
			art := root.All("article")[0]
			if got := art.Attrs["lang"]; got != tt.lang {
				t.Errorf("lang = %q, want %q", got, tt.lang)
			}
			if got := art.Attrs["dir"]; got != tt.dir {
				t.Errorf("dir = %q, want %q", got, tt.dir)
			}
		})
	}
}

// TestBlankBylines draws an article whose authors hold blank names, as a
// CMS's empty author field gives (or one left with a direction mark):
// only the names are shown, joined as if the blanks were not there.
func TestBlankBylines(t *testing.T) {
	a := story()
	a.Authors = []string{"", "Jane Roe", " ", "\u200f", "John Doe"}
	_, root := render(t, &ArticleView{Site: testSite, Story: &page.Story{Article: a}})
	names := root.WithClass("story-author")
	if len(names) != 2 || names[0].TextContent() != "Jane Roe" || names[1].TextContent() != "John Doe" {
		t.Fatalf("%d authors shown, want Jane Roe and John Doe", len(names))
	}
	if got := root.WithClass("story-byline")[0].TextContent(); !strings.HasPrefix(got, "By Jane Roe and John Doe") {
		t.Errorf("the byline reads %q", got)
	}
}

// TestArticleViewTextIsText sets every text of an article that comes from
// the dataset to markup (the view writes the article as markup itself,
// escaping each): each must show as the same text, and none may become an
// element or an attribute. Line breaks stay in the text.
func TestArticleViewTextIsText(t *testing.T) {
	const hostile = `<em x="1">&amp;'"</em>`
	a := story()
	a.Headline = "H " + hostile
	a.Section = "S " + hostile
	a.Tags = []string{"T " + hostile}
	a.Authors = []string{"A " + hostile, "B " + hostile}
	a.Dateline = &article.Dateline{Place: "P " + hostile}
	a.Figures = []article.Figure{{Image: &article.Image{Src: "/web/x.jpg?a=1&b=\"2", Alt: "Alt " + hostile, Width: 4, Height: 3},
		Caption: "C " + hostile, Credit: "R " + hostile}}
	a.Body = []article.Block{
		{Type: article.Paragraph, Text: "Para " + hostile + "\nline two"},
		{Type: article.ReadMore, Link: article.Link{Title: "L " + hostile, URL: "https://example.org/?a=1&b='2"}},
	}
	a.Related = []article.Link{{Title: "U " + hostile}}
	s := &page.Story{Article: a, Older: &page.Teaser{Slug: "synthetic-older", Headline: "O " + hostile}}
	_, root := render(t, &ArticleView{Site: testSite, Story: s})
	if n := len(root.All("em")); n != 0 {
		t.Errorf("%d <em> elements: data text became markup", n)
	}
	for _, c := range []struct{ what, class, want string }{
		{"headline", "story-headline", a.Headline},
		{"section", "story-section", a.Section},
		{"tag", "story-tags", a.Tags[0]},
		{"caption", "figure-text", a.Figures[0].Caption},
		{"credit", "figure-credit", a.Figures[0].Credit},
		{"dateline", "story-dateline", a.Dateline.Label() + " –"},
		{"read-more link", "external", a.Body[1].Link.Title},
		{"title-only related link", "unlinked-title", a.Related[0].Title},
		{"next story", "story-nav-title", s.Older.Headline},
	} {
		got := root.WithClass(c.class)
		if len(got) != 1 || got[0].TextContent() != c.want {
			var text []string
			for _, n := range got {
				text = append(text, n.TextContent())
			}
			t.Errorf("%s: %q, want %q", c.what, text, c.want)
		}
	}
	if got := root.WithClass("story-author"); len(got) != 2 || got[0].TextContent() != a.Authors[0] || got[1].TextContent() != a.Authors[1] {
		t.Errorf("authors shown wrong")
	}
	if ps := root.WithClass("story-body")[0].All("p"); len(ps) == 0 || ps[0].Children[len(ps[0].Children)-1].Text != a.Body[0].Text {
		t.Errorf("the first paragraph does not end with its text as written, %q", a.Body[0].Text)
	}
	img := root.All("img")
	if len(img) != 1 || img[0].Attrs["alt"] != a.Figures[0].Image.Alt || img[0].Attrs["src"] != a.Figures[0].Image.Src {
		t.Errorf("the image's attributes do not hold the data as written")
	}
	if ext := root.Find("a", "href", a.Body[1].Link.URL); len(ext) != 1 || ext[0].Attrs["rel"] != "noopener noreferrer" {
		t.Errorf("the external link's address is not the data as written")
	}
}

// TestGenericElements checks that the components make their elements with
// app.Elem and app.ElemSelfClosing (see the package's comment): a call of
// one of go-app's typed element constructors, such as app.Div(), fails.
func TestGenericElements(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	typed := regexp.MustCompile(`\bapp\.([A-Z][A-Za-z0-9]*)\(\)`)
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for i, line := range strings.Split(string(src), "\n") {
			for _, m := range typed.FindAllStringSubmatch(line, -1) {
				if m[1] != "Window" {
					t.Errorf("%s:%d: app.%s(): make the element with app.Elem or app.ElemSelfClosing", f, i+1, m[1])
				}
			}
		}
	}
}
