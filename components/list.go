package components

import (
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"dateline/app/article"
	"dateline/app/i18n"
	"dateline/app/page"
	"dateline/app/search"
)

// listContent draws a page of a list of articles: the home page, a
// section or a tag, newest first, with links to the pages before and
// after it.
func listContent(site *page.Site, ref page.Ref, l *page.List) []app.UI {
	return []app.UI{
		listHeading(site.Table, ref, l),
		entryList(site, "article-list", summaryEntries(l.Items, ref.Kind != page.Section)),
		pagerView(site.Table, ref, l),
		app.If(ref.Kind == page.Home && l.Page == 1, func() app.UI { return continueView(site.Table) }),
		printNote(),
	}
}

// printNote is where a printed list says which site and page it is from,
// and when (reader.js fills it in before printing), as an article does:
// the header it would otherwise take that from is not printed.
func printNote() app.UI { return app.Elem("p").Class("print-note").Attr("aria-hidden", "true") }

// continueView is where reader.js lists the articles the reader started
// and did not finish, kept on this device. It is at the end of the home
// page, so that filling it in moves nothing the reader is looking at.
func continueView(t *i18n.Table) app.UI {
	return app.Elem("section").Class("continue").Hidden(true).Attr("aria-labelledby", "continue-title").Body(
		app.Elem("h2").ID("continue-title").Class("continue-title").Body(Label(t.Text(i18n.ContinueReading))),
		app.Elem("ul").Class("continue-list"),
	)
}

// savedContent is the saved articles' page: reader.js lists them from
// this device's storage, newest saved first. Its empty note is in the
// page as served, so that a reader with nothing saved sees it in the
// first paint, not once reader.js has run (its late paint was the
// page's largest, at 1.47x the script-less page's on a slow link); the
// inline loader marks the root data-saved before the first paint when
// something is saved, and the stylesheet then hides the note.
func savedContent(t *i18n.Table) []app.UI {
	return []app.UI{
		app.Elem("div").Class("saved-page").Body(
			app.Elem("h1").ID("page-title").Class("page-title").TabIndex(-1).Body(Label(t.Text(i18n.SavedTitle))),
			app.Elem("p").Class("saved-empty").Body(Label(t.Text(i18n.SavedEmpty))),
			app.Elem("ul").Class("saved-list"),
		),
		printNote(),
	}
}

// listHeading heads a list. The home page's is a label; a section's or a
// tag's holds its name, isolated from the words around it in the
// edition's direction (the name is the edition's: direction.go) and set as
// written (no change of case: "iPhone", Arabic script). Past the first
// page it also says which page it is, for screen readers only (the pager
// shows it): the app moves focus to the heading after Older articles, and
// a heading that read the same on every page told them nothing changed.
// It is markup, as the pager is: the host's prerender writes it as the
// app does, with no line breaks of its own between its parts.
func listHeading(t *i18n.Table, ref page.Ref, l *page.List) app.UI {
	return markup(func(b *strings.Builder) {
		class := "page-title"
		if ref.Kind == page.Section || ref.Kind == page.Tag {
			class = "list-title"
		}
		put(b, `<h1 id="page-title" class="`, class, `" tabindex="-1">`)
		name := func() {
			put(b, `<bdi`)
			attr(b, "dir", t.Dir())
			put(b, `>`)
			writeText(b, l.Name)
			put(b, `</bdi>`)
		}
		switch ref.Kind {
		case page.Section:
			name()
		case page.Tag:
			before, after := t.Around(i18n.ListTagged, "tag")
			writeAround(b, before, after, t.Lang(), name)
		default:
			writeText(b, t.Text(i18n.ListLatest))
		}
		if l.Page > 1 && l.Page <= l.Pages {
			put(b, `<span class="visually-hidden"> `)
			writeText(b, t.Text(i18n.ListPageOf, "n", t.Number(l.Page), "pages", t.Number(l.Pages)))
			put(b, `</span>`)
		}
		put(b, `</h1>`)
	})
}

// summaryEntries are the entries of a list: the date and section when the
// article has them (not the section on the section's own page), and the
// start of its text.
func summaryEntries(items []article.Summary, showSection bool) []entry {
	out := make([]entry, len(items))
	for i := range items {
		s := &items[i]
		out[i] = entry{lang: s.Language(), slug: s.Slug, published: s.Published,
			headline: []search.Span{{Text: s.Headline}}}
		if showSection {
			out[i].section = s.Section
		}
		if s.Excerpt != "" {
			out[i].excerpt = []search.Span{{Text: s.Excerpt}}
		}
	}
	return out
}

// pagerView links a list page to its neighbours, newer articles before it
// and older after, and to its two ends: a list of 100,000 articles has
// 3,334 pages, and its oldest is not 3,333 pages away. A list of one page
// has none.
func pagerView(t *i18n.Table, ref page.Ref, l *page.List) app.UI {
	if l.Pages <= 1 {
		return nil
	}
	return markup(func(b *strings.Builder) {
		writePager(b, t, ref, l.Page, l.Pages, pagerLabels{i18n.ListNewer, i18n.ListOlder, i18n.ListNewest, i18n.ListOldest})
	})
}

// pagerLabels name a pager's links: to the pages before and after, and
// to the first and last pages (none when empty).
type pagerLabels struct{ before, after, first, last i18n.Key }

// writePager writes the links of page n of pages (more than one) to the
// pages before and after it, and to the first and the last where those are
// not the same pages. It is markup, as a list's entries are (entryList):
// plain links, which go-app hears at the window.
func writePager(b *strings.Builder, t *i18n.Table, ref page.Ref, n, pages int, l pagerLabels) {
	link := func(class, rel string, to int, label i18n.Key) {
		put(b, `<a class="`, class, `"`)
		if rel != "" {
			put(b, ` rel="`, rel, `"`)
		}
		put(b, ` href="`)
		escape(b, ref.WithN(to).Path(), false)
		put(b, `">`)
		writeText(b, t.Text(label))
		put(b, `</a>`)
	}
	put(b, `<nav class="pager" aria-label="`)
	escape(b, t.Plain().Text(i18n.NavPages), false)
	put(b, `">`)
	if l.first != "" && n > 2 {
		link("pager-first", "", 1, l.first)
	}
	if n > 1 {
		link("pager-prev", "prev", min(n-1, pages), l.before) // past the last page, to the last
	}
	if n <= pages {
		put(b, `<span class="pager-at">`)
		writeText(b, t.Text(i18n.ListPageOf, "n", t.Number(n), "pages", t.Number(pages)))
		put(b, `</span>`)
	}
	if n < pages {
		link("pager-next", "next", n+1, l.after)
	}
	if l.last != "" && n < pages-1 {
		link("pager-last", "", pages, l.last)
	}
	put(b, `</nav>`)
}
