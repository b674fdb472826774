package components

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"dateline/app/article"
	"dateline/app/page"
)

// ArticleView renders an article's page: its section, headline, byline,
// figures, body with its inline "Read More" links, tags and related
// articles, then the stories before and after it.
type ArticleView struct {
	app.Compo

	Story *page.Story
}

// Render draws the article. Text from the dataset is always set as text,
// never as markup.
func (v *ArticleView) Render() app.UI {
	a := v.Story.Article
	lang := a.Language()
	return app.Article().Class("story").Lang(lang).Dir(article.Dir(lang)).Aria("labelledby", "page-title").Body(
		app.Header().Class("story-head").Body(
			app.If(a.Section != "", func() app.UI {
				return app.P().Class("story-section").Body(
					app.A().Href(page.SectionRef(article.NameSlug(a.Section), 1).Path()).Text(a.Section),
				)
			}),
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
		tagsView(a.Tags),
		relatedView(a.Related),
		app.If(article.IsWebURL(a.SourceURL), func() app.UI {
			return app.P().Class("story-source").Body(
				app.A().Href(a.SourceURL).Rel("noopener noreferrer").Text("Read the original story"),
			)
		}),
		storyNav(v.Story),
	)
}

// tagsView links the article's tags.
func tagsView(tags []string) app.UI {
	if len(tags) == 0 {
		return nil
	}
	return app.Ul().Class("story-tags").Aria("label", "Tags").Body(
		app.Range(tags).Slice(func(i int) app.UI {
			return app.Li().Body(app.A().Href(page.TagRef(article.NameSlug(tags[i]), 1).Path()).Text(tags[i]))
		}),
	)
}

// storyNav leads to the stories before and after this one in its section,
// or in the whole archive, so that a reader never reaches a dead end.
func storyNav(s *page.Story) app.UI {
	if s.Newer == nil && s.Older == nil {
		return nil
	}
	within := "story"
	if s.Article.Section != "" {
		within = "in " + s.Article.Section
	}
	link := func(class, label string, t *page.Teaser) app.UI {
		if t == nil {
			return nil
		}
		lang := t.Lang
		if lang == "" {
			lang = article.DefaultLang
		}
		return app.A().Class("story-nav-link "+class).Href(page.ArticlePath(t.Slug)).Body(
			app.Span().Class("story-nav-label").Text(label+" "+within),
			app.Span().Class("story-nav-title").Lang(lang).Dir(article.Dir(lang)).Text(t.Headline),
		)
	}
	return app.Nav().Class("story-nav").Aria("label", "More stories").Body(
		link("story-nav-next", "Next", s.Older),
		link("story-nav-prev", "Previous", s.Newer),
	)
}

// bylineView shows authors and date when the article has them, and nothing
// at all when it has neither.
func bylineView(a *article.Article) app.UI {
	if len(a.Authors) == 0 && a.Published == "" && a.Updated == "" {
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
		app.If(a.Updated != "" && article.FormatDate(a.Updated) != article.FormatDate(a.Published), func() app.UI {
			return app.Span().Class("story-updated").Body(
				app.Text(" · Updated "),
				app.Time().DateTime(a.Updated).Text(article.FormatDate(a.Updated)),
			)
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
				app.Span().Class("story-dateline").Text(a.Dateline.Label()+" – "),
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
