//go:build js && wasm

// Package client is the data source of app.wasm: it fetches the versioned
// data files that the host serves (and the service worker caches), and
// keeps what it fetched for the rest of the visit.
package client

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"syscall/js"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"dateline/app/jsonread"
	"dateline/app/page"
	"dateline/app/search"
)

// Source implements page.Source over the host's data files, and searches
// the host's search index.
type Source struct {
	base string // "/data/<version>"

	mu       sync.Mutex
	pages    map[page.Ref]page.Data
	searcher *search.Searcher
	// first holds the results of the search page app.wasm opened on when
	// they were not complete (First), for its first render only.
	first *firstSearch
}

// firstSearch is a search page's data and the page it is for.
type firstSearch struct {
	ref  page.Ref
	data page.Data
	_    [0]func() // not comparable: no equality function in app.wasm
}

// New returns a source reading the data files under base.
func New(base string) *Source {
	return &Source{base: strings.TrimRight(base, "/"), pages: make(map[page.Ref]page.Data)}
}

// Cached returns the data of a page fetched before (or the first search's
// results, First), and a search's results when the files they need are
// kept (search.Searcher.AtHand); a path that is no page, and the saved
// articles' page, need none.
func (s *Source) Cached(r page.Ref) (page.Data, bool) {
	if d, ok := s.kept(r); ok || r.Kind != page.Search {
		return d, ok
	}
	return s.searchAtHand(r)
}

// kept is Cached but for a search's results from kept files, which Load
// does not need: its search uses them.
func (s *Source) kept(r page.Ref) (page.Data, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if f := s.first; f != nil {
		// Given once, to the first render: asked again (the same query
		// submitted, or a return to it), the query runs anew.
		s.first = nil
		if f.ref == r {
			return f.data, true
		}
	}
	// A page fetched before, or taken as the document drew it (First: the
	// only way a search's results, and the search page without a query,
	// come to be kept).
	if d, ok := s.pages[r]; ok {
		return d, true
	}
	switch {
	case r.Kind == page.Search && r.Slug == "":
		return page.Data{Found: &page.Found{}}, true
	case !r.Kind.HasData() && r.Kind != page.Search:
		return page.Data{}, true
	}
	return page.Data{}, false
}

// searchAtHand gives a search's results when the files they need are kept.
func (s *Source) searchAtHand(r page.Ref) (page.Data, bool) {
	s.mu.Lock()
	sr := s.searcher
	s.mu.Unlock()
	if sr == nil {
		return page.Data{}, false
	}
	res, ok := sr.AtHand(r.Slug, r.N)
	if !ok {
		return page.Data{}, false
	}
	return page.Data{Found: &page.Found{Results: res}}, true
}

// Load fetches the data of a page. It blocks: call it from ctx.Async, or
// from main before the app starts. A page whose data file does not exist
// (an unknown article, a list page past the last) is page.Data{}.
func (s *Source) Load(r page.Ref) (page.Data, error) {
	if d, ok := s.kept(r); ok {
		return d, nil
	}
	if r.Kind == page.Search {
		return s.search(r)
	}
	url := s.base + "/" + r.DataFile()
	var d page.Data
	body, err := fetch(url)
	switch {
	case errors.Is(err, errNotFound):
		// Not found, or the site has a new version and this page's data
		// path is gone: then its list of files is gone too.
		if _, err := fetch(s.base + "/offline.json"); errors.Is(err, errNotFound) {
			return d, fmt.Errorf("loading %s: %w", r.Path(), page.ErrStale)
		}
	case errors.Is(err, errNotReady):
		// The host's dataset changed on disk since this version was
		// read: the page is served again once the host has read the
		// new one (app/site: changed.go).
		return d, fmt.Errorf("loading %s: %w: %w", r.Path(), page.ErrStale, err)
	case err != nil:
		return d, fmt.Errorf("loading %s: %w", r.Path(), err)
	default:
		rd := jsonread.NewReader(body)
		d.ReadJSON(rd)
		if err := rd.End(); err != nil {
			return page.Data{}, fmt.Errorf("decoding %s: %w", url, err)
		}
	}
	s.mu.Lock()
	s.pages[r] = d
	s.mu.Unlock()
	return d, nil
}

