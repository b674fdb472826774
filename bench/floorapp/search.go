//go:build searchfloor

package main

import (
	"encoding/base64"
	"log"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// searchB64 is set at build time (-ldflags -X, base64): five pieces of
// markup joined by NUL, cut by the bench from the pages Dateline's app drew
// (make bench, section f): the skip link, the header, the search page's
// <main> content without a query, the same with the cached query's
// results, and the footer.
var searchB64 string

var searchPieces struct {
	skip, header, empty, results, footer string
}

// Built with -tags searchfloor, the empty app has a search page at /search
// that does what a go-app page must do to show a cached query's results the
// way issue 11 asks, with none of Dateline's own work: the form's submission
// goes through go-app's navigation, so the query is in the address (a
// history entry); the page drawn in that navigation's own task, as
// Dateline's Page does (OnUpdate), with the same markup in the same frame;
// the title set, the page scrolled to its top and focus moved from the box
// to the results' heading. No search runs: the results are already markup.
// It is the floor under Dateline's cached query (bench/searchfloor.go times
// it).
func init() {
	b, err := base64.StdEncoding.DecodeString(searchB64)
	if err != nil {
		log.Fatalf("floorapp: the search pages: %v", err)
	}
	p := strings.Split(string(b), "\x00")
	if len(p) != 5 {
		log.Fatalf("floorapp: the search pages: %d pieces, not 5", len(p))
	}
	s := &searchPieces
	s.skip, s.header, s.empty, s.results, s.footer = p[0], p[1], p[2], p[3], p[4]
	styles = []string{"/web/dateline.css"}
	rawHeaders = append(rawHeaders, searchSubmit)
	app.Route("/search", func() app.Composer { return &searchPage{Next: takeFloorNext()} })
}

// searchSubmit sends the search form through go-app's navigation, naming
// the address for the page that the navigation makes (searchPage.Next), as
// web/reader.js does for Dateline.
const searchSubmit = `<script>
document.addEventListener("submit", function (e) {
  var f = e.target;
  if (!f.matches("form.search-form") || typeof goappNav !== "function") return;
  e.preventDefault();
  var q = f.elements.q.value.trim();
  var to = q ? "/search?q=" + encodeURIComponent(q) : "/search";
  window.floorNext = to;
  goappNav(to);
  window.floorNext = undefined;
});
</script>`

func takeFloorNext() string {
	w := app.Window()
	v := w.Get("floorNext")
	if !v.Truthy() {
		return ""
	}
	w.Set("floorNext", nil)
	return v.String()
}

// searchPage shows the search page without a query or with the results.
type searchPage struct {
	app.Compo
	// Next is the address of the navigation that made this component:
	// go-app hands it to the component on screen and draws it at once.
	Next    string
	results bool
}

func (p *searchPage) OnMount(app.Context) {
	app.Window().Get("document").Get("documentElement").Call("setAttribute", "data-app", "live")
}

func (p *searchPage) OnUpdate(app.Context) {
	if p.Next != "" {
		p.results = strings.Contains(p.Next, "?q=")
	}
}

func (p *searchPage) OnNav(ctx app.Context) {
	p.results = ctx.Page().URL().Query().Get("q") != ""
	if !app.IsClient {
		return
	}
	doc := app.Window().Get("document")
	title := "Search · Floor"
	if p.results {
		title = "Results · Floor"
	}
	doc.Set("title", title)
	app.Window().Call("scrollTo", 0, 0)
	// Focus where Dateline puts it (components/nav.go, afterNav): on the
	// results' heading, or in the box on the page without a query, where
	// the reader then types the next one; the search that follows moves it
	// out of the box, as a reader's does.
	id := "search-input"
	if p.results {
		id = "page-title"
	}
	if el := app.Window().GetElementByID(id); el.Truthy() {
		el.Call("focus")
	}
}

func (p *searchPage) Render() app.UI {
	s := &searchPieces
	content := s.empty
	if p.results {
		content = s.results
	}
	return app.Div().Class("app").Body(
		app.Raw(s.skip),
		app.Raw(s.header),
		app.Main().ID("main").TabIndex(-1).Body(app.Raw(content)),
		app.Raw(s.footer),
	)
}
