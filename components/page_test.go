package components

import (
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"testing"

	"dateline/app/article"
	"dateline/app/page"
	"dateline/internal/htmltest"
)

func summaries() []article.Summary {
	return []article.Summary{
		{Slug: "synthetic-story", Lang: "en", Headline: "Synthetic summary headline", Published: "2024-03-05", Section: "Culture & Arts", Excerpt: "Synthetic excerpt…"},
		{Slug: "synthetic-rtl", Lang: "ckb", Headline: "نموونەی تاقیکردنەوە", Section: "World"},
		{Slug: "no-lang", Headline: "Plain <b>headline</b>"},
	}
}

// list is page n of pages of a list of the summaries.
func list(name string, n, pages int) *page.List {
	return &page.List{Name: name, Page: n, Pages: pages, Total: 3 * pages, Items: summaries()}
}

func TestPage(t *testing.T) {
	a := story()
	a.Section = "World"
	pages := map[string]page.Data{
		"/":                         {List: list("", 1, 1)},
		"/page/2":                   {List: list("", 2, 3)},
		"/sections/world":           {List: list("World", 1, 1)},
		"/tags/synthetic":           {List: list("Synthetic", 1, 1)},
		"/articles/synthetic-story": {Story: &page.Story{Article: a}},
	}
	tests := []struct {
		scenario  string
		path      string
		cached    bool
		loadErr   error
		wantLoad  bool
		wantTitle string
		wantDesc  string
		wantH1    string
	}{
		{"home, data at hand", "/", true, nil, false, "Synthetic Times", "Plainly synthetic test pages.", "Latest articles"},
		{"home, loaded in the background", "/", false, nil, true, "Synthetic Times", "Plainly synthetic test pages.", "Latest articles"},
		{"home page 2", "/page/2", true, nil, false, "Latest articles, page 2 · Synthetic Times", "Plainly synthetic test pages.", "Latest articles Page 2 of 3"},
		{"section", "/sections/world", true, nil, false, "World · Synthetic Times", "World: the latest from Synthetic Times.", "World"},
		{"tag", "/tags/synthetic", true, nil, false, "Tagged Synthetic · Synthetic Times", "Tagged Synthetic: the latest from Synthetic Times.", "Tagged Synthetic"},
		{"article", "/articles/synthetic-story", true, nil, false, a.Headline + " · Synthetic Times", a.Excerpt(160), a.Headline},
		{"article, loaded in the background", "/articles/synthetic-story", false, nil, true, a.Headline + " · Synthetic Times", a.Excerpt(160), a.Headline},
		{"unknown article", "/articles/no-such-story", true, nil, false, "Page not found · Synthetic Times", "Plainly synthetic test pages.", "Page not found"},
		{"list page past the last", "/page/9", true, nil, false, "Page not found · Synthetic Times", "Plainly synthetic test pages.", "Page not found"},
		{"no page at all", "/about", false, nil, false, "Page not found · Synthetic Times", "Plainly synthetic test pages.", "Page not found"},
		{"load fails", "/", false, errors.New("fetching /data/x/lists/home/1.json: status 500"), true, "This page could not be loaded", "", "This page could not be loaded"},
		// The worker's answer to the address typed: app/site draws it for it.
		{"offline, not saved", "/page/2", false, fmt.Errorf("loading /page/2: %w", page.ErrOffline), true, "You are offline · Synthetic Times", "Plainly synthetic test pages.", "You are offline | The site is not answering"},
	}
	for _, tt := range tests {
		t.Run(tt.scenario, func(t *testing.T) {
			src := &testSource{pages: pages, cached: tt.cached, loadErr: tt.loadErr}
			if tt.path == "/about" {
				src.cached = true // no data to load for a path that is no page
			}
			p := &Page{Site: testSite, Source: src}
			ctx := navigate(t, tt.path, p)
			if got := len(src.loads) > 0; got != tt.wantLoad {
				t.Errorf("Load called %v, want %v", src.loads, tt.wantLoad)
			}
			if got := ctx.Page().Title(); got != tt.wantTitle {
				t.Errorf("title = %q, want %q", got, tt.wantTitle)
			}
			if tt.wantDesc != "" {
				if got := ctx.Page().Description(); got != tt.wantDesc {
					t.Errorf("description = %q, want %q", got, tt.wantDesc)
				}
			}
			_, root := render(t, &Page{Site: testSite, Source: src, st: p.st})
			h1s := root.All("h1")
			h1 := ""
			if len(h1s) == 1 {
				h1 = h1s[0].TextContent()
				// The offline page's heading holds what it says offline and
				// online, when the site does not answer.
				if off, on := h1s[0].WithClass("net-off"), h1s[0].WithClass("net-on"); len(off)+len(on) > 0 {
					h1 = ""
					if len(off) == 1 && len(on) == 1 {
						h1 = off[0].TextContent() + " | " + on[0].TextContent()
					}
				}
			}
			if len(h1s) != 1 || h1 != tt.wantH1 || h1s[0].Attrs["id"] != "page-title" {
				t.Errorf("want one h1#page-title %q, got %d: %q", tt.wantH1, len(h1s), h1)
			}
			switch {
			case errors.Is(tt.loadErr, page.ErrOffline):
				notice := root.WithClass("notice")[0]
				if n := len(notice.All("button")); n != 0 {
					t.Errorf("the offline page has %d buttons, want none", n)
				}
				if got, want := notice.AttrValues("href"), []string{"/", page.SavedPath}; !slices.Equal(got, want) {
					t.Errorf("the offline page links to %q, want %q", got, want)
				}
			case tt.loadErr != nil:
				if len(root.WithClass("notice")[0].All("button")) != 1 {
					t.Errorf("a failed load offers no Try again button")
				}
			}
		})
	}
}

