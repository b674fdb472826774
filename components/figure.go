package components

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"dateline/app/article"
	"dateline/app/i18n"
)

// figureView renders a photo with its caption and credit. A figure known
// only by its caption (a story scraped as text) shows the caption alone,
// never a broken image. The lead figure loads eagerly; later ones lazily.
func figureView(t *i18n.Table, f article.Figure, lead bool) app.UI {
	class := "figure"
	if f.Image == nil {
		class = "figure figure-no-image"
	}
	return app.Elem("figure").Class(class).Body(
		app.If(f.Image != nil, func() app.UI {
			loading := "lazy"
			if lead {
				loading = "eager"
			}
			img := app.ElemSelfClosing("img").
				Class("figure-image").
				Attr("src", f.Image.Src).
				Attr("alt", f.Image.Alt).
				Attr("width", f.Image.Width).
				Attr("height", f.Image.Height).
				Attr("loading", loading).
				Attr("decoding", "async")
			if f.Image.Alt == "" {
				// go-app drops empty attributes, alt="" included: mark the
				// decorative picture so assistive technology skips it.
				img = img.Attr("role", "presentation")
			}
			return img
		}),
		app.If(f.Caption != "" || f.Credit != "", func() app.UI {
			return app.Elem("figcaption").Class("figure-caption").Body(
				// A caption whose photo is not in the collection says so,
				// so that its "(left)" points at a photo, not at the page.
				app.If(f.Image == nil && f.Caption != "", func() app.UI {
					return app.Elem("span").Class("figure-label").Text(t.Text(i18n.PhotoCaption) + " ")
				}),
				app.If(f.Caption != "", func() app.UI {
					return app.Elem("span").Class("figure-text").Dir("auto").Text(f.Caption)
				}),
				app.If(f.Caption != "" && f.Credit != "", func() app.UI {
					return app.Text(" ")
				}),
				app.If(f.Credit != "", func() app.UI {
					return app.Elem("span").Class("figure-credit").Dir("auto").Text(f.Credit)
				}),
			)
		}),
	)
}
