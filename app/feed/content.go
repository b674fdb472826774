package feed

import (
	"encoding/xml"
	"fmt"
	"strconv"
	"strings"

	"dateline/app/article"
	"dateline/app/i18n"
	"dateline/app/page"
)

// Content is an article's text as its page shows it, for a feed entry:
// the figures, then the body, the dateline leading its first paragraph and
// the "Read More" links between paragraphs.
type Content struct {
	// Dateline is the dateline's label, "ERBIL (Kurdistan 24)"; empty
	// without one.
	Dateline string
	Figures  []article.Figure
	Body     []article.Block
	// ReadMore, PhotoCaption and NotInCollection are the labels the page
	// shows beside the data (app/i18n): before a "Read More" link, before
	// the caption of a photo that is not in the collection, and after the
	// title of a story that is not.
	ReadMore, PhotoCaption, NotInCollection string
	// LabelDir is the direction of the labels' language, "ltr" or "rtl":
	// an English label in an Arabic article's content is set apart in its
	// own direction, or its colon and parentheses land on the wrong side.
	LabelDir string
}

// newContent makes the content of article a, with the labels of t.
func newContent(a *article.Article, t *i18n.Table) *Content {
	c := &Content{
		Figures:         a.Figures,
		Body:            a.Body,
		ReadMore:        t.Text(i18n.ReadMore),
		PhotoCaption:    t.Text(i18n.PhotoCaption),
		NotInCollection: t.Text(i18n.NotInCollection),
		LabelDir:        t.Dir(),
	}
	if a.Dateline != nil {
		c.Dateline = a.Dateline.Label()
	}
	return c
}

// xhtmlDiv writes an entry's xhtml content: the XHTML div that RFC 4287
// (4.1.3.3) says wraps it and is not part of it, with dir "rtl" for a
// right-to-left language. Text from the data written mostly the other way
// (a Sorani paragraph in an English article) has a dir of its own, as on
// the article's page (xhtmlWriter.own). Its elements are written as
// tokens, so every text from the data is escaped by encoding/xml, and
// every address is one the data cannot turn into a script: a path of the
// site or an http(s) URL. Addresses on the site are absolute when org, the
// site's origin, is known, and relative references otherwise, as the
// entry's own link is.
//
// The div is written apart from the feed, whose indentation would
// otherwise add white space inside its paragraphs.
func xhtmlDiv(org, dir string, c *Content) (string, error) {
	var b strings.Builder
	w := &xhtmlWriter{e: xml.NewEncoder(&b), dir: dir}
	div := xml.StartElement{Name: xml.Name{Space: "http://www.w3.org/1999/xhtml", Local: "div"}}
	if dir == "rtl" {
		div.Attr = []xml.Attr{{Name: xml.Name{Local: "dir"}, Value: dir}}
	}
	w.token(div)
	for i := range c.Figures {
		w.figure(org, c, &c.Figures[i])
	}
	first := true
	for _, bl := range c.Body {
		switch bl.Type {
		case article.Paragraph:
			w.open("p", "dir", w.own(bl.Text))
			if first && c.Dateline != "" {
				w.element("strong", c.Dateline+" – ")
			}
			first = false
			w.text(bl.Text)
			w.close("p")
		case article.ReadMore:
			w.open("p")
			w.label(c, c.ReadMore)
			w.text(" ")
			w.link(org, c, bl.Link)
			w.close("p")
		}
	}
	w.token(div.End())
	if w.err == nil {
		w.err = w.e.Close()
	}
	if w.err != nil {
		return "", fmt.Errorf("xhtml content: %w", w.err)
	}
	return b.String(), nil
}

// xhtmlWriter writes XHTML tokens, keeping the first error.
type xhtmlWriter struct {
	e   *xml.Encoder
	dir string // the content's direction
	err error
}

// label writes one of c's labels: in a span of its own direction when it
// is not the content's (an English label in an Arabic article). A label
// that is the English text an edition in another language falls back to
// (marked, i18n.EnglishStart) is in a span of its own language too.
func (w *xhtmlWriter) label(c *Content, s string) {
	if english := i18n.StripMarks(s); english != s {
		w.element("span", english, "lang", "en", "dir", "ltr")
		return
	}
	if c.LabelDir == "" || c.LabelDir == w.dir || w.dir == "" && c.LabelDir == "ltr" {
		w.text(s)
		return
	}
	w.element("span", s, "dir", c.LabelDir)
}

