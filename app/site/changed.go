package site

import (
	"errors"
	"net/http"
	"sync"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"dateline/app/dataset"
	"dateline/app/i18n"
	"dateline/app/page"
	"dateline/components"
)

// The dataset changed on disk since the site read it (dataset.ErrChanged):
// the host reads it again and serves a new site, or, while the file does
// not validate (half saved, or a typo), keeps this one. Until then, a page
// or data file whose article's own bytes changed answers 503 with
// Retry-After (the archive serves the others: app/dataset, relocate.go):
// the reader is told that the site is being updated, not that the
// connection failed.

// changedLog tells which changes to the dataset's files the log has told.
type changedLog struct {
	mu   sync.Mutex
	said map[uint64]bool // by dataset.ChangedError.Change; 0 for an error without
}

// first reports whether err, a dataset.ErrChanged, is the first of its
// change: the one to log.
func (l *changedLog) first(err error) bool {
	var change uint64
	if ce, ok := errors.AsType[*dataset.ChangedError](err); ok {
		change = ce.Change
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.said[change] {
		return false
	}
	if l.said == nil {
		l.said = make(map[uint64]bool)
	}
	l.said[change] = true
	return true
}

// retryAfter is the Retry-After of the host's every 503, in seconds: about
// the time it takes to notice a change and read a small dataset, or to
// build a small site's search index.
const retryAfter = "5"

// changedData answers a data file whose article changed on disk. The
// app reads a 503 as a site being updated (app/client: page.ErrStale).
var changedData = func() *response {
	r, err := newResponse(http.StatusServiceUnavailable, "text/plain; charset=utf-8", "no-store",
		[]byte("this page is being updated: try again in a moment\n"))
	if err != nil {
		panic(err) // a fixed, short body: compressing it cannot fail
	}
	return r
}()

// changedPage is the page at path p while its article changed on disk:
// the site's page shell saying that the site has been updated, with a
// link that loads the page again and one to the home page. app.wasm does
// not take it over (it would keep it for the visit), so the link loads
// the page from the host; it is never kept.
func (s *Site) changedPage(p string) (*response, error) {
	t := s.site.Table
	content := app.Elem("section").Class("notice").Attr("aria-labelledby", "page-title").Body(
		app.Elem("h1").ID("page-title").TabIndex(-1).Body(components.Label(t.Text(i18n.StaleTitle))),
		app.Elem("p").Body(components.Label(t.Text(i18n.StaleText))),
		app.Elem("p").Body(
			app.Elem("a").Attr("href", p).Class("button").Body(components.Label(t.Text(i18n.UpdateReload))),
			app.Text(" "),
			app.Elem("a").Attr("href", "/").Body(components.Label(t.Text(i18n.ErrorHome))),
		),
	)
	title := t.Plain().Text(i18n.PageTitle, "title", t.Plain().Text(i18n.StaleTitle), "site", s.site.Name)
	d := page.Data{
		Drawn: &page.Drawn{Title: title, Description: s.site.Description, Content: []string{bodyHTML(content)}},
		Head:  &page.Head{}, // not the not-found page's
	}
	doc, err := s.documentOf(page.Ref{}, d, true)
	if err != nil {
		return nil, err
	}
	return newResponse(http.StatusServiceUnavailable, "text/html; charset=utf-8", "no-store", doc)
}

// serveChanged answers a request for p, a page or data file whose article
// changed on disk since the site read it.
func (s *Site) serveChanged(w http.ResponseWriter, r *http.Request, p string, isData bool) {
	res := changedData
	if !isData {
		var err error
		if res, err = s.changedPage(p); err != nil {
			app.Log("dateline: drawing the page of a changed article", p, ":", err)
			w.Header().Set("Retry-After", retryAfter)
			http.Error(w, "this page is being updated: try again in a moment", http.StatusServiceUnavailable)
			return
		}
	}
	res.serve(w, r)
}
