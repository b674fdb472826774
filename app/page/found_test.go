package page

import (
	"encoding/json"
	"reflect"
	"testing"

	"dateline/app/jsonread"
	"dateline/app/search"
)

// TestFoundData writes results as the host does (encoding/json) and reads
// them as app.wasm does: the same hits, marks in the same places, for the
// page of the same query only.
func TestFoundData(t *testing.T) {
	f := &Found{}
	f.Page, f.Pages, f.Total = 2, 3, 45
	f.Hits = []search.Hit{
		{Slug: "one", Lang: "en", Section: "Test Desk", Published: "2024-03-03", Headline: "Quillotex rises",
			HeadlineMarks: []search.Span{{Text: "Quillotex", Mark: true}, {Text: " rises"}},
			Excerpt:       []search.Span{{Text: "A "}, {Text: "quillotex", Mark: true}, {Text: " and "}, {Text: "zarn", Mark: true}, {Text: "wick"}}},
		{Slug: "two", Headline: "<b>\u2028 & \"x\"", HeadlineMarks: []search.Span{{Text: "<b>\u2028 & \"x\""}}},
	}
	ref := SearchRef("quillotex zarn", 2)
	d, ok := FoundDataOf(ref, f)
	if !ok {
		t.Fatal("complete results are not carried")
	}
	js, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	var back FoundData
	r := jsonread.NewReader(js)
	back.ReadJSON(r)
	if err := r.End(); err != nil {
		t.Fatalf("reading %s: %v", js, err)
	}
	got, ok := back.Found(ref)
	if !ok || !reflect.DeepEqual(got, f) {
		t.Errorf("read back %s as\n%+v\nwant\n%+v", js, got, f)
	}
	for _, other := range []Ref{SearchRef("quillotex", 2), SearchRef("quillotex zarn", 1), HomeRef(2)} {
		if _, ok := back.Found(other); ok {
			t.Errorf("the results of %+v were taken for %+v", ref, other)
		}
	}
	for _, tt := range []struct {
		scenario string
		ref      Ref
		f        *Found
	}{
		{"no query", SearchRef("", 1), &Found{}},
		{"the index being built", ref, &Found{Building: true}},
		{"an exported page", ref, &Found{Static: true}},
		{"a file missing", ref, &Found{Incomplete: true}},
		{"a failure", ref, &Found{Failed: true}},
		{"not a search page", HomeRef(1), f},
	} {
		if _, ok := FoundDataOf(tt.ref, tt.f); ok {
			t.Errorf("%s: results carried", tt.scenario)
		}
	}
}

// TestPieces checks the alternating form of marked text: a mark first,
// neighbours of the same kind joined, empty spans dropped.
func TestPieces(t *testing.T) {
	for _, tt := range []struct {
		in   []search.Span
		want []string
		back []search.Span
	}{
		{nil, nil, nil},
		{[]search.Span{{Text: "plain"}}, []string{"plain"}, nil},
		{[]search.Span{{Text: "m", Mark: true}, {Text: " p"}}, []string{"", "m", " p"}, nil},
		{[]search.Span{{Text: "a"}, {Text: "b"}, {Text: "", Mark: true}, {Text: "c", Mark: true}, {Text: "d", Mark: true}},
			[]string{"ab", "cd"}, []search.Span{{Text: "ab"}, {Text: "cd", Mark: true}}},
	} {
		got := pieces(tt.in)
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("pieces(%+v) = %q, want %q", tt.in, got, tt.want)
		}
		back := tt.back
		if back == nil {
			back = tt.in
		}
		if spans := spans(got); !reflect.DeepEqual(spans, back) && len(spans)+len(back) > 0 {
			t.Errorf("spans(%q) = %+v, want %+v", got, spans, back)
		}
	}
}
