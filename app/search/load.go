package search

// loadShards fetches shards (those already kept cost nothing), several at
// once, and returns them in want's order as get does, each a *shard; a
// shard -1 is left nil. (Not made a []*shard: that loop cost app.wasm
// more than its callers' type assertions.)
func (s *Searcher) loadShards(m *manifest, want []int) ([]any, error) {
	names := make([]string, len(want))
	for k, i := range want {
		if i >= 0 {
			names[k] = shardName(m.version, i)
		}
	}
	return s.get(names, kindShard, m.docs)
}

// get returns the parsed files called names, of one kind, fetching at
// once those not kept; docs is the manifest's document count, for
// shards. A name "" is no file: its value is nil. A file that failed
// leaves its value nil, and the first such error is returned. For an
// AtHand view of the Searcher it only looks.
func (s *Searcher) get(names []string, kind fileKind, docs uint32) ([]any, error) {
	items := make([]*item, len(names))
	// A channel rather than a sync.WaitGroup, which app.wasm would link
	// for this alone (1.6 kB of code).
	done := make(chan struct{}, len(names))
	n := 0
	for k, name := range names {
		if name != "" {
			n++
			go func() {
				items[k] = s.cache.get(s, name, kind, docs)
				done <- struct{}{}
			}()
		}
	}
	for range n {
		<-done
	}
	vals := make([]any, len(names))
	var err error
	for k, it := range items {
		if it != nil {
			vals[k] = it.val
			if err == nil {
				err = it.err
			}
		}
	}
	return vals, err
}
