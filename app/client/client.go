//go:build js && wasm

// Package client is the data source of app.wasm: it fetches the versioned
// data files that the host serves (and the service worker caches), and
// keeps what it fetched for the rest of the visit.
package client

import (
	"errors"
	"fmt"
	"strings"
	"sync"

	"dateline/app/jsonread"
	"dateline/app/page"
)

// Source implements page.Source over the host's data files.
type Source struct {
	base string // "/data/<version>"

	mu    sync.Mutex
	pages map[page.Ref]page.Data
}

// New returns a source reading the data files under base.
func New(base string) *Source {
	return &Source{base: strings.TrimRight(base, "/"), pages: make(map[page.Ref]page.Data)}
}

// Cached returns the data of a page fetched before; a path that is no page,
// and the saved articles' page, need none.
func (s *Source) Cached(r page.Ref) (page.Data, bool) {
	if !r.Kind.HasData() {
		return page.Data{}, true
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	d, ok := s.pages[r]
	return d, ok
}

// Load fetches the data of a page. It blocks: call it from ctx.Async, or
// from main before the app starts. A page whose data file does not exist
// (an unknown article, a list page past the last) is page.Data{}.
func (s *Source) Load(r page.Ref) (page.Data, error) {
	if d, ok := s.Cached(r); ok {
		return d, nil
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
