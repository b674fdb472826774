package components

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"dateline/app/page"
)

// firstNav is true until the first page has been shown in this document.
var firstNav = true

// afterNav runs after a page changed in the client: it puts the page's head
// in the document, scrolls to the top and moves focus to the page's
// heading, so that screen readers announce the new page, then tells
// reader.js. The search page without a query is there to be typed in:
// focus goes to its box (on narrow screens the header's box is folded
// away, and its button and the / key lead there). Page.OnNav does not call
// it for the first page of a document, which keeps the prerendered head and
// the browser's own behaviour.
//
// drawn says the page is on screen already (Page.OnUpdate drew it): the
// scroll and focus are then set at once. Otherwise they wait for go-app's
// next frame, which draws the page; go-app runs that frame from a timer, so
// whether it comes in the same task depends on how long the drawing took.
func afterNav(ctx app.Context, ref page.Ref, d page.Data, drawn bool) {
	if !app.IsClient {
		return
	}
	if d.Drawn != nil {
		applyDrawnHead(d.Drawn.Head)
	} else {
		applyHead(d.Head)
	}
	if ctx.Page().URL().Fragment != "" {
		ctx.Defer(func(app.Context) { pageShown() })
		return
	}
	top := func(app.Context) {
		if ref.Kind == page.Search {
			showQuery(ref.Slug)
		}
		app.Window().Call("scrollTo", 0, 0)
		if ref.Kind == page.Search && ref.Slug == "" {
			focusElement(searchInputID)
		} else {
			focusElement("page-title")
		}
		pageShown()
	}
	if drawn {
		top(ctx)
		return
	}
	ctx.Defer(top)
}

// shown marks the document once app.wasm has taken over the page, for
// tests and for styles that differ once the app is live, and tells
// reader.js that the page's elements are new.
func shown() {
	app.Window().Get("document").Get("documentElement").Call("setAttribute", "data-app", "live")
	pageShown()
}

// pageShown tells reader.js (web/reader.js), by a "dateline:page" event on
// the document, that the page's elements have been drawn anew: it then
// restores the reader's place, marks a saved article and so on.
func pageShown() {
	doc := app.Window().Get("document")
	doc.Call("dispatchEvent", app.Window().Get("Event").New("dateline:page"))
}
