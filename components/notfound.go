package components

import (
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"dateline/app/i18n"
	"dateline/app/page"
)

// notFoundContent says that there is no page at the address; the host
// answers it with status 404.
func notFoundContent(t *i18n.Table) []app.UI {
	return []app.UI{
		app.Elem("section").Class("notice").Attr("aria-labelledby", "page-title").Body(
			app.Elem("h1").ID("page-title").TabIndex(-1).Body(Label(t.Text(i18n.NotFoundTitle))),
			app.Elem("p").Body(Label(t.Text(i18n.NotFoundText))),
			app.Elem("p").Body(app.Elem("a").Attr("href", "/").Body(Label(t.Text(i18n.NotFoundLatest)))),
		),
	}
}

// offlineContent says that the page asked for is neither saved on this
// device nor reachable, and leads to what is: the latest articles and the
// saved ones, both kept offline. The service worker answers it with
// status 503 (page.Offline), and app.wasm draws it for an in-app link to
// such a page (page.ErrOffline). Its page from the host runs no app.wasm,
// and the app never takes it over, so it is markup: a few hundred bytes of
// app.wasm rather than the 6.5 kB its elements took. Its class,
// notice-offline, tells web/reader.js to open the page once back online,
// as the page says it will.
func offlineContent(t *i18n.Table) []app.UI {
	return []app.UI{markup(func(b *strings.Builder) {
		put(b, `<section class="notice notice-offline" aria-labelledby="page-title"><h1 id="page-title" tabindex="-1">`)
		writeBoth(b, t, "net", i18n.OfflinePageTitle, i18n.UnreachableTitle)
		put(b, `</h1><p>`)
		writeBoth(b, t, "net", i18n.OfflinePageText, i18n.UnreachableText)
		put(b, `</p><ul class="notice-links"><li><a href="/">`)
		writeText(b, t.Text(i18n.NotFoundLatest))
		put(b, `</a></li><li><a href="`, page.SavedPath, `">`)
		writeText(b, t.Text(i18n.SavedTitle))
		put(b, `</a></li></ul></section>`)
	})}
}

// writeBoth writes a text twice, in spans of classes cls-off and cls-on:
// "net", what is true offline (net-off), and online, when the site does
// not answer (net-on); "saver", what is true with data saver off and on.
// The style sheet shows one by the document's data-offline or
// data-saver, which the inline loader sets before the first paint and
// reader.js keeps in step with the device and the settings.
func writeBoth(b *strings.Builder, t *i18n.Table, cls string, off, on i18n.Key) {
	put(b, `<span class="`, cls, `-off">`)
	writeText(b, t.Text(off))
	put(b, `</span><span class="`, cls, `-on">`)
	writeText(b, t.Text(on))
	put(b, `</span>`)
}
