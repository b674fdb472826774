package components

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// The document's first page stays as the host drew it.
//
// go-app starts by replacing the body's first element, the host's page,
// with its own first render. Taking that page over as drawn (page.Drawn)
// made the render the same markup, but the browser still threw away the
// page it had laid out and painted, and parsed, styled, laid out and
// painted the copy again, on the main thread, in the second after the
// start; and what the reader had done to the page meanwhile (a selection,
// focus, the text in the search box) went with it. Instead, go-app's first
// render is an empty element (keptView) put in for it before the page
// (KeepDrawn), and the page goes only when the app draws another
// (dropKept), in the same task as that page's render. That first page the
// app draws brings the whole frame in, header and footer, where later
// pages change <main> only; reader.js paints the new header's status line
// as it comes (its observer of the body's children). The skip link's
// focus is reader.js's too, as go-app's handlers are not on the kept page.

// kept is the host's page (the body's <div class="app">) while it stays on
// screen; nil before the start and once it has gone.
var kept app.Value

// KeepDrawn keeps the host's page on screen through go-app's first render:
// an empty element is put before it, which go-app replaces. It is called
// once, before go-app starts, and only when the first page is taken as
// drawn (page.Drawn), whose first render would be the same page again.
func KeepDrawn() {
	doc := app.Window().Get("document")
	body := doc.Get("body")
	first := body.Get("firstElementChild")
	if !first.Truthy() || !first.Get("classList").Call("contains", "app").Bool() {
		return
	}
	body.Call("insertBefore", doc.Call("createElement", "div"), first)
	kept = first
}

// keptView is the first render of a page kept as drawn: an empty element,
// which lays out as nothing.
func keptView() app.UI { return app.Elem("div") }

// dropKept removes the host's page, if it is still there: the app is about
// to draw another page in place of keptView.
func dropKept() {
	if kept == nil {
		return
	}
	kept.Call("remove")
	kept = nil
}
