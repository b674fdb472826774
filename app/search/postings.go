package search

import (
	"encoding/binary"
	"math/bits"
)

// The ways a list of document ids is coded. Each list is coded the way
// that takes fewest bytes, so a rare term costs a few bytes, a term in
// most documents a few runs, and one in between a bitmap.
const (
	listEmpty  = 0 // nothing
	listDelta  = 1 // count, first id, then each gap minus one, as uvarints
	listBitmap = 2 // first byte index, byte count, then the bits of ids from 8×first
	listRuns   = 3 // run count, then per run its distance from the last run's end and its length minus one
)

// bitset is a set of document ids.
type bitset []uint64

func newBitset(n int) bitset { return make(bitset, (n+63)/64) }

func (b bitset) set(i uint32)      { b[i/64] |= 1 << (i % 64) }
func (b bitset) has(i uint32) bool { return b[i/64]&(1<<(i%64)) != 0 }

func (b bitset) or(c bitset) {
	for i := range b {
		b[i] |= c[i]
	}
}

func (b bitset) clear() {
	for i := range b {
		b[i] = 0
	}
}

func (b bitset) count() int {
	n := 0
	for _, w := range b {
		n += bits.OnesCount64(w)
	}
	return n
}

func uvarintLen(x uint64) int { return (bits.Len64(x|1) + 6) / 7 }

// appendList appends ids, sorted and distinct, coded in the smallest way,
// and returns the code used with the bytes.
func appendList(dst []byte, ids []uint32) ([]byte, byte) {
	if len(ids) == 0 {
		return dst, listEmpty
	}
	delta := uvarintLen(uint64(len(ids))) + uvarintLen(uint64(ids[0]))
	runs, runBytes := 1, 0
	start, prevEnd := ids[0], uint32(0)
	for i := 1; i < len(ids); i++ {
		delta += uvarintLen(uint64(ids[i] - ids[i-1] - 1))
		if ids[i] != ids[i-1]+1 {
			runBytes += uvarintLen(uint64(start-prevEnd)) + uvarintLen(uint64(ids[i-1]-start))
			prevEnd = ids[i-1] + 1
			start = ids[i]
			runs++
		}
	}
	last := ids[len(ids)-1]
	runBytes += uvarintLen(uint64(start-prevEnd)) + uvarintLen(uint64(last-start))
	runBytes += uvarintLen(uint64(runs))
	first, nbytes := ids[0]/8, last/8-ids[0]/8+1
	bitmap := uvarintLen(uint64(first)) + uvarintLen(uint64(nbytes)) + int(nbytes)

	switch {
	case delta <= bitmap && delta <= runBytes:
		dst = binary.AppendUvarint(dst, uint64(len(ids)))
		dst = binary.AppendUvarint(dst, uint64(ids[0]))
		for i := 1; i < len(ids); i++ {
			dst = binary.AppendUvarint(dst, uint64(ids[i]-ids[i-1]-1))
		}
		return dst, listDelta
	case runBytes <= bitmap:
		dst = binary.AppendUvarint(dst, uint64(runs))
		start, prevEnd = ids[0], 0
		for i := 1; i <= len(ids); i++ {
			if i < len(ids) && ids[i] == ids[i-1]+1 {
				continue
			}
			dst = binary.AppendUvarint(dst, uint64(start-prevEnd))
			dst = binary.AppendUvarint(dst, uint64(ids[i-1]-start))
			prevEnd = ids[i-1] + 1
			if i < len(ids) {
				start = ids[i]
			}
		}
		return dst, listRuns
	default:
		dst = binary.AppendUvarint(dst, uint64(first))
		dst = binary.AppendUvarint(dst, uint64(nbytes))
		at := len(dst)
		dst = append(dst, make([]byte, nbytes)...)
		for _, id := range ids {
			dst[at+int(id/8-first)] |= 1 << (id % 8)
		}
		return dst, listBitmap
	}
}

// listReader reads coded lists from a file's bytes, stopping with
// errCorrupt rather than reading past them or naming an id of n or more.
type listReader struct {
	data []byte
	i    int
	n    uint32 // the number of documents
	bad  bool
}

// uvarint reads a uvarint as binary.Uvarint does: at most ten bytes, the
// tenth 0 or 1. (A loop of its own: binary.Uvarint, inlined, and the
// result's checks cost app.wasm more; not inlined, as it is called from
// a dozen places.)
//
//go:noinline
func (r *listReader) uvarint() uint64 {
	if !r.bad {
		var x uint64
		for k, b := range r.data[r.i:] {
			if k == binary.MaxVarintLen64-1 && b > 1 {
				break // more than 64 bits
			}
			x |= uint64(b&0x7f) << (7 * k & 63) // k < 10: the mask spares a check
			if b < 0x80 {
				r.i += k + 1
				return x
			}
		}
		r.bad = true
	}
	return 0
}

// id reads a uvarint that must be a document id below n.
func (r *listReader) id(x uint64) uint32 {
	if x >= uint64(r.n) {
		r.bad = true
		return 0
	}
	return uint32(x)
}

// list reads a list coded as code, adding its ids to into, or, with into
// nil, skipping it.
func (r *listReader) list(code byte, into bitset) {
	n := uint64(r.n) // read once: r checked for nil once, not in each case
	switch code {
	case listEmpty:
	case listDelta:
		count := r.uvarint()
		if count > n {
			r.bad = true
			return
		}
		id := r.uvarint()
		for k := uint64(0); k < count && !r.bad; k++ {
			if k > 0 {
				id += r.uvarint() + 1
			}
			if into != nil {
				into.set(r.id(id))
			}
		}
	case listRuns:
		runs := r.uvarint()
		if runs > n {
			r.bad = true
			return
		}
		end := uint64(0)
		for k := uint64(0); k < runs && !r.bad; k++ {
			start := end + r.uvarint()
			end = start + r.uvarint() + 1
			if end > n {
				r.bad = true
				return
			}
			if into != nil {
				setRange(into, uint32(start), uint32(end))
			}
		}
	case listBitmap:
		first, nbytes := r.uvarint(), r.uvarint()
		bitmap := r.data[r.i:] // one bounds check, which spares the next
		if r.bad || first > n || nbytes > uint64(len(bitmap)) || (first+nbytes)*8 > n+7 {
			r.bad = true
			return
		}
		if into != nil {
			for k, c := range bitmap[:nbytes] {
				for c != 0 {
					j := bits.TrailingZeros8(c)
					into.set(r.id((first+uint64(k))*8 + uint64(j)))
					c &= c - 1
				}
			}
		}
		r.i += int(nbytes)
	default:
		r.bad = true
	}
}

// setRange adds the ids from start up to end.
func setRange(b bitset, start, end uint32) {
	for i := start; i < end; {
		w, bit := &b[i/64], uint64(1)<<(i%64) // one bounds check for both cases
		if i%64 == 0 && end-i >= 64 {
			bit = ^uint64(0)
			i += 63
		}
		*w |= bit
		i++
	}
}