// own returns the direction of text from the data where most of its
// letters are written otherwise than the content, and "" where they are
// not (article.TextDir).
func (w *xhtmlWriter) own(text string) string {
	dir := w.dir
	if dir == "" {
		dir = "ltr"
	}
	if d := article.TextDir(dir, text); d != dir {
		return d
	}
	return ""
}

// data writes text from the data, in a span of its own direction where
// it is not the content's (own).
func (w *xhtmlWriter) data(s string) {
	if d := w.own(s); d != "" {
		w.element("span", s, "dir", d)
		return
	}
	w.text(s)
}

func (w *xhtmlWriter) token(t xml.Token) {
	if w.err == nil {
		w.err = w.e.EncodeToken(t)
	}
}

// open starts an element with attributes given as name, value pairs; a
// pair with an empty value is left out.
func (w *xhtmlWriter) open(name string, attrs ...string) {
	start := xml.StartElement{Name: xml.Name{Local: name}}
	for i := 0; i+1 < len(attrs); i += 2 {
		if attrs[i+1] != "" {
			start.Attr = append(start.Attr, xml.Attr{Name: xml.Name{Local: attrs[i]}, Value: attrs[i+1]})
		}
	}
	w.token(start)
}

func (w *xhtmlWriter) close(name string) { w.token(xml.EndElement{Name: xml.Name{Local: name}}) }

func (w *xhtmlWriter) text(s string) {
	if s != "" {
		w.token(xml.CharData(s))
	}
}

// element writes an element holding text only.
func (w *xhtmlWriter) element(name, text string, attrs ...string) {
	w.open(name, attrs...)
	w.text(text)
	w.close(name)
}

// figure writes a figure as the page does: its image, when its address is
// a path of the site or an http(s) URL, and a caption with the credit. A
// caption whose photo is not in the collection says so.
func (w *xhtmlWriter) figure(org string, c *Content, f *article.Figure) {
	src := ""
	if f.Image != nil {
		src = contentImageSrc(org, f.Image)
	}
	if src == "" && f.Caption == "" && f.Credit == "" {
		return
	}
	w.open("figure")
	if src != "" {
		img := f.Image
		// alt="" marks a decorative picture: it is written even empty.
		attrs := []xml.Attr{{Name: xml.Name{Local: "src"}, Value: src}, {Name: xml.Name{Local: "alt"}, Value: img.Alt}}
		if img.Width > 0 && img.Height > 0 {
			attrs = append(attrs,
				xml.Attr{Name: xml.Name{Local: "width"}, Value: strconv.Itoa(img.Width)},
				xml.Attr{Name: xml.Name{Local: "height"}, Value: strconv.Itoa(img.Height)})
		}
		w.token(xml.StartElement{Name: xml.Name{Local: "img"}, Attr: attrs})
		w.close("img")
	}
	if f.Caption != "" || f.Credit != "" {
		w.open("figcaption")
		if f.Caption != "" {
			if f.Image == nil {
				w.label(c, c.PhotoCaption)
				w.text(" ")
			}
			w.data(f.Caption)
			if f.Credit != "" {
				w.text(" ")
			}
		}
		if f.Credit != "" {
			w.element("small", f.Credit, "dir", w.own(f.Credit))
		}
		w.close("figcaption")
	}
	w.close("figure")
}

// link writes a related link by where it leads, as the page does: an
// article of the site, a page elsewhere, or a title only, marked as not
// in the collection. A title in the data (not a page elsewhere's, whose
// language nothing says) is set in its own direction where it is not the
// content's (own).
func (w *xhtmlWriter) link(org string, c *Content, l article.Link) {
	switch l.Kind() {
	case article.Internal:
		w.element("a", l.Title, "href", absURL(org, page.ArticlePath(l.Slug)), "dir", w.own(l.Title))
	case article.External:
		w.element("a", l.Title, "href", l.URL)
	default:
		w.data(l.Title)
		w.text(" ")
		w.label(c, c.NotInCollection)
	}
}

// contentImageSrc returns the address of an image in a feed: absolute when
// it can be (imageURL), else the site path as a relative reference, and ""
// for anything else.
func contentImageSrc(org string, img *article.Image) string {
	if u := imageURL(org, img); u != "" {
		return u
	}
	if article.IsSitePath(img.Src) {
		return img.Src
	}
	return ""
}
