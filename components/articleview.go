package components

import (
	"unicode/utf8"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"dateline/app/article"
	"dateline/app/i18n"
	"dateline/app/page"
)

// ArticleView renders an article's page: its section, headline, byline,
// figures, body with its inline "Read More" links, tags and related
// articles, then the stories before and after it. It is in the article's
// language, and so are its labels where the edition has them (English is
// built in); data text beside labels is isolated (<bdi>, dir="auto"), so
// that names and titles in either direction keep their order.
type ArticleView struct {
	app.Compo

	Site  *page.Site
	Story *page.Story
}

// Render draws the article. Text from the dataset is always set as text,
// never as markup.
func (v *ArticleView) Render() app.UI {
	a := v.Story.Article
	lang := a.Language()
	t := v.Site.TableFor(lang)
	return app.Elem("article").Class("story").Lang(lang).Dir(article.Dir(lang)).Attr("aria-labelledby", "page-title").Attr("data-slug", a.Slug).Body(
		// Drawn by reader.js as the reader goes through the body.
		app.Elem("div").Class("reading-progress").Attr("aria-hidden", "true"),
		app.Elem("header").Class("story-head").Body(
			app.If(a.Section != "", func() app.UI {
				return app.Elem("p").Class("story-section").Body(
					app.Elem("a").Attr("href", page.SectionRef(article.NameSlug(a.Section), 1).Path()).Dir("auto").Text(a.Section),
				)
			}),
			app.Elem("h1").ID("page-title").Class("story-headline").TabIndex(-1).Text(a.Headline),
			bylineView(t, a),
			toolbarView(t),
		),
		app.Range(a.Figures).Slice(func(i int) app.UI {
			return figureView(t, a.Figures[i], i == 0)
		}),
		app.Elem("div").Class("story-body").Body(
			app.Range(a.Body).Slice(func(i int) app.UI {
				return blockView(t, a, i)
			}),
		),
		tagsView(t, a.Tags),
		relatedView(t, a.Related),
		app.If(article.IsWebURL(a.SourceURL), func() app.UI {
			return app.Elem("p").Class("story-source").Body(
				app.Elem("a").Attr("href", a.SourceURL).Attr("rel", "noopener noreferrer").Text(t.Text(i18n.OriginalStory)),
			)
		}),
		storyNav(t, v.Story),
		// Printed at the end of the article: reader.js writes the
		// page's address and the date before printing.
		app.Elem("p").Class("print-note").Attr("aria-hidden", "true"),
	)
}

// toolbarView offers to save, share and listen to the article. reader.js
// (web/reader.js) does what the buttons say, with or without app.wasm;
// Listen shows only where the browser can speak (html[data-speech], set
// before the first paint).
func toolbarView(t *i18n.Table) app.UI {
	button := func(class string, label i18n.Key) app.HTMLElem {
		return app.Elem("button").Attr("type", "button").Class("tool " + class).Text(t.Text(label))
	}
	return app.Elem("div").Class("story-tools").Role("toolbar").Attr("aria-label", t.Text(i18n.ArticleTools)).Body(
		button("tool-save", i18n.Save).Attr("aria-pressed", "false"),
		button("tool-share", i18n.Share),
		button("tool-listen", i18n.Listen).Attr("aria-pressed", "false"),
	)
}

// readingMinutes is how long the article's text takes to read, at the
// speed of its language.
func readingMinutes(a *article.Article) int {
	chars := 0
	for _, b := range a.Body {
		if b.Type == article.Paragraph {
			chars += utf8.RuneCountInString(b.Text)
		}
	}
	return i18n.ReadingMinutes(a.Language(), chars)
}

// tagsView links the article's tags.
func tagsView(t *i18n.Table, tags []string) app.UI {
	if len(tags) == 0 {
		return nil
	}
	return app.Elem("ul").Class("story-tags").Attr("aria-label", t.Text(i18n.Tags)).Body(
		app.Range(tags).Slice(func(i int) app.UI {
			return app.Elem("li").Body(app.Elem("a").Attr("href", page.TagRef(article.NameSlug(tags[i]), 1).Path()).Dir("auto").Text(tags[i]))
		}),
	)
}

