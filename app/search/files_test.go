package search

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"testing/fstest"

	"dateline/app/article"
)

// TestWorkersAgree checks that the index does not depend on how many
// goroutines built it, nor on where the batches end, nor on a Step that
// runs each document's indexing.
func TestWorkersAgree(t *testing.T) {
	var docs []Doc
	for i := range 3*batchSize + 17 {
		docs = append(docs, synthDoc(i))
	}
	var want *Files
	for _, workers := range []int{1, 2, 3} {
		for _, step := range []bool{false, true} {
			t.Run(fmt.Sprint(workers, step), func(t *testing.T) {
				b := NewBuilder()
				b.Workers = workers
				var steps atomic.Int64
				if step {
					// As the host does: each document's indexing in
					// a turn of its own.
					b.Step = func(index func()) {
						steps.Add(1)
						index()
					}
				}
				for _, d := range docs {
					b.Add(d)
				}
				f, err := b.Finish()
				if err != nil {
					t.Fatal(err)
				}
				if n := steps.Load(); step && n != int64(len(docs)) {
					t.Errorf("Step ran %d times for %d documents", n, len(docs))
				}
				if want == nil {
					want = f
					return
				}
				if f.Manifest != want.Manifest || !maps.EqualFunc(f.Data, want.Data, bytes.Equal) {
					t.Errorf("%d workers (Step %v) made another index than 1", workers, step)
				}
			})
		}
	}
}

// TestOpenMakesDocParts checks that parts made again from the documents
// are the ones a Builder keeping them made, and that a changed document
// is refused.
func TestOpenMakesDocParts(t *testing.T) {
	docs := append([]Doc{}, rankingDocs...)
	docs = append(docs,
		doc("long", "Long", strings.Repeat("Lorem ipsum dolor sit amet. ", 40), "Second\nparagraph with a line break."),
		doc("empty", "No body"),
	)
	kept := build(t, docs)
	b := NewBuilder()
	for _, d := range docs {
		b.Add(d)
	}
	f, err := b.Finish()
	if err != nil {
		t.Fatal(err)
	}
	if f.Manifest != kept.Manifest {
		t.Fatalf("KeepDocs changed the index: %s, %s", f.Manifest, kept.Manifest)
	}
	load := func(id int) (Doc, error) { return docs[id], nil }
	for name, want := range kept.Data {
		got, err := f.Open(name, load)
		if err != nil {
			t.Errorf("Open(%s): %v", name, err)
			continue
		}
		if !bytes.Equal(got, want) {
			t.Errorf("Open(%s) differs from the kept part", name)
		}
	}
	tests := []struct {
		scenario string
		name     string
		load     func(int) (Doc, error)
		want     error
	}{
		{"Unknown", f.Version + "/nothing.bin", load, fs.ErrNotExist},
		{"OtherVersion", "0123456789abcdef/d0/0h.bin", load, fs.ErrNotExist},
		{"NoSuchDoc", docName(f.Version, len(docs), false), load, fs.ErrNotExist},
		{"NoRestPart", docName(f.Version, 0, true), load, fs.ErrNotExist},
		{"Changed", docName(f.Version, 0, false), func(int) (Doc, error) {
			return doc("d0", "Vandel report, corrected", "The zorvek and the quillan appear here."), nil
		}, ErrChanged},
		{"LoadFails", docName(f.Version, 0, false), func(int) (Doc, error) { return Doc{}, fs.ErrPermission }, fs.ErrPermission},
	}
	for _, tt := range tests {
		t.Run(tt.scenario, func(t *testing.T) {
			if _, err := f.Open(tt.name, tt.load); !errors.Is(err, tt.want) {
				t.Errorf("Open(%s) = %v, want %v", tt.name, err, tt.want)
			}
		})
	}
}