// TestPageKeepsItsTree checks Render's memory: go-app renders the page again
// after every OnNav, and while the page's state holds, Render gives the
// tree it gave before (which go-app finds unchanged at once) and a new one
// when the state changes.
func TestPageKeepsItsTree(t *testing.T) {
	src := &testSource{pages: map[string]page.Data{"/": {List: list("", 1, 3)}, "/page/2": {List: list("", 2, 3)}}, cached: true}
	p := &Page{Site: testSite, Source: src}
	ctx := navigate(t, "/", p)
	home := p.Render()
	if again := p.Render(); again != home {
		t.Errorf("the same state drew a new tree")
	}
	// A navigation in the client: the same component, a new address (its
	// data is at hand, so OnNav loads it at once).
	ctx.Page().ReplaceURL(&url.URL{Path: "/page/2"})
	p.OnNav(ctx)
	next := p.Render()
	if next == home {
		t.Fatalf("page 2 kept the tree of page 1")
	}
	if _, root := render(t, next); len(root.WithClass("pager")) != 1 || !strings.Contains(root.WithClass("pager")[0].TextContent(), "2") {
		t.Errorf("page 2's tree lacks its pager")
	}
}

func TestPageBeforeData(t *testing.T) {
	_, root := render(t, &Page{Site: testSite, Source: &testSource{}})
	busy := root.WithClass("loading")
	if len(busy) != 1 || busy[0].TextContent() != "Loading…" {
		t.Fatalf("want one loading notice, got %d", len(busy))
	}
	if n := len(root.WithClass("summary")); n != 0 {
		t.Errorf("%d summaries before any data, want none", n)
	}
}

func TestShell(t *testing.T) {
	_, root := render(t, View(testSite, page.HomeRef(1), page.Data{List: list("", 1, 1)}))
	names := root.WithClass("site-name")
	if len(names) != 1 || names[0].TextContent() != "Synthetic Times" || names[0].Attrs["href"] != "/" {
		t.Errorf("site name link: %d", len(names))
	}
	navs := root.WithClass("sections")
	if len(navs) != 1 || navs[0].Attrs["aria-label"] != "Sections" {
		t.Fatalf("want one sections nav, got %d", len(navs))
	}
	if got := navs[0].AttrValues("href"); strings.Join(got, " ") != "/sections/world /sections/culture-arts" {
		t.Errorf("sections link %q", got)
	}
	if got := root.WithClass("site-footer")[0].TextContent(); got != "Synthetic Times · Plainly synthetic test pages." {
		t.Errorf("footer %q", got)
	}
	bare := page.NewSite(nil, nil)
	_, root = render(t, View(bare, page.HomeRef(1), page.Data{List: list("", 1, 1)}))
	if n := len(root.WithClass("sections")); n != 0 {
		t.Errorf("a site without sections has a sections nav")
	}
	if got := root.WithClass("site-name")[0].TextContent(); got != article.DefaultSiteName {
		t.Errorf("default site name %q", got)
	}
}

