package search

import (
	"encoding/binary"
	"unsafe"
)

// The Builder's memory: building touches every word of the archive (30
// million at 100,000 articles), so the terms are kept in flat tables with
// no pointer per term for the garbage collector to follow, their keys in
// pages of bytes, and their postings in blocks of one pool.

// hashWord is FNV-1a, good enough to spread words over a table.
func hashWord(w []byte) uint64 {
	h := uint64(14695981039346656037)
	for _, c := range w {
		h = (h ^ uint64(c)) * 1099511628211
	}
	return h
}

// docSet is the distinct words of one document, with where they are.
type docSet struct {
	slots  []int32 // entry+1 by hash, a power of two long
	hashes []uint64
	starts []int32 // where each entry's key starts in keys
	flags  []byte
	keys   []byte
}

func (d *docSet) reset() {
	if len(d.slots) == 0 {
		d.slots = make([]int32, 512)
	}
	for _, h := range d.hashes {
		for i := int(h) & (len(d.slots) - 1); d.slots[i] != 0; i = (i + 1) & (len(d.slots) - 1) {
			d.slots[i] = 0
		}
	}
	d.hashes, d.starts, d.flags, d.keys = d.hashes[:0], d.starts[:0], d.flags[:0], d.keys[:0]
}

func (d *docSet) len() int { return len(d.hashes) }

func (d *docSet) key(e int) []byte {
	end := len(d.keys)
	if e+1 < len(d.starts) {
		end = int(d.starts[e+1])
	}
	return d.keys[d.starts[e]:end]
}

// add records word w, whose hash is h, as found where; with onlyNew, a
// word the document already has keeps where it was found.
func (d *docSet) add(w []byte, h uint64, where byte, onlyNew bool) {
	mask := len(d.slots) - 1
	i := int(h) & mask
	for ; d.slots[i] != 0; i = (i + 1) & mask {
		e := int(d.slots[i] - 1)
		if d.hashes[e] == h && string(d.key(e)) == string(w) {
			if !onlyNew {
				d.flags[e] |= where
			}
			return
		}
	}
	d.slots[i] = int32(len(d.hashes) + 1)
	d.hashes = append(d.hashes, h)
	d.starts = append(d.starts, int32(len(d.keys)))
	d.flags = append(d.flags, where)
	d.keys = append(d.keys, w...)
	if 2*len(d.hashes) > len(d.slots) {
		d.grow()
	}
}

// grow doubles the table, for a document of many distinct words.
func (d *docSet) grow() {
	d.slots = make([]int32, 2*len(d.slots))
	mask := len(d.slots) - 1
	for e, h := range d.hashes {
		i := int(h) & mask
		for d.slots[i] != 0 {
			i = (i + 1) & mask
		}
		d.slots[i] = int32(e + 1)
	}
}

// posting is one term while the index is built: its key, and its
// documents in blocks of the pool as, for each document in order, a
// uvarint of the gap from the previous one shifted left by two, with
// inHeadline and inBody in the low bits.
type posting struct {
	key      uint32 // address of the key in the key pages
	head     uint32 // address of the first block
	pos, end uint32 // where the next byte goes, and the current block's end (0: no block yet)
	prev     int32  // the last document written
	keyLen   uint8
	level    uint8 // the current block's size class
}

// pageBits sizes the pages of keys and blocks: addresses are a page
// number and an offset.
const pageBits = 20

// pages is memory handed out in pieces that never move.
type pages struct{ p [][]byte }

// alloc returns the address of n fresh bytes.
func (ps *pages) alloc(n int) uint32 {
	last := len(ps.p) - 1
	if last < 0 || len(ps.p[last])+n > cap(ps.p[last]) {
		ps.p = append(ps.p, make([]byte, 0, 1<<pageBits))
		last++
	}
	at := len(ps.p[last])
	ps.p[last] = ps.p[last][:at+n]
	return uint32(last)<<pageBits | uint32(at)
}

func (ps *pages) at(addr uint32) []byte {
	return ps.p[addr>>pageBits][addr&(1<<pageBits-1):]
}

// string returns the n bytes at addr as a string sharing their memory:
// the pages are never written again.
func (ps *pages) string(addr uint32, n int) string {
	if n == 0 {
		return ""
	}
	return unsafe.String(&ps.at(addr)[0], n)
}

// maxLevel is the level of the largest blocks.
const maxLevel = 10

// blockSize is the size of a block of each level, from 8 bytes to 8 kB;
// the last four bytes of a block hold the address of the next.
func blockSize(level uint8) int { return 8 << level }

// termTable interns terms: the id of each distinct key, with its posting.
type termTable struct {
	slots []slot // a power of two long
	posts []posting
	keys  pages
	pool  pages
}

