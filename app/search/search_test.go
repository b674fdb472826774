package search

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
)

// build indexes docs, keeping their parts in memory.
func build(t testing.TB, docs []Doc) *Files {
	t.Helper()
	b := NewBuilder()
	b.KeepDocs = true
	for _, d := range docs {
		b.Add(d)
	}
	f, err := b.Finish()
	if err != nil {
		t.Fatalf("Finish: %v", err)
	}
	return f
}

// searcher returns a Searcher of f whose fetches are logged.
func searcher(f *Files) (*Searcher, *fetchLog) {
	log := &fetchLog{open: func(name string) ([]byte, error) { return f.Open(name, nil) }}
	return NewSearcher(f.Manifest, log.fetch), log
}

func slugs(hits []Hit) []string {
	var out []string
	for _, h := range hits {
		out = append(out, h.Slug)
	}
	return out
}

// doc makes a small synthetic document.
func doc(slug, headline string, body ...string) Doc {
	return Doc{Slug: slug, Lang: "en", Headline: headline, Section: "Lorem", Published: "2026-01-01", Body: body}
}

// rankingDocs are added in this order: d0 is the newest.
var rankingDocs = []Doc{
	doc("d0", "Vandel report", "The zorvek and the quillan appear here."),
	doc("d1", "Zorvek market", "A quillan text."),
	doc("d2", "Zorvek quillan summit", "Other words."),
	doc("d3", "Quillan notes", "A zorvek mention."),
	doc("d4", "Zorvek and quillan again", "Filler words."),
	doc("d5", "Unrelated", "Only zorvek."),
	doc("d6", "Quilted vandel", "Zorvek in the body."),
}

func TestSearch(t *testing.T) {
	s, _ := searcher(build(t, rankingDocs))
	tests := []struct {
		scenario string
		query    string
		want     []string
	}{
		{"HeadlineAboveBodyThenNewest", "zorvek quillan", []string{"d2", "d4", "d1", "d3", "d0"}},
		{"AllWordsMustMatch", "zorvek vandel", []string{"d0", "d6"}},
		{"OneWordHeadlineFirst", "vandel", []string{"d0", "d6"}},
		{"LastWordIsPrefix", "quil", []string{"d2", "d3", "d4", "d6", "d0", "d1"}},
		{"PrefixAfterExactWord", "vandel quil", []string{"d6", "d0"}},
		{"EarlierWordIsNotPrefix", "quil zorvek", nil},
		{"RepeatedLastWordIsExact", "quillan zorvek quillan", []string{"d2", "d4", "d1", "d3", "d0"}},
		{"FoldedQuery", "ZÓRVEK Quillán", []string{"d2", "d4", "d1", "d3", "d0"}},
		{"NoSuchWord", "nonexistent", nil},
		{"EmptyQuery", "  ,; ", nil},
	}
	for _, tt := range tests {
		t.Run(tt.scenario, func(t *testing.T) {
			res, err := s.Search(tt.query, 1)
			if err != nil {
				t.Fatalf("Search(%q): %v", tt.query, err)
			}
			if got := slugs(res.Hits); !slices.Equal(got, tt.want) {
				t.Errorf("Search(%q) = %q, want %q", tt.query, got, tt.want)
			}
			if got, want := res.Total, len(tt.want); got != want {
				t.Errorf("Total = %d, want %d", got, want)
			}
		})
	}
}

// queryHits is a query and the slugs of its first page of hits, in order.
type queryHits struct {
	query string
	want  []string
}

// expectHits runs each query and checks its first page of hits.
func expectHits(t *testing.T, s *Searcher, tests []queryHits) {
	t.Helper()
	for _, tt := range tests {
		res, err := s.Search(tt.query, 1)
		if err != nil {
			t.Fatalf("Search(%q): %v", tt.query, err)
		}
		if got := slugs(res.Hits); !slices.Equal(got, tt.want) {
			t.Errorf("Search(%q) = %q, want %q", tt.query, got, tt.want)
		}
	}
}

// TestNamesSearched finds articles by their authors and tags, which their
// text does not say, weighed as the headline is; a tag the body says
// weighs as the body does. Such a hit still shows the body's opening.
func TestNamesSearched(t *testing.T) {
	n0 := doc("n0", "Plain report", "Nothing of note in this text.")
	n0.Names = []string{"Quorra Vantes", "Zeptoland"}
	n1 := doc("n1", "Zeptoland news", "Other text.")
	n2 := doc("n2", "Another report", "A mention of zeptoland in the body.")
	n2.Names = []string{"Zeptoland"}
	// n2 is the newest: only the weight of its tag can put it last.
	s, _ := searcher(build(t, []Doc{n2, n0, n1}))
	expectHits(t, s, []queryHits{
		{"quorra", []string{"n0"}},
		{"vantes zeptoland", []string{"n0"}},
		{"zeptoland", []string{"n0", "n1", "n2"}},
		{"zepto", []string{"n0", "n1", "n2"}},
		{"quorra nothing", []string{"n0"}},
	})
	res, err := s.Search("quorra", 1)
	if err != nil || len(res.Hits) != 1 || !strings.HasPrefix(text(res.Hits[0].Excerpt), "Nothing of note") || slices.ContainsFunc(res.Hits[0].HeadlineMarks, func(s Span) bool { return s.Mark }) {
		t.Errorf("a hit by author: %+v, %v; want the body's opening, nothing marked", res.Hits, err)
	}
}

