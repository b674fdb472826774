package components

import (
	"strconv"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"dateline/app/article"
	"dateline/app/page"
)

// listContent draws a page of a list of articles: the home page, a
// section or a tag, newest first, with links to the pages before and
// after it.
func listContent(site *page.Site, ref page.Ref, l *page.List) []app.UI {
	// The home page's heading is a label; a section's or a tag's is its
	// name, set as written (no case change: "iPhone", Arabic script).
	class := "page-title"
	if ref.Kind != page.Home {
		class = "list-title"
	}
	return []app.UI{
		app.H1().ID("page-title").Class(class).TabIndex(-1).Text(listTitle(site, ref, l)),
		app.Ul().Class("article-list").Body(
			app.Range(l.Items).Slice(func(i int) app.UI {
				return app.Li().Body(summaryView(&l.Items[i], ref.Kind != page.Section))
			}),
		),
		pagerView(ref, l),
	}
}

// summaryView is one entry of a list: the headline, the date and section
// when the article has them, and the start of its text.
func summaryView(s *article.Summary, showSection bool) app.UI {
	lang := s.Language()
	section := showSection && s.Section != ""
	return app.Article().Class("summary").Lang(lang).Dir(article.Dir(lang)).Body(
		app.H2().Class("summary-headline").Body(
			app.A().Href(page.ArticlePath(s.Slug)).Text(s.Headline),
		),
		app.If(s.Published != "" || section, func() app.UI {
			return app.P().Class("summary-meta").Body(
				app.If(s.Published != "", func() app.UI {
					return app.Time().DateTime(s.Published).Text(article.FormatDate(s.Published))
				}),
				app.If(s.Published != "" && section, func() app.UI { return app.Text(" · ") }),
				app.If(section, func() app.UI {
					return app.A().Class("summary-section").Href(page.SectionRef(article.NameSlug(s.Section), 1).Path()).Text(s.Section)
				}),
			)
		}),
		app.If(s.Excerpt != "", func() app.UI {
			return app.P().Class("summary-excerpt").Text(s.Excerpt)
		}),
	)
}

// pagerView links a list page to its neighbours: newer articles before
// it, older after. A list of one page has none.
func pagerView(ref page.Ref, l *page.List) app.UI {
	if l.Pages <= 1 {
		return nil
	}
	prev, hasPrev := l.Prev(ref)
	next, hasNext := l.Next(ref)
	return app.Nav().Class("pager").Aria("label", "Pages").Body(
		app.If(hasPrev, func() app.UI {
			return app.A().Class("pager-prev").Rel("prev").Href(prev.Path()).Text("Newer articles")
		}),
		app.Span().Class("pager-at").Text("Page "+strconv.Itoa(l.Page)+" of "+strconv.Itoa(l.Pages)),
		app.If(hasNext, func() app.UI {
			return app.A().Class("pager-next").Rel("next").Href(next.Path()).Text("Older articles")
		}),
	)
}
