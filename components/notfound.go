package components

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"dateline/app/i18n"
)

// notFoundContent says that there is no page at the address; the host
// answers it with status 404.
func notFoundContent(t *i18n.Table) []app.UI {
	return []app.UI{
		app.Section().Class("notice").Attr("aria-labelledby", "page-title").Body(
			app.H1().ID("page-title").TabIndex(-1).Text(t.Text(i18n.NotFoundTitle)),
			app.P().Text(t.Text(i18n.NotFoundText)),
			app.P().Body(app.A().Href("/").Text(t.Text(i18n.NotFoundLatest))),
		),
	}
}
