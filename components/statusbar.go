package components

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"dateline/app/i18n"
	"dateline/app/page"
)

// offlineState is how far the service worker has got in saving the site.
type offlineState int

const (
	offlineUnknown offlineState = iota
	offlineSaving
	offlineReady   // every page is saved
	offlinePartial // the latest pages are saved, and others as they are read
	offlineFailed
)

// StatusBar tells the reader, calmly, whether they are online, whether the
// site is saved for offline reading, and offers to install the app or to
// load a new version. It is rendered empty on the host and fills in once
// the browser answers, without moving anything on the page.
type StatusBar struct {
	app.Compo

	// Site is the edition, whose words the bar speaks.
	Site *page.Site

	offline      bool
	state        offlineState
	done, total  int
	failure      string
	showHowTo    bool
	installable  bool
	apple        bool
	update       bool
	releaseFuncs []func()
}

// OnMount listens to the browser's online/offline events and to the
// service worker's messages, then asks the worker where it stands.
func (b *StatusBar) OnMount(ctx app.Context) {
	if !app.IsClient {
		return
	}
	b.installable, b.apple = ctx.IsAppInstallable(), ctx.IsAppleBrowser()
	b.offline = !app.Window().Get("navigator").Get("onLine").Bool()
	b.listen(ctx, app.Window(), "online", func(app.Value) { b.offline = false })
	b.listen(ctx, app.Window(), "offline", func(app.Value) { b.offline = true })
	sw := app.Window().Get("navigator").Get("serviceWorker")
	if !sw.Truthy() {
		return
	}
	b.listen(ctx, sw, "message", func(e app.Value) { b.onWorkerMessage(e.Get("data").Get("dateline")) })
	// The worker's last report before app.wasm ran, kept by boot.js.
	b.onWorkerMessage(app.Window().Get("datelineWorkerReport"))
	askWorkerStatus()
}

// listen adds an event listener that updates the bar, and remembers how to
// remove it.
func (b *StatusBar) listen(ctx app.Context, target app.Value, event string, h func(app.Value)) {
	fn := app.FuncOf(func(this app.Value, args []app.Value) any {
		var e app.Value
		if len(args) > 0 {
			e = args[0]
		}
		ctx.Dispatch(func(app.Context) { h(e) })
		return nil
	})
	target.Call("addEventListener", event, fn)
	b.releaseFuncs = append(b.releaseFuncs, func() {
		target.Call("removeEventListener", event, fn)
		fn.Release()
	})
}

// OnDismount removes the listeners.
func (b *StatusBar) OnDismount() {
	for _, release := range b.releaseFuncs {
		release()
	}
	b.releaseFuncs = nil
}

// onWorkerMessage follows the service worker's reports.
func (b *StatusBar) onWorkerMessage(msg app.Value) {
	if !msg.Truthy() {
		return
	}
	typ := msg.Get("type").String()
	if v := msg.Get("version"); (typ == "activated" || typ == "status") && v.Truthy() && v.String() != pageVersion() {
		// A worker of another version is in charge: this page is old.
		b.update = true
	}
	switch typ {
	case "cache-progress":
		b.state, b.done, b.total = offlineSaving, msg.Get("done").Int(), msg.Get("total").Int()
	case "cache-done":
		b.state = offlineReady
	case "cache-failed":
		b.state, b.failure = offlineFailed, msg.Get("error").String()
	case "status":
		switch {
		case msg.Get("complete").Bool():
			b.state = offlineReady
		case msg.Get("saved").Bool():
			b.state = offlinePartial
		}
	}
}

// OnAppUpdate is called by go-app when a service worker has been
// activated. That happens on the first visit too, so the bar asks the
// worker its version and prompts only when it differs from this page's.
func (b *StatusBar) OnAppUpdate(ctx app.Context) { askWorkerStatus() }

// askWorkerStatus asks the active service worker to report its version and
// how much it has saved; the answer comes as a "status" message.
func askWorkerStatus() {
	ask := app.FuncOf(func(this app.Value, args []app.Value) any {
		if active := args[0].Get("active"); active.Truthy() {
			active.Call("postMessage", map[string]any{"dateline": map[string]any{"type": "status"}})
		}
		return nil
	})
	app.Window().Get("navigator").Get("serviceWorker").Get("ready").Call("then", ask).Call("finally", app.FuncOf(func(app.Value, []app.Value) any {
		ask.Release()
		return nil
	}))
}

// pageVersion is the version of the app this page was served with.
func pageVersion() string { return app.Getenv("GOAPP_VERSION") }

// OnAppInstallChange is called by go-app when the app becomes installable
// or is installed.
func (b *StatusBar) OnAppInstallChange(ctx app.Context) { b.installable = ctx.IsAppInstallable() }

// Render shows the state in the header, and an update prompt at the bottom
// of the screen. Both are positioned so they never move the page.
func (b *StatusBar) Render() app.UI {
	return app.Div().Class("status").Body(
		app.Div().Class("status-line").Aria("live", "polite").Body(
			// The pill that changes most comes first and keeps one width, so
			// nothing in the bar moves when its text changes (no layout shift).
			b.renderOfflineState(),
			app.If(b.offline, func() app.UI {
				return app.Span().Class("pill pill-offline").Text(b.Site.Table.Text(i18n.Offline))
			}),
			b.renderInstall(),
		),
		app.If(b.showHowTo, func() app.UI {
			return app.P().Class("howto").ID("install-howto").Text(
				b.Site.Table.Text(i18n.InstallApple, "site", b.Site.Name))
		}),
		app.If(b.update, b.renderUpdate),
	)
}

func (b *StatusBar) renderOfflineState() app.UI {
	t := b.Site.Table
	switch b.state {
	case offlineSaving:
		pct := 0
		if b.total > 0 {
			pct = b.done * 100 / b.total
		}
		return app.Span().Class("pill pill-state pill-saving").Body(
			app.Text(t.Text(i18n.OfflineSaving, "percent", t.Number(pct))),
			app.Progress().Class("visually-hidden").Max(b.total).Value(b.done),
		)
	case offlineReady:
		return app.Span().Class("pill pill-state pill-ready").Text(t.Text(i18n.OfflineReady))
	case offlinePartial:
		return app.Span().Class("pill pill-state pill-ready").
			Title(t.Text(i18n.OfflinePartialHint)).
			Text(t.Text(i18n.OfflinePartial))
	case offlineFailed:
		return app.Span().Class("pill pill-state pill-failed").Title(b.failure).Text(t.Text(i18n.OfflineFailed))
	}
	return nil
}

func (b *StatusBar) renderInstall() app.UI {
	if !b.installable {
		return nil
	}
	return app.Button().Type("button").Class("pill pill-button pill-install").
		Aria("expanded", b.showHowTo && b.apple).
		OnClick(b.install).Body(
		app.Span().Class("pill-icon").Aria("hidden", "true").Text("⤓"),
		app.Span().Class("pill-text").Text(b.Site.Table.Text(i18n.InstallApp)),
	)
}

func (b *StatusBar) install(ctx app.Context, e app.Event) {
	if b.apple {
		// Safari has no install prompt: say how instead.
		b.showHowTo = !b.showHowTo
		return
	}
	ctx.ShowAppInstallPrompt()
}

func (b *StatusBar) renderUpdate() app.UI {
	return app.Div().Class("toast").Aria("live", "polite").Body(
		app.Span().Text(b.Site.Table.Text(i18n.UpdateAvailable)),
		app.Button().Type("button").Class("button").ID("reload-button").Text(b.Site.Table.Text(i18n.UpdateReload)).OnClick(reloadKeepingPlace),
	)
}
