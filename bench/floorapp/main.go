// Command floorapp is go-app's floor for the warm-load benchmark: an app
// with one route and one component, served by go-app's own Handler and
// service worker, nothing of Dateline's. Like Dateline, it is a split
// build: the server's code (server.go) stays out of app.wasm. The bench
// builds it the way the Makefile builds Dateline and times its second
// visit beside Dateline's, so the warm-load figure has the framework's own
// start-up cost next to it. Built with -tags contentfloor (content.go) it
// shows a page of Dateline's markup; with -tags searchfloor (search.go), a
// search page of Dateline's markup whose query goes through go-app's
// navigation, the floor under a cached search (make bench, section f).
package main

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

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
			app.H1().Text("Floor"),
			app.P().Text("An empty go-app app."),
		)
	}
	styles []string
	// rawHeaders are markup the page's head carries (go-app's
	// Handler.RawHeaders).
	rawHeaders []string
)

func main() {
	app.Route("/", func() app.Composer { return &page{} })
	app.RunWhenOnBrowser()
	serve()
}
