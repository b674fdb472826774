package components

import (
	"strings"
	"testing"

	"dateline/app/article"
	"dateline/app/page"
	"dateline/internal/htmltest"
)

// Synthetic names that open with a made-up Latin acronym, as brand names
// and acronyms open Arabic and Sorani text: dir="auto" would lay them out
// left to right.
const (
	arName  = "XYZ زاقن"
	ckbName = "XYZ ژێکۆ"
)

// editionSite is a synthetic edition in lang, without labels (every label
// falls back to English), named name, with one section of that name.
func editionSite(lang, name string) *page.Site {
	return page.NewSite(&article.Site{Name: name, Description: name + " synthetic", Lang: lang},
		[]page.Named{{Name: name, Slug: "xyz"}})
}

// dirStory is an article in lang whose every field of data text is name,
// the titles it relates, its caption and credit too: their direction is
// that of most of their letters (direction.go), and most of name's are
// written in lang's direction.
func dirStory(lang, name string) *page.Story {
	a := story()
	a.Lang, a.Section, a.Tags, a.Authors = lang, name, []string{name}, []string{name, "Q. Writer"}
	a.Figures = []article.Figure{{Caption: name + ".", Credit: name}}
	for i := range a.Body {
		if a.Body[i].Type == article.ReadMore {
			a.Body[i].Title = name
		}
	}
	for i := range a.Related {
		a.Related[i].Title = name
	}
	return &page.Story{Article: a, Older: &page.Teaser{Slug: "older", Lang: lang, Headline: name}}
}

// dirOf returns the dir of each element that the class names, or of the
// elements with tag inside them when tag is given.
func dirOf(root *htmltest.Node, class, tag string) []string {
	var dirs []string
	for _, n := range root.WithClass(class) {
		els := []*htmltest.Node{n}
		if tag != "" {
			els = n.All(tag)
		}
		for _, el := range els {
			d, ok := el.Attrs["dir"]
			if !ok {
				d = "(none)"
			}
			dirs = append(dirs, d)
		}
	}
	return dirs
}

// repeat is n copies of s.
func repeat(s string, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = s
	}
	return out
}

// TestDataTextDirection checks that data text is isolated in the
// direction of its language (direction.go): the edition's for its own
// text, the article's for its fields, auto only for a page elsewhere's
// title. It holds in right-to-left and left-to-right editions, and for
// an article whose language is not the edition's.
func TestDataTextDirection(t *testing.T) {
	for _, tt := range []struct {
		scenario    string
		site        *page.Site
		lang, name  string // the article's language and names
		edition     string // the direction of the edition's text
		articleText string // the direction of the article's text
	}{
		{"Arabic edition, Arabic article", editionSite("ar", arName), "ar", arName, "rtl", "rtl"},
		{"Sorani edition, Sorani article", editionSite("ckb", ckbName), "ckb", ckbName, "rtl", "rtl"},
		{"Arabic edition, English article", editionSite("ar", arName), "en", "Synthetic Section", "rtl", "ltr"},
		{"English edition, English article", testSite, "en", "Synthetic Section", "ltr", "ltr"},
		{"English edition, Arabic article", testSite, "ar", arName, "ltr", "rtl"},
	} {
		t.Run(tt.scenario, func(t *testing.T) {
			s := dirStory(tt.lang, tt.name)
			_, root := render(t, View(tt.site, page.ArticleRef(s.Article.Slug), page.Data{Story: s}))
			e, a := tt.edition, tt.articleText
			for _, c := range []struct {
				what, class, tag string
				want             []string
			}{
				{"site name", "site-name", "", []string{e}},
				{"footer", "site-footer", "bdi", []string{e, e}},
				{"sections nav", "sections", "a", repeat(e, len(tt.site.Sections))},
				{"section", "story-section", "a", []string{a}},
				{"authors", "story-author", "", []string{a, a}},
				{"caption", "figure-text", "", []string{a}},
				{"credit", "figure-credit", "", []string{a}},
				{"tags", "story-tags", "a", []string{a}},
				{"section beside the next story", "story-nav-label", "bdi", []string{a}},
				// A story of the collection, then another site's page,
				// whose title's language is unknown.
				{"related links", "related-list", "a", []string{a, "auto"}},
				{"Read More and related links elsewhere", "external", "", []string{"auto", "auto"}},
				{"titles only", "unlinked-title", "", []string{a, a}},
			} {
				if got := dirOf(root, c.class, c.tag); strings.Join(got, " ") != strings.Join(c.want, " ") {
					t.Errorf("%s: dir %q, want %q", c.what, got, c.want)
				}
			}
		})
	}
}

