package components

import (
	"strings"

	"dateline/app/article"
	"dateline/app/i18n"
	"dateline/app/page"
)

// writeRelated lists the related articles after the body.
func writeRelated(b *strings.Builder, t *i18n.Table, lang string, links []article.Link) {
	if len(links) == 0 {
		return
	}
	put(b, `<section class="related" aria-labelledby="related-title"><h2 id="related-title" class="related-title"`)
	writeLabelsLang(b, t, lang)
	put(b, `>`)
	writeText(b, t.Text(i18n.Related))
	put(b, `</h2><ul class="related-list">`)
	for i := range links {
		put(b, `<li>`)
		writeRelatedLink(b, t, lang, links[i])
		put(b, `</li>`)
	}
	put(b, `</ul></section>`)
}

// writeRelatedLink writes a related link by where it leads: an article of
// the collection, a page elsewhere, or a title only, marked as not in this
// collection so that the reader is not sent to a dead link. The title is
// isolated from the label beside it, in the direction of its letters in
// lang, the language of the article that relates it, except a page
// elsewhere's, whose title is that site's, in a language nothing says
// (direction.go).
func writeRelatedLink(b *strings.Builder, t *i18n.Table, lang string, l article.Link) {
	switch l.Kind() {
	case article.Internal:
		writeLink(b, page.ArticlePath(l.Slug), "", textDir(lang, l.Title), l.Title)
	case article.External:
		writeLink(b, l.URL, "external", dirAuto, l.Title)
	default:
		put(b, `<span class="unlinked"><bdi class="unlinked-title"`)
		attr(b, "dir", textDir(lang, l.Title))
		put(b, `>`)
		writeText(b, l.Title)
		put(b, `</bdi>`+nbsp+`<span class="unlinked-note">`)
		writeText(b, t.Text(i18n.NotInCollection))
		put(b, `</span></span>`)
	}
}

// writeLink writes a link whose text is data, isolated in direction dir,
// that of its language ("rtl" or "ltr"), or dirAuto when that is not
// known (direction.go). A link that leaves the site (its address is not a
// path of this one) tells the page it leads to nothing of this one
// (rel="noopener noreferrer").
func writeLink(b *strings.Builder, href, class, dir, text string) {
	put(b, `<a`)
	attr(b, "href", href)
	if class != "" {
		attr(b, "class", class)
	}
	if !strings.HasPrefix(href, "/") {
		put(b, ` rel="noopener noreferrer"`)
	}
	attr(b, "dir", dir)
	put(b, `>`)
	writeText(b, text)
	put(b, `</a>`)
}
