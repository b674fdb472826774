package site

import (
	"crypto/sha256"
	_ "embed"
	"encoding/base64"
	"html"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"dateline/app/article"
	"dateline/app/i18n"
	"dateline/app/page"
	"dateline/app/prerender"
	"dateline/components"
)

// The host writes each page's document itself: the head that the page
// needs (its title, description, the links to its neighbours) and, in the
// body, what components.View draws, which app.wasm then takes over. go-app
// writes the body's markup; the rest is here, so that nothing of the page
// depends on go-app's own page template.

// render makes the response of the page for ref and its data.
func (s *Site) render(ref page.Ref, d page.Data, status int) (*response, error) {
	doc, err := s.document(ref, d)
	if err != nil {
		return nil, err
	}
	return newResponse(status, "text/html; charset=utf-8", revalidate, doc)
}

// document writes the page for ref and its data: the bytes a static
// export writes, which the host compresses to serve. The service worker's
// offline page runs no app.wasm (see documentOf).
func (s *Site) document(ref page.Ref, d page.Data) ([]byte, error) {
	return s.documentOf(ref, d, ref.Kind == page.Offline)
}

// documentOf writes the page for ref and its data; with noApp, the page
// runs the reader's script alone, as under data saver, and app.wasm never
// takes it over.
func (s *Site) documentOf(ref page.Ref, d page.Data, noApp bool) ([]byte, error) {
	m := components.MetaOf(s.site, ref, d)
	var b strings.Builder
	b.Grow(16 << 10)
	lang := s.site.Lang
	b.WriteString("<!doctype html>\n<html lang=\"" + attr(lang) + "\" dir=\"" + article.Dir(lang) + "\">\n<head>\n")
	b.WriteString("<meta charset=\"utf-8\">\n<title>" + html.EscapeString(m.Title) + "</title>\n")
	// The browser's toolbar takes the page's colour in either system theme.
	// Written before the loader, which sets both to the reader's theme
	// when one is chosen, before the first frame (reader.js, later, when
	// the reader chooses another).
	b.WriteString("<meta name=\"theme-color\" content=\"" + paperLight + "\" media=\"(prefers-color-scheme: light)\">\n" +
		"<meta name=\"theme-color\" content=\"" + paperDark + "\" media=\"(prefers-color-scheme: dark)\">\n")
	// The loader comes before the stylesheet, so that it runs at once: an
	// inline script waits for the stylesheets above it.
	// data-base and data-version tell reader.js where this version's data
	// files are and which version the page is; data-wasm is app.wasm's
	// name in app.js, which the loader compiles early.
	b.WriteString("<script data-scripts=\"" + attr(strings.Join(s.scripts, " ")) + "\" data-lite=\"" + attr(s.ref(readerScript)) +
		"\" data-wasm=\"" + attr(s.ref(wasmPath)) + "\" data-base=\"" + attr(s.DataBase) + "\" data-version=\"" + attr(s.Version) + "\"")
	if f := ref.DataFile(); f != "" && !d.Missing() {
		// Not fetched by the page, which app.wasm takes over as drawn: the
		// service worker saves it, when it saves pages as they are read,
		// so that the page opens offline by a link in the app too.
		b.WriteString(" data-file=\"" + attr(s.DataBase+"/"+f) + "\"")
	}
	if ref.Kind == page.Saved {
		// The loader looks at the saved articles on this page, and for the
		// story's own slug on an article's.
		b.WriteString(" data-saved-page")
	} else if ref.Kind == page.Article && d.Story != nil {
		b.WriteString(" data-slug=\"" + attr(ref.Slug) + "\"")
	}
	if noApp {
		// The service worker shows the offline page at the address of a
		// page it does not have, and the host a page whose article changed
		// on disk at its address: app.wasm would take either over as that
		// page's content, and keep it for the visit. The reader's script
		// alone runs, as under data saver: the reader's settings, the
		// status line.
		b.WriteString(" data-no-app")
	}
	b.WriteString(">" + loaderScript + "</script>\n")
	meta := func(key, name, content string) {
		b.WriteString("<meta " + key + "=\"" + name + "\" content=\"" + attr(content) + "\">\n")
	}
	meta("name", "description", m.Description)
	meta("name", "viewport", "width=device-width, initial-scale=1, viewport-fit=cover")
	meta("name", "mobile-web-app-capable", "yes")
	link := func(rel, href string) { b.WriteString("<link rel=\"" + rel + "\" href=\"" + attr(href) + "\">\n") }
	link("icon", s.ref("/web/icons/icon.svg"))
	link("apple-touch-icon", s.ref("/web/icons/maskable-512.png"))
	link("manifest", s.ref(manifestPath))
	link("stylesheet", s.ref("/web/dateline.css"))
	h := d.Head
	if h == nil { // the not-found page: made here, it has no data file
		var err error
		if h, err = s.headOf(page.Ref{}, page.Data{}); err != nil {
			return nil, err
		}
	}
	b.WriteString(headHTML(h))
	b.WriteString("</head>\n<body>\n")
	b.WriteString(bodyHTML(components.View(s.site, ref, d)))
	b.WriteString(s.panels)
	// go-app's loader: app.js reports the download of app.wasm in its
	// label, which boot.js turns into the bar that dateline.css draws,
	// named by data-label. The label holds only a figure besides: an
	// English name (the edition's fallback) makes it English.
	loading := s.site.Table.Plain().Text(i18n.LoadingApp)
	loadingLang := ""
	if s.site.Table.Text(i18n.LoadingApp) != loading {
		loadingLang = " lang=\"en\" dir=\"ltr\""
	}
	b.WriteString("\n<aside id=\"app-wasm-loader\" class=\"goapp-app-info\"><span id=\"app-wasm-loader-icon\" hidden></span>" +
		"<p id=\"app-wasm-loader-label\" class=\"goapp-label\"" + loadingLang + " data-label=\"" + attr(loading) + "\">0</p></aside>\n</body>\n</html>\n")
	return []byte(b.String()), nil
}

