package components

import (
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"dateline/app/i18n"
	"dateline/app/page"
	"dateline/app/search"
)

// searchInputID is the id of the search box.
const searchInputID = "search-input"

// searchForm is the search box of the header. It is a plain form: without
// the app (data saver, before app.wasm is live) it asks the host for
// /search?q=..., which the host answers with the results; once the app is
// live, reader.js sends the query to the app's navigation instead
// (goappNav), without leaving the page. On narrow screens only its button
// shows, which leads to the search page, where the box is open.
//
// It is one piece of markup, as a list's entries are (entryList): it has no
// handler of its own, and each of go-app's elements and attributes costs
// app.wasm code and the start a call into JavaScript. The host writes the
// query in, for the page before the app and without it, and so does
// app.wasm on the search page it opens on (drawn before its first
// navigation). Past that, app.wasm's markup holds no query, so that it is
// the same on every search page and the header stays as it is from one
// query to the next; the page's navigation puts the query in the box
// (showQuery). A new box at each query made the browser lay the header out
// anew before the results' heading could take focus, which about doubled
// that layout (marks in the page of a cached query, make bench's section
// f). Its maxlength is page.MaxQuery written out (TestSearchFormMaxLength
// holds them equal): converted at run time, it cost app.wasm 200 bytes.
func searchForm(t *i18n.Table, query string, open bool) app.UI {
	class := "search-form"
	if open {
		class += " search-form-open"
	}
	label := t.Text(i18n.Search)
	var b strings.Builder // not markup's closure: a function less in app.wasm
	put(&b, `<form class="`, class, `" role="search" action="`, page.SearchPath, `" method="get"><label for="`, searchInputID, `" class="visually-hidden">`)
	writeText(&b, label)
	put(&b, `</label><input type="search" id="`, searchInputID, `" class="search-input" name="q"`)
	if !app.IsClient || firstNav && query != "" {
		attr(&b, "value", query)
	}
	put(&b, ` autocomplete="off" enterkeyhint="search" maxlength="200"><button type="submit" class="tool tool-search">`)
	writeText(&b, label)
	put(&b, `</button></form>`)
	return app.Raw(b.String())
}

// showQuery puts a search page's query in the header's box, which app.wasm
// draws without one (searchForm), unless it gave this box this query
// already: web/boot.js does it (datelineShowQuery), where it costs app.wasm
// no code (1.3 kB of it in Go, all of it search's share).
func showQuery(query string) {
	w := app.Window()
	if w.Get("datelineShowQuery").Truthy() { // boot.js has run
		w.Call("datelineShowQuery", query)
	}
}

