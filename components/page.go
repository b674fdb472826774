package components

import (
	"errors"

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

	st pageState
}

// OnInit shows the page's data in the first render, when it is at hand.
func (p *Page) OnInit() { p.st.init(p.Source) }

// OnNav loads the page's data and sets the document's title and
// description.
func (p *Page) OnNav(ctx app.Context) {
	p.st.load(ctx, p.Source, func(ctx app.Context) {
		if p.st.Status == loadingErr {
			title := i18n.ErrorTitle
			if errors.Is(p.st.Err, page.ErrStale) {
				title = i18n.StaleTitle
			}
			ctx.Page().SetTitle(p.Site.Table.Text(title))
			return
		}
		m := MetaOf(p.Site, p.st.Ref, p.st.Data)
		ctx.Page().SetTitle(m.Title)
		ctx.Page().SetDescription(m.Description)
		afterNav(ctx, p.st.Data.Head)
	})
}

// Render draws the page for where its load stands.
func (p *Page) Render() app.UI {
	switch p.st.Status {
	case loaded:
		return View(p.Site, p.st.Ref, p.st.Data)
	case loadingErr:
		return &Shell{Site: p.Site, Content: []app.UI{&ErrorView{Site: p.Site, Stale: errors.Is(p.st.Err, page.ErrStale)}}}
	default:
		if p.st.Ref.Kind == page.Search {
			// The same frame as the results, so that nothing moves.
			return View(p.Site, p.st.Ref, page.Data{Found: &page.Found{Pending: true}})
		}
		return &Shell{Site: p.Site, Content: []app.UI{
			app.P().Class("loading").Aria("busy", "true").Aria("live", "polite").Text(p.Site.Table.Text(i18n.Loading)),
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
	if ref.Kind == page.Search {
		s.Query, s.Searching = ref.Slug, true
	}
	return s
}

// Route registers the site's pages with go-app: every path shows Page,
// which tells the kinds apart.
func Route(site *page.Site, src page.Source) {
	app.RouteWithRegexp(`^/`, func() app.Composer { return &Page{Site: site, Source: src} })
}
