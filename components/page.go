package components

import (
	"errors"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"dateline/app/i18n"
	"dateline/app/page"
)

// Page is every page of the site in app.wasm: the route component that
// loads the data of the address it is on and draws it with View, the same
// function the host prerenders with.
type Page struct {
	app.Compo

	// Site is the edition; Source gives the page its data.
	Site   *page.Site
	Source page.Source
	// Next is the path and query that the navigation that made this Page
	// goes to, when the navigation named it (a search from the header's
	// box: web/reader.js). go-app hands a Page's new fields to the Page on
	// screen before it changes the address, and draws it at once
	// (OnUpdate): a page whose data is at hand, such as a search whose
	// index files are kept, is drawn in the same task as the search
	// instead of at go-app's next frame, 8.3 ms later.
	Next string

	st pageState
	// view is what Render drew for st at generation drawn. go-app renders
	// the page again after every OnNav; while st is the same, Render gives
	// it the same tree, which go-app then finds unchanged at once, instead
	// of building the page anew and comparing it with the one on screen
	// (reflect.DeepEqual on the Shell's content, then element by element).
	view  app.UI
	drawn int
}

// OnInit shows the page's data in the first render, when it is at hand.
func (p *Page) OnInit() { p.st.init(p.Source) }

// OnUpdate takes the page that Next names, when its data is at hand;
// OnNav then finds it loaded.
func (p *Page) OnUpdate(ctx app.Context) {
	if p.Next == "" || p.Source == nil {
		return
	}
	path, query, _ := strings.Cut(p.Next, "?")
	p.st.ahead(page.ParseURL(path, query), p.Source)
}

// OnNav loads the page's data and sets the document's title, description
// and robots meta. On the document's first page it marks the app live; that
// page keeps the prerendered head and the browser's scroll and focus, and
// when OnInit found its data, there is nothing to load.
func (p *Page) OnNav(ctx app.Context) {
	first := firstNav
	if first {
		firstNav = false
		shown()
		if p.st.Status == loaded {
			if p.st.Ref.Kind == page.Search {
				// The worker answers every search address with one page
				// (the host's, for an empty query), and a static host with
				// the exported one, whose title names no query and whose
				// robots meta is not the query's: the app, which searched,
				// sets them.
				m := MetaOf(p.Site, p.st.Ref, p.st.Data)
				setTitle(ctx, m.Title)
				setRobots(m.Robots)
			}
			return
		}
	}
	p.st.load(ctx, p.Source, func(ctx app.Context) {
		ref, d := p.st.Ref, p.st.Data
		// A page drawn ahead (OnUpdate) is on screen already: its scroll
		// and focus are set now, in the task of the search, not at go-app's
		// next frame, which would paint it first where the page was.
		drawn := p.view != nil && p.drawn == p.st.gen
		switch {
		case p.st.offline():
			ref, d = offlineRef, page.Data{}
		case p.st.Status == loadingErr:
			key := i18n.ErrorTitle
			if errors.Is(p.st.Err, page.ErrStale) {
				key = i18n.StaleTitle
			}
			title := p.Site.Table.Plain().Text(key) // a title: no isolates
			if first {
				setTitle(ctx, title)
				return
			}
			// At the top, focus on its heading, as any page the app draws:
			// the link followed is gone, and focus with it.
			afterNav(ctx, p.st.Ref, p.st.frag, drawn, func() {
				setTitle(ctx, title)
				applyHead(nil)
				setRobots("") // the page has no head: none from the last
			})
			return
		}
		m := MetaOf(p.Site, ref, d)
		// The document's first page keeps the head the host wrote.
		head := func() {
			setTitle(ctx, m.Title)
			setDescription(ctx, m.Description)
			switch {
			case first:
			case d.Drawn != nil:
				applyDrawnHead(d.Drawn.Head)
			default:
				applyHead(d.Head)
			}
			// After the head from the host, put in place of the last
			// page's: a page the app draws itself has none.
			setRobots(m.Robots)
		}
		if first {
			head()
			return
		}
		afterNav(ctx, ref, p.st.frag, drawn, head)
	})
	if ref := p.st.Ref; ref.Kind == page.Search && p.st.Status == loading {
		// The box of the search page that shows while its results load.
		ctx.Defer(func(app.Context) {
			if p.st.Ref == ref {
				showQuery(ref.Slug)
			}
		})
	}
}

// Render draws the page for where its load stands.
func (p *Page) Render() app.UI {
	if p.view == nil || p.drawn != p.st.gen {
		p.view, p.drawn = p.draw(), p.st.gen
	}
	return p.view
}