// searchContent draws the search page: the count of results as the
// page's heading (searchCounted), the results 20 at a time, and a clear
// word for every other state.
// Complete results are marked with their query and page (page.DrawnQuery),
// and so is the page without a query, which has none to miss: app.wasm,
// opening on the page, takes them over as drawn (page.Drawn), and keeps the
// page on screen as the host drew it (kept.go), with what the reader typed
// in its box and the focus.
// It is one piece of markup, as a list's entries are (entryList).
func searchContent(site *page.Site, ref page.Ref, f *page.Found) []app.UI {
	t := site.Table
	if f == nil {
		f = &page.Found{}
	}
	var results []search.Hit
	var key i18n.Key    // the note, when it is a label alone
	var online i18n.Key // key's words when the device is online (writeBoth)
	cls := "net"        // or what tells key from online (writeBoth)
	var past bool       // a page past the last page of complete results
	var none bool       // nothing matched: the note says so, with the query
	switch {
	case f.Static:
		// An exported site's page, the same for every query: the app
		// searches once it has loaded; with data saver on (reader.js),
		// it never loads, and the page says so.
		key, online, cls = i18n.SearchStatic, i18n.SearchStaticSaver, "saver"
	case ref.Slug == "":
		key = i18n.SearchEmpty
	case f.Pending:
		key = i18n.Loading
	case f.Building:
		key = i18n.SearchBuilding
	case f.Failed:
		key = i18n.SearchFailed
	case f.Total == 0 && !f.Incomplete:
		none = true
	case f.Incomplete && len(f.Hits) == 0:
		// Offline, without the index's part the query needs (Total 0:
		// not "0 results") or the results' own files: nothing to list,
		// and the way out said: offline, or the site not answering.
		key, online = i18n.SearchOfflineNone, i18n.SearchUnreachableNone
	default:
		// An address past the last page (edited, or from before the
		// archive changed): said, with the way back.
		past = !f.Incomplete && f.Page > f.Pages
		if f.Incomplete {
			key, online = i18n.SearchIncomplete, i18n.SearchUnreachable
		}
		if f.Partial {
			key, online = i18n.SearchPartial, ""
		}
		if past {
			key, online = i18n.SearchPastEnd, "" // with the page's numbers (pageOf)
		}
		results = f.Hits
	}
	// Written in the page's order, into one builder.
	var b strings.Builder
	put(&b, `<div class="search-page"`)
	if f.Complete() {
		attr(&b, page.DrawnQuery, ref.Slug)
		attr(&b, page.DrawnPage, strconv.Itoa(max(ref.N, 1)))
	}
	counted := searchCounted(ref, f)
	cut := len(f.Dropped) > 0 && counted
	// What the heading, which a search focuses, does not say is its
	// description, read with it (searchDescribed).
	described := 0
	if key != "" {
		described = 1
	}
	if cut {
		described += 2
	}
	put(&b, `><h1 id="page-title" class="list-title search-title" tabindex="-1"`, searchDescribed[described], `>`)
	pageOf := []string{"n", t.Number(f.Page), "pages", t.Number(f.Pages)} // the page's numbers, for the labels that give them
	if counted {
		before, after := t.PluralAround(i18n.SearchResults, f.Total, "query")
		writeWithQuery(&b, t, []string{ref.Slug}, before, after)
		// Past the first page, which page it is, for screen readers only
		// (the pager shows it), as a list's heading says (listHeading):
		// More results focuses this heading, and one that read the same
		// on every page told them nothing had changed.
		if f.Page > 1 && f.Page <= f.Pages && len(results) > 0 {
			put(&b, `<span class="visually-hidden"> `)
			writeText(&b, t.Text(i18n.ListPageOf, pageOf...))
			put(&b, `</span>`)
		}
	} else {
		writeText(&b, t.Text(i18n.SearchTitle))
	}
	put(&b, `</h1>`)
	if key != "" || none {
		put(&b, `<p class="search-note" id="search-note">`)
		switch {
		case none:
			before, after := t.Around(i18n.SearchNone, "query")
			writeWithQuery(&b, t, []string{ref.Slug}, before, after)
		case online != "":
			writeBoth(&b, t, cls, key, online)
		default:
			writeText(&b, t.Text(key, pageOf...))
		}
		put(&b, `</p>`)
	}
	if cut {
		// The words of a long query that the search left out: the
		// results did not have to match them, which the reader would
		// otherwise take them to.
		before, after := t.Around(i18n.SearchWordsCut, "words", "first", t.Number(search.MaxTerms-1))
		put(&b, `<p class="search-note" id="search-cut">`)
		writeWithQuery(&b, t, f.Dropped, before, after)
		put(&b, `</p>`)
	}
	if len(results) > 0 {
		writeEntryList(&b, site, "article-list search-results", hits(results))
	}
	if len(results) > 0 && f.Pages > 1 || past {
		writePager(&b, t, ref, f.Page, f.Pages, pagerLabels{before: i18n.SearchEarlier, after: i18n.SearchMore})
	}
	put(&b, `</div>`)
	return []app.UI{app.Raw(b.String())}
}

// searchDescribed describes a search page's heading by what it does not
// say: why the search did not run or may miss results (the note, 1), and
// the words a long query left out (2). A table rather than code: each
// call that writes a piece costs app.wasm more than the strings.
var searchDescribed = [4]string{
	"",
	` aria-describedby="search-note"`,
	` aria-describedby="search-cut"`,
	` aria-describedby="search-note search-cut"`,
}

// writeWithQuery writes a label with words of the query in it: the query,
// or the words a long one left out (search.MaxTerms), each as the query
// writes it, isolated, and joined as the edition joins names (writeList).
// A <bdi> finds its direction from its first strong letter (auto): a
// query is the one text whose language nothing says (direction.go). (A
// function rather than a closure of searchContent's: called twice, the
// closure was inlined twice, each with a copy of the function it hands
// writeAround.)
func writeWithQuery(b *strings.Builder, t *i18n.Table, words []string, before, after string) {
	writeAround(b, before, after, t.Lang(), func() { writeList(b, t, words, `<bdi class="search-query">`) })
}

// searchCounted tells whether a search page's heading, and its title
// (MetaOf), give the count of its results: its query ran, and found some,
// or found none with every file of the index it needed at hand. A search
// focuses the heading, so that screen readers announce the outcome, none
// as any other count; "Search the archive" is the page without one.
func searchCounted(ref page.Ref, f *page.Found) bool {
	return ref.Slug != "" && f != nil && !f.Static && !f.Pending && !f.Building && !f.Failed && (f.Total > 0 || !f.Incomplete)
}

// hits are the entries of a page of results, the query's words marked.
func hits(hs []search.Hit) []entry {
	out := make([]entry, len(hs))
	for i := range hs {
		h := &hs[i]
		out[i] = entry{lang: h.Lang, slug: h.Slug, published: h.Published, section: h.Section,
			headline: h.HeadlineMarks, excerpt: h.Excerpt}
	}
	return out
}
