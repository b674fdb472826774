package search

import (
	"encoding/binary"
	"errors"
	"strconv"
	"strings"
)

// ErrCorrupt says that an index file is not what this package wrote.
var ErrCorrupt = errors.New("search: corrupt index file")

// manifestMagic starts a manifest; it changes with the format.
const manifestMagic = "DLS1"

// maxDocs bounds the documents a manifest may claim, so that a garbled one
// cannot make a query allocate without bound.
const maxDocs = 1 << 26

// The names of the index's files, all under its version.
func manifestName(ver string) string { return ver + "/index.bin" }

func shardName(ver string, i int) string { return ver + "/s" + strconv.Itoa(i) + ".bin" }

// docName names document id's head part, or its rest part.
func docName(ver string, id int, rest bool) string {
	part := "h.bin"
	if rest {
		part = "r.bin"
	}
	n := strconv.Itoa(id)
	group := "0" // id/1000: id's digits but the last three (id is never negative)
	if len(n) > 3 {
		group = n[:len(n)-3]
	}
	return ver + "/d" + group + "/" + n + part
}

// parseDocName returns the document and part a name of version ver
// stands for.
func parseDocName(ver, name string) (id int, rest, ok bool) {
	s, found := strings.CutPrefix(name, ver+"/d")
	if !found {
		return 0, false, false
	}
	group, s, found := strings.Cut(s, "/")
	if !found {
		return 0, false, false
	}
	switch {
	case strings.HasSuffix(s, "h.bin"):
	case strings.HasSuffix(s, "r.bin"):
		rest = true
	default:
		return 0, false, false
	}
	id, err := strconv.Atoi(s[:len(s)-len("h.bin")])
	if err != nil || id < 0 || strconv.Itoa(id/1000) != group {
		return 0, false, false
	}
	return id, rest, true
}

// manifest is the one file a client must know by name: the version, the
// number of documents, and the first term (a shortest separating prefix
// of it) of each shard.
type manifest struct {
	version string
	docs    uint32
	seps    []string // seps[0] is ""
}

func (m *manifest) encode() []byte {
	b := []byte(manifestMagic)
	b = binary.AppendUvarint(b, uint64(m.docs))
	b = appendString(b, m.version)
	b = binary.AppendUvarint(b, uint64(len(m.seps)))
	prev := ""
	for _, s := range m.seps[1:] {
		b = appendFrontCoded(b, prev, s)
		prev = s
	}
	return b
}

func parseManifest(data []byte) (*manifest, error) {
	if !strings.HasPrefix(string(data), manifestMagic) {
		return nil, ErrCorrupt
	}
	r := &listReader{data: data, i: len(manifestMagic)}
	docs := r.uvarint()
	version := r.string()
	n := r.uvarint()
	if r.bad || docs > maxDocs || n == 0 || n > uint64(len(data)) {
		return nil, ErrCorrupt
	}
	seps := make([]string, n)
	for k := 1; k < len(seps) && !r.bad; k++ {
		seps[k] = r.frontCoded(seps[k-1])
	}
	if r.bad || r.i != len(data) {
		return nil, ErrCorrupt
	}
	return &manifest{version: version, docs: uint32(docs), seps: seps}, nil
}

// shardOf returns the shard whose range holds key.
func (m *manifest) shardOf(key string) int {
	// The first sep after key, by sort.Search's loop written out (the
	// closure cost app.wasm more at each of its inlined copies).
	seps := m.seps
	lo, hi := 0, len(seps)
	for lo < hi {
		h := int(uint(lo+hi) >> 1)
		if seps[h] > key {
			hi = h
		} else {
			lo = h + 1
		}
	}
	return lo - 1
}

// prefixSpan returns the first and last shards that hold terms starting
// with w.
func (m *manifest) prefixSpan(w string) (first, last int) {
	// The shards after w's own whose first term starts with w: a few,
	// all of which the query then fetches.
	first = m.shardOf(w)
	last = first
	for uint(last+1) < uint(len(m.seps)) && strings.HasPrefix(m.seps[last+1], w) { // uint: no bounds check
		last++
	}
	return first, last
}

// unionKey is the key of the prefix entry of p: the union of the lists of
// the terms that start with p. It sorts right after p, and no term has
// it, as no token holds a NUL.
func unionKey(p string) string { return p + "\x00" }

// isUnionKey tells a prefix entry's key from a term.
func isUnionKey(key string) bool { return strings.HasSuffix(key, "\x00") }

// shard is a parsed shard: its entries' keys in order and where each
// entry's header starts.
type shard struct {
	data []byte
	docs uint32
	keys []string
	offs []int
}

func parseShard(data []byte, docs uint32) (*shard, error) {
	r := &listReader{data: data, n: docs}
	n := r.uvarint()
	if r.bad || n > uint64(len(data)) {
		return nil, ErrCorrupt
	}
	keys, offs := make([]string, n), make([]int, n)
	offs = offs[:len(keys)] // spares a bounds check
	prev := ""
	for k := 0; k < len(keys) && !r.bad; k++ {
		key := r.frontCoded(prev)
		if r.bad || key <= prev && k > 0 {
			r.bad = true
			break
		}
		keys[k], offs[k] = key, r.i
		r.entry(nil, nil)
		prev = key
	}
	if r.bad || r.i != len(data) {
		return nil, ErrCorrupt
	}
	return &shard{data: data, docs: docs, keys: keys, offs: offs}, nil
}

// lists adds entry i's headline and body ids to h and b.
func (s *shard) lists(i int, h, b bitset) {
	r := &listReader{data: s.data, i: s.offs[i], n: s.docs}
	r.entry(h, b)
}

// entry reads an entry, adding its headline and body ids to h and b (or
// skipping them when nil).
func (r *listReader) entry(h, b bitset) {
	if uint(r.i) >= uint(len(r.data)) || r.data[r.i] > 15 { // uint: no bounds check
		r.bad = true
		return
	}
	codes := r.data[r.i]
	r.i++
	r.list(codes&3, h)
	r.list(codes>>2, b)
}

func (r *listReader) string() string {
	n := r.uvarint()
	rest := r.data[r.i:] // one bounds check, which spares the next
	if r.bad || n > uint64(len(rest)) {
		r.bad = true
		return ""
	}
	r.i += int(n)
	return string(rest[:n])
}

// frontCoded reads a string coded as the length it shares with prev and
// the rest of it.
func (r *listReader) frontCoded(prev string) string {
	shared := r.uvarint()
	if shared > uint64(len(prev)) {
		r.bad = true
		return ""
	}
	return prev[:shared] + r.string()
}

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

func appendFrontCoded(b []byte, prev, s string) []byte {
	n := 0
	for n < len(prev) && n < len(s) && prev[n] == s[n] {
		n++
	}
	b = binary.AppendUvarint(b, uint64(n))
	return appendString(b, s[n:])
}

// separator returns the shortest prefix of next that sorts after prev.
func separator(prev, next string) string {
	for n := 1; n <= len(next); n++ {
		if next[:n] > prev {
			return next[:n]
		}
	}
	return next
}