func (p *Page) draw() app.UI {
	if kept != nil {
		// The first render of the page the document opened on, taken as
		// drawn: the host's page stays (kept.go).
		if firstNav && p.st.Status == loaded && p.st.Data.Drawn != nil {
			return keptView()
		}
		dropKept()
	}
	switch p.st.Status {
	case loaded:
		return View(p.Site, p.st.Ref, p.st.Data)
	case loadingErr:
		if p.st.offline() {
			// The worker's answer to this address typed, offline.
			return View(p.Site, offlineRef, page.Data{})
		}
		return &Shell{Site: p.Site, Content: []app.UI{&ErrorView{Site: p.Site, Stale: errors.Is(p.st.Err, page.ErrStale)}}}
	default:
		if p.st.Ref.Kind == page.Search {
			// The same frame as the results, so that nothing moves.
			return View(p.Site, p.st.Ref, page.Data{Found: &page.Found{Pending: true}})
		}
		return &Shell{Site: p.Site, Content: []app.UI{
			app.Elem("p").Class("loading").Attr("aria-busy", "true").Attr("aria-live", "polite").Body(Label(p.Site.Table.Text(i18n.Loading))),
		}}
	}
}

// View draws a page from its data: the host prerenders it, and Page shows
// it once loaded, so that both draw the same page.
func View(site *page.Site, ref page.Ref, d page.Data) app.UI {
	var content []app.UI
	switch {
	case ref.Kind == page.Saved:
		content = savedContent(site.Table)
	case ref.Kind == page.Offline:
		content = offlineContent(site.Table)
	case d.Drawn != nil:
		for _, el := range d.Drawn.Content {
			content = append(content, app.Raw(el))
		}
	case ref.Kind == page.Search:
		content = searchContent(site, ref, d.Found)
	case d.Missing():
		content = notFoundContent(site.Table)
	case d.List != nil:
		content = listContent(site, ref, d.List)
	case d.Story != nil:
		content = []app.UI{&ArticleView{Site: site, Story: d.Story}}
	}
	s := &Shell{Site: site, Content: content}
	switch ref.Kind {
	case page.Saved:
		s.Saved = true
	case page.Search:
		s.Query, s.Searching = ref.Slug, true
	case page.Section:
		// Only a section's list is that section's page: at the address of
		// one past its last, the not-found page marks no section, as the
		// host draws it; a page taken over as drawn says which it is.
		if d.List != nil || (d.Drawn != nil && d.Drawn.InSection) {
			s.Section = ref.Slug
		}
	}
	return s
}

// Route registers the site's pages with go-app: every path shows Page,
// which tells the kinds apart.
//
// go-app routes a path exactly or by a regular expression, and compiling
// the one pattern that takes every path is app.wasm's only use of Go's
// regexp package: about 0.1 MB of code that the browser compiles on first
// use. So the path the document opened on (first) is routed exactly, at
// once, and the pattern is compiled at the reader's first click, form
// submission or move in the history: each of go-app's navigations starts
// with one of those events, and a listener on the window's capture phase
// hears it before go-app's handlers do. (A timer after the first page
// was tried: under load it fired in the same task as the first render.)
func Route(site *page.Site, src page.Source, first string) {
	newPage := func() app.Composer { return &Page{Site: site, Source: src, Next: takeNext()} }
	// go-app looks paths up without its root prefix, which Dateline's
	// host leaves at "/": a path is its own route.
	app.Route(first, newPage)
	var early app.Func
	early = app.FuncOf(func(app.Value, []app.Value) any {
		if early == nil {
			return nil // routed already, by an event of another type
		}
		app.RouteWithRegexp(`^/`, newPage)
		for _, ev := range routeEvents {
			app.Window().Call("removeEventListener", ev, early, true)
		}
		early.Release()
		early = nil
		return nil
	})
	for _, ev := range routeEvents {
		app.Window().Call("addEventListener", ev, early, true)
	}
}

// takeNext reads and clears the address that web/reader.js names, in
// window.datelineNext, for the navigation it starts (Page.Next).
func takeNext() string {
	w := app.Window()
	v := w.Get("datelineNext") // a path, or undefined
	if !v.Truthy() {
		return ""
	}
	w.Set("datelineNext", nil)
	return v.String()
}

// routeEvents are the events each of go-app's navigations starts from: a
// click on a link, a form (the search box, through reader.js), the history.
var routeEvents = []string{"click", "submit", "popstate"}
