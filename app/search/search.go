package search

import (
	"errors"
	"slices"
	"strings"
)

// PerPage is the number of hits in a page of results.
const PerPage = 20

// MaxTerms is the number of words of a query that count: the first
// MaxTerms-1 and the last. The others are left out (Results.Dropped),
// which the results page says: each word costs the files of its part of
// the index.
const MaxTerms = 8

// ErrUnavailable says that a file the search needed could not be fetched,
// offline for instance: the results are missing or incomplete. It wraps
// the fetch's own error.
var ErrUnavailable = errors.New("search: index file unavailable")

// Results is a page of hits for a query.
type Results struct {
	// Query holds the query's words as folded for the index; the last
	// matched as a prefix too when Prefix is set.
	Query  []string
	Prefix bool
	// Total is the number of documents that match; Pages the number of
	// pages they fill; Page the page given (from 1).
	Total, Page, Pages int
	Hits               []Hit
	// Dropped holds the query's words past MaxTerms that the search left
	// out, as the query writes them, once each.
	Dropped []string
}

// Hit is one document found, with what a result list shows of it.
type Hit struct {
	Slug, Lang, Headline, Section, Published string
	// HeadlineMarks is the headline cut into spans, the query's words
	// marked.
	HeadlineMarks []Span
	// Excerpt is the sentence around the body's first match (or the
	// body's opening when only the headline matched), marked likewise.
	Excerpt []Span
}

// Span is a piece of text, marked or not: the UI renders it as text
// (in a <mark> when Mark is set), never as HTML.
type Span struct {
	_    noCompare // no equality functions in app.wasm (600 B); first, as it takes no room there
	Text string
	Mark bool
}

// Searcher runs queries against an index read through fetch, which
// returns a file's bytes by name (the names in Files, after Dir). It
// fetches only the files a query needs, several at once, and keeps what
// it parsed, up to MaxCacheBytes, so a second query pays only for what is
// new. It is safe for concurrent use.
type Searcher struct {
	// MaxCacheBytes bounds the files kept between queries (the manifest
	// is always kept); 0 means 8 MB.
	MaxCacheBytes int
	// Dir is put before each file's name given to fetch: a URL's path,
	// which spares a client a closure of its own (600 B of app.wasm).
	// Set it before the first search.
	Dir string

	manifest string
	fetch    func(name string) ([]byte, error)
	cache    *cache
	// atHand: a view of a Searcher (AtHand) that fetches nothing and
	// waits for nothing, and notes in missed any file it lacked.
	atHand, missed bool
}

// NewSearcher returns a Searcher of the index whose manifest is called
// manifest. fetch must return a file's bytes exactly as served (they are
// binary: in a browser, read the response as an ArrayBuffer, not as
// text). A new version of the index has a new manifest, and needs a new
// Searcher.
func NewSearcher(manifest string, fetch func(name string) ([]byte, error)) *Searcher {
	return &Searcher{manifest: manifest, fetch: fetch, cache: &cache{items: map[string]*item{}}}
}

// AtHand returns page (from 1) of query's results as Search does, if every
// file they need is kept already; it fetches nothing and waits for no
// fetch under way. ok is false when a file was missing, or the query
// failed.
func (s *Searcher) AtHand(query string, page int) (res Results, ok bool) {
	v := *s // the same index and cache; as a view, it never fetches
	v.atHand = true
	res, err := v.Search(query, page)
	return res, err == nil && !v.missed
}

// Search returns page (from 1) of the documents that match query. With
// an error wrapping ErrUnavailable, the results hold what could be had:
// nothing when a shard was missing, the hits whose head parts were at
// hand when some were not.
func (s *Searcher) Search(query string, page int) (res Results, err error) {
	// res is named, and each return bare: a return of the struct cost
	// app.wasm a copy of it each.
	terms, prefix := queryTerms(query)
	res = Results{Query: terms, Prefix: prefix, Page: max(page, 1)}
	res.Dropped = leftOut(query, terms)
	if len(terms) == 0 {
		return
	}
	it := s.cache.get(s, s.manifest, kindManifest, 0) // kept once fetched
	if err = it.err; err != nil {
		return
	}
	m, _ := it.val.(*manifest) // there: err is nil
	// The query last matched is kept: an AtHand search that lacked a
	// result's file leaves its match for the Search that follows, and
	// the pages of one query's results share theirs.
	mark, alt := "", ""
	if prefix {
		alt = prefixAlt(terms[len(terms)-1], query)
		mark = "\x00*" + alt
	}
	key := strings.Join(terms, "\x00") + mark // one manifest a Searcher: its version is the same
	c := s.cache
	c.mu.Lock()
	q := c.lastQuery
	if c.lastKey != key {
		q = nil
	}
	c.mu.Unlock()
	if q == nil {
		if q, err = s.match(m, terms, prefix, alt); err != nil {
			return
		}
		c.mu.Lock()
		c.lastKey, c.lastQuery = key, q
		c.mu.Unlock()
	}
	res.Total = q.all.count()
	res.Pages = (res.Total + PerPage - 1) / PerPage
	if res.Page <= res.Pages {
		res.Hits, err = s.hits(m, q, q.rank(res.Page), terms, prefix)
	}
	return
}

// queryTerms returns the folded words of a query that count, and whether
// the last is a prefix: it is not when it repeats an earlier word.
func queryTerms(query string) ([]string, bool) {
	var terms []string
	for t := (tokenizer{s: query}); ; {
		_, _, w, ok := t.next()
		// The word read last (terms[n]) stays when the query goes on and
		// the room allows it, or when it is the query's last, unless
		// it repeats an earlier one.
		n := len(terms) - 1
		if n >= 0 && (ok && n >= MaxTerms-1 || slices.Contains(terms[:n], terms[n])) {
			terms = terms[:n]
		}
		if !ok {
			return terms, n >= 0 && len(terms) > n
		}
		terms = append(terms, string(w))
	}
}

// leftOut returns the words of query that are not among its terms, the
// words that count (queryTerms): those past MaxTerms, as the query writes
// them, once each. A query of fewer than MaxTerms-1 terms has none, and
// is not read again; one of MaxTerms-1 may have some: its last word
// repeated an earlier one, and took the place of the word before it
// ("a b c d e f g h a" searches a to g, without h).
func leftOut(query string, terms []string) []string {
	if len(terms) < MaxTerms-1 {
		return nil
	}
	var words []string
	seen := terms[:len(terms):len(terms)] // the terms, then the words left out, folded
	for t := (tokenizer{s: query}); ; {
		start, end, w, ok := t.next()
		if !ok {
			return words
		}
		if f := string(w); !slices.Contains(seen, f) {
			seen = append(seen, f)
			words = append(words, query[start:end])
		}
	}
}
