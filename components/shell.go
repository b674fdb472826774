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
	return app.Div().Class("app").Body(
		app.A().Class("skip-link").Href("#main").Text(t.Text(i18n.SkipToContent)).OnClick(skipToMain),
		app.Header().Class("site-header").Body(
			app.Div().Class("bar").Body(
				app.A().Class("site-name").Href("/").Dir("auto").Text(s.Site.Name),
				searchForm(t, s.Query, s.Searching),
				app.A().Class("tool tool-saved").Href(page.SavedPath).Text(t.Text(i18n.SavedNav)),
				// reader.js opens the settings; without it the button
				// stays hidden (CSS: html[data-reader]).
				app.Button().Type("button").Class("tool tool-settings").
					Attr("aria-haspopup", "dialog").Attr("aria-controls", "reader-settings").Body(
					app.Span().Class("tool-icon").Attr("aria-hidden", "true").Text("Aa"),
					app.Span().Class("tool-label").Text(t.Text(i18n.Settings)),
				),
			),
			// The status line: reader.js writes in it (saving for offline,
			// offline, install), in a row whose height is kept from the
			// first paint.
			app.Div().Class("bar status").Body(
				app.P().Class("status-text").Attr("aria-live", "polite"),
				app.Button().Type("button").Class("install-button").Hidden(true).Text(t.Text(i18n.InstallApp)),
			),
			sectionsNav(s.Site),
		),
		app.Main().ID("main").TabIndex(-1).Body(s.Content...),
		app.Footer().Class("site-footer").Body(
			app.P().Class("bar").Body(
				app.Bdi().Text(s.Site.Name),
				app.Text(" · "),
				app.Bdi().Text(s.Site.Description),
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
	return app.Nav().Class("sections").Attr("aria-label", site.Table.Text(i18n.NavSections)).Body(
		app.Ul().Class("bar sections-list").Body(
			app.Range(sections).Slice(func(i int) app.UI {
				return app.Li().Body(app.A().Href(page.SectionRef(sections[i].Slug, 1).Path()).Dir("auto").Text(sections[i].Name))
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
