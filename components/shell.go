package components

import (
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"dateline/app/article"
	"dateline/app/i18n"
	"dateline/app/page"
)

// Shell is the frame every page shares: skip link, header, main and footer.
type Shell struct {
	app.Compo

	// Site is the edition: its name, and the sections to navigate by.
	Site *page.Site
	// Content is what the page puts in <main>.
	Content []app.UI
	// Searching is set on the search page, whose query the header's search
	// box shows, open at every width.
	Searching bool
	Query     string
	// Section is the slug of the section whose list the page is, marked
	// in the navigation of sections.
	Section string
	// Saved is set on the saved articles' page, whose link in the header
	// is marked as the page, as a section's is on its list.
	Saved bool
}

// Render draws the frame around the page's content. What has no handler
// of its own is markup (app.Raw), as the article is (ArticleView): go-app
// mounts each of its own elements with calls from Go into JavaScript. Each
// piece that reader.js writes in (the status line) or that changes with the
// page (the search box) is a piece of its own, so that a new query draws a
// new box and leaves the rest as it is.
func (s *Shell) Render() app.UI {
	t := s.Site.Table
	return app.Elem("div").Class("app").Body(
		// reader.js moves focus to <main> when it is followed: go-app
		// takes an in-page link for a navigation, which scrolls but leaves
		// focus where it was.
		markup(func(b *strings.Builder) {
			put(b, `<a class="skip-link" href="#main">`)
			writeText(b, t.Text(i18n.SkipToContent))
			put(b, `</a>`)
		}),
		app.Elem("header").Class("site-header").Body(
			app.Elem("div").Class("bar").Body(
				markup(func(b *strings.Builder) {
					// The edition's name, in its language (direction.go).
					put(b, `<a class="`, siteNameClass(s.Site.Name), `" href="/"`)
					attr(b, "dir", t.Dir())
					put(b, `>`)
					writeText(b, s.Site.Name)
					put(b, `</a>`)
				}),
				searchForm(t, s.Query, s.Searching),
				markup(func(b *strings.Builder) {
					put(b, `<a class="tool tool-saved" href="`, page.SavedPath, `"`)
					if s.Saved {
						put(b, ` aria-current="page"`)
					}
					put(b, `>`)
					writeText(b, t.Text(i18n.SavedNav))
					put(b, `</a>`)
				}),
				// reader.js opens the settings; without it the button
				// stays hidden (CSS: html[data-reader]).
				markup(func(b *strings.Builder) {
					put(b, `<button type="button" class="tool tool-settings" aria-haspopup="dialog" aria-controls="reader-settings">`+
						`<span class="tool-icon" aria-hidden="true">Aa</span><span class="tool-label">`)
					writeText(b, t.Text(i18n.Settings))
					put(b, `</span></button>`)
				}),
			),
			// The status line: reader.js writes in it (saving for offline,
			// offline, install), in a row whose height is kept from the
			// first paint. Screen readers read it from a visually hidden
			// copy, a live region that changes only when the state does
			// (saving's percentage, a dozen changes on a first visit, is
			// not read out each time); the line on screen is hidden from
			// them, or browsing would read the status twice.
			markup(func(b *strings.Builder) {
				put(b, `<div class="bar status"><p class="status-text" aria-hidden="true"></p><p class="status-live visually-hidden" aria-live="polite"></p><button type="button" class="install-button" hidden>`)
				writeText(b, t.Text(i18n.InstallApp))
				put(b, `</button></div>`)
			}),
			sectionsNav(s.Site, s.Section),
		),
		app.Elem("main").ID("main").TabIndex(-1).Body(s.Content...),
		markup(func(b *strings.Builder) {
			put(b, `<footer class="site-footer"><p class="bar"><bdi`)
			attr(b, "dir", t.Dir())
			put(b, `>`)
			writeText(b, s.Site.Name)
			put(b, `</bdi>`+sep+`<bdi`)
			attr(b, "dir", t.Dir())
			put(b, `>`)
			writeText(b, s.Site.Description)
			put(b, `</bdi></p>`)
			writeEditions(b, s.Site)
			put(b, `</footer>`)
		}),
	)
}

// siteNameClass is the class of the header's site name: a name of more
// than two words is "long", for on a phone it would take three lines or
// more beside the tools, and takes a row of its own instead
// (web/dateline.css, .site-name-long). Known before the first paint, it
// moves nothing.
func siteNameClass(name string) string {
	if len(strings.Fields(name)) > 2 {
		return "site-name site-name-long"
	}
	return "site-name"
}

// sectionsNav links the edition's sections, when it has any; the one whose
// list the page is, current, is marked as the page (aria-current). Their
// names are the edition's, in its language (direction.go).
func sectionsNav(site *page.Site, current string) app.UI {
	sections := site.Sections
	if len(sections) == 0 {
		return nil
	}
	dir := site.Table.Dir()
	return markup(func(b *strings.Builder) {
		put(b, `<nav class="sections"`)
		attr(b, "aria-label", site.Table.Plain().Text(i18n.NavSections))
		put(b, `><ul class="bar sections-list">`)
		for _, sec := range sections {
			put(b, `<li>`)
			if sec.Slug == current {
				put(b, `<a`)
				attr(b, "href", page.SectionRef(sec.Slug, 1).Path())
				put(b, ` aria-current="page"`)
				attr(b, "dir", dir)
				put(b, `>`)
				writeText(b, sec.Name)
				put(b, `</a>`)
			} else {
				writeLink(b, page.SectionRef(sec.Slug, 1).Path(), "", dir, sec.Name)
			}
			put(b, `</li>`)
		}
		put(b, `</ul></nav>`)
	})
}

// focusElement moves keyboard focus to the element with the given id.
func focusElement(id string) {
	if el := app.Window().GetElementByID(id); el.Truthy() {
		el.Call("focus")
	}
}

// writeEditions links the newsroom's other editions, when it names any:
// each by its name in its own language, which the link says (lang, dir),
// as it says the language of the page it leads to (hreflang).
func writeEditions(b *strings.Builder, site *page.Site) {
	if len(site.Editions) == 0 {
		return
	}
	put(b, `<nav class="bar editions"`)
	attr(b, "aria-label", site.Table.Plain().Text(i18n.NavEditions))
	put(b, `><ul>`)
	for _, e := range site.Editions {
		put(b, `<li><a`)
		attr(b, "href", e.URL)
		attr(b, "hreflang", e.Lang)
		attr(b, "lang", e.Lang)
		attr(b, "dir", article.Dir(e.Lang))
		put(b, `>`)
		writeText(b, e.Name)
		put(b, `</a></li>`)
	}
	put(b, `</ul></nav>`)
}
