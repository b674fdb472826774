package search

import (
	"errors"
	"slices"
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
	terms, prefix, dropped := parseQuery(query)
	res = Results{Query: terms, Prefix: prefix, Page: max(page, 1), Dropped: dropped}
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
	// the pages of one query's results share theirs. It is known by the
	// query as written (one manifest a Searcher: its version is the
	// same), which spares app.wasm making a key of its terms.
	alt := ""
	if prefix {
		alt = prefixAlt(terms[len(terms)-1], query)
	}
	c := s.cache
	c.mu.Lock()
	q := c.lastQuery
	if c.lastKey != query {
		q = nil
	}
	c.mu.Unlock()
	if q == nil {
		if q, err = s.match(m, terms, prefix, alt); err != nil {
			return
		}
		c.mu.Lock()
		c.lastKey, c.lastQuery = query, q
		c.mu.Unlock()
	}
	res.Total = q.all.count()
	res.Pages = (res.Total + PerPage - 1) / PerPage
	if res.Page <= res.Pages {
		res.Hits, err = s.hits(m, q, q.rank(res.Page), terms, prefix)
	}
	return
}

// parseQuery returns the folded words of a query that count, terms: the
// first MaxTerms-1 distinct ones, and the query's last word when it is not
// one of them (nor, after other words, an article alone); whether that
// last word is a prefix (it is not when it repeats an earlier one); and
// the words left out, as the query writes
// them, once each, or nil. ("a b c d e f g h a" searches a to g, and
// leaves out h.) One pass over the query for all three: a second, for
// the words left out, cost app.wasm 1.1 kB.
func parseQuery(query string) (terms []string, prefix bool, dropped []string) {
	// The query's words, folded, once each, and as the query writes them:
	// at most one every two bytes (each a byte or more, with a separator
	// between two), room made at once, which spares appends (a few
	// hundred bytes of app.wasm each).
	most := (len(query) + 1) / 2
	words, as := make([]string, 0, most), make([]string, 0, most)
	k := -1 // the last word's index in words
	for t := (tokenizer{s: query}); ; {
		start, end, w, ok := t.next()
		if !ok {
			break
		}
		f := string(w)
		k = slices.Index(words, f)
		prefix = k < 0
		if prefix {
			k = len(words)
			words, as = words[:k+1], as[:k+1]
			words[k], as[k] = f, query[start:end]
		}
	}
	n := min(len(words), MaxTerms-1)
	if k >= n {
		// The last word is past the first MaxTerms-1: a term, a prefix
		// however often the query has it, moved to place n, the words
		// from n on moving up one, so that those left out keep the
		// query's order.
		prefix = true
		w, a := words[k], as[k]
		copy(words[n+1:k+1], words[n:k])
		copy(as[n+1:k+1], as[n:k])
		words[n], as[n] = w, a
		n++
	}
	if len(as) > n {
		dropped = as[n:]
	}
	for _, a := range articles {
		if prefix && n > 1 && words[n-1] == a {
			// The last word is an article alone (ال, بال, لل...), typed
			// on the way to a word: it starts nearly every word of Arabic
			// text, which the index holds without it (stripArticle), so
			// it narrows nothing; the words before it are whole.
			n, prefix = n-1, false
		}
	}
	if n > 0 { // else nil
		terms = words[:n:n]
	}
	return terms, prefix, dropped
}
