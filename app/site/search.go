package site

import (
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"runtime/debug"
	"sort"
	"strings"
	"sync/atomic"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"dateline/app/article"
	"dateline/app/page"
	"dateline/app/search"
)

// The search index (app/search) is built from the dataset after the host
// has started, so that a large archive does not start later: until it is
// ready, its files answer 503 and the search page says it is being
// prepared. Its files are served under the data path's search directory,
// immutable like the data files (the index is made from the dataset, whose
// version names the path); the manifest under page.SearchManifest.

// searchIndex is the site's index, once built.
type searchIndex struct {
	ready chan struct{} // closed once built, or failed

	files    *search.Files
	slugs    []string // the articles by document id
	searcher *search.Searcher
	err      error
	took     time.Duration
}

// buildSearch builds the index of every article, newest first, then frees
// what the build held. It runs once, in the background.
func (s *Site) buildSearch() {
	ix := s.search
	defer close(ix.ready)
	start := time.Now()
	b := search.NewBuilder()
	// A site whose every page is saved offline saves the index too: its
	// documents' files are kept in memory, to list and serve.
	b.KeepDocs = s.OfflineMode() == "all"
	b.Step = s.background
	home := s.arc.Home()
	n := home.Len()
	slugs := make([]string, 0, n)
	const chunk = 1024
	for lo := 0; lo < n; lo += chunk {
		for _, sum := range s.arc.Summaries(home, lo, lo+chunk) {
			if s.stopped() {
				ix.err = errStopped
				b.Abandon()
				return
			}
			var a *article.Article
			var ok bool
			var err error
			s.background(func() { a, ok, err = s.arc.Article(sum.Slug) })
			if err == nil && !ok {
				err = errors.New("not in the archive")
			}
			if err != nil {
				ix.err = fmt.Errorf("indexing %s: %w", sum.Slug, err)
				b.Finish() // stops the builder's workers
				return
			}
			b.Add(search.DocOf(a))
			slugs = append(slugs, sum.Slug)
		}
	}
	if len(slugs) == 0 {
		ix.err = errors.New("no articles to index")
		b.Finish()
		return
	}
	files, err := b.Finish()
	if err != nil {
		ix.err = fmt.Errorf("building the search index: %w", err)
		return
	}
	ix.files, ix.slugs = files, slugs
	ix.searcher = search.NewSearcher(page.SearchManifest, s.searchFile)
	ix.took = time.Since(start)
	// The build's working memory is garbage now: give it back, so that the
	// host's resident size after start is what it serves from.
	debug.FreeOSMemory()
}

// background runs f, a step of the work done in the background after a
// start (the search index's build). While pages are being asked for (one
// was made in the last bgQuiet, or the host started that recently), such
// steps take turns on one fewer processor than Go runs on, at least one,
// leaving one for requests: with both cores of a small machine building,
// a page of 5 ms waited for a processor and took 30-60 ms now and then.
// Otherwise they run on every processor.
func (s *Site) background(f func()) {
	if time.Now().UnixNano()-s.cache.made.Load() > int64(bgQuiet) {
		f()
		return
	}
	s.bgSlots <- struct{}{}
	defer func() { <-s.bgSlots }()
	f()
}

// bgQuiet is how long after the last page made the background work takes
// every processor again.
const bgQuiet = 2 * time.Second

// searchReady returns the index if it is built.
func (s *Site) searchReady() (*searchIndex, bool) {
	select {
	case <-s.search.ready:
		return s.search, s.search.err == nil
	default:
		return nil, false
	}
}

// WaitSearch waits until the search index is built, and says how it went:
// how long it took, or why it failed.
func (s *Site) WaitSearch() (time.Duration, error) {
	<-s.search.ready
	return s.search.took, s.search.err
}

// searchFile returns a file of the index by its name under the search
// directory.
func (s *Site) searchFile(name string) ([]byte, error) {
	ix, ok := s.searchReady()
	if !ok {
		return nil, errSearchNotReady
	}
	if name == page.SearchManifest {
		name = ix.files.Manifest
	}
	return ix.files.Open(name, s.searchDoc)
}

var errSearchNotReady = errors.New("the search index is not ready")

// errStopped is why a site that was stopped (Site.Stop) has no index.
var errStopped = errors.New("the site was stopped before its search index was built")

// searchDoc returns the document the index holds under id, from the
// dataset, for the index to make its files.
func (s *Site) searchDoc(id int) (search.Doc, error) {
	ix := s.search
	if id < 0 || id >= len(ix.slugs) {
		return search.Doc{}, fmt.Errorf("document %d: %w", id, fs.ErrNotExist)
	}
	a, ok, err := s.arc.Article(ix.slugs[id])
	if err == nil && !ok {
		err = fs.ErrNotExist
	}
	if err != nil {
		return search.Doc{}, fmt.Errorf("document %d (%s): %w", id, ix.slugs[id], err)
	}
	return search.DocOf(a), nil
}

// notReady answers a file of the index while it is being built.
var notReady = func() *response {
	r, err := newResponse(http.StatusServiceUnavailable, "text/plain; charset=utf-8", "no-store", []byte("the search index is being built\n"))
	if err != nil {
		panic(err) // a fixed, short body: compressing it cannot fail
	}
	return r
}()

