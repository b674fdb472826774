package components

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// ArticlePage shows one article, /articles/<slug>.
type ArticlePage struct {
	app.Compo

	st pageState
}

// OnInit shows the page's data in the first render, when it is at hand.
func (p *ArticlePage) OnInit() { p.st.init(ArticleKind) }

// OnNav loads the article and sets the document's title and description.
func (p *ArticlePage) OnNav(ctx app.Context) {
	p.st.load(ctx, func(ctx app.Context) {
		if a := p.st.Data.Article; a != nil {
			setMeta(ctx, a.Headline, a.Excerpt(160))
		} else {
			setMeta(ctx, notFoundTitle, "")
		}
		afterNav(ctx)
	})
}

// Render draws the article.
func (p *ArticlePage) Render() app.UI {
	return &Shell{Content: contentFor(p.st, func(d PageData) []app.UI {
		if d.Article == nil {
			return notFoundContent()
		}
		return []app.UI{&ArticleView{Article: d.Article}}
	})}
}
