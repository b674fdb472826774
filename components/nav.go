package components

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// firstNav is true until the first page has been shown in this document.
var firstNav = true

// afterNav runs after a page changed in the client: it scrolls to the top and
// moves focus to the page's heading, so that screen readers announce the new
// page. The first page of a document keeps the browser's own behaviour.
func afterNav(ctx app.Context) {
	if !app.IsClient {
		return
	}
	if firstNav {
		firstNav = false
		return
	}
	if ctx.Page().URL().Fragment != "" {
		return
	}
	ctx.Defer(func(ctx app.Context) {
		app.Window().Call("scrollTo", 0, 0)
		focusElement("page-title")
	})
}