// TestCaptionsSearched finds an article by its photo's caption, weighed
// as the body is; such a hit shows the body's opening.
func TestCaptionsSearched(t *testing.T) {
	c0 := doc("c0", "Plain report", "Nothing of note in this text.")
	c0.Asides = []string{"Fog over the Quillan ridge."}
	c1 := doc("c1", "Quillan ridge road opens", "Other text.")
	// c0 is the newer: only the headline's weight puts c1 first.
	s, _ := searcher(build(t, []Doc{c0, c1}))
	expectHits(t, s, []queryHits{
		{"fog", []string{"c0"}},
		{"quillan", []string{"c1", "c0"}},
		{"fog nothing", []string{"c0"}},
	})
	res, err := s.Search("fog", 1)
	if err != nil || len(res.Hits) != 1 || !strings.HasPrefix(text(res.Hits[0].Excerpt), "Nothing of note") {
		t.Errorf("a hit by caption: %+v, %v; want the body's opening", res.Hits, err)
	}
}

// TestPossessives finds a word and its possessive from either: a query's
// last word "zorvek's" is not "zorvek" and a prefix "s".
func TestPossessives(t *testing.T) {
	p0 := doc("p0", "Plain report", "The zorvek’s budget was read out.")
	p1 := doc("p1", "Other report", "A zorvek met today.")
	p2 := doc("p2", "Third report", "Quillan's view.")
	s, _ := searcher(build(t, []Doc{p0, p1, p2}))
	expectHits(t, s, []queryHits{
		{"zorvek", []string{"p0", "p1"}},
		{"zorvek's", []string{"p0", "p1"}},
		{"ZORVEK’S budget", []string{"p0"}},
		{"quillan's", []string{"p2"}},
	})
}

// TestArabicArticle finds a synthetic Arabic word with and without the
// article and the particles joined to it, whole and as the last word's
// start, down to the article and one letter ("الز"), which also starts
// the words of that letter; when it is a word of its own ("إلى" folds to
// "الى", "ألف" to "الف"), the articles that have that word come first.
func TestArabicArticle(t *testing.T) {
	a0 := doc("a0", "اختبار", "نص اصطناعي عن الزيلان.")
	a1 := doc("a1", "اختبار آخر", "زيلان في نص اصطناعي.")
	a2 := doc("a2", "اختبار ثالث", "نص اصطناعي عن الرامون.")
	a3 := doc("a3", "اختبار رابع", "نص اصطناعي إلى يومين.")
	a4 := doc("a4", "اختبار خامس", "نص اصطناعي عن ألف قلم.")
	a5 := doc("a5", "اختبار سادس", "نص اصطناعي عن الهيئة.")
	// a5 is the newest: only the word as itself puts a4 before it.
	s, _ := searcher(build(t, []Doc{a5, a0, a1, a2, a3, a4}))
	expectHits(t, s, []queryHits{
		{"زيلان", []string{"a0", "a1"}},
		{"الزيلان", []string{"a0", "a1"}},
		{"بالزيلان", []string{"a0", "a1"}},
		{"الزي", []string{"a0", "a1"}},
		{"الز", []string{"a0", "a1"}},
		{"والز", []string{"a0", "a1"}},
		{"نص الز", []string{"a0", "a1"}},
		{"الز نص", nil},
		{"رامون", []string{"a2"}},
		{"الر", []string{"a3", "a2"}}, // a3's headline says "رابع"
		{"الى", []string{"a3"}},
		{"إلى", []string{"a3"}},
		{"الي", []string{"a3"}},
		{"ألف", []string{"a4", "a1"}}, // a4 says "ألف", a1 "في"
		{"الق", []string{"a4"}},
		{"اله", []string{"a5"}}, // "الهيئة" ends the folded "اله" on ە
		{"الهي", []string{"a5"}},
		{"الع", []string{"a5", "a0", "a2", "a4"}}, // "عن"
		{"الا", []string{"a5", "a0", "a1", "a2", "a3", "a4"}},
		// The article alone, typed after a word, is the start of every
		// word that had it, which the index holds without it: it does not
		// narrow the search ("نص ال" found nothing, where "نص الز" found
		// a0 and a1).
		{"نص ال", []string{"a5", "a0", "a1", "a2", "a3", "a4"}},
		{"نص بال", []string{"a5", "a0", "a1", "a2", "a3", "a4"}},
		{"نص لل", []string{"a5", "a0", "a1", "a2", "a3", "a4"}},
		{"زيلان وال", []string{"a0", "a1"}},
		{"ال نص", nil}, // a word typed whole, not the last
	})
	marked := func(q string, hit int) []string {
		t.Helper()
		res, err := s.Search(q, 1)
		if err != nil || len(res.Hits) <= hit {
			t.Fatalf("Search(%q) = %+v, %v", q, res.Hits, err)
		}
		var m []string
		for _, sp := range res.Hits[hit].Excerpt {
			if sp.Mark {
				m = append(m, sp.Text)
			}
		}
		return m
	}
	for _, tt := range []struct {
		q    string
		hit  int
		want []string
	}{
		{"الز", 0, []string{"الزيلان"}},
		{"الق", 0, []string{"قلم"}},
		{"اله", 0, []string{"الهيئة"}},
		{"زيلان ال", 0, []string{"الزيلان"}},
	} {
		if got := marked(tt.q, tt.hit); !slices.Equal(got, tt.want) {
			t.Errorf("Search(%q), hit %d: marked %q, want %q", tt.q, tt.hit, got, tt.want)
		}
	}
}

