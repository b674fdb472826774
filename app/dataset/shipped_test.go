package dataset

import (
	"os"
	"reflect"
	"strings"
	"testing"

	"dateline/app/article"
)

// seedFile is the plain-text story the shipped dataset was made from.
const seedFile = "../importer/testdata/000_3e3b267afa8f17cc.txt"

// TestShippedDataset checks the bundled articles.json against the story it
// was made from, as golang/website's TestTourContent checks the tour: the
// text is the seed's, every sentence of it, with nothing invented.
func TestShippedDataset(t *testing.T) {
	data, err := os.ReadFile("../../articles.json")
	if err != nil {
		t.Fatal(err)
	}
	ds, err := LoadBytes("articles.json", data)
	if err != nil {
		t.Fatal(err)
	}
	seed, err := os.ReadFile(seedFile)
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, l := range strings.Split(string(seed), "\n") {
		if l = strings.Join(strings.Fields(l), " "); l != "" {
			lines = append(lines, l)
		}
	}
	var paragraphs, captions, readMore []string
	for _, l := range lines[1:] {
		switch {
		case strings.HasSuffix(l, ")") && strings.Contains(l, " (Photos: "):
			captions = append(captions, l)
		case strings.HasPrefix(l, "Read More: "):
			readMore = append(readMore, strings.TrimPrefix(l, "Read More: "))
		default:
			paragraphs = append(paragraphs, l)
		}
	}
	if ds.Len() != 1 {
		t.Fatalf("%d articles, want the seed's one", ds.Len())
	}
	var a *article.Article
	ds.Slugs(func(slug string) { a, _, err = ds.Article(slug) })
	if err != nil {
		t.Fatal(err)
	}
	if a.Headline != lines[0] {
		t.Errorf("headline %q, want the seed's first line %q", a.Headline, lines[0])
	}

	// The dateline opens the first paragraph of the seed.
	if a.Dateline == nil {
		t.Fatal("no dateline")
	}
	opening := a.Dateline.Place + " (" + a.Dateline.Source + ") – "
	if !strings.HasPrefix(paragraphs[0], opening) {
		t.Fatalf("the seed's first paragraph does not open with the dateline %q", opening)
	}
	paragraphs[0] = strings.TrimPrefix(paragraphs[0], opening)

	text := strings.Join(a.Paragraphs(), "\n")
	for _, p := range paragraphs {
		for _, sentence := range strings.SplitAfter(p, ". ") {
			if !strings.Contains(text, strings.TrimSpace(sentence)) {
				t.Errorf("sentence missing from the dataset: %q", sentence)
			}
		}
	}
	for _, p := range a.Paragraphs() {
		if !strings.Contains(strings.Join(paragraphs, "\n"), p) {
			t.Errorf("paragraph not in the seed: %q", p)
		}
	}
	if got, want := len(a.Paragraphs()), len(paragraphs); got != want {
		t.Errorf("%d paragraphs, the seed has %d", got, want)
	}

	// One photo: its caption given twice in the seed, once in the dataset.
	if len(captions) != 2 || captions[0] != captions[1] {
		t.Fatalf("the seed's caption lines: %q", captions)
	}
	if len(a.Figures) != 1 {
		t.Fatalf("%d figures, want 1", len(a.Figures))
	}
	f := a.Figures[0]
	if got := f.Caption + " (" + f.Credit + ")"; got != captions[0] {
		t.Errorf("caption and credit %q, want %q", got, captions[0])
	}
	if n := strings.Count(string(data), f.Caption); n != 1 {
		t.Errorf("the caption appears %d times in articles.json, want once", n)
	}

	// The Read More titles, in order, inline and as related stories.
	var inline, related []string
	for _, b := range a.Body {
		if b.Type == article.ReadMore {
			inline = append(inline, b.Title)
			if b.Slug != "" || b.URL != "" {
				t.Errorf("Read More %q links somewhere; the story is not in the collection", b.Title)
			}
		}
	}
	for _, l := range a.Related {
		related = append(related, l.Title)
		if l.Kind() != article.Unlinked {
			t.Errorf("related %q links somewhere; the story is not in the collection", l.Title)
		}
	}
	if len(readMore) != 3 || !reflect.DeepEqual(inline, readMore) || !reflect.DeepEqual(related, readMore) {
		t.Errorf("Read More titles: seed %q, body %q, related %q", readMore, inline, related)
	}

	// The seed has no date, author, address, image file, section or tag,
	// and the dataset no site: nothing is invented.
	if a.Published != "" || a.Updated != "" || a.Authors != nil || a.SourceURL != "" || f.Image != nil || a.Section != "" || a.Tags != nil {
		t.Errorf("the dataset invents what the seed lacks: %q %q %q %q %v %q %q", a.Published, a.Updated, a.Authors, a.SourceURL, f.Image, a.Section, a.Tags)
	}
	if site := ds.Site; site.Name != "" || site.Description != "" || site.Lang != "" || site.URL != "" || site.Publisher != "" || site.Labels != nil {
		t.Errorf("the dataset gives a site, %+v; the seed names none", ds.Site)
	}
}
