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
	return app.Elem("section").Class("related").Attr("aria-labelledby", "related-title").Body(
		app.Elem("h2").ID("related-title").Class("related-title").Text(t.Text(i18n.Related)),
		app.Elem("ul").Class("related-list").Body(
			app.Range(links).Slice(func(i int) app.UI {
				return app.Elem("li").Body(linkView(t, links[i]))
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
		return app.Elem("a").Attr("href", page.ArticlePath(l.Slug)).Dir("auto").Text(l.Title)
	case article.External:
		return app.Elem("a").Attr("href", l.URL).Attr("rel", "noopener noreferrer").Class("external").Dir("auto").Text(l.Title)
	default:
		return app.Elem("span").Class("unlinked").Body(
			app.Elem("bdi").Class("unlinked-title").Text(l.Title),
			app.Text(" "),
			app.Elem("span").Class("unlinked-note").Text(t.Text(i18n.NotInCollection)),
		)
	}
}
