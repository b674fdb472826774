package components

import (
	"strings"
	"unicode/utf8"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"dateline/app/article"
	"dateline/app/i18n"
	"dateline/app/page"
	"dateline/app/search"
)

// ArticleView renders an article's page: its section, headline, byline,
// figures, body with its inline "Read More" links, tags and related
// articles, then the stories before and after it. It is in the article's
// language, and so are its labels where the edition has them (English is
// built in); data text beside labels is isolated in the direction of its
// language (direction.go), so that names and titles keep their order.
type ArticleView struct {
	app.Compo

	Site  *page.Site
	Story *page.Story
}

// Render draws the article as one piece of markup (writeArticle): it has
// no handler of its own (reader.js drives the toolbar), and go-app would
// mount it element by element, each element, attribute and text a call
// from Go into JavaScript (go run ./bench -profile on the seed article:
// 68 ms of Mount). Text from the dataset is always escaped, never markup.
func (v *ArticleView) Render() app.UI {
	return markup(func(b *strings.Builder) { writeArticle(b, v.Site, v.Story) })
}

// writeArticle writes an article's page: its section, headline, byline and
// tools, figures, body, tags, related articles, source and the stories
// around it.
func writeArticle(b *strings.Builder, site *page.Site, s *page.Story) {
	a := s.Article
	lang := a.Language()
	t := site.TableFor(lang)
	put(b, `<article class="story"`)
	attr(b, "lang", lang)
	attr(b, "dir", article.Dir(lang))
	put(b, ` aria-labelledby="page-title"`)
	attr(b, "data-slug", a.Slug)
	// The progress bar is drawn by reader.js as the reader goes through
	// the body.
	put(b, `><div class="reading-progress" aria-hidden="true"></div><header class="story-head">`)
	if a.Section != "" {
		put(b, `<p class="story-section">`)
		writeLink(b, page.SectionRef(article.NameSlug(a.Section), 1).Path(), "", article.Dir(lang), a.Section)
		put(b, `</p>`)
	}
	put(b, `<h1 id="page-title" class="story-headline" tabindex="-1"`)
	writeOwnDir(b, lang, search.Span{Text: a.Headline})
	put(b, `>`)
	writeText(b, a.Headline)
	put(b, `</h1>`)
	writeByline(b, t, a)
	writeToolbar(b, t, lang)
	put(b, `</header>`)
	for i := range a.Figures {
		writeFigure(b, t, lang, &a.Figures[i], i == 0)
	}
	put(b, `<div class="story-body">`)
	for i := range a.Body {
		writeBlock(b, t, a, i)
	}
	put(b, `</div>`)
	writeTags(b, t, lang, a.Tags)
	writeRelated(b, t, lang, a.Related)
	if article.IsWebURL(a.SourceURL) {
		put(b, `<p class="story-source"><a`)
		attr(b, "href", a.SourceURL)
		put(b, ` rel="noopener noreferrer">`)
		writeText(b, t.Text(i18n.OriginalStory))
		put(b, `</a></p>`)
	}
	writeStoryNav(b, t, s)
	// Printed at the end of the article: reader.js writes the page's
	// address and the date before printing.
	put(b, `<p class="print-note" aria-hidden="true"></p></article>`)
}