// TestPrefixHeh: a last word typed so far to a heh (ه, or ھ) is the start
// of the words that go on after it, though folding makes a word-final
// heh the ae ە (as Lucene's SoraniNormalizer does): "ريبريه" found nothing
// where "ريبري" and "ريبريهين" found the article, and the Sorani "ه", on
// the way to "هەولێر", found nothing. The word that ends there comes
// first; a prefix typed with the ae itself is only that.
func TestPrefixHeh(t *testing.T) {
	h0 := doc("h0", "اختبار", "نص اصطناعي عن ريبريهين.")
	h1 := doc("h1", "اختبار آخر", "نص اصطناعي عن ريبريه.")
	h2 := doc("h2", "تاقیکردنەوە", "دەقی دەستکرد لە هەولێر.")
	h3 := doc("h3", "اختبار ثالث", "نص اصطناعي عن الكهرباء.")
	// h0 is the newest: only the word that ends on the heh puts h1 first.
	s, _ := searcher(build(t, []Doc{h0, h1, h2, h3}))
	expectHits(t, s, []queryHits{
		{"ريبري", []string{"h0", "h1"}},
		{"ريبريه", []string{"h1", "h0"}},
		{"ريبريھ", []string{"h1", "h0"}},
		{"ريبريهَ", []string{"h1", "h0"}},  // a harakah typed after the heh
		{"ريبريهـ ", []string{"h1", "h0"}}, // a tatweel and a space
		{"ريبريهي", []string{"h0"}},
		{"ريبريە", []string{"h1"}}, // typed with the ae: the word that ends so
		{"ه", []string{"h2"}},
		{"هە", []string{"h2"}},
		{"الكه", []string{"h3"}},
		{"كه", []string{"h3"}},
		{"نص ريبريه", []string{"h1", "h0"}},
	})
	res, err := s.Search("ريبريه", 1)
	if err != nil || len(res.Hits) != 2 {
		t.Fatalf(`Search("ريبريه") = %+v, %v`, res.Hits, err)
	}
	var marked []string
	for _, sp := range res.Hits[1].Excerpt {
		if sp.Mark {
			marked = append(marked, sp.Text)
		}
	}
	if !slices.Equal(marked, []string{"ريبريهين"}) {
		t.Errorf(`Search("ريبريه"), hit h0: marked %q, want "ريبريهين"`, marked)
	}
}

// TestArticleWordFirst: a last word of the article and one letter that is
// a word of its own finds that word first, marked alone, then the words of
// its letter, marked in theirs.
func TestArticleWordFirst(t *testing.T) {
	w0 := doc("w0", "اختبار", "نص عن المدينة.")
	w1 := doc("w1", "اختبار آخر", "نص عن المجلس.")
	w2 := doc("w2", "اختبار ثالث", "نص عن ألم مزمن.")
	s, _ := searcher(build(t, []Doc{w0, w1, w2}))
	res, err := s.Search("الم", 1)
	if err != nil {
		t.Fatal(err)
	}
	if got := slugs(res.Hits); !slices.Equal(got, []string{"w2", "w0", "w1"}) {
		t.Fatalf(`Search("الم") = %q, want the word itself (w2) first, then the newest`, got)
	}
	for i, want := range [][]string{{"ألم"}, {"المدينة"}, {"المجلس"}} {
		var got []string
		for _, sp := range res.Hits[i].Excerpt {
			if sp.Mark {
				got = append(got, sp.Text)
			}
		}
		if !slices.Equal(got, want) {
			t.Errorf("hit %s: marked %q, want %q", res.Hits[i].Slug, got, want)
		}
	}
}

