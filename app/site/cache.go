package site

import (
	"container/list"
	"errors"
	"sync"
	"sync/atomic"
	"time"
)

// DefaultCacheSize bounds the memory the responses made on request take:
// pages and data files, each with its compressed forms.
const DefaultCacheSize = 64 << 20

// cache holds responses made on request, the least recently used going
// first once they take more than max bytes. Concurrent requests for the
// same key wait for one make. (golang-lru bounds a count of entries; the
// bound here is bytes, since a page of a list and an article differ
// tenfold.)
//
// A hit takes only the read lock: an entry moves to the front of the order
// only once it is in the older half of it (as many entries as half the
// cache holds have moved to the front since it did), so the pages read
// most are served without writes to shared memory.
type cache struct {
	mu       sync.RWMutex
	max, now int64
	order    *list.List // of *cached, most recent first
	items    map[string]*list.Element
	making   map[string]*making
	// clock counts the moves to the front; an entry remembers its last.
	clock atomic.Uint64
	// made is when a response was last made, in Unix nanoseconds: the
	// work done in the background gives way while pages are asked for
	// (Site.background).
	made atomic.Int64
}

type cached struct {
	key  string
	res  *response
	size int64
	used atomic.Uint64 // the clock when it last moved to the front
}

// making is a response being made, which other requests wait for.
type making struct {
	done chan struct{}
	res  *response
	err  error
}

func newCache(max int64) *cache {
	if max <= 0 {
		max = DefaultCacheSize
	}
	return &cache{max: max, order: list.New(), items: make(map[string]*list.Element), making: make(map[string]*making)}
}

// get returns the response stored under key, making it with build if it is
// not there.
func (c *cache) get(key string, build func() (*response, error)) (*response, error) {
	c.mu.RLock()
	el, ok := c.items[key]
	half := uint64(len(c.items) / 2)
	c.mu.RUnlock()
	if ok {
		e := el.Value.(*cached)
		if c.clock.Load()-e.used.Load() > half {
			c.mu.Lock()
			if c.items[key] == el { // not dropped meanwhile
				c.order.MoveToFront(el)
				e.used.Store(c.clock.Add(1))
			}
			c.mu.Unlock()
		}
		return e.res, nil
	}
	c.mu.Lock()
	if el, ok := c.items[key]; ok { // made while the lock was free
		c.mu.Unlock()
		return el.Value.(*cached).res, nil
	}
	if m, ok := c.making[key]; ok {
		c.mu.Unlock()
		<-m.done
		return m.res, m.err
	}
	m := &making{done: make(chan struct{})}
	c.making[key] = m
	c.mu.Unlock()
	c.made.Store(time.Now().UnixNano())

	made := false
	defer func() {
		if made {
			return
		}
		// build panicked, and net/http recovers the request: the
		// requests waiting for it, and the next for the key, must not
		// wait for ever.
		c.mu.Lock()
		delete(c.making, key)
		c.mu.Unlock()
		m.err = errMakePanicked
		close(m.done)
	}()
	m.res, m.err = build()
	made = true
	c.mu.Lock()
	delete(c.making, key)
	if m.err == nil {
		c.add(key, m.res)
	}
	c.mu.Unlock()
	close(m.done)
	return m.res, m.err
}

// errMakePanicked is what the requests that waited for a make that
// panicked get.
var errMakePanicked = errors.New("making the response panicked")

// add stores a response, dropping the least recently used beyond max.
// The caller holds mu.
func (c *cache) add(key string, res *response) {
	size := res.size() + int64(len(key)) + 200 // the entry's own bookkeeping
	if size > c.max {
		return // larger than the whole cache: made for each request
	}
	e := &cached{key: key, res: res, size: size}
	e.used.Store(c.clock.Add(1))
	c.items[key] = c.order.PushFront(e)
	c.now += size
	for c.now > c.max {
		el := c.order.Back()
		old := el.Value.(*cached)
		c.order.Remove(el)
		delete(c.items, old.key)
		c.now -= old.size
	}
}

// stats returns the number of responses held and their bytes.
func (c *cache) stats() (n int, bytes int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.items), c.now
}