// TestSavedNavCurrent: on the saved articles' page, the header's link to
// it is marked as the page (aria-current), as a section's link is on its
// list, so that a screen reader says where the reader is; elsewhere it is
// not.
func TestSavedNavCurrent(t *testing.T) {
	for _, tt := range []struct {
		scenario string
		ref      page.Ref
		d        page.Data
		want     string
	}{
		{"saved", page.Ref{Kind: page.Saved}, page.Data{}, "page"},
		{"home", page.HomeRef(1), page.Data{List: list("", 1, 1)}, ""},
		{"section", page.SectionRef("world", 1), page.Data{List: list("World", 1, 1)}, ""},
	} {
		t.Run(tt.scenario, func(t *testing.T) {
			_, root := render(t, View(testSite, tt.ref, tt.d))
			links := root.WithClass("tool-saved")
			if len(links) != 1 {
				t.Fatalf("%d links to the saved articles, want 1", len(links))
			}
			if got := links[0].Attrs["aria-current"]; got != tt.want {
				t.Errorf("aria-current %q, want %q", got, tt.want)
			}
		})
	}
}

// TestMissingPageIsHostsNotFound draws pages that do not exist as the app
// does, with the address's reference: loaded (no data), and taken over as
// the host drew them (the not-found page's content, its header marking no
// section). Each is the host's not-found page, drawn for no reference,
// which marks no section as the page, whereas a section's own page does.
func TestMissingPageIsHostsNotFound(t *testing.T) {
	host, _ := render(t, View(testSite, page.Ref{}, page.Data{}))
	var drawn page.Drawn
	for _, el := range notFoundContent(testSite.Table) {
		s, _ := render(t, el)
		drawn.Content = append(drawn.Content, s)
	}
	for _, tt := range []struct {
		scenario string
		ref      page.Ref
		d        page.Data
	}{
		{"section page past its last", page.SectionRef("world", 2), page.Data{}},
		{"section page past its last, as drawn", page.SectionRef("world", 2), page.Data{Drawn: &drawn}},
		{"unknown section", page.SectionRef("no-such-section", 1), page.Data{}},
		{"tag page past its last", page.TagRef("synthetic", 2), page.Data{}},
		{"unknown article", page.ArticleRef("no-such-story"), page.Data{}},
	} {
		t.Run(tt.scenario, func(t *testing.T) {
			got, _ := render(t, View(testSite, tt.ref, tt.d))
			if got != host {
				i := 0
				for i < len(got) && i < len(host) && got[i] == host[i] {
					i++
				}
				from := max(0, i-80)
				t.Errorf("the app's page differs from the host's:\napp:  …%s…\nhost: …%s…", got[from:min(len(got), i+40)], host[from:min(len(host), i+40)])
			}
		})
	}
	for _, d := range []page.Data{{List: list("World", 1, 1)}, {Drawn: &page.Drawn{Content: drawn.Content, InSection: true}}} {
		_, root := render(t, View(testSite, page.SectionRef("world", 1), d))
		if got := root.WithClass("sections")[0].AttrValues("aria-current"); strings.Join(got, " ") != "page" {
			t.Errorf("the section's own page (drawn: %v): aria-current %q, want one \"page\"", d.Drawn != nil, got)
		}
	}
}

