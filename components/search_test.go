package components

import (
	"strconv"
	"strings"
	"testing"

	"dateline/app/article"
	"dateline/app/page"
	"dateline/app/search"
	"dateline/internal/htmltest"
)

// TestSearchContentMarks checks which search pages are marked as drawn
// with complete results (page.DrawnQuery), for app.wasm to take over as
// they are: those whose query ran to the end, found or not, and the page
// without a query; never one still searching or whose search failed or
// fell short, nor the exported page.
func TestSearchContentMarks(t *testing.T) {
	found := func(set func(*page.Found)) *page.Found {
		f := &page.Found{}
		f.Page, f.Pages, f.Total = 2, 2, 21
		f.Hits = []search.Hit{{Slug: "synthetic-story", Headline: "Synthetic", HeadlineMarks: []search.Span{{Text: "Synthetic", Mark: true}}}}
		set(f)
		return f
	}
	for _, tt := range []struct {
		scenario string
		ref      page.Ref
		f        *page.Found
		page     string // the mark's page; "" for none
	}{
		{"results", page.SearchRef("synthetic", 2), found(func(*page.Found) {}), "2"},
		{"none found", page.SearchRef("zzqq", 0), &page.Found{}, "1"},
		{"no query", page.SearchRef("", 0), &page.Found{}, "1"},
		{"searching", page.SearchRef("synthetic", 2), found(func(f *page.Found) { f.Pending = true }), ""},
		{"index being built", page.SearchRef("synthetic", 2), found(func(f *page.Found) { f.Building = true }), ""},
		{"incomplete", page.SearchRef("synthetic", 2), found(func(f *page.Found) { f.Incomplete = true }), ""},
		{"failed", page.SearchRef("synthetic", 2), found(func(f *page.Found) { f.Failed = true }), ""},
		{"exported", page.SearchRef("synthetic", 2), found(func(f *page.Found) { f.Static = true }), ""},
	} {
		t.Run(tt.scenario, func(t *testing.T) {
			_, root := render(t, View(testSite, tt.ref, page.Data{Found: tt.f}))
			els := root.WithClass("search-page")
			if len(els) != 1 {
				t.Fatalf("%d search-page elements", len(els))
			}
			q, marked := els[0].Attrs[page.DrawnQuery]
			switch {
			case tt.page == "" && marked:
				t.Errorf("marked as complete results for %q", q)
			case tt.page != "" && (q != tt.ref.Slug || els[0].Attrs[page.DrawnPage] != tt.page):
				t.Errorf("marked %q page %q, want %q page %s", q, els[0].Attrs[page.DrawnPage], tt.ref.Slug, tt.page)
			}
		})
	}
}

// TestViewDrawn checks that a page taken over as its document drew it
// (page.Drawn) shows the drawn elements as they are, and nothing of its
// own in their place, in the frame of its kind: a search page's box keeps
// its query.
func TestViewDrawn(t *testing.T) {
	drawn := &page.Drawn{
		Content: []string{
			`<div class="search-page" data-query="synthetic" data-page="1"><h1 id="page-title" class="list-title search-title" tabindex="-1">3 drawn results</h1></div>`,
			`<p class="drawn-extra">A second drawn element</p>`,
		},
		Title: "Drawn title",
	}
	for _, ref := range []page.Ref{page.SearchRef("synthetic", 1), page.ArticleRef("synthetic-story")} {
		t.Run(ref.Path(), func(t *testing.T) {
			_, root := render(t, View(testSite, ref, page.Data{Drawn: drawn}))
			if els := root.WithClass("search-page"); len(els) != 1 || els[0].Attrs[page.DrawnQuery] != "synthetic" {
				t.Fatalf("%d search-page elements, want the drawn one", len(els))
			}
			if h1 := root.All("h1"); len(h1) != 1 || h1[0].TextContent() != "3 drawn results" {
				t.Errorf("the page's heading is not the drawn one")
			}
			if n := len(root.WithClass("drawn-extra")); n != 1 {
				t.Errorf("%d of the second drawn element, want 1", n)
			}
			if n := len(root.WithClass("search-note")) + len(root.All("article")); n != 0 {
				t.Errorf("%d elements of the page's own beside the drawn content", n)
			}
			inputs := root.Find("input", "id", "search-input")
			want := ""
			if ref.Kind == page.Search {
				want = "synthetic"
			}
			if len(inputs) != 1 || inputs[0].Attrs["value"] != want {
				t.Errorf("the search box does not show %q", want)
			}
		})
	}
}

