package components

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

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
}

// Render draws the frame around the page's content.
func (s *Shell) Render() app.UI {
	t := s.Site.Table
	return app.Elem("div").Class("app").Body(
		app.Elem("a").Class("skip-link").Attr("href", "#main").Text(t.Text(i18n.SkipToContent)).OnClick(skipToMain),
		app.Elem("header").Class("site-header").Body(
			app.Elem("div").Class("bar").Body(
				app.Elem("a").Class("site-name").Attr("href", "/").Dir("auto").Text(s.Site.Name),
				searchForm(t, s.Query, s.Searching),
				app.Elem("a").Class("tool tool-saved").Attr("href", page.SavedPath).Text(t.Text(i18n.SavedNav)),
				// reader.js opens the settings; without it the button
				// stays hidden (CSS: html[data-reader]).
				app.Elem("button").Attr("type", "button").Class("tool tool-settings").
					Attr("aria-haspopup", "dialog").Attr("aria-controls", "reader-settings").Body(
					app.Elem("span").Class("tool-icon").Attr("aria-hidden", "true").Text("Aa"),
					app.Elem("span").Class("tool-label").Text(t.Text(i18n.Settings)),
				),
			),
			// The status line: reader.js writes in it (saving for offline,
			// offline, install), in a row whose height is kept from the
			// first paint.
			app.Elem("div").Class("bar status").Body(
				app.Elem("p").Class("status-text").Attr("aria-live", "polite"),
				app.Elem("button").Attr("type", "button").Class("install-button").Hidden(true).Text(t.Text(i18n.InstallApp)),
			),
			sectionsNav(s.Site),
		),
		app.Elem("main").ID("main").TabIndex(-1).Body(s.Content...),
		app.Elem("footer").Class("site-footer").Body(
			app.Elem("p").Class("bar").Body(
				app.Elem("bdi").Text(s.Site.Name),
				app.Text(" · "),
				app.Elem("bdi").Text(s.Site.Description),
			),
		),
	)
}

// sectionsNav links the edition's sections, when it has any.
func sectionsNav(site *page.Site) app.UI {
	sections := site.Sections
	if len(sections) == 0 {
		return nil
	}
	return app.Elem("nav").Class("sections").Attr("aria-label", site.Table.Text(i18n.NavSections)).Body(
		app.Elem("ul").Class("bar sections-list").Body(
			app.Range(sections).Slice(func(i int) app.UI {
				return app.Elem("li").Body(app.Elem("a").Attr("href", page.SectionRef(sections[i].Slug, 1).Path()).Dir("auto").Text(sections[i].Name))
			}),
		),
	)
}

// skipToMain moves focus to <main> itself: go-app handles in-page links as
// navigations, which scroll but leave focus where it was.
func skipToMain(ctx app.Context, e app.Event) {
	e.PreventDefault()
	focusElement("main")
}

// focusElement moves keyboard focus to the element with the given id.
func focusElement(id string) {
	if el := app.Window().GetElementByID(id); el.Truthy() {
		el.Call("focus")
	}
}