func TestPaging(t *testing.T) {
	var docs []Doc
	for i := range 45 {
		docs = append(docs, doc(fmt.Sprintf("p%02d", i), "Pagewort", "Body."))
	}
	s, _ := searcher(build(t, docs))
	tests := []struct {
		scenario            string
		page                int
		first, hits, pageIs int
	}{
		{"First", 1, 0, 20, 1},
		{"Second", 2, 20, 20, 2},
		{"LastIsShort", 3, 40, 5, 3},
		{"PastTheEnd", 4, 0, 0, 4},
		{"ZeroMeansFirst", 0, 0, 20, 1},
	}
	for _, tt := range tests {
		t.Run(tt.scenario, func(t *testing.T) {
			res, err := s.Search("pagewort", tt.page)
			if err != nil {
				t.Fatal(err)
			}
			if res.Total != 45 || res.Pages != 3 || res.Page != tt.pageIs {
				t.Errorf("Total, Pages, Page = %d, %d, %d, want 45, 3, %d", res.Total, res.Pages, res.Page, tt.pageIs)
			}
			if len(res.Hits) != tt.hits {
				t.Fatalf("%d hits, want %d", len(res.Hits), tt.hits)
			}
			for k, h := range res.Hits {
				if want := fmt.Sprintf("p%02d", tt.first+k); h.Slug != want {
					t.Errorf("hit %d = %s, want %s", k, h.Slug, want)
				}
			}
		})
	}
}

// text joins spans back into their text.
func text(spans []Span) string {
	var b strings.Builder
	for _, s := range spans {
		b.WriteString(s.Text)
	}
	return b.String()
}

func marked(spans []Span) []string {
	var out []string
	for _, s := range spans {
		if s.Mark {
			out = append(out, s.Text)
		}
	}
	return out
}

func TestExcerpt(t *testing.T) {
	filler := "Lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor."
	para := strings.Repeat(filler+" ", 4)
	long := strings.Repeat("velit esse cillum ", 20) + "the Zorvek stood " + strings.Repeat("nulla pariatur ", 20) + "end."
	docs := []Doc{
		doc("deep", "Deep match", para, para, "Ut enim ad minim. Then Zorvek met the quillan, twice: zorvek! Duis aute irure.", para),
		doc("headline-only", "Zorvek in the headline", "Ut enim ad minim veniam. Quis nostrud exercitation.", para),
		doc("long-sentence", "Long", long),
		doc("opening", "Opening", "Zorvek first. Then more.", para, para),
		doc("arabic", "زيلان", "کاروم سیمان. ئەمە زیلانە لێرەیە، باشە. کۆتایی."),
		doc("abbreviations", "Abbreviations", "Ut enim ad minim. The Zorvek met the U.S. envoy and J. Doe of the U.K. Mission in Synthetic St. today. Duis aute irure."),
		doc("titles", "Titles", "Synthetic Corp. The quillan met Gen. Doe on Jan. 5 at No. 10 in Synthetic Plaza. Duis aute irure."),
		doc("broken-lines", "Broken lines", "Ut enim. The plinthor met the U.S.\nenvoy and Dr.\r\nRoe. Duis aute irure."),
		doc("names-beyond-ascii", "Names", "Ut enim. The vostrel met Dr. Élise Roe, Prof. Σοφία Doe and Gen. Иван Doe. Élise stayed."),
		doc("initials-beyond-ascii", "Initials", "Ut enim. The kelvar met Б. Иванов and É. Dupont. Duis aute irure."),
	}
	f := build(t, docs)
	tests := []struct {
		scenario, query, slug string
		excerpt               string
		marks                 []string
	}{
		{"SentenceOfFirstBodyMatch", "zorvek", "deep", "Then Zorvek met the quillan, twice: zorvek!", []string{"Zorvek", "zorvek"}},
		{"EveryQueryWordMarked", "quillan zorv", "deep", "Then Zorvek met the quillan, twice: zorvek!", []string{"Zorvek", "quillan", "zorvek"}},
		{"HeadlineOnlyShowsOpening", "zorvek", "headline-only", "Ut enim ad minim veniam.", nil},
		{"MatchInOpening", "zorvek", "opening", "Zorvek first.", []string{"Zorvek"}},
		{"ArabicScript", "زيلانه", "arabic", "ئەمە زیلانە لێرەیە، باشە.", []string{"زیلانە"}},
		// The index keeps an abbreviation's space as a no-break space.
		{"AbbreviationsEndNoSentence", "zorvek", "abbreviations", "The Zorvek met the U.S.\u00a0envoy and J.\u00a0Doe of the U.K.\u00a0Mission in Synthetic St.\u00a0today.", []string{"Zorvek"}},
		{"NorBeginOne", "envoy", "abbreviations", "The Zorvek met the U.S.\u00a0envoy and J.\u00a0Doe of the U.K.\u00a0Mission in Synthetic St.\u00a0today.", []string{"envoy"}},
		{"AbbreviationBeforeALineBreak", "plinthor", "broken-lines", "The plinthor met the U.S.\u00a0envoy and Dr.\u00a0 Roe.", []string{"plinthor"}},
		{"TitlesAndNumbers", "quillan", "titles", "The quillan met Gen.\u00a0Doe on Jan.\u00a05 at No.\u00a010 in Synthetic Plaza.", []string{"quillan"}},
		// A capital of any script with case starts a name after a title;
		// after another word it still starts a sentence.
		{"TitlesBeforeCapitalsBeyondASCII", "vostrel", "names-beyond-ascii", "The vostrel met Dr.\u00a0Élise Roe, Prof.\u00a0Σοφία Doe and Gen.\u00a0Иван Doe.", []string{"vostrel"}},
		{"InitialsBeyondASCII", "kelvar", "initials-beyond-ascii", "The kelvar met Б.\u00a0Иванов and É.\u00a0Dupont.", []string{"kelvar"}},
	}
	for _, tt := range tests {
		t.Run(tt.scenario, func(t *testing.T) {
			s, _ := searcher(f)
			h := hitOf(t, s, tt.query, tt.slug)
			if got := text(h.Excerpt); got != tt.excerpt {
				t.Errorf("excerpt = %q, want %q", got, tt.excerpt)
			}
			if got := marked(h.Excerpt); !slices.Equal(got, tt.marks) {
				t.Errorf("marked = %q, want %q", got, tt.marks)
			}
		})
	}
	t.Run("LongSentenceCutAroundMatch", func(t *testing.T) {
		s, _ := searcher(f)
		h := hitOf(t, s, "zorvek", "long-sentence")
		got := text(h.Excerpt)
		if !strings.HasPrefix(got, ellipsis) || !strings.HasSuffix(got, ellipsis) || !strings.Contains(got, "the Zorvek stood") {
			t.Errorf("excerpt = %q, want the match between ellipses", got)
		}
		if n := len([]rune(got)); n > excerptRunes+2 {
			t.Errorf("excerpt has %d runes, want at most %d", n, excerptRunes+2)
		}
	})
	t.Run("RestFetchedOnlyWhenNeeded", func(t *testing.T) {
		s, log := searcher(f)
		hitOf(t, s, "zorvek", "deep")
		rests := 0
		for _, name := range log.names {
			if strings.HasSuffix(name, "r.bin") {
				rests++
			}
		}
		if rests != 1 { // "deep"'s; the others' heads have their match
			t.Errorf("%d rest parts fetched, want 1: %q", rests, log.names)
		}
	})
}