// TestSearchFormMaxLength checks that the search box's maxlength, written
// out in searchForm, is page.MaxQuery: the box takes no more than the
// query the host and the app keep.
func TestSearchFormMaxLength(t *testing.T) {
	_, root := render(t, View(testSite, page.SearchRef("synthetic", 1), page.Data{Found: &page.Found{}}))
	inputs := root.Find("input", "id", searchInputID)
	if len(inputs) != 1 {
		t.Fatalf("%d search boxes, want 1", len(inputs))
	}
	if got, want := inputs[0].Attrs["maxlength"], strconv.Itoa(page.MaxQuery); got != want {
		t.Errorf("the search box's maxlength is %q, want %q (page.MaxQuery)", got, want)
	}
}

// describedBy is the text of what describes the page's heading
// (aria-describedby), each element's joined by " | ": "" where nothing
// does, "missing" for an id no element has.
func describedBy(t *testing.T, root *htmltest.Node) string {
	t.Helper()
	h1 := root.All("h1")
	if len(h1) != 1 {
		t.Fatalf("%d headings", len(h1))
	}
	var texts []string
	for _, id := range strings.Fields(h1[0].Attrs["aria-describedby"]) {
		el := root.Find("p", "id", id)
		if len(el) != 1 {
			texts = append(texts, "missing")
			continue
		}
		texts = append(texts, el[0].TextContent())
	}
	return strings.Join(texts, " | ")
}

// TestSearchPastTheEnd checks a page of results past the last (an edited
// address, or a link from before the archive changed): it says where the
// results end and links back to that page, with no "Page n of m" and no
// "More results".
func TestSearchPastTheEnd(t *testing.T) {
	f := &page.Found{}
	f.Page, f.Pages, f.Total = 7, 3, 41
	_, root := render(t, View(testSite, page.SearchRef("synthetic", 7), page.Data{Found: f}))
	notes := root.WithClass("search-note")
	if len(notes) != 1 || notes[0].TextContent() != "These results end at page 3: there is no page 7." {
		t.Errorf("notes %d, want the one saying where the results end", len(notes))
	}
	if h1 := root.All("h1"); len(h1) != 1 || h1[0].TextContent() != "41 results for synthetic" {
		t.Errorf("the heading is not the count of results")
	}
	if got := describedBy(t, root); got != notes[0].TextContent() {
		t.Errorf("the heading is described by %q, want its note", got)
	}
	back := root.WithClass("pager-prev")
	if len(back) != 1 || back[0].Attrs["href"] != "/search?q=synthetic&page=3" || back[0].Attrs["rel"] != "prev" {
		t.Errorf("%d links back, want one to the last page", len(back))
	}
	// A search's pages lead to their neighbours only: no first or last.
	if n := len(root.WithClass("pager-next")) + len(root.WithClass("pager-at")) + len(root.WithClass("search-results")) + len(root.WithClass("pager-first")); n != 0 {
		t.Errorf("%d elements of a page of results past the end", n)
	}
}

// TestSearchWordsLeftOut checks that the results of a query longer than
// search.MaxTerms words say which words the search left out, each as
// written and isolated, joined as the edition joins names; with results
// or none, and not where the search did not run.
func TestSearchWordsLeftOut(t *testing.T) {
	const q = "a b c d e f g <Zzz> Yyy x"
	for _, tt := range []struct {
		scenario string
		found    *page.Found
		want     string // "" for no such note
	}{
		{"results", &page.Found{Results: search.Results{Total: 1, Page: 1, Pages: 1, Hits: []search.Hit{{Slug: "synthetic-1", Headline: "Synthetic"}},
			Dropped: []string{"<Zzz>", "Yyy"}}}, "A search counts the first 7 words and the last. Left out of this one: <Zzz> and Yyy."},
		{"none", &page.Found{Results: search.Results{Dropped: []string{"<Zzz>", "Yyy", "w"}}}, "A search counts the first 7 words and the last. Left out of this one: <Zzz>, Yyy and w."},
		{"offline, none at hand", &page.Found{Incomplete: true, Results: search.Results{Dropped: []string{"<Zzz>"}}}, ""},
		{"no word left out", &page.Found{Results: search.Results{Total: 1, Page: 1, Pages: 1, Hits: []search.Hit{{Slug: "synthetic-1", Headline: "Synthetic"}}}}, ""},
	} {
		t.Run(tt.scenario, func(t *testing.T) {
			_, root := render(t, View(testSite, page.SearchRef(q, 1), page.Data{Found: tt.found}))
			var got []string
			for _, n := range root.WithClass("search-note") {
				if strings.HasPrefix(n.TextContent(), "A search counts") {
					got = append(got, n.TextContent())
					if words := n.WithClass("search-query"); len(words) != len(tt.found.Dropped) || words[0].TextContent() != tt.found.Dropped[0] {
						t.Errorf("the words left out are not each isolated: %d of %d", len(words), len(tt.found.Dropped))
					}
				}
			}
			if tt.want == "" && len(got) > 0 || tt.want != "" && (len(got) != 1 || got[0] != tt.want) {
				t.Errorf("notes on the words left out %q, want %q", got, tt.want)
			}
			// The heading, focused by the search, is described by what it
			// does not say: the words left out, or why nothing was
			// searched.
			want := tt.want
			if tt.found.Incomplete {
				want = root.WithClass("search-note")[0].TextContent()
			}
			if got := describedBy(t, root); got != want {
				t.Errorf("the heading is described by %q, want %q", got, want)
			}
		})
	}
}

