package article

import (
	"errors"
	"os"
	"reflect"
	"strings"
	"testing"
)

// seedFile is the plain-text story the shipped dataset was made from.
const seedFile = "../importer/testdata/000_3e3b267afa8f17cc.txt"

func problemsOf(t *testing.T, err error) []Problem {
	t.Helper()
	if err == nil {
		return nil
	}
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("error %v is not an *Error", err)
	}
	return e.Problems
}

func TestParseGood(t *testing.T) {
	data := []byte(`{
  "$schema": "./articles.schema.json",
  "articles": [
    {
      "slug": "first-story",
      "lang": "ckb",
      "headline": "First story",
      "dateline": {"place": "SOMEWHERE"},
      "published": "2024-03-05",
      "authors": ["Jane Example"],
      "source_url": "https://news.example.org/first",
      "figures": [{"caption": "A photo.", "credit": "Photo: Someone", "image": {"src": "/web/a.jpg", "alt": "", "width": 4, "height": 3}}],
      "body": [
        {"type": "paragraph", "text": "One.\nTwo."},
        {"type": "read_more", "title": "Second story", "slug": "second-story"}
      ],
      "related": [{"title": "Elsewhere", "url": "https://news.example.org/elsewhere"}, {"title": "By title only"}]
    },
    {"slug": "second-story", "headline": "Second story", "body": [{"type": "paragraph", "text": "Three."}]}
  ]
}`)
	ds, err := Parse("good.json", data)
	if err != nil {
		t.Fatal(err)
	}
	want := Article{
		Slug: "first-story", Lang: "ckb", Headline: "First story",
		Dateline:  &Dateline{Place: "SOMEWHERE"},
		Published: "2024-03-05", Authors: []string{"Jane Example"},
		SourceURL: "https://news.example.org/first",
		Figures:   []Figure{{Caption: "A photo.", Credit: "Photo: Someone", Image: &Image{Src: "/web/a.jpg", Width: 4, Height: 3}}},
		Body: []Block{
			{Type: Paragraph, Text: "One.\nTwo."},
			{Type: ReadMore, Link: Link{Title: "Second story", Slug: "second-story"}},
		},
		Related: []Link{{Title: "Elsewhere", URL: "https://news.example.org/elsewhere"}, {Title: "By title only"}},
	}
	if ds.Schema != "./articles.schema.json" || len(ds.Articles) != 2 {
		t.Fatalf("dataset %q with %d articles", ds.Schema, len(ds.Articles))
	}
	if got := ds.Articles[0]; !reflect.DeepEqual(got, want) {
		t.Errorf("article 0 =\n%+v\nwant\n%+v", got, want)
	}
	if got := ds.Articles[0].Related[1].Kind(); got != Unlinked {
		t.Errorf("a title-only link is of kind %v", got)
	}
}

// TestShippedDataset checks the bundled articles.json against the story it
// was made from, as golang/website's TestTourContent checks the tour: the
// text is the seed's, every sentence of it, with nothing invented.
func TestShippedDataset(t *testing.T) {
	data, err := os.ReadFile("../../articles.json")
	if err != nil {
		t.Fatal(err)
	}
	ds, err := Parse("articles.json", data)
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
	if len(ds.Articles) != 1 {
		t.Fatalf("%d articles, want the seed's one", len(ds.Articles))
	}
	a := ds.Articles[0]
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
		if b.Type == ReadMore {
			inline = append(inline, b.Title)
			if b.Slug != "" || b.URL != "" {
				t.Errorf("Read More %q links somewhere; the story is not in the collection", b.Title)
			}
		}
	}
	for _, l := range a.Related {
		related = append(related, l.Title)
		if l.Kind() != Unlinked {
			t.Errorf("related %q links somewhere; the story is not in the collection", l.Title)
		}
	}
	if len(readMore) != 3 || !reflect.DeepEqual(inline, readMore) || !reflect.DeepEqual(related, readMore) {
		t.Errorf("Read More titles: seed %q, body %q, related %q", readMore, inline, related)
	}

	// The seed has no date, author, address or image file.
	if a.Published != "" || a.Authors != nil || a.SourceURL != "" || f.Image != nil {
		t.Errorf("the dataset invents what the seed lacks: %q %q %q %v", a.Published, a.Authors, a.SourceURL, f.Image)
	}
}

