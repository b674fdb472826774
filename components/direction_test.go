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

// dirStory is an article in lang whose every field of data text is name.
func dirStory(lang, name string) *page.Story {
	a := story()
	a.Lang, a.Section, a.Tags, a.Authors = lang, name, []string{name}, []string{name, "Q. Writer"}
	a.Figures = []article.Figure{{Caption: name + " caption.", Credit: name + " credit"}}
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
// text around a tag's name stays isolated with FSI and PDI (app/i18n),
// the name isolated right to left inside it.
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
		{"Arabic edition, tag, English label", ar, page.TagRef("xyz", 1), arName, "\u2068Tagged " + arName + "\u2069", "rtl"},
		{"Sorani edition, tag, English label", editionSite("ckb", ckbName), page.TagRef("xyz", 1), ckbName, "\u2068Tagged " + ckbName + "\u2069", "rtl"},
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
// says, is isolated by its first strong letter (a bare <bdi>).
func TestQueryDirection(t *testing.T) {
	_, root := render(t, View(editionSite("ar", arName), page.SearchRef("XYZ زاقن", 1), page.Data{Found: &page.Found{}}))
	q := root.WithClass("search-query")
	if len(q) != 1 || q[0].Tag != "bdi" {
		t.Fatalf("%d query elements, want one <bdi>", len(q))
	}
	if d, ok := q[0].Attrs["dir"]; ok && d != "auto" {
		t.Errorf("the query's dir %q, want auto", d)
	}
}