// TestSearchOffline checks what a search page says when it could not have
// every file its results need, offline: the results it has, with a note
// that more may be missing; and when it has none to list, no count of
// nothing ("0 results") nor a list to be empty, but what to do.
func TestSearchOffline(t *testing.T) {
	hit := search.Hit{Slug: "synthetic-story", Headline: "Synthetic", HeadlineMarks: []search.Span{{Text: "Synthetic", Mark: true}}}
	// Each note twice, as the offline page's words: offline, and online
	// with the site not answering; the style sheet shows one.
	const (
		incomplete       = "Offline: these results come from the parts of the index on this device and may be incomplete."
		none             = "You are offline, and this device does not hold the part of the index these results need. Search again once you are back online."
		incompleteOnline = "The site is not answering: these results come from the parts of the index on this device and may be incomplete."
		noneOnline       = "The site is not answering, and this device does not hold the part of the index these results need. Search again in a moment."
		partial          = "Some results cannot be shown while their articles are being updated."
	)
	for _, tt := range []struct {
		scenario       string
		total          int
		hits           []search.Hit
		partial        bool
		title, off, on string
		listed         int
	}{
		{"some results at hand", 21, []search.Hit{hit}, false, "21 results for synthetic", incomplete, incompleteOnline, 1},
		{"matched, none at hand", 21, nil, false, "21 results for synthetic", none, noneOnline, 0},
		{"not matched", 0, nil, false, "Search the archive", none, noneOnline, 0},
		{"a result's article being updated", 21, []search.Hit{hit}, true, "21 results for synthetic", partial, "", 1},
	} {
		t.Run(tt.scenario, func(t *testing.T) {
			f := &page.Found{Incomplete: !tt.partial, Partial: tt.partial}
			f.Page, f.Pages, f.Total, f.Hits = 1, (tt.total+19)/20, tt.total, tt.hits
			_, root := render(t, View(testSite, page.SearchRef("synthetic", 1), page.Data{Found: f}))
			h1, notes := root.All("h1"), root.WithClass("search-note")
			if len(h1) != 1 || h1[0].TextContent() != tt.title {
				t.Errorf("the heading is not %q", tt.title)
			}
			if len(notes) != 1 || notes[0].TextContent() != tt.off+tt.on {
				t.Fatalf("%d notes, want %q", len(notes), tt.off+tt.on)
			}
			if got := describedBy(t, root); got != tt.off+tt.on {
				t.Errorf("the heading, which a search focuses, is described by %q, want its note", got)
			}
			if off, on := notes[0].WithClass("net-off"), notes[0].WithClass("net-on"); tt.on != "" && (len(off) != 1 || off[0].TextContent() != tt.off || len(on) != 1 || on[0].TextContent() != tt.on) {
				t.Errorf("the note's words offline and online are not apart")
			}
			if tt.partial && root.Find("div", page.DrawnQuery, "synthetic") != nil {
				t.Errorf("results with one left out are marked complete")
			}
			if n := len(root.WithClass("summary")); n != tt.listed {
				t.Errorf("%d results listed, want %d", n, tt.listed)
			}
		})
	}
}

