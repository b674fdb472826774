package components

import (
	"strconv"
	"strings"

	"dateline/app/article"
	"dateline/app/i18n"
)

// writeFigure writes a photo with its caption and credit. A figure known
// only by its caption (a story scraped as text) shows the caption alone,
// never a broken image. The lead figure loads eagerly; later ones lazily.
// Its caption and credit are in the article's language, lang, and in the
// direction of their letters (direction.go).
func writeFigure(b *strings.Builder, t *i18n.Table, lang string, f *article.Figure, lead bool) {
	put(b, `<figure class="figure`)
	if f.Image == nil {
		put(b, ` figure-no-image`)
	}
	put(b, `">`)
	if img := f.Image; img != nil {
		loading := "lazy"
		if lead {
			loading = "eager"
		}
		put(b, `<img class="figure-image"`)
		attr(b, "src", img.Src)
		// alt="" marks a decorative picture, which assistive technology
		// skips.
		attr(b, "alt", img.Alt)
		put(b, ` width="`, strconv.Itoa(img.Width), `" height="`, strconv.Itoa(img.Height),
			`" loading="`, loading, `" decoding="async">`)
	}
	if f.Caption != "" || f.Credit != "" {
		put(b, `<figcaption class="figure-caption">`)
		if f.Caption != "" {
			// A caption whose photo is not in the collection says so,
			// so that its "(left)" points at a photo, not at the page.
			if f.Image == nil {
				put(b, `<span class="figure-label"`)
				writeLabelsLang(b, t, lang)
				put(b, `>`)
				writeText(b, t.Text(i18n.PhotoCaption)+" ")
				put(b, `</span>`)
			}
			put(b, `<span class="figure-text"`)
			attr(b, "dir", textDir(lang, f.Caption))
			put(b, `>`)
			writeText(b, f.Caption)
			put(b, `</span>`)
			if f.Credit != "" {
				put(b, nbsp)
			}
		}
		if f.Credit != "" {
			put(b, `<span class="figure-credit"`)
			attr(b, "dir", textDir(lang, f.Credit))
			put(b, `>`)
			writeText(b, f.Credit)
			put(b, `</span>`)
		}
		put(b, `</figcaption>`)
	}
	put(b, `</figure>`)
}
