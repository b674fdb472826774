package components

import (
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"dateline/app/article"
	"dateline/app/i18n"
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
	return markup(func(b *strings.Builder) { writeEntryList(b, site, class, entries) })
}

// writeEntryList writes the markup of entryList.
func writeEntryList(b *strings.Builder, site *page.Site, class string, entries []entry) {
	put(b, `<ul class="`)
	escape(b, class, false)
	put(b, `">`)
	for i := range entries {
		put(b, "<li>")
		writeEntry(b, site, &entries[i])
		put(b, "</li>")
	}
	put(b, "</ul>")
}

// writeEntry writes one entry: its headline, its date and section when
// given, and an excerpt. It is in the article's language, and so are its
// date's words where the edition has them; its headline and excerpt are in
// the direction of their letters (direction.go).
func writeEntry(b *strings.Builder, site *page.Site, e *entry) {
	lang := e.lang
	if lang == "" {
		lang = article.DefaultLang
	}
	put(b, `<article class="summary"`)
	attr(b, "lang", lang)
	attr(b, "dir", article.Dir(lang))
	put(b, `><h2 class="summary-headline"`)
	writeOwnDir(b, lang, e.headline...)
	put(b, `><a`)
	attr(b, "href", page.ArticlePath(e.slug))
	put(b, ">")
	writeSpans(b, e.headline)
	put(b, "</a></h2>")
	if e.published != "" || e.section != "" {
		t := site.TableFor(lang)
		put(b, `<p class="summary-meta"`)
		writeLabelsLang(b, t, lang)
		put(b, `>`)
		if e.published != "" {
			writeTime(b, t, e.published)
		}
		if e.published != "" && e.section != "" {
			put(b, sep)
		}
		if e.section != "" {
			// The article's section, in its language.
			writeLink(b, page.SectionRef(article.NameSlug(e.section), 1).Path(), "summary-section", article.Dir(lang), e.section)
		}
		put(b, "</p>")
	}
	if len(e.excerpt) > 0 {
		put(b, `<p class="summary-excerpt"`)
		writeOwnDir(b, lang, e.excerpt...)
		put(b, `>`)
		writeSpans(b, e.excerpt)
		put(b, "</p>")
	}
	put(b, "</article>")
}

// writeSpans writes text with the query's words in <mark>.
func writeSpans(b *strings.Builder, ss []search.Span) {
	for _, s := range ss {
		if s.Mark {
			put(b, "<mark>")
		}
		writeText(b, s.Text)
		if s.Mark {
			put(b, "</mark>")
		}
	}
}

// markup is the markup that write writes, as one node.
func markup(write func(b *strings.Builder)) app.UI {
	var b strings.Builder
	write(&b)
	return app.Raw(b.String())
}

// put writes ss to b. It is not inlined: strings.Builder's WriteString
// is, and app.wasm then holds the growing of the buffer at each call.
//
//go:noinline
func put(b *strings.Builder, ss ...string) {
	for _, s := range ss {
		b.WriteString(s)
	}
}

// attr writes an attribute whose value is escaped, without the marks of
// English text (i18n.EnglishStart): an attribute holds no element.
func attr(b *strings.Builder, name, value string) {
	put(b, " ", name, `="`)
	escape(b, value, false)
	put(b, `"`)
}

// The spaces that join the pieces of a line: a list entry's date and
// section, a byline's names and dates, a caption and its credit. A page
// reaches the browser in pieces, and Chromium draws what it has: a text
// that is only a collapsible space, the last thing on its line so far, is
// laid out at the top of the line box, and moves down by the line's
// half-leading when the rest of the line comes (1 px on a date line, 9 px
// on a caption): a layout shift, though nothing visible moved. A no-break
// space is laid out as text from its first byte, so a text that follows
// an element never starts with a collapsible one.
const (
	nbsp = "\u00a0"
	sep  = nbsp + "· " // between the details of a line: 2 May 2024 · World
)

// writeJoin writes text that follows an element on its line (" and "
// between two names), a space at its start made a no-break one (nbsp).
func writeJoin(b *strings.Builder, s string) {
	if s != "" && s[0] == ' ' {
		put(b, nbsp)
		s = s[1:]
	}
	writeText(b, s)
}

