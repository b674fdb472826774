package components

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"dateline/app/page"
)

// applyHead puts a page's head (its canonical address, Open Graph tags,
// links and JSON-LD, as the host made them) in the document after a
// navigation in the app, in place of the last page's: the host marks the
// elements it writes data-head. A page without a head (not found) leaves
// none. On the host, and for the page app.wasm starts on, the
// prerendered head is already right.
func applyHead(h *page.Head) {
	if !app.IsClient || h == nil && headWritten.bare {
		// Nothing of the last page's head but the robots meta, which
		// the setRobots that follows every afterNav sees to.
		return
	}
	doc := app.Window().Get("document")
	head := removeHead(doc)
	headWritten.bare, headWritten.robots = h == nil, ""
	if h == nil {
		return
	}
	add := func(tag string, attrs ...string) app.Value { return addHead(doc, head, tag, attrs...) }
	if h.Canonical != "" {
		add("link", "rel", "canonical", "href", h.Canonical)
	}
	for _, m := range h.Meta {
		add("meta", "property", m.Property, "name", m.Name, "content", m.Content)
	}
	for _, l := range h.Links {
		add("link", "rel", l.Rel, "href", l.Href, "type", l.Type, "title", l.Title, "hreflang", l.Hreflang)
	}
	if h.JSONLD != "" {
		add("script", "type", "application/ld+json").Set("textContent", h.JSONLD)
	}
}

// headWritten is what the app last wrote in the document's head, so that a
// navigation writes only what changed: from one search to the next, the
// title alone. Each element looked up, removed or written is several calls
// from Go into JavaScript, in the task that draws the page: about 0.2 ms
// of a cached query's 5, timed by marks in the page (10,000 articles).
var headWritten struct {
	// bare: the elements marked data-head are the robots meta alone, whose
	// content is robots ("" for none). Set by applyHead for a page without
	// a head of its own (a search, the not-found page); every other head
	// clears it.
	bare   bool
	robots string
	// meta is the robots meta the app made last, saying metaSays: put
	// back, not made again, when a page says the same.
	meta     app.Value
	metaSays string
	// description is the description meta's content, once described: the
	// app set it (the host's, on the first page, is not known).
	described   bool
	description string
}

// addHead appends an element marked data-head to the document's head,
// with the attributes (name, value pairs) whose value is not empty.
func addHead(doc, head app.Value, tag string, attrs ...string) app.Value {
	el := doc.Call("createElement", tag)
	el.Call("setAttribute", "data-head", "")
	for i := 0; i+1 < len(attrs); i += 2 {
		if attrs[i+1] != "" {
			el.Call("setAttribute", attrs[i], attrs[i+1])
		}
	}
	head.Call("appendChild", el)
	return el
}

// removeHead removes the elements of the last page's head and returns the
// document's head.
func removeHead(doc app.Value) app.Value {
	old := doc.Call("querySelectorAll", "head [data-head]")
	for i := old.Length() - 1; i >= 0; i-- {
		old.Index(i).Call("remove")
	}
	return doc.Get("head")
}

// applyDrawnHead puts back the head of the page app.wasm opened on, as
// the host wrote it (page.Drawn), when the reader returns to that page.
func applyDrawnHead(els []string) {
	head := removeHead(app.Window().Get("document"))
	headWritten.bare = false
	for _, el := range els {
		head.Call("insertAdjacentHTML", "beforeend", el)
	}
}

// setTitle sets the document's title. go-app's Page.SetTitle also writes
// it into the head's first og:title, making one where there is none: the
// host's og:title (the headline alone, in the head applyHead puts in)
// then read "Headline · Site", and after a page without a head (a search)
// a second og:title stayed beside the next page's.
func setTitle(ctx app.Context, title string) {
	if !app.IsClient {
		ctx.Page().SetTitle(title)
		return
	}
	app.Window().Get("document").Set("title", title)
}

// setDescription sets the document's description meta, which the host
// writes on every page, unmarked, for the app to keep. go-app's
// Page.SetDescription also writes it into the head's first og:description,
// making one where there is none: after a page without a head from the
// host (a search, the not-found page) that one, unmarked, stayed beside
// the next page's, and every page after kept it. The host's og:description
// comes with the page's head (applyHead).
func setDescription(ctx app.Context, description string) {
	if !app.IsClient {
		ctx.Page().SetDescription(description)
		return
	}
	if headWritten.described && headWritten.description == description {
		return
	}
	headWritten.described, headWritten.description = true, description
	doc := app.Window().Get("document")
	m := doc.Call("querySelector", `head meta[name="description"]`)
	if !m.Truthy() {
		m = doc.Call("createElement", "meta")
		m.Call("setAttribute", "name", "description")
		doc.Get("head").Call("appendChild", m)
	}
	m.Call("setAttribute", "content", description)
}

// setRobots makes the document's robots meta say what the page's Meta
// does, as the host writes it, adding it or removing it for "": a page
// the app draws itself (a search, the not-found page) has no head from
// the host. The element is marked data-head, as the host's is, so that
// the next page's head takes its place.
func setRobots(content string) {
	if !app.IsClient || headWritten.bare && headWritten.robots == content {
		return
	}
	doc := app.Window().Get("document")
	switch {
	case !headWritten.bare:
		if m := doc.Call("querySelector", `head meta[name="robots"]`); m.Truthy() {
			if m.Call("getAttribute", "content").String() == content {
				// The page's head says it already, where the host's
				// page has it.
				headWritten.robots = content
				return
			}
			m.Call("remove")
		}
	case headWritten.robots != "":
		headWritten.meta.Call("remove") // the only one: the app's
	}
	headWritten.robots = content
	switch {
	case content == "":
	case headWritten.meta != nil && headWritten.metaSays == content:
		doc.Get("head").Call("appendChild", headWritten.meta)
	default:
		headWritten.meta = addHead(doc, doc.Get("head"), "meta", "name", "robots", "content", content)
		headWritten.metaSays = content
	}
}
