//go:build js && wasm

package client

import (
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// WatchForUpdates looks for a new version of the app soon after start,
// whenever the page is shown again, and every interval while it stays
// open. go-app v10 has no interval of its own; app.TryUpdate asks the
// browser to fetch the service worker again, and a changed worker is a new
// version, announced to components through OnAppUpdate.
func WatchForUpdates(interval time.Duration) {
	onShow := app.FuncOf(func(this app.Value, args []app.Value) any {
		if app.Window().Get("document").Get("visibilityState").String() == "visible" {
			app.TryUpdate()
		}
		return nil
	})
	app.Window().Get("document").Call("addEventListener", "visibilitychange", onShow)
	app.Window().Call("addEventListener", "focus", onShow)
	go func() {
		time.Sleep(3 * time.Second) // once the worker's registration is made
		for {
			app.TryUpdate()
			time.Sleep(interval)
		}
	}()
}