// writeList writes names joined as the edition joins them ("A, B and
// C"), each isolated in the element open starts, a <bdi> (closed here).
func writeList(b *strings.Builder, t *i18n.Table, names []string, open string) {
	for i, n := range names {
		switch {
		case i == 0:
		case i == len(names)-1:
			writeJoin(b, t.Text(i18n.JoinLast))
		default:
			writeJoin(b, t.Text(i18n.JoinComma))
		}
		put(b, open)
		writeText(b, n)
		put(b, `</bdi>`)
	}
}

// writeAround writes a label around a value that value writes (a query,
// names, a date), in language lang: before and after as Table.Around
// splits the label, the English text it falls back to closed on each
// side of the value. Where the label is that English text, it is one
// sentence with its value: one <span lang="en" dir="ltr"> holds the whole,
// so that a right-to-left edition lays it out left to right with its
// value in its place ("0 results for zzz"), not the value beside an
// English part laid out apart ("zzz 0 results for"); the value keeps its
// own language.
func writeAround(b *strings.Builder, before, after, lang string, value func()) {
	english := strings.Contains(before, i18n.EnglishStart) || strings.Contains(after, i18n.EnglishStart)
	if !english {
		writeText(b, before)
		value()
		writeJoin(b, after)
		return
	}
	put(b, `<span lang="en" dir="ltr">`)
	writeText(b, i18n.StripMarks(before))
	put(b, `<span`)
	attr(b, "lang", lang)
	put(b, `>`)
	value()
	put(b, `</span>`)
	writeJoin(b, i18n.StripMarks(after))
	put(b, `</span>`)
}

// writeText writes s escaped for a text, its line breaks as references:
// the markup stays on one line, as the host's prerender reads it
// (app/prerender). It is the one place labels reach the page's markup:
// the English text an edition in another language falls back to, marked
// by its Table (i18n.EnglishStart, EnglishEnd), is written in a
// <span lang="en" dir="ltr">, which a screen reader speaks in English and
// the browser lays out apart. Each span it opens, it closes: a mark
// without its pair opens or closes nothing outside s.
func writeText(b *strings.Builder, s string) { escape(b, s, true) }

// Label is a label's text for an element's body: a text node, or, where
// it holds English fallback text, its markup as writeText writes it.
func Label(s string) app.UI {
	start := strings.LastIndexByte(s, i18n.EnglishStart[0])
	if start < 0 {
		return app.Text(i18n.StripMarks(s))
	}
	var b strings.Builder
	// One element, as go-app's Raw needs: the label's own, when it is all
	// one English text.
	whole := start == 0 && strings.IndexByte(s, i18n.EnglishEnd[0]) == len(s)-1
	if !whole {
		put(&b, "<span>")
	}
	writeText(&b, s)
	if !whole {
		put(&b, "</span>")
	}
	return app.Raw(b.String())
}

// escape writes s escaped for a text or a quoted attribute value, with
// the marks of English text made elements (markup) or left out. A loop of
// its own: html.EscapeString would link strings.Replacer into app.wasm
// (23 kB of code).
//
// English text marked inside English text (an English month's name in
// an English date pattern) is the one element: an element with a dir
// inside it is isolated, and between two numbers in Arabic-Indic digits,
// which the bidirectional algorithm orders as right-to-left text, an
// isolated word is ordered with them ("٢٠٢١ December ٧" on screen for
// "٧ December ٢٠٢١"). Within one element of left-to-right text, the
// words and the numbers keep their order.
func escape(b *strings.Builder, s string, markup bool) {
	last, open := 0, 0 // open: the marks opened and not closed
	for i := 0; i < len(s); i++ {
		var ref string
		switch s[i] {
		case i18n.EnglishStart[0]:
			if markup {
				if open == 0 {
					ref = `<span lang="en" dir="ltr">`
				}
				open++
			}
		case i18n.EnglishEnd[0]:
			if markup && open > 0 {
				if open--; open == 0 {
					ref = "</span>"
				}
			}
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
		put(b, s[last:i], ref)
		last = i + 1
	}
	put(b, s[last:])
	if open > 0 {
		put(b, "</span>")
	}
}