// hitOf returns the hit for slug among the first page of query's results.
func hitOf(t *testing.T, s *Searcher, query, slug string) Hit {
	t.Helper()
	res, err := s.Search(query, 1)
	if err != nil {
		t.Fatalf("Search(%q): %v", query, err)
	}
	for _, h := range res.Hits {
		if h.Slug == slug {
			return h
		}
	}
	t.Fatalf("Search(%q) = %q: no %s", query, slugs(res.Hits), slug)
	return Hit{}
}

func TestHostileTextStaysText(t *testing.T) {
	headline := `<script>alert("zorvek")</script> & <b>quillan</b>`
	f := build(t, []Doc{doc("x", headline, `Body with <img src=x onerror=alert(1)> and "zorvek".`)})
	tests := []struct {
		scenario, query string
		headMarks       []string
	}{
		{"ScriptTagIsAWord", "<script>", []string{"script", "script"}},
		{"MarkupInQuery", `"><img src=x onerror=alert(1)> zorvek`, nil},
		{"EntityLikeQuery", "&amp; zorvek", nil},
		{"Word", "quillan", []string{"quillan"}},
	}
	for _, tt := range tests {
		t.Run(tt.scenario, func(t *testing.T) {
			s, _ := searcher(f)
			res, err := s.Search(tt.query, 1)
			if err != nil {
				t.Fatal(err)
			}
			for _, h := range res.Hits {
				if got := text(h.HeadlineMarks); got != headline {
					t.Errorf("headline spans = %q, want the headline as it is", got)
				}
				if got := marked(h.HeadlineMarks); !slices.Equal(got, tt.headMarks) && tt.headMarks != nil {
					t.Errorf("marked = %q, want %q", got, tt.headMarks)
				}
				if h.Headline != headline {
					t.Errorf("Headline = %q", h.Headline)
				}
			}
		})
	}
}

