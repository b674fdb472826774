package search

import (
	"slices"
	"strings"
	"sync"
)

// merged is the segments' terms put together: every distinct key, in
// order, with its term id in each segment that has it.
type merged struct {
	segs  []*segment
	docs  int
	keys  []string
	ids   []int32 // ids[g*len(segs)+s] is key g's id in segment s, or -1
	owner []int32 // owner[k] is the segment that indexed batch k
}

// merge sorts each segment's terms (at once) and merges them.
func (b *Builder) merge() *merged {
	w := len(b.segs)
	type term struct {
		key string
		id  int32
	}
	sorted := make([][]term, w)
	var wg sync.WaitGroup
	for s, seg := range b.segs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			terms := make([]term, len(seg.terms.posts))
			for i := range terms {
				terms[i] = term{seg.terms.key(int32(i)), int32(i)}
			}
			slices.SortFunc(terms, func(x, y term) int { return strings.Compare(x.key, y.key) })
			sorted[s] = terms
		}()
	}
	wg.Wait()
	m := &merged{segs: b.segs, docs: b.n, owner: make([]int32, (b.n+batchSize-1)/batchSize)}
	for s, seg := range b.segs {
		for _, k := range seg.batches {
			m.owner[k] = int32(s)
		}
	}
	at := make([]int, w)
	for {
		key, found := "", false
		for s, terms := range sorted {
			if at[s] < len(terms) && (!found || terms[at[s]].key < key) {
				key, found = terms[at[s]].key, true
			}
		}
		if !found {
			return m
		}
		m.keys = append(m.keys, key)
		for s, terms := range sorted {
			id := int32(-1)
			if at[s] < len(terms) && terms[at[s]].key == key {
				id = terms[at[s]].id
				at[s]++
			}
			m.ids = append(m.ids, id)
		}
	}
}

// global returns the id of the local-th document of segment s: all but
// the last batch are full, and the last is the last its segment took.
func (m *merged) global(s int, local uint32) uint32 {
	return uint32(m.segs[s].batches[local/batchSize])*batchSize + local%batchSize
}

// decoder reads merged postings, with scratch space of its own.
type decoder struct {
	m                   *merged
	hs, bs, tmp, sh, sb []uint32
}

// lists returns key g's documents that have it in the headline, and
// those that have it in the body, in id order, valid until the next call.
func (d *decoder) lists(g int) (hs, bs []uint32) {
	d.hs, d.bs = d.hs[:0], d.bs[:0]
	w := len(d.m.segs)
	for s, seg := range d.m.segs {
		id := d.m.ids[g*w+s]
		if id < 0 {
			continue
		}
		d.sh, d.sb = seg.terms.decode(id, d.sh[:0], d.sb[:0])
		for i := range d.sh {
			d.sh[i] = d.m.global(s, d.sh[i])
		}
		for i := range d.sb {
			d.sb[i] = d.m.global(s, d.sb[i])
		}
		d.hs = d.merge(d.hs, d.sh)
		d.bs = d.merge(d.bs, d.sb)
	}
	return d.hs, d.bs
}

// merge returns the merge of two sorted lists of distinct ids, reusing
// the decoder's scratch space: a's memory becomes the next merge's.
func (d *decoder) merge(a, b []uint32) []uint32 {
	switch {
	case len(b) == 0:
		return a
	case len(a) == 0:
		return append(a, b...)
	}
	out := d.tmp[:0]
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		if a[i] < b[j] {
			out = append(out, a[i])
			i++
		} else {
			out = append(out, b[j])
			j++
		}
	}
	out = append(out, a[i:]...)
	out = append(out, b[j:]...)
	d.tmp = a
	return out
}

// encode codes each key's lists, in key order, a range of keys per
// segment at once.
func (m *merged) encode() []entry {
	entries := make([]entry, len(m.keys))
	w := len(m.segs)
	var wg sync.WaitGroup
	for part := range w {
		wg.Add(1)
		go func() {
			defer wg.Done()
			d := &decoder{m: m}
			var arena []byte
			for g := part * len(m.keys) / w; g < (part+1)*len(m.keys)/w; g++ {
				hs, bs := d.lists(g)
				if cap(arena)-len(arena) < 64<<10 {
					arena = make([]byte, 0, 1<<20) // entries keep slices of the old block
				}
				at := len(arena)
				var ch, cb byte
				arena, ch = appendList(arena, hs)
				arena, cb = appendList(arena, bs)
				entries[g] = entry{key: m.keys[g], codes: ch | cb<<2, lists: arena[at:len(arena):len(arena)]}
			}
		}()
	}
	wg.Wait()
	return entries
}

// docSums returns the documents' checksums by id.
func (m *merged) docSums() []uint64 {
	sums := make([]uint64, m.docs)
	for id := range sums {
		s, local := m.local(id)
		sums[id] = m.segs[s].sums[local]
	}
	return sums
}

// docParts returns the documents' parts by id, with KeepDocs.
func (m *merged) docParts() [][2][]byte {
	parts := make([][2][]byte, m.docs)
	for id := range parts {
		s, local := m.local(id)
		parts[id] = m.segs[s].kept[local]
	}
	return parts
}

// local returns the segment of document id and its number there.
func (m *merged) local(id int) (s, local int) {
	k := int32(id / batchSize)
	s = int(m.owner[k])
	nth, _ := slices.BinarySearch(m.segs[s].batches, k)
	return s, nth*batchSize + id%batchSize
}