// TestSiteNameClass: a name of more than two words is marked long, for on
// a phone it takes a row of its own rather than three lines or more
// beside the tools.
func TestSiteNameClass(t *testing.T) {
	for _, tt := range []struct {
		scenario, name, want string
	}{
		{"one word", "Dateline", "site-name"},
		{"two words", "Synthetic Times", "site-name"},
		{"two words in Arabic script", "الصحيفة الاصطناعية", "site-name"},
		{"spaces around two words", "  Synthetic   Times ", "site-name"},
		{"three words", "Synthetic International Chronicle", "site-name site-name-long"},
		{"six words", "The Synthetic Evening Chronicle of Testville", "site-name site-name-long"},
	} {
		t.Run(tt.scenario, func(t *testing.T) {
			if got := siteNameClass(tt.name); got != tt.want {
				t.Errorf("siteNameClass(%q) = %q, want %q", tt.name, got, tt.want)
			}
		})
	}
}

func TestList(t *testing.T) {
	items := summaries()
	for _, tt := range []struct {
		scenario    string
		ref         page.Ref
		list        *page.List
		showSection bool
		prev, next  string
		at          string
		// h1 is the heading as read: past the first page it names the
		// page, for a screen reader after Older articles moved focus there.
		h1 string
	}{
		{"home, one page", page.HomeRef(1), list("", 1, 1), true, "", "", "", "Latest articles"},
		{"home, first of three", page.HomeRef(1), list("", 1, 3), true, "", "/page/2", "Page 1 of 3", "Latest articles"},
		{"home, middle", page.HomeRef(2), list("", 2, 3), true, "/", "/page/3", "Page 2 of 3", "Latest articles Page 2 of 3"},
		{"section, last", page.SectionRef("world", 3), list("World", 3, 3), false, "/sections/world/page/2", "", "Page 3 of 3", "World Page 3 of 3"},
		{"tag", page.TagRef("synthetic", 1), list("Synthetic", 1, 2), true, "", "/tags/synthetic/page/2", "Page 1 of 2", "Tagged Synthetic"},
		{"tag, second", page.TagRef("synthetic", 2), list("Synthetic", 2, 2), true, "/tags/synthetic", "", "Page 2 of 2", "Tagged Synthetic Page 2 of 2"},
	} {
		t.Run(tt.scenario, func(t *testing.T) {
			_, root := render(t, View(testSite, tt.ref, page.Data{List: tt.list}))
			h1 := root.All("h1")
			if len(h1) != 1 {
				t.Fatalf("%d headings, want 1", len(h1))
			}
			if h1[0].TextContent() != tt.h1 {
				t.Errorf("the heading reads %q, want %q", h1[0].TextContent(), tt.h1)
			}
			if hidden := h1[0].WithClass("visually-hidden"); tt.list.Page > 1 && len(hidden) != 1 {
				t.Errorf("the heading's page number is not for screen readers only: %d hidden parts", len(hidden))
			}
			got := root.WithClass("summary")
			if len(got) != len(items) {
				t.Fatalf("%d summaries, want %d", len(got), len(items))
			}
			for i, s := range items {
				checkSummary(t, got[i], s, tt.showSection)
			}
			pager := root.WithClass("pager")
			if tt.at == "" {
				if len(pager) != 0 {
					t.Errorf("a one-page list has a pager")
				}
				return
			}
			if len(pager) != 1 {
				t.Fatalf("%d pagers", len(pager))
			}
			if got := pager[0].WithClass("pager-at")[0].TextContent(); got != tt.at {
				t.Errorf("pager says %q, want %q", got, tt.at)
			}
			for _, l := range []struct{ rel, want string }{{"prev", tt.prev}, {"next", tt.next}} {
				var href string
				for _, a := range pager[0].All("a") {
					if a.Attrs["rel"] == l.rel {
						href = a.Attrs["href"]
					}
				}
				if href != l.want {
					t.Errorf("rel=%s link %q, want %q", l.rel, href, l.want)
				}
			}
		})
	}
}