// storyNav leads to the stories before and after this one in its section,
// or in the whole archive, so that a reader never reaches a dead end.
func storyNav(t *i18n.Table, s *page.Story) app.UI {
	if s.Newer == nil && s.Older == nil {
		return nil
	}
	section := s.Article.Section
	label := func(inSection, alone i18n.Key) []app.UI {
		if section == "" {
			return []app.UI{app.Text(t.Text(alone))}
		}
		before, after := t.Around(inSection, "section")
		return []app.UI{app.Text(before), app.Elem("bdi").Text(section), app.Text(after)}
	}
	link := func(class string, l []app.UI, to *page.Teaser) app.UI {
		if to == nil {
			return nil
		}
		lang := to.Lang
		if lang == "" {
			lang = article.DefaultLang
		}
		return app.Elem("a").Class("story-nav-link "+class).Attr("href", page.ArticlePath(to.Slug)).Body(
			app.Elem("span").Class("story-nav-label").Body(l...),
			app.Elem("span").Class("story-nav-title").Lang(lang).Dir(article.Dir(lang)).Text(to.Headline),
		)
	}
	return app.Elem("nav").Class("story-nav").Attr("aria-label", t.Text(i18n.MoreStories)).Body(
		link("story-nav-next", label(i18n.NextInSection, i18n.NextStory), s.Older),
		link("story-nav-prev", label(i18n.PreviousInSection, i18n.PreviousStory), s.Newer),
	)
}

// bylineView shows authors and dates when the article has them, and the
// time the article takes to read.
func bylineView(t *i18n.Table, a *article.Article) app.UI {
	updated := a.Updated != "" && t.FormatDate(a.Updated) != t.FormatDate(a.Published)
	var parts [][]app.UI
	if len(a.Authors) > 0 {
		before, after := t.Around(i18n.ByAuthors, "authors")
		by := []app.UI{app.Text(before)}
		by = append(by, names(t, a.Authors)...)
		parts = append(parts, append(by, app.Text(after)))
	}
	if a.Published != "" {
		parts = append(parts, []app.UI{app.Elem("time").Attr("datetime", a.Published).Text(t.FormatDate(a.Published))})
	}
	if updated {
		before, after := t.Around(i18n.Updated, "date")
		parts = append(parts, []app.UI{app.Elem("span").Class("story-updated").Body(
			app.Text(before),
			app.Elem("time").Attr("datetime", a.Updated).Text(t.FormatDate(a.Updated)),
			app.Text(after),
		)})
	}
	minutes := readingMinutes(a)
	parts = append(parts, []app.UI{app.Elem("span").Class("story-reading-time").Text(
		t.Plural(i18n.ReadingTime, minutes))})
	var body []app.UI
	for i, p := range parts {
		if i > 0 {
			body = append(body, app.Text(" · "))
		}
		body = append(body, p...)
	}
	return app.Elem("p").Class("story-byline").Body(body...)
}

// names writes "A", "A and B", "A, B and C" with the edition's joiners,
// each name isolated.
func names(t *i18n.Table, list []string) []app.UI {
	var out []app.UI
	for i, n := range list {
		switch {
		case i == 0:
		case i == len(list)-1:
			out = append(out, app.Text(t.Text(i18n.JoinLast)))
		default:
			out = append(out, app.Text(t.Text(i18n.JoinComma)))
		}
		out = append(out, app.Elem("bdi").Class("story-author").Text(n))
	}
	return out
}

// blockView renders body block i. The dateline leads the first paragraph,
// as in wire copy: "ERBIL (Kurdistan 24) – ".
func blockView(t *i18n.Table, a *article.Article, i int) app.UI {
	b := a.Body[i]
	switch b.Type {
	case article.Paragraph:
		if i == firstParagraph(a) && a.Dateline != nil {
			return app.Elem("p").Body(
				app.Elem("span").Class("story-dateline").Text(a.Dateline.Label()+" – "),
				app.Text(b.Text),
			)
		}
		return app.Elem("p").Text(b.Text)
	case article.ReadMore:
		return app.Elem("p").Class("read-more").Body(
			app.Elem("span").Class("read-more-label").Text(t.Text(i18n.ReadMore)),
			app.Text(" "),
			linkView(t, b.Link),
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