// searchResponse serves a file of the index.
func (s *Site) searchResponse(name string) (*response, error) {
	if _, ok := s.searchReady(); !ok {
		if s.search.err != nil {
			return notFoundData, nil
		}
		return notReady, nil
	}
	res, err := s.cache.get(s.DataBase+"/"+page.SearchDir+"/"+name, func() (*response, error) {
		data, err := s.searchFile(name)
		if errors.Is(err, fs.ErrNotExist) {
			return nil, errMissing
		}
		if err != nil {
			return nil, fmt.Errorf("serving %s: %w", name, err)
		}
		return newResponse(http.StatusOK, page.SearchFileType, immutable, data)
	})
	if errors.Is(err, errMissing) {
		return notFoundData, nil
	}
	return res, err
}

// searchPage renders the results of the query in the URL's query string:
// a reader has them before app.wasm is live, and with data saver on.
func (s *Site) searchPage(rawQuery string) (*response, error) {
	ref := page.ParseURL(page.SearchPath, rawQuery)
	found, cacheable := s.found(ref)
	build := func() (*response, error) {
		h, err := s.headOf(ref, page.Data{})
		if err != nil {
			return nil, fmt.Errorf("the head of %s: %w", ref.Path(), err)
		}
		return s.render(ref, page.Data{Head: h, Found: found}, http.StatusOK)
	}
	if !cacheable {
		return build()
	}
	return s.cache.get(ref.Path(), build)
}

// found runs a search page's query on the host, and says whether the
// answer can be kept (not while the index is being built).
func (s *Site) found(ref page.Ref) (*page.Found, bool) {
	f := &page.Found{}
	if ref.Slug == "" {
		return f, true
	}
	ix, ok := s.searchReady()
	if !ok {
		f.Building = s.search.err == nil
		f.Failed = !f.Building
		return f, false
	}
	res, err := ix.searcher.Search(ref.Slug, ref.N)
	if err != nil {
		app.Log("dateline: searching", ref.Slug, ":", err)
		// A result whose article changed on disk since the index was
		// built (searchDoc) is left out; the others are shown.
		if !errors.Is(err, search.ErrUnavailable) || res.Total == 0 {
			f.Failed = true
			return f, false
		}
		f.Partial = true
	}
	f.Results = res
	return f, err == nil
}

// searchFiles lists the index's files, by name under the search directory:
// the manifest (under its served name), the shards and, when the build
// kept them (a site saved whole offline), the documents' parts.
func (ix *searchIndex) searchFiles() []string {
	var names []string
	for name := range ix.files.Data {
		switch {
		case name == ix.files.Manifest:
			names = append(names, page.SearchManifest)
		case strings.HasSuffix(name, "/docs.bin"): // the host's own checksums
		default:
			names = append(names, name)
		}
	}
	sort.Strings(names)
	return names
}

// searchExport writes the index's files in an export: those the host
// keeps in memory (the manifest, the shards, and with every page saved
// offline the documents' parts too), and each document's parts beside
// its article's page, made from the article the page was made from, so
// that an export reads each article once.
type searchExport struct {
	s   *Site
	dir string
	ids map[string]int // document id by slug
	// docs counts the documents whose parts were made, to check that
	// every document of the index has its files.
	docs atomic.Int64
}

// newSearchExport waits for the index and maps its documents.
func (s *Site) newSearchExport() (*searchExport, error) {
	if _, err := s.WaitSearch(); err != nil {
		return nil, fmt.Errorf("exporting the search index: %w", err)
	}
	ix := s.search
	e := &searchExport{s: s, dir: s.DataBase + "/" + page.SearchDir + "/", ids: make(map[string]int, len(ix.slugs))}
	for id, slug := range ix.slugs {
		e.ids[slug] = id
	}
	return e, nil
}

// article writes the parts of a's document that are not kept in memory.
func (e *searchExport) article(w *exportWriter, a *article.Article) error {
	id, ok := e.ids[a.Slug]
	if !ok {
		return nil
	}
	e.docs.Add(1)
	head, rest, err := e.s.search.files.DocParts(id, search.DocOf(a))
	if err != nil {
		return fmt.Errorf("exporting the search index: %w", err)
	}
	for _, p := range []search.Part{head, rest} {
		if _, kept := e.s.search.files.Data[p.Name]; p.Name == "" || kept {
			continue
		}
		if err := w.write(e.dir+p.Name, p.Data); err != nil {
			return err
		}
	}
	return nil
}

// finish writes the files kept in memory, once every article's page is
// written, and checks that every document got its parts.
func (e *searchExport) finish(w *exportWriter) error {
	if n, want := e.docs.Load(), int64(len(e.s.search.slugs)); n != want {
		return fmt.Errorf("exporting the search index: %d of its %d documents were among the pages exported", n, want)
	}
	for _, name := range e.s.search.searchFiles() {
		data, err := e.s.searchFile(name)
		if err != nil {
			return fmt.Errorf("exporting the search index: %w", err)
		}
		if err := w.write(e.dir+name, data); err != nil {
			return err
		}
	}
	return nil
}
