package search

import (
	"fmt"
)

// loadManifest returns the manifest, fetched once and kept.
func (s *Searcher) loadManifest() (*manifest, error) {
	v, err := s.cache.get(s, s.manifest, true, func(data []byte) (any, int, error) {
		m, err := parseManifest(data)
		return m, len(data), err
	})
	if err != nil {
		return nil, err
	}
	return v.(*manifest), nil
}

// loadShards fetches shards (those already kept cost nothing), several at
// once.
func (s *Searcher) loadShards(m *manifest, want []int) (map[int]*shard, error) {
	got := make([]*shard, len(want))
	errs := make([]error, len(want))
	each(len(want), func(k int) {
		v, err := s.cache.get(s, shardName(m.version, want[k]), false, func(data []byte) (any, int, error) {
			sh, err := parseShard(data, m.docs)
			return sh, 2 * len(data), err // the keys are copied out
		})
		if errs[k] = err; err == nil {
			got[k] = v.(*shard)
		}
	})
	out := make(map[int]*shard, len(want))
	for k, i := range want {
		out[i] = got[k]
	}
	return out, firstError(errs)
}

// each runs f(0) … f(n-1) at once, for fetches to overlap. It waits on a
// channel rather than a sync.WaitGroup, which app.wasm would link for
// this alone (1.6 kB of code).
func each(n int, f func(k int)) {
	if n == 1 {
		f(0)
		return
	}
	done := make(chan struct{})
	for k := range n {
		go func() {
			defer func() { done <- struct{}{} }()
			f(k)
		}()
	}
	for range n {
		<-done
	}
}

func firstError(errs []error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// wrapFetch wraps a fetch's error for a file.
func wrapFetch(name string, err error) error {
	return fmt.Errorf("%w: %s: %w", ErrUnavailable, name, err)
}
