// Command floorapp is go-app's floor for the warm-load benchmark: an app
// with one route and one component, served by go-app's own Handler and
// service worker, nothing of Dateline's. Like Dateline, it is a split
// build: the server's code (server.go) stays out of app.wasm. The bench
// builds it the way the Makefile builds Dateline and times its second
// visit beside Dateline's, so the warm-load figure has the framework's own
// start-up cost next to it.
package main

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// heading is what the page's heading says. Built with -tags navfloor
// (nav.go), the app has a second route, /next, and a navigation sets the
// heading to the new path: go-app's floor for a page that shows new state
// after a navigation (make bench, section f).
var heading = "Floor"

// page is the app's one component. It marks the document live once
// mounted, as Dateline's Page does, so that the bench times both alike.
type page struct{ app.Compo }

func (p *page) OnMount(app.Context) {
	app.Window().Get("document").Get("documentElement").Call("setAttribute", "data-app", "live")
}

func (p *page) Render() app.UI { return body() }

// body is what the page shows; styles are the style sheets it links.
// Built with -tags contentfloor (content.go), a page of Dateline's.
var (
	body = func() app.UI {
		return app.Main().Body(
			app.H1().Text(heading),
			app.P().Text("An empty go-app app."),
		)
	}
	styles []string
)

func main() {
	app.Route("/", func() app.Composer { return &page{} })
	app.RunWhenOnBrowser()
	serve()
}
