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
}

// match finds the documents that have every word, the last as a prefix
// when prefix is set.
func (s *Searcher) match(m *manifest, terms []string, prefix bool) (*query, error) {
	last := len(terms) - 1
	var want []int
	for i, t := range terms {
		if i == last && prefix {
			t = unionKey(t) // where the prefix entry would be
		}
		want = append(want, m.shardOf(t))
	}
	shards, err := s.loadShards(m, unique(want))
	if err != nil {
		return nil, err
	}
	q := &query{maxScore: len(terms)}
	for i, t := range terms {
		h, b := newBitset(int(m.docs)), newBitset(int(m.docs))
		key := t
		if i == last && prefix {
			key = unionKey(t)
		}
		sh := shards[m.shardOf(key)]
		switch k := sh.find(key); {
		case k >= 0:
			sh.lists(k, h, b)
		case key != t: // no prefix entry: every term of the prefix's range
			if err := s.expand(m, shards, t, h, b); err != nil {
				return nil, err
			}
		}
		q.heads, q.bodies = append(q.heads, h), append(q.bodies, b)
		either := newBitset(int(m.docs))
		either.or(h)
		either.or(b)
		if q.all == nil {
			q.all = either
		} else {
			q.all.and(either)
		}
	}
	return q, nil
}

// expand adds the lists of every term that starts with w to h and b.
func (s *Searcher) expand(m *manifest, have map[int]*shard, w string, h, b bitset) error {
	first, last := m.prefixSpan(w)
	var want []int
	for i := first; i <= last; i++ {
		if have[i] == nil {
			want = append(want, i)
		}
	}
	more, err := s.loadShards(m, want)
	if err != nil {
		return err
	}
	for i := first; i <= last; i++ {
		sh := have[i]
		if sh == nil {
			sh = more[i]
		}
		for k := sort.SearchStrings(sh.keys, w); k < len(sh.keys) && strings.HasPrefix(sh.keys[k], w); k++ {
			if !isUnionKey(sh.keys[k]) {
				sh.lists(k, h, b)
			}
		}
	}
	return nil
}

func unique(xs []int) []int {
	var out []int
	for _, x := range xs {
		dup := false
		for _, y := range out {
			dup = dup || x == y
		}
		if !dup {
			out = append(out, x)
		}
	}
	return out
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
