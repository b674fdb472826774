package components

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// NotFoundPage is shown for any path that is not a page of the site. The
// host answers such paths with status 404.
type NotFoundPage struct {
	app.Compo
}

// OnNav sets the document title.
func (p *NotFoundPage) OnNav(ctx app.Context) {
	setMeta(ctx, notFoundTitle, "")
	afterNav(ctx)
}

// Render draws the not-found page.
func (p *NotFoundPage) Render() app.UI {
	return &Shell{Content: notFoundContent()}
}

const notFoundTitle = "Page not found"

func notFoundContent() []app.UI {
	return []app.UI{
		app.Section().Class("notice").Aria("labelledby", "page-title").Body(
			app.H1().ID("page-title").TabIndex(-1).Text(notFoundTitle),
			app.P().Text("There is no article at this address. It may have been moved or removed."),
			app.P().Body(app.A().Href("/").Text("See all articles")),
		),
	}
}
