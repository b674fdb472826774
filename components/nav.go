package components

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"dateline/app/page"
)

// firstNav is true until the first page has been shown in this document.
var firstNav = true

// afterNav runs after a page changed in the client: it puts the page's head
// in the document, scrolls to the top and moves focus to the page's
// heading, so that screen readers announce the new page. The first page of
// a document keeps the prerendered head and the browser's own behaviour.
func afterNav(ctx app.Context, head *page.Head) {
	if !app.IsClient {
		return
	}
	if firstNav {
		firstNav = false
		return
	}
	applyHead(head)
	if ctx.Page().URL().Fragment != "" {
		return
	}
	ctx.Defer(func(ctx app.Context) {
		app.Window().Call("scrollTo", 0, 0)
		focusElement("page-title")
	})
}

// scrollKey is where the scroll position of a page is kept across a reload.
func scrollKey(path string) string { return "dateline:scroll:" + path }

// reloadKeepingPlace reloads the page for a new version, keeping the
// reader's place: the scroll position is restored after the reload.
func reloadKeepingPlace(ctx app.Context, e app.Event) {
	y := app.Window().Get("scrollY").Float()
	if err := ctx.SessionStorage().Set(scrollKey(ctx.Page().URL().Path), y); err != nil {
		app.Log("dateline: keeping the scroll position:", err)
	}
	ctx.Reload()
}

// restorePlace scrolls back to where the reader was before a reload.
func restorePlace(ctx app.Context) {
	key := scrollKey(ctx.Page().URL().Path)
	var y float64
	if err := ctx.SessionStorage().Get(key, &y); err != nil || y == 0 {
		return
	}
	ctx.SessionStorage().Del(key)
	ctx.Defer(func(app.Context) { app.Window().Call("scrollTo", 0, y) })
}
