package feed

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dateline/app/article"
	"dateline/app/i18n"
)

// Plainly synthetic data: placeholder words and example.org addresses.

const testOrigin = "https://news.example.org"

// testLabels are the interface's texts of an English edition.
var testLabels = i18n.New("en", nil)

func siteWithURL() article.Site {
	return article.Site{Name: "Placeholder News", Lang: "en", URL: testOrigin, Publisher: "Example Publishing"}
}

func siteWithoutURL() article.Site {
	return article.Site{Name: "Placeholder News", Lang: "en"}
}

func paragraph(text string) article.Block {
	return article.Block{Type: article.Paragraph, Text: text}
}

// fullArticle has every field the outputs use.
func fullArticle() *article.Article {
	return &article.Article{
		Slug:      "lorem-ipsum",
		Lang:      "en",
		Headline:  "Lorem ipsum dolor sit amet",
		Dateline:  &article.Dateline{Place: "PLACEVILLE", Source: "Example Wire"},
		Section:   "Middle East & Gulf",
		Tags:      []string{"Alpha", "Beta Gamma"},
		Published: "2024-03-01T09:30:00Z",
		Updated:   "2024-03-02T10:00:00+03:00",
		Authors:   []string{"Ada Placeholder", "Bo Example"},
		Figures: []article.Figure{
			{Caption: "A caption without a photo."},
			{Caption: "Placeholder photo.", Image: &article.Image{Src: "/web/images/placeholder.jpg", Alt: "A placeholder scene", Width: 1200, Height: 800}},
		},
		Body: []article.Block{
			paragraph("Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua."),
			{Type: article.ReadMore, Link: article.Link{Title: "Placeholder related story"}},
			paragraph("Ut enim ad minim veniam, quis nostrud exercitation ullamco laboris."),
		},
	}
}

// bareArticle has only what the model requires.
func bareArticle(slug string) *article.Article {
	return &article.Article{Slug: slug, Headline: "Placeholder " + slug, Body: []article.Block{paragraph("Placeholder text of " + slug + ".")}}
}

// longText is n characters of placeholder words.
func longText(n int) string {
	s := strings.Repeat("lorem ipsum ", n/12+1)
	return s[:n]
}

// shippedDataset reads the repository's bundled articles.json.
func shippedDataset(t *testing.T) article.Dataset {
	t.Helper()
	name := filepath.Join("..", "..", "articles.json")
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatalf("reading the bundled dataset: %v", err)
	}
	var d article.Dataset
	if err := json.Unmarshal(b, &d); err != nil {
		t.Fatalf("parsing %s: %v", name, err)
	}
	if len(d.Articles) == 0 {
		t.Fatalf("%s has no articles", name)
	}
	return d
}