// TestListDirection checks a list's heading and entries: a section's or
// a tag's name is the edition's, in its direction; an entry's section is
// its article's. In a right-to-left edition without labels, the English
// text before a tag's name is in English, left to right, the name after
// it isolated right to left in the edition's language.
func TestListDirection(t *testing.T) {
	ar := editionSite("ar", arName)
	for _, tt := range []struct {
		scenario string
		site     *page.Site
		ref      page.Ref
		name     string
		heading  string // the heading's text
		dir      string
	}{
		{"Arabic edition, section", ar, page.SectionRef("xyz", 1), arName, arName, "rtl"},
		{"Arabic edition, tag, English label", ar, page.TagRef("xyz", 1), arName, "Tagged " + arName, "rtl"},
		{"Sorani edition, tag, English label", editionSite("ckb", ckbName), page.TagRef("xyz", 1), ckbName, "Tagged " + ckbName, "rtl"},
		{"English edition, section", testSite, page.SectionRef("world", 1), "World", "World", "ltr"},
		{"English edition, tag", testSite, page.TagRef("synthetic", 1), "Synthetic", "Tagged Synthetic", "ltr"},
	} {
		t.Run(tt.scenario, func(t *testing.T) {
			_, root := render(t, View(tt.site, tt.ref, page.Data{List: list(tt.name, 1, 1)}))
			h1 := root.WithClass("list-title")
			if len(h1) != 1 {
				t.Fatalf("%d list titles", len(h1))
			}
			if got := h1[0].TextContent(); got != tt.heading {
				t.Errorf("heading %q, want %q", got, tt.heading)
			}
			if got := dirOf(root, "list-title", "bdi"); len(got) != 1 || got[0] != tt.dir {
				t.Errorf("the name's dir %q, want %q", got, tt.dir)
			}
			if tt.ref.Kind == page.Tag {
				// The summaries: en, ckb, no language (en).
				if got := strings.Join(dirOf(root, "summary-section", ""), " "); got != "ltr rtl" {
					t.Errorf("entries' sections: dir %q, want the articles' (ltr rtl)", got)
				}
			}
		})
	}
}

// TestQueryDirection checks that a reader's query, whose language nothing
// says, is isolated by its first strong letter (a bare <bdi>): where
// nothing matched, in the heading and in the note.
func TestQueryDirection(t *testing.T) {
	_, root := render(t, View(editionSite("ar", arName), page.SearchRef("XYZ زاقن", 1), page.Data{Found: &page.Found{}}))
	q := root.WithClass("search-query")
	if len(q) != 2 {
		t.Fatalf("%d query elements, want the heading's and the note's", len(q))
	}
	for _, el := range q {
		if el.Tag != "bdi" {
			t.Errorf("the query is in a <%s>, want a <bdi>", el.Tag)
		}
		if d, ok := el.Attrs["dir"]; ok && d != "auto" {
			t.Errorf("the query's dir %q, want auto", d)
		}
	}
}

