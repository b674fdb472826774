package components

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"dateline/app/i18n"
	"dateline/app/page"
)

// notFoundContent says that there is no page at the address; the host
// answers it with status 404.
func notFoundContent(t *i18n.Table) []app.UI {
	return []app.UI{
		app.Elem("section").Class("notice").Attr("aria-labelledby", "page-title").Body(
			app.Elem("h1").ID("page-title").TabIndex(-1).Text(t.Text(i18n.NotFoundTitle)),
			app.Elem("p").Text(t.Text(i18n.NotFoundText)),
			app.Elem("p").Body(app.Elem("a").Attr("href", "/").Text(t.Text(i18n.NotFoundLatest))),
		),
	}
}

// offlineContent says that the page asked for is neither saved on this
// device nor reachable, and leads to what is: the latest articles and the
// saved ones, both kept offline. The service worker answers it with
// status 503 (page.Offline).
func offlineContent(t *i18n.Table) []app.UI {
	return []app.UI{
		app.Elem("section").Class("notice").Attr("aria-labelledby", "page-title").Body(
			app.Elem("h1").ID("page-title").TabIndex(-1).Text(t.Text(i18n.OfflinePageTitle)),
			app.Elem("p").Text(t.Text(i18n.OfflinePageText)),
			app.Elem("ul").Class("notice-links").Body(
				app.Elem("li").Body(app.Elem("a").Attr("href", "/").Text(t.Text(i18n.NotFoundLatest))),
				app.Elem("li").Body(app.Elem("a").Attr("href", page.SavedPath).Text(t.Text(i18n.SavedTitle))),
			),
		),
	}
}
