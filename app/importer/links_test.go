package importer

import (
	"reflect"
	"strings"
	"testing"

	"dateline/app/article"
)

// TestReadMoreLinks links the Read More lines of a story to the articles
// of a dataset whose headline is their title: one article links, with its
// title in another case, spacing or Arabic spelling too; none, or two
// sharing the headline, leave the line a title only and say which
// articles matched.
func TestReadMoreLinks(t *testing.T) {
	type headline struct{ slug, text string }
	archive := []headline{
		{"synthetic-salaries", "Synthetic Region, Synthetic City agree on salaries"},
		{"synthetic-dash", "Jane Doe – a synthetic profile"},
		{"synthetic-twin-1", "Synthetic twin headline"},
		{"synthetic-twin-2", "Synthetic twin headline"},
		{"synthetic-other", "Another synthetic headline"},
		{"synthetic-arabic", "مقال اصطناعي ٥: كلمات مختلقة"},
		{"synthetic-cpp", "C++ 26 released"},
		{"synthetic-resume", "Résumé tips for reporters"},
	}
	for _, tt := range []struct {
		scenario string
		title    string
		slug     string   // the link's, "" for none
		slugs    []string // the articles matched
	}{
		{"the same headline", "Synthetic Region, Synthetic City agree on salaries", "synthetic-salaries", []string{"synthetic-salaries"}},
		{"another case and spacing", "synthetic region,  Synthetic City AGREE on salaries", "synthetic-salaries", []string{"synthetic-salaries"}},
		{"another dash", "Jane Doe - a synthetic profile", "synthetic-dash", []string{"synthetic-dash"}},
		{"no such headline", "A synthetic story elsewhere", "", nil},
		{"a headline's start only", "Synthetic Region, Synthetic City", "", nil},
		{"a headline two articles share", "Synthetic twin headline", "", []string{"synthetic-twin-1", "synthetic-twin-2"}},
		// Another spelling of the same Arabic letters (ى for ي, أ for ا),
		// and a harakah.
		{"another Arabic spelling", "مقال اصطناعى ٥: كَلمات مختلقة", "synthetic-arabic", []string{"synthetic-arabic"}},
		{"other Arabic words", "مقال اصطناعي ٥: كلمات أخرى", "", nil},
		// What tells headlines apart stays: punctuation, an accent, the
		// article.
		{"another punctuation", "C 26 released", "", nil},
		{"an accent", "Resume tips for reporters", "", nil},
		{"without the article", "مقال اصطناعي ٥: كلمات المختلقة", "", nil},
	} {
		t.Run(tt.scenario, func(t *testing.T) {
			text := "Synthetic headline\nTESTVILLE (Synthetic Wire) – Words.\nRead More: " + tt.title + "\nMore words.\nRead More: " + tt.title + "\n"
			a, c, err := ParseWith([]byte(text), Options{})
			if err != nil {
				t.Fatal(err)
			}
			if got, want := c.ReadMoreLines, []int{3, 5}; !reflect.DeepEqual(got, want) {
				t.Errorf("Read More lines %v, want %v", got, want)
			}
			links := ReadMoreLinks(a)
			for _, h := range archive {
				links.Visit(h.slug, h.text)
			}
			matches := links.Resolve(&a)
			if len(matches) != 2 {
				t.Fatalf("%d matches, want one for each Read More line: %+v", len(matches), matches)
			}
			for _, m := range matches {
				if m.Title != squeeze(tt.title) || !reflect.DeepEqual(m.Slugs, tt.slugs) || m.Count != len(tt.slugs) {
					t.Errorf("matched %+v, want the title %q and %q", m, tt.title, tt.slugs)
				}
			}
			var got []string
			for _, b := range a.Body {
				if b.Type == article.ReadMore {
					got = append(got, b.Slug)
				}
			}
			for _, r := range a.Related {
				got = append(got, r.Slug)
			}
			if want := []string{tt.slug, tt.slug, tt.slug}; !reflect.DeepEqual(got, want) {
				t.Errorf("the body's and related links' slugs are %q, want %q", got, want)
			}
		})
	}
}

// TestReadMoreLinksKeepsFew keeps the first few slugs of a headline that
// many articles share, and counts them all.
func TestReadMoreLinksKeepsFew(t *testing.T) {
	a, err := Parse([]byte("Synthetic headline\nWords.\nRead More: Synthetic daily briefing\n"))
	if err != nil {
		t.Fatal(err)
	}
	links := ReadMoreLinks(a)
	for i := range 1000 {
		links.Visit("synthetic-briefing-"+strings.Repeat("x", i%3), "Synthetic daily briefing")
	}
	m := links.Resolve(&a)
	if len(m) != 1 || m[0].Count != 1000 || len(m[0].Slugs) != MaxLinkMatches || a.Related[0].Slug != "" {
		t.Errorf("matched %+v, related %+v; want 1000 counted, %d kept, no link", m, a.Related, MaxLinkMatches)
	}
}

// TestReadMoreLinksRelatedOnce lists a linked article once among the
// related stories, however many Read More lines name it (in another case,
// spacing or dash): the body keeps each line where it stands.
func TestReadMoreLinksRelatedOnce(t *testing.T) {
	for _, tt := range []struct {
		scenario string
		titles   []string
		related  []article.Link
	}{
		{"another case", []string{"Synthetic salaries agreed", "SYNTHETIC SALARIES AGREED"},
			[]article.Link{{Title: "Synthetic salaries agreed", Slug: "synthetic-salaries"}}},
		{"another case and dash, among others", []string{"Synthetic – profile", "Another synthetic story", "synthetic - PROFILE"},
			[]article.Link{{Title: "Synthetic – profile", Slug: "synthetic-profile"}, {Title: "Another synthetic story"}}},
		{"two titles unlinked stay", []string{"Synthetic elsewhere", "SYNTHETIC ELSEWHERE"},
			[]article.Link{{Title: "Synthetic elsewhere"}, {Title: "SYNTHETIC ELSEWHERE"}}},
	} {
		t.Run(tt.scenario, func(t *testing.T) {
			text := "Synthetic headline\nTESTVILLE (Synthetic Wire) – Words.\n"
			for _, title := range tt.titles {
				text += "Read More: " + title + "\n"
			}
			a, err := Parse([]byte(text))
			if err != nil {
				t.Fatal(err)
			}
			links := ReadMoreLinks(a)
			links.Visit("synthetic-salaries", "Synthetic salaries agreed")
			links.Visit("synthetic-profile", "Synthetic - profile")
			links.Resolve(&a)
			if !reflect.DeepEqual(a.Related, tt.related) {
				t.Errorf("related %+v, want %+v", a.Related, tt.related)
			}
			if got := len(a.Body) - len(a.Paragraphs()); got != len(tt.titles) {
				t.Errorf("%d Read More blocks in the body, want %d", got, len(tt.titles))
			}
		})
	}
}
