//go:build js && wasm

package main

import (
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"dateline/app/client"
	"dateline/app/page"
	"dateline/components"
)

// updateInterval is how often an open page looks for a new version.
const updateInterval = 5 * time.Minute

// run starts the client. It first takes the page it opens on as the host
// drew it (a search page without complete results runs its query), and
// keeps that page on screen as it is (components.KeepDrawn), or draws the
// same page as the prerendered HTML. If the page cannot be had, the
// prerendered page stays as it is, fully readable, with plain links.
func run() {
	mark("dateline:go-start")
	site, err := client.Site(app.Getenv("DATELINE_SITE"))
	if err != nil {
		stay(err)
		return
	}
	src := client.New(app.Getenv("DATELINE_DATA"))
	u := app.Window().URL()
	path := u.Path
	ref := page.ParseURL(path, u.RawQuery)
	d, err := src.First(ref)
	if err != nil {
		stay(err)
		return
	}
	mark("dateline:data-loaded")
	if d.Drawn != nil {
		components.KeepDrawn()
	}
	components.Route(site, src, path)
	client.WatchForUpdates(updateInterval)
	app.RunWhenOnBrowser()
}

// stay leaves the prerendered page as it is, without the app. It marks
// the page (data-app="stayed", where a live app has "live"): app.js
// registers the service worker once either is set (app/site/workerstart.js).
func stay(err error) {
	app.Log("dateline: staying on the prerendered page:", err)
	if loader := app.Window().GetElementByID("app-wasm-loader"); loader.Truthy() {
		loader.Call("remove")
	}
	app.Window().Get("document").Get("documentElement").Call("setAttribute", "data-app", "stayed")
}

// mark records a moment of the start in the page's performance timeline
// (performance.mark), where DevTools and the benchmarks read it.
func mark(name string) {
	if perf := app.Window().Get("performance"); perf.Truthy() {
		perf.Call("mark", name)
	}
}