// checkSummary checks one entry of a list.
func checkSummary(t *testing.T, n *htmltest.Node, s article.Summary, showSection bool) {
	t.Helper()
	h := n.WithClass("summary-headline")[0]
	as := h.All("a")
	if len(as) != 1 || as[0].Attrs["href"] != "/articles/"+s.Slug || as[0].TextContent() != s.Headline {
		t.Errorf("summary %s: headline link wrong", s.Slug)
	}
	if got, want := n.Attrs["lang"], s.Language(); got != want {
		t.Errorf("summary %s: lang = %q, want %q", s.Slug, got, want)
	}
	if got, want := n.Attrs["dir"], article.Dir(s.Language()); got != want {
		t.Errorf("summary %s: dir = %q, want %q", s.Slug, got, want)
	}
	times := n.All("time")
	if s.Published != "" && (len(times) != 1 || times[0].Attrs["datetime"] != s.Published || times[0].TextContent() != article.FormatDate(s.Published)) {
		t.Errorf("summary %s: want its date", s.Slug)
	}
	if s.Published == "" && len(times) != 0 {
		t.Errorf("summary %s: a date it does not have", s.Slug)
	}
	sections := n.WithClass("summary-section")
	switch {
	case showSection && s.Section != "":
		if len(sections) != 1 || sections[0].TextContent() != s.Section || sections[0].Attrs["href"] != "/sections/"+article.NameSlug(s.Section) {
			t.Errorf("summary %s: want a link to its section", s.Slug)
		}
	case len(sections) != 0:
		t.Errorf("summary %s: a section link where none belongs", s.Slug)
	}
	if s.Excerpt != "" && !strings.Contains(n.TextContent(), s.Excerpt) {
		t.Errorf("summary %s: no excerpt", s.Slug)
	}
	if s.Published == "" && s.Section == "" && len(n.WithClass("summary-meta")) != 0 {
		t.Errorf("summary %s: an empty meta line", s.Slug)
	}
}

func TestStoryAround(t *testing.T) {
	a := story()
	a.Section, a.Tags, a.Published, a.Updated = "Culture & Arts", []string{"Synthetic", "Test Words"}, "2024-03-05", "2024-03-06T10:00:00Z"
	s := &page.Story{Article: a,
		Newer: &page.Teaser{Slug: "newer-story", Headline: "A newer synthetic story"},
		Older: &page.Teaser{Slug: "older-story", Lang: "ckb", Headline: "نموونە"},
	}
	_, root := render(t, &ArticleView{Site: testSite, Story: s})
	kicker := root.WithClass("story-section")
	if len(kicker) != 1 || kicker[0].All("a")[0].Attrs["href"] != "/sections/culture-arts" {
		t.Errorf("want the section above the headline")
	}
	if got := root.WithClass("story-byline")[0].TextContent(); got != "5 March 2024 · Updated 6 March 2024 · 1 min read" {
		t.Errorf("byline %q", got)
	}
	if got := root.WithClass("story-tags")[0].AttrValues("href"); strings.Join(got, " ") != "/tags/synthetic /tags/test-words" {
		t.Errorf("tags %q", got)
	}
	nav := root.WithClass("story-nav")
	if len(nav) != 1 {
		t.Fatalf("%d story navs", len(nav))
	}
	if got := nav[0].TextContent(); !strings.Contains(got, "Next in Culture & Arts") || !strings.Contains(got, "Previous in Culture & Arts") {
		t.Errorf("story nav %q", got)
	}
	if got := nav[0].AttrValues("href"); strings.Join(got, " ") != "/articles/older-story /articles/newer-story" {
		t.Errorf("story nav links %q", got)
	}
	if got := nav[0].WithClass("story-nav-title")[0].Attrs["dir"]; got != "rtl" {
		t.Errorf("a Sorani headline in the nav has dir %q", got)
	}

	// Without a section, without neighbours: no kicker, no nav.
	a.Section, a.Tags = "", nil
	_, root = render(t, &ArticleView{Site: testSite, Story: &page.Story{Article: a, Newer: s.Newer}})
	if len(root.WithClass("story-section")) != 0 || len(root.WithClass("story-tags")) != 0 {
		t.Errorf("a section or tags the article does not have")
	}
	if got := root.WithClass("story-nav")[0].TextContent(); !strings.Contains(got, "Previous story") || strings.Contains(got, "Next") {
		t.Errorf("story nav %q", got)
	}
	_, root = render(t, &ArticleView{Site: testSite, Story: &page.Story{Article: a}})
	if len(root.WithClass("story-nav")) != 0 {
		t.Errorf("a story nav with nowhere to go")
	}
}