// TestSearchNoResults checks a search that matched nothing, in each
// edition's language: the heading, which a search focuses, is the count
// of results with 0 (Arabic's zero form where the edition gives one),
// naming the query, as the title does; the note says it in words. The
// heading is the same element as with results, so that screen readers
// announce the outcome alike.
func TestSearchNoResults(t *testing.T) {
	edition := func(lang string, labels map[string]string) *page.Site {
		return page.NewSite(&article.Site{Name: "Synthetic " + lang, Description: "Plainly synthetic.", Lang: lang, Labels: labels}, nil)
	}
	arForms := map[string]string{
		"search.results.zero": "[ar zero] {query}", "search.results.one": "[ar one] {query}", "search.results.two": "[ar two] {query}",
		"search.results.few": "[ar few] {count} {query}", "search.results.many": "[ar many] {count} {query}", "search.results.other": "[ar other] {count} {query}",
	}
	for _, tt := range []struct {
		scenario   string
		site       *page.Site
		h1, title  string
		note       string // "" where the edition's own note is not checked
		pageNumber int
	}{
		{"English", testSite, "0 results for zzqq", "0 results for zzqq · Synthetic Times", "No articles match zzqq.", 1},
		{"English, page 2", testSite, "0 results for zzqq", "0 results for zzqq, page 2 · Synthetic Times", "No articles match zzqq.", 2},
		{"Arabic, its zero form", edition("ar", arForms), "[ar zero] zzqq", "[ar zero] zzqq · Synthetic ar", "", 1},
		{"Arabic, other form only", edition("ar", map[string]string{"search.results.other": "[ar other] {count} {query}"}),
			"[ar other] ٠ zzqq", "[ar other] ٠ zzqq · Synthetic ar", "", 1},
		{"Sorani", edition("ckb", map[string]string{"search.results.one": "[ckb one] {query}", "search.results.other": "[ckb other] {count} {query}"}),
			"[ckb other] ٠ zzqq", "[ckb other] ٠ zzqq · Synthetic ckb", "", 1},
	} {
		t.Run(tt.scenario, func(t *testing.T) {
			ref := page.SearchRef("zzqq", tt.pageNumber)
			d := page.Data{Found: &page.Found{}}
			_, root := render(t, View(tt.site, ref, d))
			h1 := root.All("h1")
			if len(h1) != 1 {
				t.Fatalf("%d headings", len(h1))
			}
			if got := h1[0].TextContent(); got != tt.h1 || h1[0].Attrs["id"] != "page-title" || h1[0].Attrs["tabindex"] != "-1" {
				t.Errorf("the heading is %q (id %q, tabindex %q), want %q as #page-title, focusable", got, h1[0].Attrs["id"], h1[0].Attrs["tabindex"], tt.h1)
			}
			if q := h1[0].WithClass("search-query"); len(q) != 1 || q[0].TextContent() != "zzqq" {
				t.Errorf("the heading does not hold the query, isolated")
			}
			notes := root.WithClass("search-note")
			if len(notes) != 1 || tt.note != "" && notes[0].TextContent() != tt.note {
				t.Errorf("%d notes, want one saying %q", len(notes), tt.note)
			}
			if got := describedBy(t, root); got != "" {
				t.Errorf("the heading, the count of none, is described by %q, which says it again", got)
			}
			if got := MetaOf(tt.site, ref, d).Title; got != tt.title {
				t.Errorf("the title is %q, want %q", got, tt.title)
			}
		})
	}
}

// TestFallbackSentenceWhole checks that an edition falling back to the
// English text of a label with a value in it (the search's count and
// query, "By" and the names, "Updated" and the date) writes the sentence
// as one left-to-right piece with its value inside, the value in its own
// language: in a right-to-left edition, an English part beside the value
// was laid out apart from it ("zzqq ٠ results for").
func TestFallbackSentenceWhole(t *testing.T) {
	site := editionSite("ar", arName)
	s, _ := render(t, View(site, page.SearchRef("zzqq", 1), page.Data{Found: &page.Found{}}))
	for _, want := range []string{
		`<span lang="en" dir="ltr">٠ results for <span lang="ar"><bdi class="search-query">zzqq</bdi></span></span>`,
		`<span lang="en" dir="ltr">No articles match <span lang="ar"><bdi class="search-query">zzqq</bdi></span>.</span>`,
	} {
		if !strings.Contains(s, want) {
			t.Errorf("the search page has no %s", want)
		}
	}
	s, _ = render(t, View(site, page.ArticleRef("story"), page.Data{Story: dirStory("ar", arName)}))
	if want := `<span lang="en" dir="ltr">By <span lang="ar"><bdi class="story-author" dir="rtl">`; !strings.Contains(s, want) {
		t.Errorf("the byline has no %s", want)
	}
	_, root := render(t, View(site, page.TagRef("xyz", 1), page.Data{List: &page.List{Name: arName, Page: 1, Pages: 1, Total: 1}}))
	h1 := root.All("h1")
	if len(h1) != 1 || len(h1[0].Children) != 1 || h1[0].Children[0].Attrs["lang"] != "en" || h1[0].Children[0].Attrs["dir"] != "ltr" {
		t.Fatalf("the tag page's heading is not one English span: %+v", h1)
	}
	if inner := h1[0].Children[0].All("span"); len(inner) != 2 || inner[1].Attrs["lang"] != "ar" { // the English span, then the tag's
		t.Errorf("the tag in the tag page's heading is not in its own language")
	}
}