// panelsHTML writes the parts of every page that reader.js drives, outside
// the element app.wasm takes over (components.Panels).
func panelsHTML(site *page.Site) (string, error) {
	var b strings.Builder
	for _, ui := range components.Panels(site) {
		b.WriteString("\n" + bodyHTML(ui))
	}
	labels, err := components.ReaderLabels(site)
	if err != nil {
		return "", err
	}
	b.WriteString("\n<script id=\"reader-labels\" type=\"application/json\">" + labels + "</script>")
	return b.String(), nil
}

// headHTML writes a page's head beyond its title and description. Each
// element is marked data-head: the client replaces them all after a
// navigation (components: the page's Head).
func headHTML(h *page.Head) string {
	var b strings.Builder
	if h.Canonical != "" {
		b.WriteString("<link data-head rel=\"canonical\" href=\"" + attr(h.Canonical) + "\">\n")
	}
	for _, m := range h.Meta {
		key, name := "name", m.Name
		if m.Property != "" {
			key, name = "property", m.Property
		}
		b.WriteString("<meta data-head " + key + "=\"" + attr(name) + "\" content=\"" + attr(m.Content) + "\">\n")
	}
	for _, l := range h.Links {
		b.WriteString("<link data-head rel=\"" + attr(l.Rel) + "\" href=\"" + attr(l.Href) + "\"")
		if l.Type != "" {
			b.WriteString(" type=\"" + attr(l.Type) + "\"")
		}
		if l.Title != "" {
			b.WriteString(" title=\"" + attr(l.Title) + "\"")
		}
		if l.Hreflang != "" {
			b.WriteString(" hreflang=\"" + attr(l.Hreflang) + "\"")
		}
		b.WriteString(">\n")
	}
	if h.JSONLD != "" {
		// Safe inside the element: the JSON escapes "<", ">" and "&".
		b.WriteString("<script data-head type=\"application/ld+json\">" + h.JSONLD + "</script>\n")
	}
	return b.String()
}

// attr escapes text for an attribute value in double quotes.
func attr(s string) string { return html.EscapeString(s) }

// bodyHTML writes the markup of a component tree (app/prerender).
func bodyHTML(ui app.UI) string {
	markup, ok := prerender.HTML(ui)
	if !ok {
		app.Log("dateline: go-app's markup is not in the form app/prerender reads; the page keeps its layout white space")
	}
	return markup
}

// loaderJS starts the app's scripts after the first paint (see the file).
//
//go:embed loader.js
var loaderJS string

// loaderScript is loader.js as pages carry it inline, without its comment
// lines (every page carries it); loaderHash is the hash the
// Content-Security-Policy allows it by.
var loaderScript, loaderHash = func() (string, string) {
	var lines []string
	for _, l := range strings.Split(strings.TrimSpace(loaderJS), "\n") {
		if !strings.HasPrefix(strings.TrimSpace(l), "//") {
			lines = append(lines, l)
		}
	}
	script := strings.Join(lines, "\n")
	sum := sha256.Sum256([]byte(script))
	return script, "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
}()

// pageScripts are the scripts every page runs, in order: go-app's, then
// Dateline's boot script and reader.js, by their paths (pages name them
// by ref). With data saver on, pages run
// reader.js alone: the reading settings, saved articles, sharing,
// listening and print, without app.wasm.
var pageScripts = []string{"/wasm_exec.js", "/app.js", "/web/boot.js", readerScript}

const readerScript = "/web/reader.js"
