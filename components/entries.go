package components

import (
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"dateline/app/article"
	"dateline/app/page"
	"dateline/app/search"
)

// entry is an article in a list (of a section, of search results): what
// entryList shows of it.
type entry struct {
	lang, slug, published, section string
	// headline and excerpt are text, the query's words marked in search
	// results.
	headline, excerpt []search.Span
}

// entryList draws a list of articles as one piece of markup, which the
// browser's parser builds in one call. go-app mounts a tree element by
// element, and every element, attribute and text is a call from Go into
// JavaScript that leaves a finalizer behind: a page of 30 summaries made
// about a thousand, and most of a list page's start (go run ./bench
// -profile /sections/lorem -archive 1000; BENCHMARKS.md). The entries have
// no handlers of their own: go-app hears clicks on their links at the
// window, as for any link. Every text and attribute value is escaped here,
// so a headline or a query stays text.
func entryList(site *page.Site, class string, entries []entry) app.UI {
	var b strings.Builder
	b.WriteString(`<ul class="`)
	writeText(&b, class)
	b.WriteString(`">`)
	for i := range entries {
		b.WriteString("<li>")
		writeEntry(&b, site, &entries[i])
		b.WriteString("</li>")
	}
	b.WriteString("</ul>")
	return app.Raw(b.String())
}

// writeEntry writes one entry: its headline, its date and section when
// given, and an excerpt. It is in the article's language, and so are its
// date's words where the edition has them.
func writeEntry(b *strings.Builder, site *page.Site, e *entry) {
	lang := e.lang
	if lang == "" {
		lang = article.DefaultLang
	}
	attr := func(name, value string) {
		b.WriteByte(' ')
		b.WriteString(name)
		b.WriteString(`="`)
		writeText(b, value)
		b.WriteByte('"')
	}
	b.WriteString(`<article class="summary"`)
	attr("lang", lang)
	attr("dir", article.Dir(lang))
	b.WriteString(`><h2 class="summary-headline"><a`)
	attr("href", page.ArticlePath(e.slug))
	b.WriteByte('>')
	writeSpans(b, e.headline)
	b.WriteString("</a></h2>")
	if e.published != "" || e.section != "" {
		b.WriteString(`<p class="summary-meta">`)
		if e.published != "" {
			b.WriteString("<time")
			attr("datetime", e.published)
			b.WriteByte('>')
			writeText(b, site.TableFor(lang).FormatDate(e.published))
			b.WriteString("</time>")
		}
		if e.published != "" && e.section != "" {
			b.WriteString(" · ")
		}
		if e.section != "" {
			b.WriteString(`<a class="summary-section"`)
			attr("href", page.SectionRef(article.NameSlug(e.section), 1).Path())
			b.WriteString(` dir="auto">`)
			writeText(b, e.section)
			b.WriteString("</a>")
		}
		b.WriteString("</p>")
	}
	if len(e.excerpt) > 0 {
		b.WriteString(`<p class="summary-excerpt">`)
		writeSpans(b, e.excerpt)
		b.WriteString("</p>")
	}
	b.WriteString("</article>")
}

// writeSpans writes text with the query's words in <mark>.
func writeSpans(b *strings.Builder, ss []search.Span) {
	for _, s := range ss {
		if s.Mark {
			b.WriteString("<mark>")
		}
		writeText(b, s.Text)
		if s.Mark {
			b.WriteString("</mark>")
		}
	}
}

// writeText writes s escaped for a text or a quoted attribute value, its
// line breaks as references: the markup stays on one line, as the host's
// prerender reads it (app/prerender). A loop of its own: html.EscapeString
// would link strings.Replacer into app.wasm (23 kB of code).
func writeText(b *strings.Builder, s string) {
	last := 0
	for i := 0; i < len(s); i++ {
		var ref string
		switch s[i] {
		case '&':
			ref = "&amp;"
		case '<':
			ref = "&lt;"
		case '>':
			ref = "&gt;"
		case '"':
			ref = "&#34;"
		case '\'':
			ref = "&#39;"
		case '\n':
			ref = "&#10;"
		case '\r':
			ref = "&#13;"
		default:
			continue
		}
		b.WriteString(s[last:i])
		b.WriteString(ref)
		last = i + 1
	}
	b.WriteString(s[last:])
}