// TestTotalsMatchBruteForce checks totals and first pages against a
// direct reading of every document.
func TestTotalsMatchBruteForce(t *testing.T) {
	var docs []Doc
	for i := range 1500 {
		docs = append(docs, synthDoc(i))
	}
	s, _ := searcher(build(t, docs))
	type words struct{ head, all map[string]bool }
	index := make([]words, len(docs))
	for i, d := range docs {
		w := words{map[string]bool{}, map[string]bool{}}
		for _, tok := range Tokens(d.Headline) {
			w.head[tok], w.all[tok] = true, true
		}
		for _, p := range d.Body {
			for _, tok := range Tokens(p) {
				w.all[tok] = true
			}
		}
		index[i] = w
	}
	has := func(set map[string]bool, term string, prefix bool) bool {
		if !prefix {
			return set[term]
		}
		for w := range set {
			if strings.HasPrefix(w, term) {
				return true
			}
		}
		return false
	}
	for _, q := range []string{"lorem", "lorem ipsum", "ka", "kalo dolor", "dolor ka", "zzz", "سی", rareWord, "lorem " + rareWord, "ex", "e", "synthetic 7"} {
		t.Run(q, func(t *testing.T) {
			terms, prefix, _ := parseQuery(q)
			if alt := prefixAlt(terms[len(terms)-1], q); prefix && alt != "" {
				t.Fatalf("%q's last word also matches as %q, which this model does not know", q, alt)
			}
			type scored struct{ id, score int }
			var want []scored
			for id, w := range index {
				ok, score := true, 0
				for k, term := range terms {
					p := prefix && k == len(terms)-1
					if !has(w.all, term, p) {
						ok = false
						break
					}
					if has(w.head, term, p) {
						score++
					}
				}
				if ok {
					want = append(want, scored{id, score})
				}
			}
			sort.SliceStable(want, func(a, b int) bool { return want[a].score > want[b].score })
			res, err := s.Search(q, 1)
			if err != nil {
				t.Fatal(err)
			}
			if res.Total != len(want) {
				t.Fatalf("Total = %d, want %d", res.Total, len(want))
			}
			for k, h := range res.Hits {
				if wantSlug := docs[want[k].id].Slug; h.Slug != wantSlug {
					t.Fatalf("hit %d = %s, want %s", k, h.Slug, wantSlug)
				}
			}
		})
	}
}

// TestShardSelection checks that a query fetches only the shards its
// words fall in: one per word, and for the last word, the one holding its
// prefix entry or else those its prefix range spans.
func TestShardSelection(t *testing.T) {
	var docs []Doc
	for i := range 3000 {
		docs = append(docs, synthDoc(i))
	}
	f := build(t, docs)
	m, err := parseManifest(f.Data[f.Manifest])
	if err != nil {
		t.Fatal(err)
	}
	if len(m.seps) < 20 {
		t.Fatalf("only %d shards: the test needs more", len(m.seps))
	}
	shardOfName := map[string]int{}
	for i := range m.seps {
		shardOfName[shardName(m.version, i)] = i
	}
	hasUnion := func(w string) bool {
		sh, err := parseShard(f.Data[shardName(m.version, m.shardOf(unionKey(w)))], m.docs)
		if err != nil {
			t.Fatal(err)
		}
		return slices.Contains(sh.keys, unionKey(w))
	}
	tests := []struct {
		scenario string
		query    string
	}{
		{"OneCommonWord", "lorem "},
		{"TwoCommonWords", "lorem ipsum"},
		{"RareWord", rareWord},
		{"ShortPrefixWithUnion", "k"},
		{"PrefixWithUnion", "ka"},
		{"LongerPrefix", "kalo"},
		{"ExactWordsThenPrefix", "dolor sit kalomi"},
		{"ArabicPrefix", "کا"},
		{"NoMatch", "zzzz"},
	}
	for _, tt := range tests {
		t.Run(tt.scenario, func(t *testing.T) {
			s, log := searcher(f)
			if _, err := s.Search(tt.query, 1); err != nil {
				t.Fatal(err)
			}
			terms, prefix, _ := parseQuery(tt.query)
			allowed := map[int]bool{}
			for k, term := range terms {
				if k < len(terms)-1 || !prefix {
					allowed[m.shardOf(term)] = true
					continue
				}
				if hasUnion(term) {
					allowed[m.shardOf(unionKey(term))] = true
					continue
				}
				first, last := m.prefixSpan(term)
				for i := first; i <= last; i++ {
					allowed[i] = true
				}
			}
			got := map[int]bool{}
			for _, name := range log.names {
				if i, ok := shardOfName[name]; ok {
					if got[i] {
						t.Errorf("shard %d fetched twice", i)
					}
					got[i] = true
				}
			}
			for i := range got {
				if !allowed[i] {
					t.Errorf("fetched shard %d, not one the words fall in (%v)", i, allowed)
				}
			}
			if len(got) != len(allowed) {
				t.Errorf("fetched %d shards, want %d", len(got), len(allowed))
			}
		})
	}
	// A cache that starts afresh after every file it keeps: a prefix
	// without an entry of its own reads its whole span of shards, and the
	// one match read first must not be fetched again.
	t.Run("ExpandWithTinyCache", func(t *testing.T) {
		for _, q := range []string{"kalo", "dolor sit kalomi"} {
			terms, prefix, _ := parseQuery(q)
			if last := terms[len(terms)-1]; !prefix || hasUnion(last) {
				t.Fatalf("%q: the test needs a last word without a prefix entry", q)
			}
			seen := map[int]bool{}
			for _, term := range terms {
				if i := m.shardOf(term); seen[i] {
					t.Fatalf("%q: two words in shard %d; the test needs them apart", q, i)
				} else {
					seen[i] = true
				}
			}
			s, log := searcher(f)
			s.MaxCacheBytes = 1
			if _, err := s.Search(q, 1); err != nil {
				t.Fatal(err)
			}
			got := map[string]int{}
			for _, name := range log.names {
				if got[name]++; got[name] == 2 {
					t.Errorf("%q: %s fetched twice", q, name)
				}
			}
		}
	})
	t.Run("RepeatFetchesNothing", func(t *testing.T) {
		s, log := searcher(f)
		for k := range 2 {
			if _, err := s.Search("lorem ipsum", 1); err != nil {
				t.Fatal(err)
			}
			if n, _, _ := log.take(); k == 1 && n != 0 {
				t.Errorf("the repeated query fetched %d files", n)
			}
		}
	})
}

