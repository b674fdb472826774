// These tests read the feeds with a real feed reader's parser,
// github.com/mmcdole/gofeed v1.4.2 (a test dependency only).

package feed

import (
	"bytes"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mmcdole/gofeed"

	"dateline/app/article"
)

func parseGofeed(t *testing.T, b []byte) *gofeed.Feed {
	t.Helper()
	f, err := gofeed.NewParser().Parse(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("gofeed cannot read the feed: %v\n%s", err, b)
	}
	if f.FeedType != "atom" || f.FeedVersion != "1.0" {
		t.Fatalf("gofeed reads %s %s, want atom 1.0", f.FeedType, f.FeedVersion)
	}
	return f
}

func TestAtomGofeed(t *testing.T) {
	long := bareArticle("long-story")
	long.Body = []article.Block{paragraph(longText(3000))}
	long.Published = "2023-12-31"
	arts := []*article.Article{fullArticle(), bareArticle("second-story"), long}
	var entries []Entry
	for _, a := range arts {
		entries = append(entries, NewEntry(a, testLabels))
	}
	for _, tt := range []struct {
		scenario       string
		site           article.Site
		link, feedLink string
		itemLink       string // of the first item
		imgSrc         string // of the first item's photo
		categories     []string
	}{
		{
			scenario:   "site URL known",
			site:       siteWithURL(),
			link:       testOrigin + "/",
			feedLink:   testOrigin + "/feed.xml",
			itemLink:   testOrigin + "/articles/lorem-ipsum",
			imgSrc:     testOrigin + "/web/images/placeholder.jpg",
			categories: []string{"Middle East & Gulf", "Alpha", "Beta Gamma"},
		},
		{
			scenario:   "site URL unknown",
			site:       siteWithoutURL(),
			itemLink:   "/articles/lorem-ipsum",
			imgSrc:     "/web/images/placeholder.jpg",
			categories: []string{"Middle East & Gulf", "Alpha", "Beta Gamma"},
		},
	} {
		t.Run(tt.scenario, func(t *testing.T) {
			b, err := Atom(tt.site, Feed{Path: "/feed.xml", Page: "/", Entries: entries})
			if err != nil {
				t.Fatal(err)
			}
			f := parseGofeed(t, b)
			if f.Title != "Placeholder News" || f.Description != article.DefaultSiteDescription || f.Language != "en" {
				t.Errorf("feed title %q, description %q, language %q", f.Title, f.Description, f.Language)
			}
			if f.Link != tt.link || f.FeedLink != tt.feedLink {
				t.Errorf("feed link %q and self %q, want %q and %q", f.Link, f.FeedLink, tt.link, tt.feedLink)
			}
			wantUpdated := time.Date(2024, 3, 2, 7, 0, 0, 0, time.UTC) // 10:00+03:00
			if f.UpdatedParsed == nil || !f.UpdatedParsed.Equal(wantUpdated) {
				t.Errorf("feed updated %v, want %v", f.UpdatedParsed, wantUpdated)
			}
			if len(f.Items) != len(arts) {
				t.Fatalf("%d items, want %d", len(f.Items), len(arts))
			}
			guids := map[string]bool{}
			for i, it := range f.Items {
				if !strings.HasPrefix(it.GUID, "urn:uuid:") || guids[it.GUID] {
					t.Errorf("item %d: id %q is not a unique urn:uuid", i, it.GUID)
				}
				guids[it.GUID] = true
				if it.Title != arts[i].Headline {
					t.Errorf("item %d: title %q, want %q", i, it.Title, arts[i].Headline)
				}
				if it.Description != arts[i].Excerpt(article.ExcerptLength) {
					t.Errorf("item %d: description %q, want the excerpt", i, it.Description)
				}
				if (it.Author == nil) != (len(arts[i].Authors) == 0) {
					t.Errorf("item %d: author %+v, the article's %q", i, it.Author, arts[i].Authors)
				}
			}

			first := f.Items[0]
			if first.Link != tt.itemLink {
				t.Errorf("first item link %q, want %q", first.Link, tt.itemLink)
			}
			if first.PublishedParsed == nil || !first.PublishedParsed.Equal(time.Date(2024, 3, 1, 9, 30, 0, 0, time.UTC)) {
				t.Errorf("first item published %v", first.PublishedParsed)
			}
			if first.UpdatedParsed == nil || !first.UpdatedParsed.Equal(wantUpdated) {
				t.Errorf("first item updated %v, want %v", first.UpdatedParsed, wantUpdated)
			}
			var names []string
			for _, a := range first.Authors {
				names = append(names, a.Name)
			}
			if !slices.Equal(names, []string{"Ada Placeholder", "Bo Example"}) {
				t.Errorf("first item authors %q", names)
			}
			if !slices.Equal(first.Categories, tt.categories) {
				t.Errorf("first item categories %q, want %q", first.Categories, tt.categories)
			}
			// What the page shows: figures, the dateline leading the first
			// paragraph, the other paragraphs and the "Read More" line.
			ps := arts[0].Paragraphs()
			for _, want := range []string{
				"<figcaption>Photo caption: A caption without a photo.</figcaption>",
				`<img src="` + tt.imgSrc + `" alt="A placeholder scene" width="1200" height="800"`,
				"<figcaption>Placeholder photo.</figcaption>",
				"<p><strong>PLACEVILLE (Example Wire) – </strong>" + ps[0] + "</p>",
				"<p>Read More: Placeholder related story (not in this collection)</p>",
				"<p>" + ps[1] + "</p>",
			} {
				if !strings.Contains(first.Content, want) {
					t.Errorf("first item content lacks %q:\n%s", want, first.Content)
				}
			}
			if strings.Contains(first.Content, "<div") {
				t.Errorf("the xhtml wrapper div is part of the content: %s", first.Content)
			}

			wantAuthor := tt.site.Publisher // the feed's: the publisher, else the site's name
			if wantAuthor == "" {
				wantAuthor = tt.site.Name
			}
			if f.Author == nil || f.Author.Name != wantAuthor {
				t.Errorf("feed author %+v, want %q", f.Author, wantAuthor)
			}
			if a := f.Items[1].Authors; len(a) != 0 {
				t.Errorf("second item, unsigned, has authors %+v: want none", a)
			}
			if f.Items[1].UpdatedParsed == nil || !f.Items[1].UpdatedParsed.Equal(time.Unix(0, 0)) {
				t.Errorf("undated item updated %v, want the fixed fallback", f.Items[1].UpdatedParsed)
			}
			if f.Items[2].Content != "" {
				t.Errorf("a 3,000-character article has content in the feed")
			}
			if f.Items[2].PublishedParsed == nil || !f.Items[2].PublishedParsed.Equal(time.Date(2023, 12, 31, 0, 0, 0, 0, time.UTC)) {
				t.Errorf("third item published %v, want 2023-12-31 midnight UTC", f.Items[2].PublishedParsed)
			}
		})
	}
}

// TestAtomGofeedHostile checks that text with markup reaches a reader as
// the same text.
func TestAtomGofeedHostile(t *testing.T) {
	a := bareArticle("hostile")
	a.Headline = `</title><script>alert("x")</script> & ]]>`
	a.Authors = []string{"<b>Ada</b> & Co"}
	b, err := Atom(siteWithURL(), Feed{Path: "/feed.xml", Page: "/", Entries: []Entry{NewEntry(a, testLabels)}})
	if err != nil {
		t.Fatal(err)
	}
	it := parseGofeed(t, b).Items[0]
	if it.Title != a.Headline || it.Author.Name != a.Authors[0] {
		t.Errorf("title %q and author %q, want %q and %q", it.Title, it.Author.Name, a.Headline, a.Authors[0])
	}
}
