package components

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"dateline/app/page"
)

// firstNav is true until the first page has been shown in this document.
var firstNav = true

// afterNav runs after a page changed in the client: it puts the page's head
// in the document (head: its title, description, the host's head for it
// and its robots meta), scrolls to the top and moves focus to the page's
// heading, so that screen readers announce the new page, then tells
// reader.js. The search page without a query is there to be typed in:
// focus goes to its box (on narrow screens the header's box is folded
// away, and its button and the / key lead there). Page.OnNav does not call
// it for the first page of a document, which keeps the prerendered head and
// the browser's own behaviour. frag is the address's fragment, as the
// page's load read it (pageState.load): a page opened at a fragment is left
// where the browser scrolls it.
//
// drawn says the page is on screen already (Page.OnUpdate drew it): the
// rest is then done at once. Otherwise it waits for go-app's next frame,
// which draws the page; go-app runs that frame from a timer, so whether it
// comes in the same task depends on how long the drawing took.
//
// A search's results drawn in a new history entry are scrolled to at once,
// and the head, the focus and reader.js's hook wait until they are painted
// (afterPaint): none of it changes what the reader sees (the box's
// direction was set as they typed, and a new entry, whose state stays null
// until reader.js keys it, has no place to restore), and the paint would
// wait for it. Focus then stays where a reader has moved it meanwhile
// (back into the search box, for the next query). Elsewhere reader.js
// draws with the page (an article's Save button, the place of a page gone
// back to), in the same task.
func afterNav(ctx app.Context, ref page.Ref, frag string, drawn bool, head func()) {
	if !app.IsClient {
		head()
		return
	}
	if frag != "" {
		head()
		ctx.Defer(func(app.Context) { pageShown() })
		return
	}
	top := func(app.Context) {
		if ref.Kind == page.Search {
			showQuery(ref.Slug)
		}
		app.Window().Call("scrollTo", 0, 0)
		rest := func(focus bool) {
			head()
			switch {
			case !focus:
			case ref.Kind == page.Search && ref.Slug == "":
				focusElement(searchInputID)
			default:
				focusElement("page-title")
			}
			pageShown()
		}
		if ref.Kind == page.Search && app.Window().Get("history").Get("state").IsNull() {
			// Focus where the page left it: a reader who has moved it
			// meanwhile (back into the search box, to type the next
			// query) keeps it there.
			doc := app.Window().Get("document")
			was := doc.Get("activeElement")
			afterPaint(func() { rest(doc.Get("activeElement").Equal(was)) })
			return
		}
		tail = nil // a search's, superseded
		rest(true)
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

// tail is the work afterPaint holds for after the next paint, and where:
// the last navigation's only, as a newer one supersedes it.
var (
	tail        func()
	tailHref    string
	tailPainted app.Func
	tailFramed  app.Func
)

// afterPaint runs f once the browser has painted the page drawn in this
// task, so that what the reader sees is not held back by what follows it:
// a requestAnimationFrame callback runs before the frame's paint, and a
// timer it sets after it. f is dropped if the address has changed by then
// (a page after it, whose own navigation does what f would), and runs at
// once in a hidden page, which has no frames; a page hidden before its
// frame came runs it from a timer of its own (paintLate), which a frame
// that comes first makes do nothing.
func afterPaint(f func()) {
	w := app.Window()
	if w.Get("document").Get("hidden").Bool() {
		tail = nil
		f()
		return
	}
	if tailPainted == nil {
		tailPainted = app.FuncOf(func(app.Value, []app.Value) any {
			f := tail
			tail = nil
			if f != nil && app.Window().Get("location").Get("href").String() == tailHref {
				f()
			}
			return nil
		})
		tailFramed = app.FuncOf(func(app.Value, []app.Value) any {
			app.Window().Call("setTimeout", tailPainted, 0)
			return nil
		})
	}
	pending := tail != nil
	tail, tailHref = f, w.Get("location").Get("href").String()
	if !pending {
		w.Call("requestAnimationFrame", tailFramed)
		w.Call("setTimeout", tailPainted, paintLate)
	}
}

// paintLate is how long, in milliseconds, afterPaint waits for a frame
// before it runs its work anyway: a frame comes every 16 ms or so in a
// page on screen, and never in one hidden meanwhile.
const paintLate = 250
