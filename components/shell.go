package components

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// Shell is the frame every page shares: skip link, header, main and footer.
type Shell struct {
	app.Compo

	// Content is what the page puts in <main>.
	Content []app.UI
}

// OnMount marks the document once app.wasm has taken over the page, for
// tests and for styles that differ once the app is live.
func (s *Shell) OnMount(ctx app.Context) {
	app.Window().Get("document").Get("documentElement").Call("setAttribute", "data-app", "live")
	restorePlace(ctx)
}

// Render draws the frame around the page's content.
func (s *Shell) Render() app.UI {
	return app.Div().Class("app").Body(
		app.A().Class("skip-link").Href("#main").Text("Skip to content").OnClick(skipToMain),
		app.Header().Class("site-header").Body(
			app.Div().Class("bar").Body(
				app.A().Class("site-name").Href("/").Text(SiteName),
				&StatusBar{},
			),
		),
		app.Main().ID("main").TabIndex(-1).Body(s.Content...),
		app.Footer().Class("site-footer").Body(
			app.P().Class("bar").Text(SiteName+" · "+SiteDescription),
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

// contentFor renders a page's body from its load state: the page itself once
// loaded, and the not-found, loading and error views otherwise.
func contentFor(st pageState, page func(PageData) []app.UI) []app.UI {
	switch st.Status {
	case loaded:
		if st.Data.Kind == NotFoundKind {
			return notFoundContent()
		}
		return page(st.Data)
	case loadingErr:
		return []app.UI{&ErrorView{Message: errorMessage(st.Err)}}
	default:
		return []app.UI{
			app.P().Class("loading").Aria("busy", "true").Aria("live", "polite").Text("Loading…"),
		}
	}
}