// TestMetaRobots checks the robots meta the app sets after drawing a page
// (MetaOf), which must be the host's for the same page (app/feed
// HeadTags): noindex on a query's results and pages that are no content,
// found by address or by missing data, large image previews on the
// others, and the document's own on a page taken over as the host drew
// it.
func TestMetaRobots(t *testing.T) {
	for _, tt := range []struct {
		scenario string
		ref      page.Ref
		d        page.Data
		want     string
	}{
		{"a search's results", page.SearchRef("synthetic", 1), page.Data{Found: &page.Found{}}, page.NoIndex},
		{"a search's results, page 2", page.SearchRef("synthetic", 2), page.Data{Found: &page.Found{}}, page.NoIndex},
		{"the search page without a query", page.SearchRef("", 1), page.Data{Found: &page.Found{}}, page.LargePreviews},
		{"an article", page.ArticleRef("synthetic-story"), page.Data{Story: &page.Story{Article: &article.Article{Slug: "synthetic-story", Headline: "Synthetic"}}}, page.LargePreviews},
		{"a section", page.SectionRef("world", 1), page.Data{List: list("World", 1, 1)}, page.LargePreviews},
		{"an unknown article", page.ArticleRef("no-such-story"), page.Data{}, page.NoIndex},
		{"a section past its last", page.SectionRef("world", 2), page.Data{}, page.NoIndex},
		{"no page", page.Ref{}, page.Data{}, page.NoIndex},
		{"the saved articles", page.Ref{Kind: page.Saved}, page.Data{}, page.NoIndex},
		{"offline", page.Ref{Kind: page.Offline}, page.Data{}, page.NoIndex},
		{"results as drawn", page.SearchRef("synthetic", 1), page.Data{Drawn: &page.Drawn{Robots: page.NoIndex}}, page.NoIndex},
		{"an article as drawn", page.ArticleRef("synthetic-story"), page.Data{Drawn: &page.Drawn{Robots: page.LargePreviews}}, page.LargePreviews},
	} {
		t.Run(tt.scenario, func(t *testing.T) {
			if got := MetaOf(testSite, tt.ref, tt.d).Robots; got != tt.want {
				t.Errorf("robots %q, want %q", got, tt.want)
			}
		})
	}
}

// TestPagerEnds checks a list's links to its first and last pages: there
// from the third page and up to the last page but two, where the pages
// before and after are not those already.
func TestPagerEnds(t *testing.T) {
	for _, tt := range []struct {
		n    int
		want string // the pager's links, in order: class and address
	}{
		{1, "pager-next /page/2, pager-last /page/5"},
		{2, "pager-prev /, pager-next /page/3, pager-last /page/5"},
		{3, "pager-first /, pager-prev /page/2, pager-next /page/4, pager-last /page/5"},
		{4, "pager-first /, pager-prev /page/3, pager-next /page/5"},
		{5, "pager-first /, pager-prev /page/4"},
		{7, "pager-first /, pager-prev /page/5"}, // past the last page
	} {
		_, root := render(t, View(testSite, page.HomeRef(tt.n), page.Data{List: list("", tt.n, 5)}))
		pager := root.WithClass("pager")
		if len(pager) != 1 {
			t.Fatalf("page %d: %d pagers", tt.n, len(pager))
		}
		var got []string
		for _, a := range pager[0].All("a") {
			got = append(got, a.Attrs["class"]+" "+a.Attrs["href"])
		}
		if s := strings.Join(got, ", "); s != tt.want {
			t.Errorf("page %d of 5: links %q, want %q", tt.n, s, tt.want)
		}
	}
	_, root := render(t, View(testSite, page.HomeRef(3), page.Data{List: list("", 3, 5)}))
	var labels []string
	for _, a := range root.WithClass("pager")[0].All("a") {
		labels = append(labels, a.TextContent())
	}
	if s := strings.Join(labels, " | "); s != "Newest | Newer articles | Older articles | Oldest" {
		t.Errorf("the pager's links read %q", s)
	}
}
