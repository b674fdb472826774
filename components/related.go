package components

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"dateline/app/article"
	"dateline/app/i18n"
	"dateline/app/page"
)

// relatedView lists the related articles after the body.
func relatedView(t *i18n.Table, links []article.Link) app.UI {
	if len(links) == 0 {
		return nil
	}
	return app.Section().Class("related").Attr("aria-labelledby", "related-title").Body(
		app.H2().ID("related-title").Class("related-title").Text(t.Text(i18n.Related)),
		app.Ul().Class("related-list").Body(
			app.Range(links).Slice(func(i int) app.UI {
				return app.Li().Body(linkView(t, links[i]))
			}),
		),
	)
}

// linkView renders a related link by where it leads: an article of the
// collection, a page elsewhere, or a title only, marked as not in this
// collection so that the reader is not sent to a dead link. The title is
// isolated from the label beside it.
func linkView(t *i18n.Table, l article.Link) app.UI {
	switch l.Kind() {
	case article.Internal:
		return app.A().Href(page.ArticlePath(l.Slug)).Dir("auto").Text(l.Title)
	case article.External:
		return app.A().Href(l.URL).Rel("noopener noreferrer").Class("external").Dir("auto").Text(l.Title)
	default:
		return app.Span().Class("unlinked").Body(
			app.Bdi().Class("unlinked-title").Text(l.Title),
			app.Text(" "),
			app.Span().Class("unlinked-note").Text(t.Text(i18n.NotInCollection)),
		)
	}
}
