package search

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
)

// shardTarget is the size at which a shard is closed: small enough that
// a query for one more word costs little, large enough that the manifest,
// a separator per shard, stays small.
const shardTarget = 12 << 10

// entry is one key of the index: a term, or a prefix (unionKey), with
// its headline and body lists.
type entry struct {
	key   string
	codes byte // the codes of the lists: headline | body<<2
	lists []byte
}

func (e *entry) size() int { return len(e.key) + len(e.lists) + 3 }

// pack cuts the entries into shards and makes the files.
func pack(entries []entry, docs uint32, sums []uint64) *Files {
	var shards [][]byte
	seps := []string{""}
	var body []byte
	count, prev := 0, ""
	closeShard := func() {
		s := binary.AppendUvarint(make([]byte, 0, len(body)+4), uint64(count))
		shards = append(shards, append(s, body...))
		body, count, prev = body[:0], 0, ""
	}
	for i := range entries {
		e := &entries[i]
		// A large entry (a common term, a prefix's union) gets a shard
		// of its own: a rare word next to it does not pay for it.
		big := e.size() > shardTarget/2
		if count > 0 && (len(body) >= shardTarget || big || entries[i-1].size() > shardTarget/2) {
			closeShard()
			seps = append(seps, separator(entries[i-1].key, e.key))
		}
		body = appendFrontCoded(body, prev, e.key)
		body = append(body, e.codes)
		body = append(body, e.lists...)
		prev = e.key
		count++
	}
	closeShard()

	h := sha256.New() // a hash's Write never fails
	h.Write([]byte(manifestMagic))
	h.Write(binary.AppendUvarint(nil, uint64(docs)))
	for _, s := range shards {
		h.Write(binary.AppendUvarint(nil, uint64(len(s))))
		h.Write(s)
	}
	for _, sum := range sums {
		h.Write(binary.LittleEndian.AppendUint64(nil, sum))
	}
	ver := hex.EncodeToString(h.Sum(nil)[:8])

	m := &manifest{version: ver, docs: docs, seps: seps}
	f := &Files{
		Manifest: manifestName(ver),
		Version:  ver,
		Data:     make(map[string][]byte, len(shards)+1),
		docs:     docs,
		sums:     sums,
	}
	f.Data[f.Manifest] = m.encode()
	f.Data[sumsName(ver)] = encodeSums(sums)
	for i, s := range shards {
		f.Data[shardName(ver, i)] = s
	}
	return f
}
