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

	"dateline/app/article"
	"dateline/components"
)

// Source implements components.Source over the host's data files.
type Source struct {
	base string // "/data/<dataset hash>"

	mu    sync.Mutex
	pages map[string]components.PageData
}

// New returns a source reading the data files under base.
func New(base string) *Source {
	return &Source{base: strings.TrimRight(base, "/"), pages: make(map[string]components.PageData)}
}

// DataURL returns the data file of a path.
func (s *Source) DataURL(path string) string {
	switch components.KindOf(path) {
	case components.HomeKind:
		return s.base + "/index.json"
	case components.ArticleKind:
		slug, _ := components.ArticleSlug(path)
		return s.base + "/articles/" + slug + ".json"
	}
	return ""
}

// Cached returns the data of a page fetched before; not-found pages need none.
func (s *Source) Cached(path string) (components.PageData, bool) {
	if components.KindOf(path) == components.NotFoundKind {
		return components.PageData{Kind: components.NotFoundKind}, true
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	d, ok := s.pages[path]
	return d, ok
}

// Load fetches the data of a page. It blocks: call it from ctx.Async, or
// from main before the app starts.
func (s *Source) Load(path string) (components.PageData, error) {
	if d, ok := s.Cached(path); ok {
		return d, nil
	}
	url := s.DataURL(path)
	var d components.PageData
	switch components.KindOf(path) {
	case components.HomeKind:
		d.Kind = components.HomeKind
		if err := fetchJSON(url, &d.Index); err != nil {
			return d, fmt.Errorf("loading the list of articles: %w", err)
		}
	case components.ArticleKind:
		var a article.Article
		switch err := fetchJSON(url, &a); {
		case errors.Is(err, errNotFound):
			d.Kind = components.NotFoundKind
		case err != nil:
			return d, fmt.Errorf("loading article %s: %w", path, err)
		default:
			d.Kind, d.Article = components.ArticleKind, &a
		}
	}
	s.mu.Lock()
	s.pages[path] = d
	s.mu.Unlock()
	return d, nil
}