func TestUnavailable(t *testing.T) {
	var docs []Doc
	for i := range 300 {
		docs = append(docs, synthDoc(i))
	}
	f := build(t, docs)
	offline := errors.New("offline")
	tests := []struct {
		scenario string
		fails    func(name string) bool
		hits     int
	}{
		{"Manifest", func(name string) bool { return name == f.Manifest }, 0},
		{"Shard", func(name string) bool { return strings.Contains(name, "/s") }, 0},
		{"OneHead", func(name string) bool { return strings.HasSuffix(name, "/3h.bin") }, PerPage - 1},
	}
	for _, tt := range tests {
		t.Run(tt.scenario, func(t *testing.T) {
			var mu sync.Mutex
			down := true
			s := NewSearcher(f.Manifest, func(name string) ([]byte, error) {
				mu.Lock()
				defer mu.Unlock()
				if down && tt.fails(name) {
					return nil, offline
				}
				return f.Open(name, nil)
			})
			res, err := s.Search("lorem", 1)
			if !errors.Is(err, ErrUnavailable) || !errors.Is(err, offline) {
				t.Fatalf("err = %v, want ErrUnavailable wrapping the fetch's error", err)
			}
			if len(res.Hits) != tt.hits {
				t.Errorf("%d hits, want %d", len(res.Hits), tt.hits)
			}
			mu.Lock()
			down = false
			mu.Unlock()
			res, err = s.Search("lorem", 1)
			if err != nil || len(res.Hits) != PerPage {
				t.Errorf("back online: %d hits, %v; want %d, no error", len(res.Hits), err, PerPage)
			}
		})
	}
}

func TestCorruptFiles(t *testing.T) {
	f := build(t, rankingDocs)
	tests := []struct {
		scenario string
		change   func(name string, data []byte) []byte
	}{
		{"TruncatedManifest", func(name string, data []byte) []byte {
			if name == f.Manifest {
				return data[:len(data)-1]
			}
			return data
		}},
		{"TruncatedShard", func(name string, data []byte) []byte {
			if strings.Contains(name, "/s") {
				return data[:len(data)/2]
			}
			return data
		}},
		{"GarbageShard", func(name string, data []byte) []byte {
			if strings.Contains(name, "/s") {
				return []byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01}
			}
			return data
		}},
		{"GarbageHead", func(name string, data []byte) []byte {
			if strings.HasSuffix(name, "h.bin") {
				return []byte{0xff}
			}
			return data
		}},
	}
	for _, tt := range tests {
		t.Run(tt.scenario, func(t *testing.T) {
			s := NewSearcher(f.Manifest, func(name string) ([]byte, error) {
				data, err := f.Open(name, nil)
				return tt.change(name, append([]byte(nil), data...)), err
			})
			if _, err := s.Search("zorvek", 1); !errors.Is(err, ErrCorrupt) {
				t.Errorf("err = %v, want ErrCorrupt", err)
			}
		})
	}
}

// TestAtHand checks that AtHand answers a query exactly as Search does
// when every file it needs is kept, fetching nothing, and otherwise says
// so rather than answer with less: a rest part it lacks would have made an
// excerpt the body's opening.
func TestAtHand(t *testing.T) {
	para := strings.Repeat("Lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor. ", 4)
	f := build(t, []Doc{
		doc("deep", "Deep match", para, para, "Then Zorvek met the quillan.", para),
		doc("opening", "Opening", "Zorvek first. Then more."),
	})
	s, log := searcher(f)
	if _, ok := s.AtHand("zorvek", 1); ok || len(log.names) != 0 {
		t.Fatalf("before any search: ok %v, fetched %q; want no answer and no fetch", ok, log.names)
	}
	want, err := s.Search("zorvek", 1)
	if err != nil {
		t.Fatal(err)
	}
	fetched := len(log.names)
	got, ok := s.AtHand("zorvek", 1)
	if !ok || !reflect.DeepEqual(got, want) {
		t.Errorf("AtHand after Search: ok %v, %+v; want %+v", ok, got, want)
	}
	if len(log.names) != fetched {
		t.Errorf("AtHand fetched %q", log.names[fetched:])
	}
	if _, ok := s.AtHand("quillan zorvek", 1); !ok {
		t.Errorf("a query of the same words' files: no answer")
	}
	// Without the rest part that the deep match's excerpt needs, or with
	// a file still being fetched: no answer.
	rests := 0
	for name, it := range s.cache.items {
		if strings.HasSuffix(name, "r.bin") {
			rests++
			delete(s.cache.items, name)
			if _, ok := s.AtHand("zorvek", 1); ok {
				t.Errorf("answered without %s", name)
			}
			s.cache.items[name] = &item{ready: make(chan struct{}), val: it.val}
			if _, ok := s.AtHand("zorvek", 1); ok {
				t.Errorf("answered with %s still being fetched", name)
			}
		}
	}
	if rests != 1 {
		t.Fatalf("%d rest parts kept, want the deep match's", rests)
	}
	if len(log.names) != fetched {
		t.Errorf("AtHand fetched %q", log.names[fetched:])
	}
	// The Search that follows a lacking AtHand takes its match, not a new
	// one, and answers as a fresh Searcher does.
	q := s.cache.lastQuery
	if q == nil {
		t.Fatal("AtHand kept no match")
	}
	for name := range s.cache.items {
		if strings.HasSuffix(name, "r.bin") {
			delete(s.cache.items, name)
		}
	}
	got, err = s.Search("zorvek", 1)
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("Search after a lacking AtHand: %v, %+v; want %+v", err, got, want)
	}
	if s.cache.lastQuery != q {
		t.Error("Search matched the query again")
	}
	// Another query's match replaces it.
	if _, err := s.Search("quillan", 1); err != nil || s.cache.lastQuery == q {
		t.Errorf("another query kept the first's match (%v)", err)
	}
}

