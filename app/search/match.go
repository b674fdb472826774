package search

import (
	"math/bits"
	"sort"
	"strings"
)

// query is the documents a query matches: all of them, and for each word
// those that have it in the headline and those that have it in the body.
type query struct {
	all      bitset
	heads    []bitset
	bodies   []bitset
	maxScore int
	// alt is the letter the last word matched as (articleRest), when it
	// matched no word as itself.
	alt string
}

// match finds the documents that have every word, the last as a prefix
// when prefix is set. terms is never empty (Search answers an empty query
// itself): the set of all starts full, past the last id too, and the
// first word's lists clear it.
func (s *Searcher) match(m *manifest, terms []string, prefix bool) (*query, error) {
	keys := make([]string, len(terms))
	// Two words in one shard name it twice: the second lookup finds it
	// under way or kept (on a host, a cache that starts afresh in between
	// can have it fetched again, which costs a copy, not a wrong result).
	want := make([]int, len(terms))
	last := len(terms) - 1
	for i, t := range terms {
		keys[i] = t
		if i == last && prefix {
			keys[i] = unionKey(t) // where the prefix entry would be
		}
		want[i] = m.shardOf(keys[i])
	}
	shards, err := s.loadShards(m, want)
	if err != nil {
		return nil, err
	}
	q := &query{all: newBitset(int(m.docs)), maxScore: len(terms)}
	for w := range q.all {
		q.all[w] = ^uint64(0)
	}
	for i, t := range terms {
		h, b := newBitset(int(m.docs)), newBitset(int(m.docs))
		if err := s.lists(m, want[i], shards[i], keys[i], t, h, b); err != nil {
			return nil, err
		}
		if i == last && prefix && h.count() == 0 && b.count() == 0 {
			// An article and one letter that starts no word the index
			// keeps whole ("الز"): the start of a word it keeps without
			// its article ("الزيلان" as "زيلان"). A word of its own
			// ("الف", "الى") keeps to itself.
			if q.alt = articleRest(t); q.alt != "" {
				key := unionKey(q.alt)
				at := m.shardOf(key)
				sh, err := s.loadShards(m, []int{at})
				if err != nil {
					return nil, err
				}
				if err := s.lists(m, at, sh[0], key, q.alt, h, b); err != nil {
					return nil, err
				}
			}
		}
		q.heads, q.bodies = append(q.heads, h), append(q.bodies, b)
		for w, x := range q.all {
			q.all[w] = x & (h[w] | b[w])
		}
	}
	return q, nil
}

// lists adds to h and b the lists of key, looked up in sh (shard at): a
// term's, or the prefix entry of t; a prefix without an entry adds every
// term of its range.
func (s *Searcher) lists(m *manifest, at int, sh *shard, key, t string, h, b bitset) error {
	switch k := sh.find(key); {
	case k >= 0:
		sh.lists(k, h, b)
	case key != t: // no prefix entry: every term of the prefix's range
		return s.expand(m, at, sh, t, h, b)
	}
	return nil
}

// expand adds the lists of every term that starts with w to h and b. own
// is shard at, where w's prefix entry would be, which match has: asked
// for again, it could be gone from the cache by now and fetched twice.
func (s *Searcher) expand(m *manifest, at int, own *shard, w string, h, b bitset) error {
	first, last := m.prefixSpan(w)
	var want []int
	for i := first; i <= last; i++ {
		if i != at {
			want = append(want, i)
		}
	}
	shards, err := s.loadShards(m, want)
	if err != nil {
		return err
	}
	for _, sh := range append(shards, own) {
		for k := sort.SearchStrings(sh.keys, w); k < len(sh.keys) && strings.HasPrefix(sh.keys[k], w); k++ {
			if !isUnionKey(sh.keys[k]) {
				sh.lists(k, h, b)
			}
		}
	}
	return nil
}

// rank returns the ids of a page of the matching documents: by the
// number of words in the headline, then newest (lowest id) first.
func (q *query) rank(page int) []uint32 {
	need := page * PerPage
	buckets := make([][]uint32, q.maxScore+1)
	top := q.maxScore
scan:
	for w, word := range q.all {
		for word != 0 {
			j := uint32(w*64) + uint32(bits.TrailingZeros64(word))
			word &= word - 1
			score := 0
			for _, h := range q.heads {
				if h.has(j) {
					score++
				}
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
