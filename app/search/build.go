package search

import (
	"errors"
	"runtime"
	"sync"
)

// Builder makes an index from documents added one at a time, newest
// first. It keeps the terms and their postings, a byte or two a posting,
// not the documents: feed it from a streaming loader and drop each
// document once added. It indexes on Workers goroutines, in batches of
// consecutive documents, so a loader that parses while the Builder
// indexes keeps both cores busy. It is not safe for concurrent use, and
// Finish must be called to stop its goroutines.
type Builder struct {
	// KeepDocs keeps every document's parts in Files.Data, for tests and
	// small sites; otherwise the host makes them again when asked
	// (Files.Open, Files.DocParts), and the index holds only a checksum
	// per document. Set it before the first Add.
	KeepDocs bool
	// Workers is the number of goroutines that index; 0 means one per
	// processor, at most four. Set it before the first Add.
	Workers int
	// Step, if set, runs each document's indexing (the function it is
	// given): a host that builds its index while it serves uses it to
	// keep the build off a processor it wants for requests. Set it
	// before the first Add.
	Step func(index func())

	segs  []*segment
	work  chan batch
	wg    sync.WaitGroup
	batch []Doc
	n     int
	done  bool
}

// batchSize is the number of consecutive documents a worker indexes at a
// time.
const batchSize = 128

const (
	inHeadline = 1
	inBody     = 2
)

// batch is a run of consecutive documents, the number-th.
type batch struct {
	number int32
	docs   []Doc
}

// segment is one worker's part of the index: the batches it took, in
// order, which is the order of their numbers.
type segment struct {
	batches []int32
	terms   termTable
	doc     docSet
	tok     tokenizer
	sums    []uint64    // checksums of its documents, in order
	kept    [][2][]byte // their parts, with KeepDocs
	buf     []byte
}

// NewBuilder returns an empty Builder.
func NewBuilder() *Builder { return &Builder{} }

// Len returns the number of documents added so far.
func (b *Builder) Len() int { return b.n }

// Add adds the next document: the first added is the newest, id 0. The
// Builder reads d until Finish: d.Body must not be changed.
func (b *Builder) Add(d Doc) {
	if b.done {
		panic("search: Builder.Add after Finish")
	}
	if b.segs == nil {
		b.start()
	}
	b.batch = append(b.batch, d)
	b.n++
	if len(b.batch) == batchSize {
		b.send()
	}
}

func (b *Builder) start() {
	w := b.Workers
	if w <= 0 {
		w = min(runtime.GOMAXPROCS(0), 4)
	}
	b.segs = make([]*segment, w)
	b.work = make(chan batch, 2*w)
	for i := range b.segs {
		s := &segment{}
		b.segs[i] = s
		b.wg.Add(1)
		go func() {
			defer b.wg.Done()
			for bt := range b.work {
				s.batches = append(s.batches, bt.number)
				s.index(bt.docs, b.KeepDocs, b.Step)
			}
		}()
	}
}

// send hands the current batch to the first worker free.
func (b *Builder) send() {
	b.work <- batch{number: int32((b.n - 1) / batchSize), docs: b.batch}
	b.batch = make([]Doc, 0, batchSize)
}

// index adds a batch of documents to the segment. Within a segment,
// documents are numbered in the order it sees them; merge maps those
// numbers to ids.
func (s *segment) index(batch []Doc, keep bool, step func(func())) {
	for k := range batch {
		if step != nil {
			step(func() { s.add(&batch[k], keep) })
		} else {
			s.add(&batch[k], keep)
		}
	}
}

// add indexes document d.
func (s *segment) add(d *Doc, keep bool) {
	local := int32(len(s.sums))
	s.doc.reset()
	s.words(d.Headline, inHeadline, false)
	for _, p := range d.Body {
		s.words(p, inBody, false)
	}
	for _, c := range d.Asides {
		s.words(c, inBody, false)
	}
	// A name's words that the text does not have weigh as the headline's;
	// one it has stays where the text has it ("Politics", a tag that the
	// story says): the lists of common words keep their shape and size.
	for _, n := range d.Names {
		s.words(n, inHeadline, true)
	}
	for e := range s.doc.len() {
		t := s.terms.id(s.doc.key(e), s.doc.hashes[e])
		s.terms.write(t, local, s.doc.flags[e])
	}
	var sum uint64
	if keep {
		var head, rest []byte
		head, rest, sum, s.buf = docParts(d, s.buf)
		s.kept = append(s.kept, [2][]byte{append([]byte(nil), head...), append([]byte(nil), rest...)})
	} else {
		sum, s.buf = docSum(d, s.buf)
	}
	s.sums = append(s.sums, sum)
}

// words adds the words of text to the document's set; with onlyNew, only
// those it does not have yet.
func (s *segment) words(text string, where byte, onlyNew bool) {
	s.tok.reset(text)
	for {
		_, _, w, ok := s.tok.next()
		if !ok {
			return
		}
		s.doc.add(w, hashWord(w), where, onlyNew)
	}
}

// wait hands the last batch over and waits for the workers to be done.
func (b *Builder) wait() {
	if b.work == nil {
		return
	}
	if len(b.batch) > 0 {
		b.send()
	}
	close(b.work)
	b.wg.Wait()
	b.work = nil
}

// Abandon stops the Builder's goroutines without making the index, for
// a build that is no longer wanted: it waits only for the batches handed
// over. The Builder cannot be used after.
func (b *Builder) Abandon() {
	b.done = true
	b.batch = nil
	b.wait()
	b.segs = nil
}

// errEmpty says that Finish was called with no documents.
var errEmpty = errors.New("search: no documents to index")

// Finish makes the index's files. The Builder cannot be used after.
func (b *Builder) Finish() (*Files, error) {
	if b.done {
		return nil, errors.New("search: Builder.Finish called twice")
	}
	b.done = true
	if b.n == 0 {
		return nil, errEmpty
	}
	b.wait()
	m := b.merge()
	entries := m.encode()
	for _, s := range b.segs {
		s.terms.release()
	}
	entries = m.addUnions(entries)
	sums := m.docSums()
	f := pack(entries, uint32(b.n), sums)
	if b.KeepDocs {
		for id, parts := range m.docParts() {
			f.Data[docName(f.Version, id, false)] = parts[0]
			if parts[1] != nil {
				f.Data[docName(f.Version, id, true)] = parts[1]
			}
		}
		f.kept = true
	}
	b.segs = nil
	return f, nil
}
