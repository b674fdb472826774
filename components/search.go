package components

import (
	"strconv"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"dateline/app/i18n"
	"dateline/app/page"
	"dateline/app/search"
)

// searchForm is the search box of the header. It is a plain form: without
// the app (data saver, before app.wasm is live) it asks the host for
// /search?q=..., which the host answers with the results; once the app is
// live, reader.js sends the query to the app's navigation instead
// (goappNav), without leaving the page. On narrow screens only its button
// shows, which leads to the search page, where the box is open.
func searchForm(t *i18n.Table, query string, open bool) app.UI {
	class := "search-form"
	if open {
		class += " search-form-open"
	}
	return app.Elem("form").Class(class).Attr("role", "search").Attr("action", page.SearchPath).Attr("method", "get").Body(
		app.Elem("label").Attr("for", "search-input").Class("visually-hidden").Text(t.Text(i18n.Search)),
		app.ElemSelfClosing("input").Attr("type", "search").ID("search-input").Class("search-input").
			Attr("name", "q").Attr("value", query).Attr("autocomplete", "off").
			Attr("enterkeyhint", "search").Attr("maxlength", page.MaxQuery),
		app.Elem("button").Attr("type", "submit").Class("tool tool-search").Text(t.Text(i18n.Search)),
	)
}

// searchContent draws the search page: the count of results as the
// page's heading (focused after a search, so that screen readers announce
// it), the results 20 at a time, and a clear word for every other state.
// Complete results are marked with their query and page (page.DrawnQuery),
// and content that app.wasm took from the document is drawn as it was.
func searchContent(site *page.Site, ref page.Ref, f *page.Found) []app.UI {
	t := site.Table
	if f == nil {
		f = &page.Found{}
	}
	if f.Drawn != "" {
		return []app.UI{app.Raw(f.Drawn)}
	}
	// around puts the query, isolated, in the text of a label.
	around := func(before, after string) []app.UI {
		return []app.UI{app.Text(before), app.Elem("bdi").Class("search-query").Text(ref.Slug), app.Text(after)}
	}
	title := []app.UI{app.Text(t.Text(i18n.SearchTitle))}
	var note []app.UI
	var results []search.Hit
	var key i18n.Key // the note, when it is a label alone
	switch {
	case f.Static:
		// An exported site's page, the same for every query: the app
		// searches once it has loaded.
		key = i18n.SearchStatic
	case ref.Slug == "":
		key = i18n.SearchEmpty
	case f.Pending:
		key = i18n.Loading
	case f.Building:
		key = i18n.SearchBuilding
	case f.Failed:
		key = i18n.SearchFailed
	case f.Total == 0 && !f.Incomplete:
		note = around(t.Around(i18n.SearchNone, "query"))
	default:
		title = around(t.PluralAround(i18n.SearchResults, f.Total, "query"))
		if f.Incomplete {
			key = i18n.SearchIncomplete
		}
		results = f.Hits
	}
	if key != "" {
		note = []app.UI{app.Text(t.Text(key))}
	}
	body := []app.UI{app.Elem("h1").ID("page-title").Class("list-title search-title").TabIndex(-1).Body(title...)}
	if len(note) > 0 {
		body = append(body, app.Elem("p").Class("search-note").Body(note...))
	}
	if len(results) > 0 {
		body = append(body, entryList(site, "article-list search-results", hits(results)),
			pager(t, ref, f.Page, f.Pages, i18n.SearchEarlier, i18n.SearchMore))
	}
	div := app.Elem("div").Class("search-page")
	if ref.Slug != "" && f.Complete() {
		div = div.Attr(page.DrawnQuery, ref.Slug).Attr(page.DrawnPage, strconv.Itoa(max(ref.N, 1)))
	}
	return []app.UI{div.Body(body...)}
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
