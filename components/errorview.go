package components

import (
	"errors"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"dateline/app/i18n"
	"dateline/app/page"
)

// ErrorView is the one place a reader is told something went wrong.
type ErrorView struct {
	app.Compo

	Site *page.Site
	// Stale tells that the site has a new version whose pages this one
	// cannot load: the reader is offered a reload, not an error.
	Stale bool
}

// Render says that the page could not be loaded, with a way to try again.
// What went wrong is for the console (logLoadError), not the reader.
func (v *ErrorView) Render() app.UI {
	t := v.Site.Table
	title, text, retry := i18n.ErrorTitle, i18n.ErrorText, i18n.ErrorRetry
	if v.Stale {
		title, text, retry = i18n.StaleTitle, i18n.StaleText, i18n.UpdateReload
	}
	return app.Elem("section").Class("notice").Attr("aria-labelledby", "page-title").Body(
		app.Elem("h1").ID("page-title").TabIndex(-1).Body(Label(t.Text(title))),
		app.Elem("p").Body(Label(t.Text(text))),
		app.Elem("p").Body(
			app.Elem("button").Attr("type", "button").Class("button").Body(Label(t.Text(retry))).OnClick(v.retry),
			app.Text(" "),
			app.Elem("a").Attr("href", "/").Body(Label(t.Text(i18n.ErrorHome))),
		),
	)
}

func (v *ErrorView) retry(ctx app.Context, e app.Event) { ctx.Reload() }

// logLoadError puts the details of a failed load in the console: as an
// error, unless the page is only not saved for offline (page.ErrOffline).
func logLoadError(err error) {
	if errors.Is(err, page.ErrOffline) {
		app.Log("dateline: showing the offline page:", err.Error())
		return
	}
	app.Log("dateline: loading page data:", err)
}
