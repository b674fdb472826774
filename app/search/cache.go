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
type cache struct {
	mu    sync.Mutex
	items map[string]*item
	bytes int
	// lastKey and lastQuery: the query last matched (Searcher.matched);
	// a query only reads it.
	lastKey   string
	lastQuery *query
}

type item struct {
	ready chan struct{}
	val   any
	size  int
	err   error
	pin   bool
}

// errNotAtHand is a file that an AtHand search lacked.
var errNotAtHand = errors.New("not kept")

// get returns the parsed file called name, fetching and parsing it with
// s.fetch and parse if it is not kept. A pinned file is never dropped.
// For an AtHand view of the Searcher it only looks.
func (c *cache) get(s *Searcher, name string, pin bool, parse func([]byte) (any, int, error)) (any, error) {
	c.mu.Lock()
	if s.atHand {
		defer c.mu.Unlock()
		it, ok := c.items[name]
		if !ok || !isDone(it) || it.err != nil {
			s.missed = true
			return nil, errNotAtHand
		}
		return it.val, nil
	}
	if c.items == nil {
		c.items = make(map[string]*item)
	}
	if it, ok := c.items[name]; ok {
		c.mu.Unlock()
		<-it.ready
		return it.val, it.err
	}
	it := &item{ready: make(chan struct{}), pin: pin}
	c.items[name] = it
	c.mu.Unlock()

	data, err := s.fetch(name)
	if err != nil {
		err = wrapFetch(name, err)
	} else if it.val, it.size, err = parse(data); err != nil {
		err = fmt.Errorf("%s: %w", name, err)
	}

	c.mu.Lock()
	defer c.mu.Unlock()
	defer close(it.ready)
	if err != nil {
		it.val, it.err = nil, err
		delete(c.items, name)
		return nil, err
	}
	limit := s.MaxCacheBytes
	if limit <= 0 {
		limit = defaultCacheBytes
	}
	if c.bytes+it.size > limit {
		for n, old := range c.items {
			if !old.pin && old != it && isDone(old) {
				delete(c.items, n)
			}
		}
		c.bytes = 0
	}
	c.bytes += it.size
	return it.val, nil
}

// isDone tells whether an item's fetch has finished.
func isDone(it *item) bool {
	select {
	case <-it.ready:
		return true
	default:
		return false
	}
}
