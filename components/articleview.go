package components

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"dateline/app/article"
)

// ArticleView renders an article: headline, byline, figures, body with its
// inline "Read More" links, and the list of related articles.
type ArticleView struct {
	app.Compo

	Article *article.Article
}

// Render draws the article. Text from the dataset is always set as text,
// never as markup.
func (v *ArticleView) Render() app.UI {
	a := v.Article
	lang := a.Language()
	return app.Article().Class("story").Lang(lang).Dir(article.Dir(lang)).Aria("labelledby", "page-title").Body(
		app.Header().Class("story-head").Body(
			app.H1().ID("page-title").Class("story-headline").TabIndex(-1).Text(a.Headline),
			bylineView(a),
		),
		app.Range(a.Figures).Slice(func(i int) app.UI {
			return figureView(a.Figures[i], i == 0)
		}),
		app.Div().Class("story-body").Body(
			app.Range(a.Body).Slice(func(i int) app.UI {
				return blockView(a, i)
			}),
		),
		relatedView(a.Related),
		app.If(article.IsWebURL(a.SourceURL), func() app.UI {
			return app.P().Class("story-source").Body(
				app.A().Href(a.SourceURL).Rel("noopener noreferrer").Text("Read the original story"),
			)
		}),
	)
}

// bylineView shows authors and date when the article has them, and nothing
// at all when it has neither.
func bylineView(a *article.Article) app.UI {
	if len(a.Authors) == 0 && a.Published == "" {
		return nil
	}
	return app.P().Class("story-byline").Body(
		app.If(len(a.Authors) > 0, func() app.UI {
			return app.Span().Class("story-authors").Text("By " + joinNames(a.Authors))
		}),
		app.If(len(a.Authors) > 0 && a.Published != "", func() app.UI {
			return app.Text(" · ")
		}),
		app.If(a.Published != "", func() app.UI {
			return app.Time().DateTime(a.Published).Text(article.FormatDate(a.Published))
		}),
	)
}

// joinNames writes "A", "A and B", "A, B and C".
func joinNames(names []string) string {
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	s := names[0]
	for _, n := range names[1 : len(names)-1] {
		s += ", " + n
	}
	return s + " and " + names[len(names)-1]
}

// blockView renders body block i. The dateline leads the first paragraph,
// as in wire copy: "ERBIL (Kurdistan 24) – ".
func blockView(a *article.Article, i int) app.UI {
	b := a.Body[i]
	switch b.Type {
	case article.Paragraph:
		if i == firstParagraph(a) && a.Dateline != nil {
			return app.P().Body(
				app.Span().Class("story-dateline").Text(datelineLabel(a.Dateline)+" – "),
				app.Text(b.Text),
			)
		}
		return app.P().Text(b.Text)
	case article.ReadMore:
		return app.P().Class("read-more").Body(
			app.Span().Class("read-more-label").Text("Read More: "),
			linkView(b.Link),
		)
	}
	return nil
}

func firstParagraph(a *article.Article) int {
	for i, b := range a.Body {
		if b.Type == article.Paragraph {
			return i
		}
	}
	return -1
}
