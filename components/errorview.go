package components

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// ErrorView is the one place a reader is told something went wrong.
type ErrorView struct {
	app.Compo

	Message string
}

// Render shows the message with a way to try again.
func (v *ErrorView) Render() app.UI {
	return app.Section().Class("notice").Aria("labelledby", "page-title").Body(
		app.H1().ID("page-title").TabIndex(-1).Text("This page could not be loaded"),
		app.P().Text(v.Message),
		app.P().Body(
			app.Button().Type("button").Class("button").Text("Try again").OnClick(v.retry),
			app.Text(" "),
			app.A().Href("/").Text("Go to the home page"),
		),
	)
}

func (v *ErrorView) retry(ctx app.Context, e app.Event) { ctx.Reload() }

// errorMessage turns a load error into words for the reader; details stay in
// the console.
func errorMessage(err error) string {
	app.Log("dateline: loading page data:", err)
	return "Check your connection and try again."
}
