//go:build js && wasm

package client

import (
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// WatchForUpdates looks for a new version of the app soon after start,
// whenever the page is shown again or the device is back online (an
// update published while it was not is offered then, not at the next
// interval), and every interval while it stays open. go-app v10 has no
// interval of its own. A changed service worker is
// a new version: it installs, and its "activated" report makes the status
// bar offer a reload.
func WatchForUpdates(interval time.Duration) {
	onShow := app.FuncOf(func(this app.Value, args []app.Value) any {
		if app.Window().Get("document").Get("visibilityState").String() == "visible" {
			checkForUpdate()
		}
		return nil
	})
	app.Window().Get("document").Call("addEventListener", "visibilitychange", onShow)
	app.Window().Call("addEventListener", "focus", onShow)
	app.Window().Call("addEventListener", "online", onShow)
	go func() {
		// On a second visit the worker is registered already; on a first,
		// app.js registers it once the app is live (app/site/workerstart.js),
		// and a check before the registration is made does nothing.
		time.Sleep(3 * time.Second)
		for {
			checkForUpdate()
			time.Sleep(interval)
		}
	}()
}

// ignore swallows the rejection of an update check: offline, or while the
// host restarts, the check fails and the next one will do.
var ignore = app.FuncOf(func(app.Value, []app.Value) any { return nil })

// update asks a registration to fetch its worker script again.
var update = app.FuncOf(func(this app.Value, args []app.Value) any {
	if len(args) == 0 || !args[0].Truthy() {
		return nil
	}
	return args[0].Call("update")
})

// checkForUpdate asks the browser to fetch the service worker again, when
// online. Unlike go-app's TryUpdate it handles the failure of the check,
// which would otherwise be an uncaught error in the console.
func checkForUpdate() {
	nav := app.Window().Get("navigator")
	sw := nav.Get("serviceWorker")
	if !sw.Truthy() || !nav.Get("onLine").Bool() {
		return
	}
	sw.Call("getRegistration").Call("then", update).Call("catch", ignore)
}
