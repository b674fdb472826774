package search

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io/fs"
	"path"
)

// Files is a built index: the manifest and the shards in memory, and the
// documents' parts either in memory too (Builder.KeepDocs) or made again
// from the documents when asked.
type Files struct {
	// Manifest names the manifest, the one file a client must be told of.
	Manifest string
	// Version is the hash of the index's content that starts every name.
	Version string
	// Data holds every file kept in memory by name: the manifest, the
	// shards, the documents' checksums (which only the host reads, to
	// check the documents it makes parts from, and LoadFiles) and, with
	// Builder.KeepDocs, the documents' parts.
	Data map[string][]byte

	docs uint32
	sums []uint64 // each document's checksum, by id
	kept bool
}

// Docs returns the number of documents indexed.
func (f *Files) Docs() int { return int(f.docs) }

// Part is one file of the index.
type Part struct {
	Name string
	Data []byte
}

// ErrChanged says that a document is not the one that was indexed under
// its id: the index must be built again.
var ErrChanged = errors.New("search: document changed since the index was built")

// DocParts returns the files of document id, which must be d, the
// document added as id: its head part and, when its body does not fit
// the head, its rest part (else rest.Name is ""). A static export writes
// them next to Data.
func (f *Files) DocParts(id int, d Doc) (head, rest Part, err error) {
	if id < 0 || id >= int(f.docs) {
		return Part{}, Part{}, fmt.Errorf("search: document %d of %d: %w", id, f.docs, fs.ErrNotExist)
	}
	h, r, sum, _ := docParts(&d, nil)
	if sum != f.sums[id] {
		return Part{}, Part{}, fmt.Errorf("search: document %d (%s): %w", id, d.Slug, ErrChanged)
	}
	head = Part{Name: docName(f.Version, id, false), Data: h}
	if r != nil {
		rest = Part{Name: docName(f.Version, id, true), Data: r}
	}
	return head, rest, nil
}

// Open returns the file called name, for the host to serve or to search
// itself: from Data, or, for a document's part, made from the document
// that doc returns for its id (doc may be nil with Builder.KeepDocs). A
// name the index does not have is an error wrapping fs.ErrNotExist.
func (f *Files) Open(name string, doc func(id int) (Doc, error)) ([]byte, error) {
	if data, ok := f.Data[name]; ok {
		return data, nil
	}
	id, rest, ok := parseDocName(f.Version, name)
	if !ok || f.kept || doc == nil || id >= int(f.docs) {
		return nil, fmt.Errorf("search: %s: %w", name, fs.ErrNotExist)
	}
	d, err := doc(id)
	if err != nil {
		return nil, fmt.Errorf("search: loading document %d for %s: %w", id, name, err)
	}
	head, restPart, err := f.DocParts(id, d)
	if err != nil {
		return nil, err
	}
	if !rest {
		return head.Data, nil
	}
	if restPart.Name == "" {
		return nil, fmt.Errorf("search: %s: %w", name, fs.ErrNotExist)
	}
	return restPart.Data, nil
}

// sumsName names the file of the documents' checksums.
func sumsName(ver string) string { return ver + "/docs.bin" }

func encodeSums(sums []uint64) []byte {
	b := make([]byte, 0, 8*len(sums))
	for _, s := range sums {
		b = binary.LittleEndian.AppendUint64(b, s)
	}
	return b
}

// LoadFiles reads an index that was written out (its Data, under the
// names it gives) from fsys: a host that keeps the index of a dataset
// it has seen before starts without building it again. The documents'
// parts are not read: give Open the documents, as after Finish.
func LoadFiles(fsys fs.FS, manifest string) (*Files, error) {
	data, err := fs.ReadFile(fsys, manifest)
	if err != nil {
		return nil, fmt.Errorf("search: loading index: %w", err)
	}
	m, err := parseManifest(data)
	if err != nil || manifestName(m.version) != path.Clean(manifest) {
		return nil, fmt.Errorf("search: loading index %s: %w", manifest, ErrCorrupt)
	}
	f := &Files{Manifest: manifest, Version: m.version, Data: map[string][]byte{manifest: data}, docs: m.docs}
	for i := range m.seps {
		name := shardName(m.version, i)
		if f.Data[name], err = fs.ReadFile(fsys, name); err != nil {
			return nil, fmt.Errorf("search: loading index: %w", err)
		}
	}
	name := sumsName(m.version)
	sums, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, fmt.Errorf("search: loading index: %w", err)
	}
	if len(sums) != 8*int(m.docs) {
		return nil, fmt.Errorf("search: loading index %s: %w", name, ErrCorrupt)
	}
	f.Data[name] = sums
	f.sums = make([]uint64, m.docs)
	for i := range f.sums {
		f.sums[i] = binary.LittleEndian.Uint64(sums[8*i:])
	}
	return f, nil
}
