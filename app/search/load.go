package search

// loadManifest returns the manifest, fetched once and kept.
func (s *Searcher) loadManifest() (*manifest, error) {
	v, err := s.cache.get(s, s.manifest, kindManifest, 0)
	if err != nil {
		return nil, err
	}
	return v.(*manifest), nil
}

// loadShards fetches shards (those already kept cost nothing), several at
// once, and returns them in want's order.
func (s *Searcher) loadShards(m *manifest, want []int) ([]*shard, error) {
	names := make([]string, len(want))
	for k, i := range want {
		names[k] = shardName(m.version, i)
	}
	vals, err := s.get(names, kindShard, m.docs)
	shards := make([]*shard, len(vals))
	for k, v := range vals {
		shards[k], _ = v.(*shard)
	}
	return shards, err
}
