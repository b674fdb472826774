package search

import (
	"math/bits"
	"sort"
	"strings"
)

// query is the documents a query matches: all of them, and for each word
// those that have it in the headline and those that have it in the body.
type query struct {
	all   bitset
	words []wordSets // one a term
	// alt is the letter the last word also matches as (articleRest), and
	// exact the documents that have the word as itself: they come first.
	alt   string
	exact bitset
}

// wordSets are the documents that have a word in the headline (h) and in
// the body (b): one slice of both, as one append cost app.wasm less than
// two.
type wordSets struct{ h, b bitset }

// match finds the documents that have every word, the last as a prefix
// when prefix is set, and then also as alt when that is not "" (see
// prefixAlt), looked up as one more word. terms is never empty (Search
// answers an empty query itself).
func (s *Searcher) match(m *manifest, terms []string, prefix bool, alt string) (*query, error) {
	last := len(terms) - 1
	words := terms
	q := &query{}
	if prefix && alt != "" {
		q.alt = alt
		words = append(terms[:len(terms):len(terms)], alt)
	}
	n := int(m.docs)
	// Each word is looked up in its shard, the last (and alt) where its
	// prefix entry would be when it is a prefix. Two words in one shard
	// name it twice: the second lookup finds it under way or kept (on a
	// host, a cache that starts afresh in between can have it fetched
	// again, which costs a copy, not a wrong result).
	want := make([]int, len(words))
	for i, key := range words {
		if i >= last && prefix {
			key = unionKey(key)
		}
		want[i] = m.shardOf(key)
	}
	shards, err := s.get(m, want, kindShard)
	if err != nil {
		return nil, err
	}
	shards = shards[:len(want)]
	var h, b bitset
	for i, at := range want {
		word, union := words[i], i >= last && prefix
		key := word
		if union {
			key = unionKey(word) // made again: a slice of keys cost app.wasm more
		}
		if i > last {
			// The last word's letter (alt): its lists join the word's
			// (h and b, still the last word's), and the word as itself
			// ("الف", "الى") ranks above them.
			// exact, as all below, is filled in a local, then set in q
			// (filled through q, it cost app.wasm about 100 bytes more),
			// and h and b are cut to its length, which spares a bounds
			// check each.
			exact := newBitset(n)
			lh, lb := h[:len(exact)], b[:len(exact)]
			for w := range exact {
				exact[w] = lh[w] | lb[w]
			}
			q.exact = exact
		} else {
			h, b = newBitset(n), newBitset(n)
			q.words = append(q.words, wordSets{h, b})
		}
		sh, _ := shards[i].val.(*shard) // there: err is nil
		switch k := searchKeys(sh.keys, key); {
		case uint(k) < uint(len(sh.keys)) && sh.keys[k] == key: // uint: no bounds check
			sh.lists(k, h, b)
		case union: // no prefix entry: every term of the prefix's range
			if err := s.expand(m, at, sh, word, h, b); err != nil {
				return nil, err
			}
		}
	}
	// The documents that have every word.
	all := newBitset(n)
	for w := range all {
		all[w] = ^uint64(0)
	}
	for _, ws := range q.words {
		h, b := ws.h[:len(all)], ws.b[:len(all)]
		for w := range all {
			all[w] &= h[w] | b[w]
		}
	}
	q.all = all
	return q, nil
}

// expand adds the lists of every term that starts with w to h and b. own
// is shard at, where w's prefix entry would be, which match has: asked
// for again, it could be gone from the cache by now and fetched twice.
// It is one of the shards that hold the terms.
func (s *Searcher) expand(m *manifest, at int, own *shard, w string, h, b bitset) error {
	first, last := m.prefixSpan(w)
	want := make([]int, last-first+1)
	for k := range want {
		want[k] = first + k
	}
	want[at-first] = -1 // not fetched
	shards, err := s.get(m, want, kindShard)
	if err != nil {
		return err
	}
	for _, it := range shards {
		sh, ok := it.val.(*shard) // there: err is nil
		if !ok {
			sh = own // at's, not fetched
		}
		for k := searchKeys(sh.keys, w); k < len(sh.keys) && strings.HasPrefix(sh.keys[k], w); k++ {
			if !isUnionKey(sh.keys[k]) {
				sh.lists(k, h, b)
			}
		}
	}
	return nil
}

// rank returns the ids of a page of the matching documents: those with
// the last word as itself before those with it only as its letter (alt),
// then by the number of words in the headline, then newest (lowest id)
// first.
func (q *query) rank(page int) []uint32 {
	need := page * PerPage
	tier := len(q.words) + 1 // a bucket for each score (0 to a term each), twice with exact
	n := tier
	if q.exact != nil {
		n *= 2
	}
	buckets := make([][]uint32, n)
	top := len(buckets) - 1
scan:
	for w, word := range q.all {
		for word != 0 {
			j := uint32(w*64) + uint32(bits.TrailingZeros64(word))
			word &= word - 1
			score := 0
			for _, ws := range q.words {
				if ws.h.has(j) {
					score++
				}
			}
			if q.exact != nil && q.exact.has(j) {
				score += tier
			}
			if len(buckets[score]) < need {
				buckets[score] = append(buckets[score], j)
			}
			if len(buckets[top]) >= need {
				break scan
			}
		}
	}
	var ids []uint32
	for score := top; score >= 0 && len(ids) < need; score-- {
		ids = append(ids, buckets[score]...)
	}
	lo := (page - 1) * PerPage
	if lo >= len(ids) {
		return nil
	}
	return ids[lo:min(len(ids), need)]
}

// searchKeys is sort.SearchStrings, called rather than inlined: inlined
// in match and expand, it cost app.wasm a copy of its loop each.
//
//go:noinline
func searchKeys(keys []string, key string) int { return sort.SearchStrings(keys, key) }
