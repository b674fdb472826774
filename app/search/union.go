package search

import (
	"math/bits"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"
)

// unionMin is the size above which the terms that start with a prefix
// get a prefix entry: the union of their lists, stored where the prefix
// sorts. Without it, a last word such as "co" would fetch every shard of
// its range; with it, one.
const unionMin = shardTarget

// unions finds the prefixes that need a prefix entry and makes them.
type unions struct {
	entries []entry
	cum     []int // cum[i] is the size of entries[:i]
	docs    int
	free    []bitset // bitsets to reuse
	found   []entry  // the prefix entries made
	ids     []uint32 // scratch
}

// addUnions returns entries with the prefix entries added, in key order.
// The groups of terms under each first letter are independent, so they
// are shared out among the segments' number of goroutines.
func (m *merged) addUnions(entries []entry) []entry {
	cum := make([]int, len(entries)+1)
	for i := range entries {
		cum[i+1] = cum[i] + entries[i].size()
	}
	groups := make(chan [2]int, 64)
	go func() {
		defer close(groups)
		for lo := 0; lo < len(entries); {
			_, n := utf8.DecodeRuneInString(entries[lo].key)
			first := entries[lo].key[:n]
			hi := lo + 1
			for hi < len(entries) && strings.HasPrefix(entries[hi].key, first) {
				hi++
			}
			groups <- [2]int{lo, hi}
			lo = hi
		}
	}()
	var mu sync.Mutex
	var found []entry
	var wg sync.WaitGroup
	for range len(m.segs) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			u := &unions{entries: entries, cum: cum, docs: m.docs}
			for g := range groups {
				u.children(g[0], g[1], 0, nil, nil)
			}
			mu.Lock()
			found = append(found, u.found...)
			mu.Unlock()
		}()
	}
	wg.Wait()
	if len(found) == 0 {
		return entries
	}
	slices.SortFunc(found, func(x, y entry) int { return strings.Compare(x.key, y.key) })
	out := make([]entry, 0, len(entries)+len(found))
	i := 0
	for _, f := range found {
		for i < len(entries) && entries[i].key < f.key {
			out = append(out, entries[i])
			i++
		}
		out = append(out, f)
	}
	return append(out, entries[i:]...)
}

func (u *unions) heavy(lo, hi int) bool { return hi-lo >= 2 && u.cum[hi]-u.cum[lo] > unionMin }

// children visits the groups of entries[lo:hi] that share a prefix one
// rune longer than depth bytes, adding each group's documents to h and b
// (when not nil) and making prefix entries for the heavy groups.
func (u *unions) children(lo, hi, depth int, h, b bitset) {
	for i := lo; i < hi; {
		key := u.entries[i].key
		if len(key) == depth { // the term that is the prefix itself
			u.add(i, h, b)
			i++
			continue
		}
		_, n := utf8.DecodeRuneInString(key[depth:])
		prefix := key[:depth+n]
		j := i + 1
		for j < hi && strings.HasPrefix(u.entries[j].key, prefix) {
			j++
		}
		if u.heavy(i, j) {
			ch, cb := u.get(), u.get()
			u.children(i, j, depth+n, ch, cb)
			u.record(prefix, ch, cb)
			if h != nil {
				h.or(ch)
				b.or(cb)
			}
			u.free = append(u.free, ch, cb)
		} else if h != nil {
			for k := i; k < j; k++ {
				u.add(k, h, b)
			}
		}
		i = j
	}
}

// add adds the documents of entry i's term to h and b.
func (u *unions) add(i int, h, b bitset) {
	if h == nil {
		return
	}
	e := &u.entries[i]
	r := &listReader{data: e.lists, n: uint32(u.docs)}
	r.list(e.codes&3, h)
	r.list(e.codes>>2&3, b)
}

// record makes the prefix entry for prefix.
func (u *unions) record(prefix string, h, b bitset) {
	var data []byte
	var ch, cb byte
	data, ch = appendList(nil, u.idsOf(h))
	data, cb = appendList(data, u.idsOf(b))
	u.found = append(u.found, entry{key: unionKey(prefix), codes: ch | cb<<2, lists: data})
}

func (u *unions) idsOf(s bitset) []uint32 {
	ids := u.ids[:0]
	for w, word := range s {
		for word != 0 {
			j := uint32(w*64) + uint32(bits.TrailingZeros64(word))
			ids = append(ids, j)
			word &= word - 1
		}
	}
	u.ids = ids
	return ids
}

// get returns an empty bitset.
func (u *unions) get() bitset {
	if n := len(u.free); n > 0 {
		s := u.free[n-1]
		u.free = u.free[:n-1]
		s.clear()
		return s
	}
	return newBitset(u.docs)
}