// writeToolbar offers to save, share and listen to the article. reader.js
// (web/reader.js) does what the buttons say, with or without app.wasm;
// Listen shows only where the browser can speak (html[data-speech], set
// before the first paint).
func writeToolbar(b *strings.Builder, t *i18n.Table, lang string) {
	button := func(class string, label i18n.Key, pressed bool) {
		put(b, `<button type="button" class="tool `, class, `"`)
		if pressed {
			put(b, ` aria-pressed="false"`)
		}
		put(b, `>`)
		writeText(b, t.Text(label))
		put(b, `</button>`)
	}
	// A labelled group, not a toolbar: a toolbar's buttons are one stop of
	// Tab, moved between with the arrow keys, which screen readers then
	// promise; these are three stops of Tab, as every other button is.
	put(b, `<div class="story-tools" role="group"`)
	writeLabelsLang(b, t, lang)
	attr(b, "aria-label", t.Plain().Text(i18n.ArticleTools))
	put(b, `>`)
	button("tool-save", i18n.Save, true)
	button("tool-share", i18n.Share, false)
	button("tool-listen", i18n.Listen, true)
	put(b, `</div>`)
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

// writeTags links the article's tags, which are in its language, lang.
func writeTags(b *strings.Builder, t *i18n.Table, lang string, tags []string) {
	if len(tags) == 0 {
		return
	}
	put(b, `<ul class="story-tags"`)
	attr(b, "aria-label", t.Plain().Text(i18n.Tags))
	put(b, `>`)
	for _, tag := range tags {
		put(b, `<li>`)
		writeLink(b, page.TagRef(article.NameSlug(tag), 1).Path(), "", article.Dir(lang), tag)
		put(b, `</li>`)
	}
	put(b, `</ul>`)
}

// writeStoryNav leads to the stories before and after this one in its
// section, or in the whole archive, so that a reader never reaches a dead
// end.
func writeStoryNav(b *strings.Builder, t *i18n.Table, s *page.Story) {
	if s.Newer == nil && s.Older == nil {
		return
	}
	section := s.Article.Section
	link := func(class string, inSection, alone i18n.Key, to *page.Teaser) {
		if to == nil {
			return
		}
		lang := to.Lang
		if lang == "" {
			lang = article.DefaultLang
		}
		put(b, `<a class="story-nav-link `, class, `"`)
		attr(b, "href", page.ArticlePath(to.Slug))
		put(b, `><span class="story-nav-label">`)
		if section == "" {
			writeText(b, t.Text(alone))
		} else {
			before, after := t.Around(inSection, "section")
			writeAround(b, before, after, s.Article.Language(), func() {
				put(b, `<bdi`)
				attr(b, "dir", article.Dir(s.Article.Language())) // the article's section
				put(b, `>`)
				writeText(b, section)
				put(b, `</bdi>`)
			})
		}
		put(b, `</span><span class="story-nav-title"`)
		attr(b, "lang", lang)
		attr(b, "dir", textDir(lang, to.Headline))
		put(b, `>`)
		writeText(b, to.Headline)
		put(b, `</span></a>`)
	}
	put(b, `<nav class="story-nav"`)
	writeLabelsLang(b, t, s.Article.Language())
	attr(b, "aria-label", t.Plain().Text(i18n.MoreStories))
	put(b, `>`)
	link("story-nav-next", i18n.NextInSection, i18n.NextStory, s.Older)
	link("story-nav-prev", i18n.PreviousInSection, i18n.PreviousStory, s.Newer)
	put(b, `</nav>`)
}

// writeLabelsLang gives an element whose words are t's labels, inside an
// article in language lang, t's language and direction where they differ
// from the article's: an Arabic article in an English edition has its
// byline, dates and tools in English, laid out left to right (they were
// laid out right to left, "May 2025 1" for "1 May 2025").
func writeLabelsLang(b *strings.Builder, t *i18n.Table, lang string) {
	if page.SameLanguage(t.Lang(), lang) {
		return
	}
	attr(b, "lang", t.Lang())
	if t.Dir() != article.Dir(lang) {
		attr(b, "dir", t.Dir())
	}
}

// writeByline shows authors and dates when the article has them, and the
// time the article takes to read, joined by sep.
func writeByline(b *strings.Builder, t *i18n.Table, a *article.Article) {
	put(b, `<p class="story-byline"`)
	writeLabelsLang(b, t, a.Language())
	put(b, `>`)
	if names := a.Bylines(); len(names) > 0 {
		before, after := t.Around(i18n.ByAuthors, "authors")
		writeAround(b, before, after, a.Language(), func() {
			// The article's bylines, in its direction.
			writeList(b, t, names, `<bdi class="story-author" dir="`+article.Dir(a.Language())+`">`)
		})
		put(b, sep)
	}
	if a.Published != "" {
		writeTime(b, t, a.Published)
		put(b, sep)
	}
	if a.Updated != "" && t.FormatDate(a.Updated) != t.FormatDate(a.Published) {
		before, after := t.Around(i18n.Updated, "date")
		put(b, `<span class="story-updated">`)
		writeAround(b, before, after, t.Lang(), func() { writeTime(b, t, a.Updated) })
		put(b, `</span>`+sep)
	}
	put(b, `<span class="story-reading-time">`)
	writeText(b, t.Plural(i18n.ReadingTime, readingMinutes(a)))
	put(b, `</span></p>`)
}

// writeTime writes a date or time of the dataset, in the edition's words.
func writeTime(b *strings.Builder, t *i18n.Table, when string) {
	put(b, `<time`)
	attr(b, "datetime", when)
	put(b, `>`)
	writeText(b, t.FormatDate(when))
	put(b, `</time>`)
}

// writeBlock writes body block i. The dateline leads the first paragraph,
// as in wire copy: "ERBIL (Kurdistan 24) – ". A paragraph is in the
// direction of its letters (writeOwnDir).
func writeBlock(b *strings.Builder, t *i18n.Table, a *article.Article, i int) {
	bl := &a.Body[i]
	switch bl.Type {
	case article.Paragraph:
		put(b, `<p`)
		writeOwnDir(b, a.Language(), search.Span{Text: bl.Text})
		put(b, `>`)
		if i == firstParagraph(a) && a.Dateline != nil {
			put(b, `<span class="story-dateline">`)
			writeText(b, a.Dateline.Label()+" – ")
			put(b, `</span>`)
		}
		writeText(b, bl.Text)
		put(b, `</p>`)
	case article.ReadMore:
		put(b, `<p class="read-more"><span class="read-more-label"`)
		writeLabelsLang(b, t, a.Language())
		put(b, `>`)
		writeText(b, t.Text(i18n.ReadMore))
		put(b, `</span>`+nbsp)
		writeRelatedLink(b, t, a.Language(), bl.Link)
		put(b, `</p>`)
	}
}

func firstParagraph(a *article.Article) int {
	for i, b := range a.Body {
		if b.Type == article.Paragraph {
			return i
		}
	}
	return -1
}