func TestLoadFiles(t *testing.T) {
	f := build(t, rankingDocs)
	fsys := fstest.MapFS{}
	for name, data := range f.Data {
		fsys[name] = &fstest.MapFile{Data: data}
	}
	g, err := LoadFiles(fsys, f.Manifest)
	if err != nil {
		t.Fatal(err)
	}
	if g.Version != f.Version || g.Docs() != f.Docs() {
		t.Fatalf("loaded %s with %d docs, want %s with %d", g.Version, g.Docs(), f.Version, f.Docs())
	}
	s := NewSearcher(g.Manifest, func(name string) ([]byte, error) {
		return g.Open(name, func(id int) (Doc, error) { return rankingDocs[id], nil })
	})
	res, err := s.Search("zorvek quillan", 1)
	if err != nil || len(res.Hits) != 5 {
		t.Errorf("search of the loaded index: %d hits, %v", len(res.Hits), err)
	}
	delete(fsys, shardName(f.Version, 0))
	if _, err := LoadFiles(fsys, f.Manifest); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("with a shard missing: %v, want fs.ErrNotExist", err)
	}
}

// TestDocSum checks that the Builder's quick checksum is the parts'.
func TestDocSum(t *testing.T) {
	tests := []struct {
		scenario string
		body     []string
	}{
		{"Empty", nil},
		{"Short", []string{"Lorem ipsum."}},
		{"ShortParagraphsThenLong", []string{"Lorem.", "Ipsum.", strings.Repeat("Dolor sit amet. ", 60)}},
		{"LongFirstSentence", []string{strings.Repeat("dolor ", 200)}},
		{"LineBreaks", []string{"Lorem\nipsum\r\ndolor. " + strings.Repeat("Sit amet. ", 80), "Velit\nesse."}},
		{"Arabic", []string{strings.Repeat("کاروم سیمان؟ ", 80), "زیلانە."}},
		// A no-break space after an abbreviation makes the paragraph a byte
		// longer, in the head and in the rest.
		{"Abbreviations", []string{strings.Repeat("The U.S. envoy met Gen. Doe. ", 40), "Mr. Roe came on Jan. 5.", "The U.K.\nenvoy too.", "The U.S.\r\nenvoy, Dr.\rRoe.", ". At the start, at the end ."}},
		{"AbbreviationsBeyondASCII", []string{strings.Repeat("Dr. Élise met Б. Иванов. ", 40), "Prof. Σοφία came.", "Gen.\nИван too."}},
	}
	for _, tt := range tests {
		t.Run(tt.scenario, func(t *testing.T) {
			d := doc("x", "Headline", tt.body...)
			_, _, want, _ := docParts(&d, nil)
			if got, _ := docSum(&d, nil); got != want {
				t.Errorf("docSum = %x, want %x", got, want)
			}
		})
	}
}

func TestEmptyBuilder(t *testing.T) {
	if _, err := NewBuilder().Finish(); !errors.Is(err, errEmpty) {
		t.Errorf("Finish of nothing = %v, want errEmpty", err)
	}
}

func TestDocOf(t *testing.T) {
	a := &article.Article{
		Slug:     "synthetic-slug",
		Headline: "Synthetic headline",
		Section:  "Lorem",
		Tags:     []string{"Ipsumtag"},
		Authors:  []string{"Synthetic Author"},
		Dateline: &article.Dateline{Place: "SYNTHPLACE", Source: "Synthetic Agency"},
		Figures: []article.Figure{
			{Caption: "Synthetic caption.", Credit: "Synthetic credit"},
			{Credit: "Credit alone"},
		},
		Body: []article.Block{
			{Type: article.Paragraph, Text: "First lorem."},
			{Type: article.ReadMore, Link: article.Link{Title: "Another story's title"}},
			{Type: article.Paragraph, Text: "Second ipsum."},
		},
	}
	d := DocOf(a)
	if d.Lang != article.DefaultLang || d.Slug != a.Slug || d.Headline != a.Headline || d.Section != a.Section {
		t.Errorf("DocOf = %+v", d)
	}
	if want := []string{"First lorem.", "Second ipsum."}; !slices.Equal(d.Body, want) {
		t.Errorf("Body = %q, want %q: paragraphs only", d.Body, want)
	}
	if want := []string{"Synthetic caption.", "SYNTHPLACE"}; !slices.Equal(d.Asides, want) {
		t.Errorf("Asides = %q, want %q: captions, not credits; the dateline's place, not its source", d.Asides, want)
	}
	if want := []string{"Synthetic Author", "Lorem", "Ipsumtag"}; !slices.Equal(d.Names, want) {
		t.Errorf("Names = %q, want %q: authors, section, tags", d.Names, want)
	}
}
