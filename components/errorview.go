package components

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"dateline/app/i18n"
	"dateline/app/page"
)

// ErrorView is the one place a reader is told something went wrong.
type ErrorView struct {
	app.Compo

	Site *page.Site
}

// Render says that the page could not be loaded, with a way to try again.
// What went wrong is for the console (errorMessage), not the reader.
func (v *ErrorView) Render() app.UI {
	t := v.Site.Table
	return app.Section().Class("notice").Aria("labelledby", "page-title").Body(
		app.H1().ID("page-title").TabIndex(-1).Text(t.Text(i18n.ErrorTitle)),
		app.P().Text(t.Text(i18n.ErrorText)),
		app.P().Body(
			app.Button().Type("button").Class("button").Text(t.Text(i18n.ErrorRetry)).OnClick(v.retry),
			app.Text(" "),
			app.A().Href("/").Text(t.Text(i18n.ErrorHome)),
		),
	)
}

func (v *ErrorView) retry(ctx app.Context, e app.Event) { ctx.Reload() }

// logLoadError puts the details of a failed load in the console.
func logLoadError(err error) {
	app.Log("dateline: loading page data:", err)
}