// Synthetic sentences for a paragraph in the other direction than its
// article's (made-up words, not translations): a Sorani one that ends in
// Latin words, a Latin one that quotes Sorani, an Arabic one that opens
// with a Latin acronym and a Latin one that holds an Arabic word.
const (
	ckbSentence  = "بەرپرسێک گوتی ١٢٣ کەس hello world ٤٥٦."
	enQuotingCkb = "The sign read «هەولێر ٢٤ کیلۆمەتر» in 2026, said the synthetic officer."
	arSentence   = "XYZ قال إن مستدرة زاقن في ٢٠٢٦."
	enWithAr     = "The synthetic word مستدرة stands in a Latin sentence."
)

// TestMixedDirection checks that running text of an article (its
// paragraphs, headline, captions, related titles, the excerpts of lists)
// written mostly in the other direction than its article's language is
// laid out in its own: a Sorani paragraph in an English article is right
// to left, an English one in an Arabic article left to right. A paragraph
// in its article's direction carries no dir (it inherits the article's),
// even one that opens with a letter of the other direction.
func TestMixedDirection(t *testing.T) {
	for _, tt := range []struct {
		scenario   string
		site       *page.Site
		lang       string
		paragraphs []string // the article's own, then one of the other direction
		other      string   // the direction of the other text
	}{
		{"English edition, English article, Sorani text", testSite, "en", []string{enQuotingCkb, ckbSentence}, "rtl"},
		{"Arabic edition, Arabic article, English text", editionSite("ar", arName), "ar", []string{arSentence, enWithAr}, "ltr"},
	} {
		t.Run(tt.scenario, func(t *testing.T) {
			a := story()
			own, other := tt.paragraphs[0], tt.paragraphs[1]
			a.Lang, a.Headline = tt.lang, other
			a.Body = []article.Block{
				{Type: article.Paragraph, Text: own},
				{Type: article.Paragraph, Text: other},
				{Type: article.ReadMore, Link: article.Link{Title: other, Slug: "synthetic-other"}},
			}
			a.Figures = []article.Figure{{Caption: other, Credit: own}}
			a.Related = []article.Link{{Title: other, Slug: "synthetic-other"}, {Title: own}}
			s := &page.Story{Article: a, Older: &page.Teaser{Slug: "older", Lang: tt.lang, Headline: other}}
			_, root := render(t, View(tt.site, page.ArticleRef(a.Slug), page.Data{Story: s}))
			mine, o := article.Dir(tt.lang), tt.other
			for _, c := range []struct {
				what, class, tag string
				want             []string
			}{
				{"headline", "story-headline", "", []string{o}},
				// The dateline leads the first paragraph.
				{"paragraphs and Read More", "story-body", "p", []string{"(none)", o, "(none)"}},
				{"Read More's title", "read-more", "a", []string{o}},
				{"caption", "figure-text", "", []string{o}},
				{"credit", "figure-credit", "", []string{mine}},
				{"related titles", "related-list", "a", []string{o}},
				{"title only", "unlinked-title", "", []string{mine}},
				{"next story", "story-nav-title", "", []string{o}},
			} {
				if got := dirOf(root, c.class, c.tag); strings.Join(got, " ") != strings.Join(c.want, " ") {
					t.Errorf("%s: dir %q, want %q", c.what, got, c.want)
				}
			}

			l := &page.List{Page: 1, Pages: 1, Total: 2, Items: []article.Summary{
				{Slug: "own", Lang: tt.lang, Headline: own, Excerpt: own},
				{Slug: "other", Lang: tt.lang, Headline: other, Excerpt: other},
			}}
			_, root = render(t, View(tt.site, page.HomeRef(1), page.Data{List: l}))
			for _, c := range []struct{ what, class string }{{"list headlines", "summary-headline"}, {"list excerpts", "summary-excerpt"}} {
				if got, want := strings.Join(dirOf(root, c.class, ""), " "), "(none) "+o; got != want {
					t.Errorf("%s: dir %q, want %q", c.what, got, want)
				}
			}
		})
	}
}