// search runs a search page's query against the index under the data
// path: the searcher fetches the few files the query needs and keeps them
// for the next. A file it cannot have (offline, or the host still building
// the index) makes the results incomplete, not an error page. A file of
// the index that is not found went with its version (the site has been
// updated: the manifest lists every file of its version, which a
// deploy keeps or removes whole), so it is page.ErrStale, as a page's
// data path gone is; offline.json, which Load asks, may well be kept by
// the service worker for the old version's pages.
func (s *Source) search(r page.Ref) (page.Data, error) {
	f := &page.Found{}
	if r.Slug == "" {
		return page.Data{Found: f}, nil
	}
	s.mu.Lock()
	if s.searcher == nil {
		s.searcher = search.NewSearcher(page.SearchManifest, fetch)
		s.searcher.Dir = s.base + "/" + page.SearchDir + "/"
	}
	sr := s.searcher
	s.mu.Unlock()
	res, err := sr.Search(r.Slug, r.N)
	f.Results = res
	// What the page says of itself (offline or the site not answering,
	// the site updated, the index being made) is no failure to log; a
	// file the host refused (a 500, a 403), which the page too calls the
	// site not answering, is.
	switch {
	case err == nil:
	case errors.Is(err, errNotFound):
		return page.Data{}, fmt.Errorf("searching %s: %w", r.Slug, page.ErrStale)
	case errors.Is(err, errNotReady):
		// A result's part that the host makes again (its article changed
		// on disk; app/site: found does the same), or the index itself
		// being made: the manifest is asked again next time rather than
		// the failure kept.
		f.Partial = res.Total > 0
		f.Building = !f.Partial
		if f.Building {
			s.mu.Lock()
			s.searcher = nil
			s.mu.Unlock()
		}
	case errors.Is(err, search.ErrUnavailable) && errors.Is(err, page.ErrOffline):
		f.Incomplete = true
	default:
		app.Log("dateline: searching:", err)
		f.Incomplete = errors.Is(err, search.ErrUnavailable)
		f.Failed = !f.Incomplete
	}
	return page.Data{Found: f}, nil
}

// First gives the data of the page the document opened on, before the
// app starts: the page as the document drew it (page.Drawn), kept for a
// return to it later in the visit. A search page is taken as drawn only
// with complete results of its own query and page (page.DrawnQuery), or
// as the page without a query.
// When the document has no such page drawn, First loads the page's data
// as Load does, and keeps a search's results.
func (s *Source) First(r page.Ref) (page.Data, error) {
	if r.Kind.HasData() || r.Kind == page.Search {
		if dr, ok := drawnPage(r); ok {
			d := page.Data{Drawn: dr}
			s.mu.Lock()
			s.pages[r] = d
			s.mu.Unlock()
			return d, nil
		}
	}
	d, err := s.Load(r)
	if f := d.Found; err == nil && r.Kind == page.Search && r.Slug != "" && f != nil {
		// The results of the search page app.wasm opens on, when it was
		// not taken as drawn (an exported site's search page, the search
		// page offline, one drawn while the index was being built, or for
		// another query), run before the app starts, so that its first
		// render shows them instead of a "searching" note and then the
		// same search again. Complete results are kept for the rest of
		// the visit, as a fetched page is. Others (incomplete offline,
		// the index still being built, a failure) answer once, for that
		// first render (components' pageState.init; the first page's
		// OnNav loads nothing more): the same query asked again runs
		// anew, when the missing files may be had. (Here rather than in a
		// function of its own, which cost app.wasm 634 B more.)
		s.mu.Lock()
		if f.Complete() {
			s.pages[r] = d
		} else {
			s.first = &firstSearch{ref: r, data: d}
		}
		s.mu.Unlock()
	}
	return d, err
}

// drawnPage reads the page the host drew for r in the document: the
// elements of its <main>, as the page's loader copied them before any
// other script ran (app/site/loader.js: window.datelineDrawn), its title,
// description, robots meta and head, and whether its header marks a section as the
// page. The copy is taken once, whether or not it is r's.
func drawnPage(r page.Ref) (*page.Drawn, bool) {
	win := js.Global()
	main := win.Get("datelineDrawn")
	if !main.Truthy() {
		return nil, false
	}
	win.Set("datelineDrawn", js.Undefined())
	if r.Kind == page.Search && !drawnResults(main, r) {
		return nil, false
	}
	doc := win.Get("document")
	kids := main.Get("children")
	n := kids.Length()
	if n == 0 {
		return nil, false
	}
	d := &page.Drawn{Title: doc.Get("title").String()}
	for i := range n {
		d.Content = append(d.Content, kids.Index(i).Get("outerHTML").String())
	}
	if m := doc.Call("querySelector", `meta[name="description"]`); m.Truthy() {
		d.Description = m.Call("getAttribute", "content").String()
	}
	if m := doc.Call("querySelector", `meta[name="robots"]`); m.Truthy() {
		d.Robots = m.Call("getAttribute", "content").String()
	}
	d.InSection = doc.Call("querySelector", `nav.sections a[aria-current="page"]`).Truthy()
	head := doc.Call("querySelectorAll", "head [data-head]")
	for i := range head.Length() {
		d.Head = append(d.Head, head.Index(i).Get("outerHTML").String())
	}
	return d, true
}

// drawnResults reports whether the copy of <main> holds complete results
// of r's query and page (page.DrawnQuery).
func drawnResults(main js.Value, r page.Ref) bool {
	el := main.Call("querySelector", ".search-page["+page.DrawnPage+`="`+strconv.Itoa(max(r.N, 1))+`"]`)
	return el.Truthy() && el.Call("getAttribute", page.DrawnQuery).String() == r.Slug
}

// Site reads the edition the host hands app.wasm (in go-app's environment).
func Site(js string) (*page.Site, error) {
	var s page.Site
	r := jsonread.NewReader([]byte(js))
	s.ReadJSON(r)
	if err := r.End(); err != nil {
		return nil, fmt.Errorf("reading the site: %w", err)
	}
	if s.Name == "" {
		return nil, errors.New("reading the site: no name (was DATELINE_SITE set?)")
	}
	return page.NewSite(&s.Site, s.Sections), nil
}
