package search

// get returns the parsed files of one kind for ids (shards, or documents'
// head or rest parts), fetching at once those not kept; an id -1 is no
// file, and its value is nil. A file that failed leaves its value nil,
// and the first such error is returned. For an AtHand view of the
// Searcher it only looks. The values come in ids' order, each a *shard,
// a *docHead or a string (rest parts): not made a []*shard for shards,
// whose loop cost app.wasm more than its callers' type assertions. The
// files' names are made here, in the loop that starts the fetches:
// each caller's loop of names cost app.wasm 1.7 kB more in all.
func (s *Searcher) get(m *manifest, ids []int, kind fileKind) ([]any, error) {
	items := make([]*item, len(ids))
	// A channel rather than a sync.WaitGroup, which app.wasm would link
	// for this alone (1.6 kB of code).
	done := make(chan struct{}, len(ids))
	n := 0
	for k, id := range ids {
		if id < 0 {
			continue
		}
		name := shardName(m.version, id)
		if kind != kindShard {
			name = docName(m.version, id, kind == kindRest)
		}
		n++
		go func() {
			items[k] = s.cache.get(s, name, kind, m.docs)
			done <- struct{}{}
		}()
	}
	for range n {
		<-done
	}
	vals := make([]any, len(ids))
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
