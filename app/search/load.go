package search

// get returns the items of the files of one kind for ids (shards, or
// documents' head or rest parts), done, fetching at once those not kept;
// an id -1 is no file, and its item is noFile. A file that failed has a
// nil value, and the first such error is returned. For an AtHand view of
// the Searcher it only looks. The values are each a *shard, a *docHead
// or a string (rest parts): not copied out into a slice of values, nor
// made a []*shard for shards, whose loops cost app.wasm more than their
// callers' reading of items. The files' names are made here, in the loop
// that starts the fetches: each caller's loop of names cost app.wasm
// 1.7 kB more in all.
func (s *Searcher) get(m *manifest, ids []int, kind fileKind) ([]*item, error) {
	items := make([]*item, len(ids))
	// A channel rather than a sync.WaitGroup, which app.wasm would link
	// for this alone (1.6 kB of code).
	done := make(chan struct{}, len(ids))
	n := 0
	for k, id := range ids {
		if id < 0 {
			items[k] = noFile
			continue
		}
		name := shardName(m.version, id)
		if kind != kindShard {
			name = docName(m.version, id, kind == kindRest)
		}
		n++
		it := &items[k] // the goroutine takes its slot: fewer words kept, no bounds check
		go func() {
			*it = s.cache.get(s, name, kind, m.docs)
			done <- struct{}{}
		}()
	}
	for range n {
		<-done
	}
	var err error
	for _, it := range items {
		if err == nil {
			err = it.err
		}
	}
	return items, err
}

// noFile is the item of an id -1 (get): no value, no error.
var noFile = &item{}
