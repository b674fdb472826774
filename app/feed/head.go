package feed

import (
	"fmt"
	"html"
	"strconv"
	"strings"

	"dateline/app/article"
	"dateline/app/page"
)

// Page is the page HeadTags describes.
type Page struct {
	// Ref is the page; the zero Ref (page.NotFound) is the not-found page,
	// which has no canonical address.
	Ref page.Ref
	// Title and Description are a list or not-found page's; an article
	// page takes its own from Article. An empty Title is the site's name,
	// an empty Description the site's.
	Title, Description string
	// Article is the article of an article page.
	Article *article.Article
	// Lead is the first article of a list page: the page's link previews
	// show its photo, as a front page leads with its top story's.
	Lead *article.Article
}

// Head is what HeadTags puts in a page's <head>.
type Head struct {
	// Canonical is the page's absolute URL for <link rel="canonical">;
	// empty when the site's URL is unknown or the page is not found.
	Canonical string
	// Meta are the <meta> elements, in order.
	Meta []Meta
}

// Meta is one <meta> element: Property for Open Graph (og:, article:),
// Name for the others (twitter:, robots).
type Meta struct {
	Property, Name, Content string
}

// HTML writes the head's elements, escaped, one a line.
func (h Head) HTML() string {
	var b strings.Builder
	if h.Canonical != "" {
		b.WriteString(`<link rel="canonical" href="` + html.EscapeString(h.Canonical) + "\">\n")
	}
	for _, m := range h.Meta {
		attr, key := "name", m.Name
		if m.Property != "" {
			attr, key = "property", m.Property
		}
		b.WriteString("<meta " + attr + `="` + html.EscapeString(key) + `" content="` + html.EscapeString(m.Content) + "\">\n")
	}
	return b.String()
}

// HeadTags returns the canonical link and the Open Graph and Twitter tags
// of a page. Every value comes from the data: og:url and the canonical link
// only when the site's URL is known (never guessed from a request); the
// og:image (with its size and alt text) only from the article's first
// figure that has an image link previews can show (not SVG, which
// Facebook's and X's cards do not draw), when its address is absolute or
// can be made so, on a list page from its lead article's; og:type "article" with its times, section and tags on
// an article's page, "website" elsewhere; twitter:card
// "summary_large_image" with an image, "summary" without; and the robots
// meta of page.Ref.Robots: "noindex" on the not-found and offline pages,
// for hosts that serve them with status 200, the saved articles and the
// results of a search query, "max-image-preview:large" on every other.
func HeadTags(site article.Site, p Page) (Head, error) {
	org, err := origin(site)
	if err != nil {
		return Head{}, fmt.Errorf("head tags of %q: %w", p.Ref.Path(), err)
	}
	site = site.WithDefaults()
	var h Head
	add := func(property, content string) {
		if content != "" {
			h.Meta = append(h.Meta, Meta{Property: property, Content: content})
		}
	}

	title, description, lang, kind := p.Title, p.Description, site.Lang, "website"
	a := p.Article
	if p.Ref.Kind == page.Article {
		if a == nil {
			return Head{}, fmt.Errorf("head tags of %q: an article page without its article", p.Ref.Path())
		}
		title, description, lang, kind = a.Headline, a.Excerpt(160), a.Language(), "article"
	} else {
		a = nil
	}
	if title == "" {
		title = site.Name
	}
	if description == "" {
		description = site.Description
	}
	if org != "" && p.Ref.Kind != page.NotFound && p.Ref.Kind != page.Offline {
		h.Canonical = absURL(org, p.Ref.Path())
	}

	add("og:site_name", site.Name)
	add("og:locale", Locale(lang))
	add("og:type", kind)
	add("og:title", title)
	add("og:description", description)
	add("og:url", h.Canonical)
	card := "summary"
	pictured := a
	if p.Ref.Kind.IsList() {
		pictured = p.Lead
	}
	if pictured != nil {
		if img := cardImage(pictured); img != nil {
			if u := imageURL(org, img); u != "" {
				card = "summary_large_image"
				add("og:image", u)
				if img.Width > 0 && img.Height > 0 {
					add("og:image:width", strconv.Itoa(img.Width))
					add("og:image:height", strconv.Itoa(img.Height))
				}
				add("og:image:alt", img.Alt)
			}
		}
	}
	if a != nil {
		add("article:published_time", isoTime(a.Published))
		add("article:modified_time", isoTime(a.Updated))
		add("article:section", a.Section)
		for _, t := range a.Tags {
			add("article:tag", t)
		}
	}
	h.Meta = append(h.Meta, Meta{Name: "twitter:card", Content: card})
	// The app sets the same after a navigation (components: MetaOf).
	if r := p.Ref.Robots(); r != "" {
		h.Meta = append(h.Meta, Meta{Name: "robots", Content: r})
	}
	return h, nil
}

// cardImage returns the image of the article's first figure that link
// previews can show: a photo, not an SVG drawing (by its address's
// extension, query and fragment aside), which Facebook's and X's cards
// leave blank, so that an article leading with a chart still shows its
// photo. JSON-LD keeps firstImage: search engines read SVG.
func cardImage(a *article.Article) *article.Image {
	for i := range a.Figures {
		img := a.Figures[i].Image
		if img == nil || img.Src == "" {
			continue
		}
		path, _, _ := strings.Cut(img.Src, "#")
		path, _, _ = strings.Cut(path, "?")
		if !strings.HasSuffix(strings.ToLower(path), ".svg") {
			return img
		}
	}
	return nil
}

// Locale turns a BCP 47 language tag with a region into the
// language_TERRITORY form Open Graph's og:locale takes: "ar-IQ" becomes
// "ar_IQ", "ckb-IQ" "ckb_IQ", "ku-Arab-IQ" "ku_IQ" (no script in that
// form). A tag without a two-letter region ("en", "ckb", "zh-Hant",
// "es-419"), an empty or a malformed one gives "": og:locale is then left
// out, because the protocol (ogp.me) allows only language_TERRITORY, with
// en_US the default, and Facebook reads ll_CC with a two-letter country
// code and rejects other values; a territory guessed for a bare language
// would be a claim the data does not make, and the page's lang attribute
// already says the language.
func Locale(tag string) string {
	parts := strings.FieldsFunc(tag, func(r rune) bool { return r == '-' || r == '_' })
	if len(parts) == 0 || !isLetters(parts[0]) || len(parts[0]) < 2 || len(parts[0]) > 3 {
		return ""
	}
	for i, p := range parts[1:] {
		switch {
		case i == 0 && len(p) == 3 && isLetters(p), len(p) == 4 && isLetters(p):
			// an extended language or a script subtag
		case len(p) == 2 && isLetters(p):
			return strings.ToLower(parts[0]) + "_" + strings.ToUpper(p)
		default:
			return "" // a UN M.49 area ("419"), a variant, an extension or private use: no territory
		}
	}
	return ""
}

func isLetters(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i] | 0x20; c < 'a' || c > 'z' {
			return false
		}
	}
	return s != ""
}
