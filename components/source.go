// Package components holds Dateline's go-app components: the page shell, the
// home page, the article page and the not-found page, and the parts they are
// made of. The same components render on the host (prerendering) and in
// app.wasm; where they get their data from is a Source set at start.
package components

import (
	"errors"
	"strings"

	"dateline/app/article"
)

// Kind tells which page a path shows.
type Kind int

// The kinds of page.
const (
	NotFoundKind Kind = iota
	HomeKind
	ArticleKind
)

// PageData is everything a page needs to render.
type PageData struct {
	Kind    Kind
	Index   []article.Summary
	Article *article.Article
}

// Source gives pages their data. The host's source answers from the dataset
// in memory; the client's from the versioned data files the host serves.
type Source interface {
	// Cached returns the data for a path when it has it at once.
	Cached(path string) (PageData, bool)
	// Load gets the data for a path, blocking; the client calls it in ctx.Async.
	Load(path string) (PageData, error)
	// DataURL is the address of the data file for a path, "" if it has none.
	DataURL(path string) string
}

var source Source = noSource{}

// UseSource sets where pages get their data. main calls it once, before
// anything renders.
func UseSource(s Source) { source = s }

type noSource struct{}

var errNoSource = errors.New("no data source: call components.UseSource at start")

func (noSource) Cached(string) (PageData, bool) { return PageData{}, false }
func (noSource) Load(string) (PageData, error)  { return PageData{}, errNoSource }
func (noSource) DataURL(string) string          { return "" }

// ArticleSlug returns the slug in an article path, /articles/<slug>.
func ArticleSlug(path string) (string, bool) {
	slug, ok := strings.CutPrefix(path, "/articles/")
	if !ok || slug == "" || strings.Contains(slug, "/") {
		return "", false
	}
	return slug, true
}

// KindOf tells which page a path shows, before any data is known; an
// article path whose slug is unknown is still a not-found page.
func KindOf(path string) Kind {
	switch {
	case path == "/":
		return HomeKind
	case strings.HasPrefix(path, "/articles/"):
		if _, ok := ArticleSlug(path); ok {
			return ArticleKind
		}
	}
	return NotFoundKind
}
