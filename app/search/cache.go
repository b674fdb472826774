package search

import (
	"errors"
	"fmt"
	"sync"
)

// defaultCacheBytes is the default of Searcher.MaxCacheBytes.
const defaultCacheBytes = 8 << 20

// cache keeps parsed files. When what it keeps passes the Searcher's
// bound it starts afresh, keeping only the pinned manifest: simpler than
// an LRU list, and cheap, as the browser's cache still has the bytes. A
// file is fetched once however many queries want it at the same time; a
// failed fetch is not kept, so it is tried again.
//
// It is written for app.wasm's size as much as for speed: one function
// parses every kind of file (no closure per caller), and no defer.
type cache struct {
	mu sync.Mutex
	// items is made with the cache (NewSearcher): made on first use,
	// it cost get a check and a make, 190 bytes of app.wasm.
	items map[string]*item
	bytes int
	// lastKey and lastQuery: the query last matched, as written, and its
	// match (Searcher.Search); a query only reads it.
	lastKey   string
	lastQuery *query
}

// item is a file kept or being fetched. val and err are set before ready
// is closed; done is set, under the cache's lock, when it is.
type item struct {
	ready chan struct{}
	val   any
	err   error
	size  int
	done  bool
	pin   bool // the manifest: never dropped
	_     noCompare
}

// noCompare makes a struct that holds it not comparable, which spares
// app.wasm the equality function the compiler makes for every comparable
// struct whose type is kept at run time (half a kilobyte for item).
type noCompare [0]func()

// The kinds of file the cache parses.
type fileKind uint8

const (
	kindManifest fileKind = iota // *manifest
	kindShard                    // *shard
	kindHead                     // *docHead
	kindRest                     // string
)

// notAtHand is a file that an AtHand search lacked.
var notAtHand = &item{err: errors.New("not kept")}

// get returns the item of the file called name, done: kept, or fetched
// and parsed now, or, for an AtHand view, notAtHand.
func (c *cache) get(s *Searcher, name string, kind fileKind, docs uint32) *item {
	c.mu.Lock()
	it, ok := c.items[name]
	if s.atHand {
		if !ok || !it.done || it.err != nil {
			it = notAtHand
			s.missed = true // under the lock: the view's files are looked up at once
		}
		c.mu.Unlock()
		return it
	}
	if ok {
		c.mu.Unlock()
		<-it.ready
		return it
	}
	it = &item{ready: make(chan struct{}), pin: kind == kindManifest}
	c.items[name] = it
	c.mu.Unlock()

	var val any
	size := 0
	data, err := s.fetch(s.Dir + name)
	// A fetch's error is ErrUnavailable; a parse's is the file's own
	// (one call of Errorf: the first argument is left out of the second).
	wrap := "%w: %s: %w"
	if err == nil {
		wrap = "%[2]s: %[3]w"
		// Parsed, and sized as it is held in memory.
		size = len(data)
		switch kind {
		case kindManifest:
			val, err = parseManifest(data)
		case kindShard:
			val, err = parseShard(data, docs)
			size *= 2 // the keys are copied out
		case kindHead:
			val, err = parseHead(data)
		default:
			val = string(data)
		}
	}
	if err != nil {
		val, err = nil, fmt.Errorf(wrap, ErrUnavailable, name, err)
	}
	it.val, it.err, it.size = val, err, size

	c.mu.Lock()
	it.done = true
	if err != nil {
		delete(c.items, name)
	} else {
		limit := s.MaxCacheBytes
		if limit <= 0 {
			limit = defaultCacheBytes
		}
		if c.bytes+size > limit {
			for n, old := range c.items {
				if old.done && !old.pin && old != it {
					delete(c.items, n)
				}
			}
			c.bytes = 0
		}
		c.bytes += size
	}
	c.mu.Unlock()
	close(it.ready)
	return it
}
