package components

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// notFoundTitle heads a page that does not exist; the host answers its
// address with status 404.
const notFoundTitle = "Page not found"

func notFoundContent() []app.UI {
	return []app.UI{
		app.Section().Class("notice").Aria("labelledby", "page-title").Body(
			app.H1().ID("page-title").TabIndex(-1).Text(notFoundTitle),
			app.P().Text("There is no page at this address. It may have been moved or removed."),
			app.P().Body(app.A().Href("/").Text("See the latest articles")),
		),
	}
}
