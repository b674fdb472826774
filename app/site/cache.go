package site

import (
	"container/list"
	"sync"
)

// DefaultCacheSize bounds the memory the responses made on request take:
// pages and data files, each with its compressed forms.
const DefaultCacheSize = 64 << 20

// cache holds responses made on request, the least recently used going
// first once they take more than max bytes. Concurrent requests for the
// same key wait for one make. (golang-lru bounds a count of entries; the
// bound here is bytes, since a page of a list and an article differ
// tenfold.)
type cache struct {
	mu       sync.Mutex
	max, now int64
	order    *list.List // of *cached, most recent first
	items    map[string]*list.Element
	making   map[string]*making
}

type cached struct {
	key  string
	res  *response
	size int64
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
	c.mu.Lock()
	if el, ok := c.items[key]; ok {
		c.order.MoveToFront(el)
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

	m.res, m.err = build()
	c.mu.Lock()
	delete(c.making, key)
	if m.err == nil {
		c.add(key, m.res)
	}
	c.mu.Unlock()
	close(m.done)
	return m.res, m.err
}

// add stores a response, dropping the least recently used beyond max.
// The caller holds mu.
func (c *cache) add(key string, res *response) {
	size := res.size() + int64(len(key)) + 200 // the entry's own bookkeeping
	if size > c.max {
		return // larger than the whole cache: made for each request
	}
	c.items[key] = c.order.PushFront(&cached{key: key, res: res, size: size})
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
