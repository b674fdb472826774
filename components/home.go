package components

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"dateline/app/article"
)

// Home lists every article of the dataset.
type Home struct {
	app.Compo

	st pageState
}

// OnInit shows the page's data in the first render, when it is at hand.
func (h *Home) OnInit() { h.st.init(HomeKind) }

// OnNav loads the list of articles.
func (h *Home) OnNav(ctx app.Context) {
	h.st.load(ctx, func(ctx app.Context) {
		setMeta(ctx, "", SiteDescription)
		afterNav(ctx)
	})
}

// Render draws the list.
func (h *Home) Render() app.UI {
	return &Shell{Content: contentFor(h.st, func(d PageData) []app.UI {
		return []app.UI{
			app.H1().ID("page-title").Class("page-title").TabIndex(-1).Text("Latest articles"),
			app.Ul().Class("article-list").Body(
				app.Range(d.Index).Slice(func(i int) app.UI {
					return app.Li().Body(summaryView(d.Index[i]))
				}),
			),
		}
	})}
}

// summaryView is one entry of the home page's list.
func summaryView(s article.Summary) app.UI {
	lang := s.Lang
	if lang == "" {
		lang = article.DefaultLang
	}
	return app.Article().Class("summary").Lang(lang).Dir(article.Dir(lang)).Body(
		app.H2().Class("summary-headline").Body(
			app.A().Href(article.Path(s.Slug)).Text(s.Headline),
		),
		app.If(s.Dateline != nil, func() app.UI {
			return app.P().Class("summary-dateline").Text(datelineLabel(s.Dateline))
		}),
		app.If(s.Excerpt != "", func() app.UI {
			return app.P().Class("summary-excerpt").Text(s.Excerpt)
		}),
	)
}

// datelineLabel writes a dateline the way wire copy does: "ERBIL (Kurdistan 24)".
func datelineLabel(d *article.Dateline) string {
	switch {
	case d.Place != "" && d.Source != "":
		return d.Place + " (" + d.Source + ")"
	case d.Place != "":
		return d.Place
	default:
		return d.Source
	}
}