// slot is a place in the table: enough of its term to tell it from
// another without reading the key pages when the key is short (most
// are), which saves a cache miss a word.
type slot struct {
	tag uint32 // the hash's high bits, with the key's length in the low six
	id  uint32 // the term's id + 1; 0 for an empty slot
	pre uint64 // the key's first 8 bytes, zero-padded
}

// slotOf returns w's tag and prefix.
func slotOf(w []byte, h uint64) (tag uint32, pre uint64) {
	var b [8]byte
	copy(b[:], w)
	return uint32(h>>32)&^63 | uint32(len(w)), binary.LittleEndian.Uint64(b[:])
}

// id returns the id of word w, whose hash is h, adding it if new.
func (t *termTable) id(w []byte, h uint64) int32 {
	if 4*len(t.posts) >= 3*len(t.slots) {
		t.grow()
	}
	mask := uint64(len(t.slots) - 1)
	tag, pre := slotOf(w, h)
	for i := h & mask; ; i = (i + 1) & mask {
		s := &t.slots[i]
		if s.id == 0 {
			id := int32(len(t.posts))
			*s = slot{tag: tag, id: uint32(id + 1), pre: pre}
			addr := t.keys.alloc(len(w))
			copy(t.keys.at(addr), w)
			t.posts = append(t.posts, posting{key: addr, keyLen: uint8(len(w)), prev: -1})
			return id
		}
		if s.tag == tag && s.pre == pre {
			id := int32(s.id) - 1
			if len(w) <= 8 || string(t.keys.at(t.posts[id].key)[8:len(w)]) == string(w[8:]) {
				return id
			}
		}
	}
}

func (t *termTable) grow() {
	n := max(1<<16, 2*len(t.slots))
	t.slots = make([]slot, n)
	mask := uint64(n - 1)
	for id := range t.posts {
		w := t.keys.at(t.posts[id].key)[:t.posts[id].keyLen]
		h := hashWord(w)
		i := h & mask
		for t.slots[i].id != 0 {
			i = (i + 1) & mask
		}
		tag, pre := slotOf(w, h)
		t.slots[i] = slot{tag: tag, id: uint32(id + 1), pre: pre}
	}
}

// release drops all but the keys, which the merged terms still use.
func (t *termTable) release() {
	t.slots, t.posts, t.pool = nil, nil, pages{}
}

func (t *termTable) key(id int32) string {
	p := &t.posts[id]
	return t.keys.string(p.key, int(p.keyLen))
}

// write appends document doc, with flags, to term id's posting.
func (t *termTable) write(id int32, doc int32, flags byte) {
	p := &t.posts[id]
	v := uint64(doc-p.prev)<<2 | uint64(flags)
	p.prev = doc
	for {
		c := byte(v)
		if v >= 0x80 {
			c |= 0x80
		}
		t.writeByte(p, c)
		v >>= 7
		if v == 0 {
			return
		}
	}
}

func (t *termTable) writeByte(p *posting, c byte) {
	if p.pos == p.end {
		if p.end != 0 && p.level < maxLevel {
			p.level++
		}
		size := blockSize(p.level)
		addr := t.pool.alloc(size)
		if p.end == 0 {
			p.head = addr
		} else {
			putAddr(t.pool.at(p.end), addr)
		}
		p.pos, p.end = addr, addr+uint32(size)-4
	}
	t.pool.at(p.pos)[0] = c
	p.pos++
}

func putAddr(b []byte, addr uint32) {
	b[0], b[1], b[2], b[3] = byte(addr), byte(addr>>8), byte(addr>>16), byte(addr>>24)
}

func getAddr(b []byte) uint32 {
	return uint32(b[0]) | uint32(b[1])<<8 | uint32(b[2])<<16 | uint32(b[3])<<24
}

// decode appends the documents of term id that have it in the headline
// to hs, and those that have it in the body to bs.
func (t *termTable) decode(id int32, hs, bs []uint32) ([]uint32, []uint32) {
	p := &t.posts[id]
	if p.end == 0 {
		return hs, bs
	}
	doc := int64(-1)
	var v uint64
	shift := uint(0)
	addr, level := p.head, uint8(0)
	for {
		end := addr + uint32(blockSize(level)) - 4
		last := p.pos >= addr && p.pos <= end
		stop := end
		if last {
			stop = p.pos
		}
		for _, c := range t.pool.at(addr)[:stop-addr] {
			v |= uint64(c&0x7f) << shift
			shift += 7
			if c >= 0x80 {
				continue
			}
			doc += int64(v >> 2)
			if v&inHeadline != 0 {
				hs = append(hs, uint32(doc))
			}
			if v&inBody != 0 {
				bs = append(bs, uint32(doc))
			}
			v, shift = 0, 0
		}
		if last {
			return hs, bs
		}
		addr = getAddr(t.pool.at(end))
		level = min(level+1, maxLevel)
	}
}
