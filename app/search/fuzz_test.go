package search

import (
	"sync"
	"testing"
)

var fuzzIndex struct {
	once sync.Once
	f    *Files
}

// FuzzSearch checks that no query makes Search panic, and that results
// keep their shape.
func FuzzSearch(f *testing.F) {
	for _, q := range []string{"lorem", "lorem ipsum", "k", "کا", rareWord, "<script>", "\u200c", "ـ", "ه", "a b c d e f g h i j", "\xff\xfe", ""} {
		f.Add(q, 1)
	}
	f.Fuzz(func(t *testing.T, query string, page int) {
		fuzzIndex.once.Do(func() {
			var docs []Doc
			for i := range 400 {
				docs = append(docs, synthDoc(i))
			}
			docs = append(docs, doc("hostile", `<script>alert("x")</script> ه‌ ـ`, "\u200c\u200f ـ ٠١٢"))
			fuzzIndex.f = build(t, docs)
		})
		idx := fuzzIndex.f
		s := NewSearcher(idx.Manifest, func(name string) ([]byte, error) { return idx.Open(name, nil) })
		res, err := s.Search(query, page%1000)
		if err != nil {
			t.Fatalf("Search(%q): %v", query, err)
		}
		if len(res.Hits) > PerPage || res.Total < len(res.Hits) {
			t.Fatalf("Search(%q): %d hits of %d", query, len(res.Hits), res.Total)
		}
		for _, h := range res.Hits {
			if text(h.HeadlineMarks) != h.Headline {
				t.Fatalf("headline spans %q, headline %q", text(h.HeadlineMarks), h.Headline)
			}
		}
	})
}

// FuzzParse checks that no bytes make the readers of the index's files
// panic: a file may come back truncated or garbled from a broken cache.
func FuzzParse(f *testing.F) {
	idx := build(f, rankingDocs)
	for _, data := range idx.Data {
		f.Add(data)
	}
	f.Add([]byte(manifestMagic + "\x05\x02ab\x03\x00\x01a\x00\x01b"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if m, err := parseManifest(data); err == nil {
			m.shardOf("x")
			m.prefixSpan("x")
		}
		if sh, err := parseShard(data, 64); err == nil {
			for k := range sh.keys {
				sh.lists(k, newBitset(64), newBitset(64))
			}
		}
		if h, err := parseHead(data); err == nil {
			m := matcher{terms: []string{"a"}, prefix: true}
			m.excerpt(h.body, 0, true)
			if got := text(m.marks("", h.hit.Headline, "")); got != h.hit.Headline {
				t.Fatalf("marks lost text: %q", got)
			}
		}
	})
}