// TestExcerptFrom: an excerpt that looks for its marked word from a byte
// the caller gives (past a head part that has none) is the excerpt that
// reads the whole body, wherever that byte falls: after a word, within
// one (a head part can end inside a long word), within a letter's bytes.
func TestExcerptFrom(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for i := range 300 {
		d := synthDoc(i)
		body := strings.Join(d.Body, "\n")
		words := Tokens(body)
		m := matcher{terms: []string{words[r.IntN(len(words))]}, prefix: r.IntN(2) == 0}
		switch w := words[r.IntN(len(words))]; r.IntN(3) {
		case 0:
			m.terms = []string{w[:max(1, len(w)/2)]} // a prefix, or a word no text has
		case 1:
			m.terms, m.prefix = []string{w[len(w)/2:]}, true // the end of a word
		}
		for k := range 20 {
			from := r.IntN(len(body) + 1)
			if k%2 == 0 {
				// Where a word's end starts with the term.
				start := r.IntN(len(body))
				if at := strings.Index(body[start:], m.terms[0]); at >= 0 {
					from = start + at
				}
			}
			if at := m.first(body); at >= 0 && at < from {
				continue // a marked word before from: not the caller's case
			}
			more := r.IntN(2) == 0
			if got, want := m.excerpt(body, from, more), m.excerpt(body, 0, more); !reflect.DeepEqual(got, want) {
				t.Fatalf("document %d, %+v from byte %d: %+v, want %+v", i, m, from, got, want)
			}
		}
	}
}

// TestQueryTermsDropped checks which words past MaxTerms a query leaves
// out (Search's Results.Dropped), as it writes them: the eighth to the
// second last, each once, but for one that repeats a word that counts;
// and the eighth where the last repeats a word that counts.
func TestQueryTermsDropped(t *testing.T) {
	s, _ := searcher(build(t, []Doc{doc("a-to-h", "a b c d e f g h")}))
	for _, tt := range []struct {
		query string
		terms []string
		want  []string
	}{
		{"a b c d e f g h", []string{"a", "b", "c", "d", "e", "f", "g", "h"}, nil},
		{"a b c d e f g Zzz Yyy h", []string{"a", "b", "c", "d", "e", "f", "g", "h"}, []string{"Zzz", "Yyy"}},
		{"a b c d e f g Éte ÉTÉ été h", []string{"a", "b", "c", "d", "e", "f", "g", "h"}, []string{"Éte"}},
		{"a b c d e f g b x h", []string{"a", "b", "c", "d", "e", "f", "g", "h"}, []string{"x"}}, // b counts
		{"a b c d e f g x y X", []string{"a", "b", "c", "d", "e", "f", "g", "x"}, []string{"y"}}, // the last is x
		{"a b c d e f g h a", []string{"a", "b", "c", "d", "e", "f", "g"}, []string{"h"}},        // the last repeats a
		{"a b c d e f g a", []string{"a", "b", "c", "d", "e", "f", "g"}, nil},
		{"a b c d e f g", []string{"a", "b", "c", "d", "e", "f", "g"}, nil},
		{"ا ب ت ث ج ح خ د ذ س", []string{"ا", "ب", "ت", "ث", "ج", "ح", "خ", "س"}, []string{"د", "ذ"}},
		{"", nil, nil},
	} {
		res, err := s.Search(tt.query, 1)
		if err != nil {
			t.Fatalf("Search(%q): %v", tt.query, err)
		}
		if !slices.Equal(res.Query, tt.terms) || !slices.Equal(res.Dropped, tt.want) {
			t.Errorf("Search(%q): terms %q, dropped %q; want %q and %q", tt.query, res.Query, res.Dropped, tt.terms, tt.want)
		}
	}
}