// TestParseProblems checks problems reported by the model alone, each with
// its place: a subset of app/schema's broken datasets, and the cases that
// once went wrong.
func TestParseProblems(t *testing.T) {
	const body = `"body": [{"type": "paragraph", "text": "t"}]`
	tests := []struct {
		scenario  string
		data      string
		line, col int
		pointer   string
		words     string
	}{
		{"missing comma", "{\"articles\": [\n  {\"slug\": \"a\"\n   \"headline\": \"h\"}]}", 3, 4, "", "after object key:value pair"},
		{"trailing comma", "{\"articles\": [1, 2,]}", 1, 20, "", "']' looking for beginning of value"},
		{"unclosed brace", "{\"articles\": [\n", 2, 1, "", "unexpected end of file"},
		{"bad literal, inside a value", "{\"articles\": [\n  {\"slug\": nul}]}", 2, 15, "", "in literal null"},
		{"bad character after a literal", "{\"articles\": truex}", 1, 18, "", "'x'"},
		{"unquoted key", "{\n  articles: []}", 2, 3, "", "looking for beginning of object key string"},
		{"text after the document", "{\"articles\": []} {}", 1, 18, "", "after the end"},
		{"empty file", "  \n", 1, 1, "", "empty"},
		{"byte order mark", "\xef\xbb\xbf{}", 1, 1, "", "byte order mark"},
		{"invalid UTF-8", "{\"articles\": [\"é\xff\"]}", 1, 17, "", "invalid UTF-8"},
		{"wrong type", `{"articles": [{"slug": "a", "headline": ["h"], ` + body + `}]}`, 1, 41, "/articles/0/headline", "expected a string"},
		{"missing slug", `{"articles": [{"headline": "h", ` + body + `}]}`, 1, 15, "/articles/0", `missing field "slug"`},
		{"duplicate slug", `{"articles": [{"slug": "a", "headline": "h", ` + body + `}, {"slug": "a", "headline": "h", ` + body + `}]}`, 1, 102, "/articles/1/slug", "already used"},
		{"dangling related slug", `{"articles": [{"slug": "a", "headline": "h", ` + body + `, "related": [{"title": "t", "slug": "b"}]}]}`, 1, 127, "/articles/0/related/0/slug", `"b" is not in the dataset`},
		{"related entry not an object before a dangling one", `{"articles": [{"slug": "a", "headline": "h", ` + body + `, "related": [5, {"title": "t", "slug": "b"}]}]}`, 1, 104, "/articles/0/related/0", "expected an object"},
		{"data: URL", `{"articles": [{"slug": "a", "headline": "h", "source_url": "data:,x", ` + body + `}]}`, 1, 60, "/articles/0/source_url", "not an http or https URL"},
		{"unknown field", `{"articles": [{"slug": "a", "headline": "h", "kicker": "k", ` + body + `}]}`, 1, 46, "/articles/0/kicker", `unknown field "kicker"`},
		{"image without width", `{"articles": [{"slug": "a", "headline": "h", "figures": [{"image": {"src": "/a.jpg", "alt": "", "height": 1}}], ` + body + `}]}`, 1, 68, "/articles/0/figures/0/image", `missing field "width"`},
	}
	for _, tt := range tests {
		t.Run(tt.scenario, func(t *testing.T) {
			ds, err := Parse("x.json", []byte(tt.data))
			if ds != nil {
				t.Fatal("Parse returned a dataset with an error")
			}
			problems := problemsOf(t, err)
			if len(problems) == 0 {
				t.Fatal("no problem found")
			}
			p := problems[0]
			if p.Line != tt.line || p.Column != tt.col || p.Pointer != tt.pointer || !strings.Contains(p.Message, tt.words) {
				t.Errorf("first problem %d:%d %q %q\nwant %d:%d %q, message holding %q\nall: %v", p.Line, p.Column, p.Pointer, p.Message, tt.line, tt.col, tt.pointer, tt.words, problems)
			}
		})
	}
}

// TestErrorListsEveryProblem checks the error's text: one line a problem,
// each with file, line and column.
func TestErrorListsEveryProblem(t *testing.T) {
	_, err := Parse("x.json", []byte(`{"articles": [{"slug": "A", "headline": "", "body": []}]}`))
	msg := err.Error()
	for _, want := range []string{"x.json: 3 problems", "x.json:1:24: /articles/0/slug", "x.json:1:41: /articles/0/headline", "x.json:1:53: /articles/0/body"} {
		if !strings.Contains(msg, want) {
			t.Errorf("error text lacks %q:\n%s", want, msg)
		}
	}
}
