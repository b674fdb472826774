package importer

import (
	"bytes"
	"encoding/json"
	"os"
	"reflect"
	"strings"
	"testing"

	"dateline/app/article"
	"dateline/app/dataset"
)

const (
	seedFile    = "testdata/000_3e3b267afa8f17cc.txt"
	shippedFile = "../../articles.json"
)

func read(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// valid checks data as the host would, and returns it decoded.
func valid(t testing.TB, data []byte) *article.Dataset {
	t.Helper()
	if _, err := dataset.LoadBytes("test.json", data); err != nil {
		t.Fatalf("%v\n%s", err, data)
	}
	var ds article.Dataset
	if err := json.Unmarshal(data, &ds); err != nil {
		t.Fatal(err)
	}
	return &ds
}

// TestSeedRoundTrip imports the seed story and finds the article that
// ships in articles.json, value for value and byte for byte.
func TestSeedRoundTrip(t *testing.T) {
	a, err := Parse(read(t, seedFile))
	if err != nil {
		t.Fatal(err)
	}
	shipped := read(t, shippedFile)
	ds := valid(t, shipped)
	if want := ds.Articles[0]; !reflect.DeepEqual(a, want) {
		t.Errorf("imported\n%+v\nwant\n%+v", a, want)
	}
	if a.Slug != "us-sec-def-to-pm-barzani-there-is-a-special-relationship" {
		t.Errorf("slug %q", a.Slug)
	}

	empty := []byte("{\n  \"$schema\": \"./articles.schema.json\",\n  \"articles\": []\n}\n")
	got, err := Append(empty, a)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, shipped) {
		t.Errorf("the seed added to an empty dataset is not articles.json:\n%s", got)
	}
}

func TestParseForms(t *testing.T) {
	para := func(s string) article.Block { return article.Block{Type: article.Paragraph, Text: s} }
	more := func(s string) article.Block {
		return article.Block{Type: article.ReadMore, Link: article.Link{Title: s}}
	}
	tests := []struct {
		scenario string
		text     string
		want     article.Article
	}{
		{
			"full story with CRLF line ends",
			"Headline here\r\n\r\nA caption. (Photo: Someone)\r\nA caption. (Photo: Someone)\r\n\r\nTOWN (Wire) – First words.\r\n\r\nRead More: Other story\r\n\r\nLast words.\r\n",
			article.Article{
				Slug: "headline-here", Lang: "en", Headline: "Headline here",
				Dateline: &article.Dateline{Place: "TOWN", Source: "Wire"},
				Figures:  []article.Figure{{Caption: "A caption.", Credit: "Photo: Someone"}},
				Body:     []article.Block{para("First words."), more("Other story"), para("Last words.")},
				Related:  []article.Link{{Title: "Other story"}},
			},
		},
		{
			"byte order mark and old Mac line ends",
			"\ufeffHeadline here\rFirst words.\r",
			article.Article{Slug: "headline-here", Lang: "en", Headline: "Headline here", Body: []article.Block{para("First words.")}},
		},
		{
			"extra blank lines and white space",
			"\n\n  \t\nHeadline\u00a0\u00a0here  \n\n\n\n   First\u00a0 words,\t\tspaced.  \n\n\n",
			article.Article{Slug: "headline-here", Lang: "en", Headline: "Headline here", Body: []article.Block{para("First words, spaced.")}},
		},
		{
			"no caption, no dateline, no Read More",
			"Headline\nOne.\nTwo.",
			article.Article{Slug: "headline", Lang: "en", Headline: "Headline", Body: []article.Block{para("One."), para("Two.")}},
		},
		{
			"dateline with a hyphen",
			"Headline\nSOME CITY (Some Wire) - Words.",
			article.Article{Slug: "headline", Lang: "en", Headline: "Headline", Dateline: &article.Dateline{Place: "SOME CITY", Source: "Some Wire"}, Body: []article.Block{para("Words.")}},
		},
		{
			"dateline with an em dash and no spaces",
			"Headline\nCITY, ST. (Wire)—Words.",
			article.Article{Slug: "headline", Lang: "en", Headline: "Headline", Dateline: &article.Dateline{Place: "CITY, ST.", Source: "Wire"}, Body: []article.Block{para("Words.")}},
		},
		{
			"a sentence with a parenthesis and a dash is no dateline",
			"Headline\nThe mayor (a former teacher) – said so.",
			article.Article{Slug: "headline", Lang: "en", Headline: "Headline", Body: []article.Block{para("The mayor (a former teacher) – said so.")}},
		},
		{
			"dateline only in the first paragraph",
			"Headline\nWords.\nTOWN (Wire) – More words.",
			article.Article{Slug: "headline", Lang: "en", Headline: "Headline", Body: []article.Block{para("Words."), para("TOWN (Wire) – More words.")}},
		},
		{
			"two photos, one repeated, and a Read More given twice",
			"Headline\nOne. (Photos: A, B)\nWords.\nTwo. (Photo: C)\nOne. (Photos: A, B)\nRead More: Elsewhere\nread more:  Elsewhere\nEnd.",
			article.Article{
				Slug: "headline", Lang: "en", Headline: "Headline",
				Figures: []article.Figure{{Caption: "One.", Credit: "Photos: A, B"}, {Caption: "Two.", Credit: "Photo: C"}},
				Body:    []article.Block{para("Words."), more("Elsewhere"), more("Elsewhere"), para("End.")},
				Related: []article.Link{{Title: "Elsewhere"}},
			},
		},
		{
			"a bare credit and an empty Read More stay text",
			"Headline\n(Photo: Someone)\nRead More:\nEnd.",
			article.Article{Slug: "headline", Lang: "en", Headline: "Headline", Body: []article.Block{para("(Photo: Someone)"), para("Read More:"), para("End.")}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.scenario, func(t *testing.T) {
			a, err := Parse([]byte(tt.text))
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(a, tt.want) {
				t.Errorf("got\n%+v\nwant\n%+v", a, tt.want)
			}
			entry, err := Marshal(a, "    ", "  ", "\n")
			if err != nil {
				t.Fatal(err)
			}
			valid(t, []byte(`{"articles": [`+string(entry)+`]}`))
		})
	}
}

func TestParseRefuses(t *testing.T) {
	tests := []struct {
		scenario string
		text     string
		words    string
	}{
		{"empty", "", "empty"},
		{"white space only", " \n\t\r\n\u00a0\n", "empty"},
		{"binary", "Headline\nWords\x00\x01\x02", "NUL byte on line 2"},
		{"Latin-1", "Headline\nCaf\xe9 opens.", "not UTF-8 text: byte 0xe9 on line 2"},
		{"control character", "Headline\nBell\x07here.", "line 2 holds the control character U+0007"},
		{"headline only", "Headline\n\n", "no paragraph"},
		{"headline only with a caption and a Read More", "Headline\nA. (Photo: B)\nRead More: C", "no paragraph"},
		{"headline too long", strings.Repeat("word ", 81) + "\nText.", "the headline, is 404 characters long"},
		{"paragraph too long", "Headline\n" + strings.Repeat("word ", 4001), "line 2: the paragraph is 20004 characters long"},
		{"too big", strings.Repeat("a", MaxStorySize+1), "more than"},
	}
	for _, tt := range tests {
		t.Run(tt.scenario, func(t *testing.T) {
			_, err := Parse([]byte(tt.text))
			if err == nil || !strings.Contains(err.Error(), tt.words) {
				t.Errorf("Parse error %v, want one holding %q", err, tt.words)
			}
		})
	}
}

func TestSlug(t *testing.T) {
	tests := []struct{ headline, want string }{
		{"US Sec Def to PM Barzani: 'There is a special relationship between the Kurdistan Region and America'", "us-sec-def-to-pm-barzani-there-is-a-special-relationship"},
		{"  -- Town's 2nd bridge opens!! --", "town-s-2nd-bridge-opens"},
		{"Café déjà vu in Zürich", "cafe-deja-vu-in-zurich"},
		{"ﬁve ＦＵＬＬ width", "five-full-width"},
		{"هەواڵێکی کوردی", "article"},
		{"!!!", "article"},
		{strings.Repeat("abcdefghij", 7), strings.Repeat("abcdefghij", 6)},
		{strings.Repeat("abcd ", 13), strings.TrimSuffix(strings.Repeat("abcd-", 12), "-")},
		{strings.Repeat("x", 59) + " yz", strings.Repeat("x", 59)},
		{strings.Repeat("x", 60) + " yz", strings.Repeat("x", 60)},
	}
	for _, tt := range tests {
		got := Slug(tt.headline)
		if got != tt.want {
			t.Errorf("Slug(%q) = %q, want %q", tt.headline, got, tt.want)
		}
		if len(got) > MaxSlugLength || got != strings.Trim(got, "-") {
			t.Errorf("Slug(%q) = %q: too long or badly cut", tt.headline, got)
		}
	}
}

func TestUniqueSlug(t *testing.T) {
	taken := map[string]bool{"story": true, "story-2": true, "other": true}
	for slug, want := range map[string]string{"story": "story-3", "other": "other-2", "new": "new"} {
		if got := UniqueSlug(slug, func(s string) bool { return taken[s] }); got != want {
			t.Errorf("UniqueSlug(%q) = %q, want %q", slug, got, want)
		}
	}
}

// TestImportTwice adds the seed to the shipped dataset: the second copy
// gets the slug with -2, and the file before the new article is unchanged.
func TestImportTwice(t *testing.T) {
	shipped := read(t, shippedFile)
	a, err := Parse(read(t, seedFile))
	if err != nil {
		t.Fatal(err)
	}
	a.Slug = UniqueSlug(a.Slug, func(s string) bool { return s == "us-sec-def-to-pm-barzani-there-is-a-special-relationship" })
	if a.Slug != "us-sec-def-to-pm-barzani-there-is-a-special-relationship-2" {
		t.Errorf("slug %q", a.Slug)
	}
	got, err := Append(shipped, a)
	if err != nil {
		t.Fatal(err)
	}
	ds := valid(t, got)
	if len(ds.Articles) != 2 || ds.Articles[1].Slug != a.Slug {
		t.Fatalf("%d articles", len(ds.Articles))
	}
	keep := bytes.LastIndex(shipped, []byte("}\n  ]\n}")) + 1
	if !bytes.HasPrefix(got, shipped[:keep]) || !bytes.HasSuffix(got, shipped[keep:]) {
		t.Errorf("the bytes around the new article changed:\n%s", got)
	}
}

// TestAppendKeepsTheFile adds an article to datasets written in different
// styles: every byte of the original stays, in order, and the new entry
// takes the file's indentation and line ends.
func TestAppendKeepsTheFile(t *testing.T) {
	a := article.Article{Slug: "new-story", Lang: "en", Headline: "New story", Body: []article.Block{{Type: article.Paragraph, Text: "Words."}}}
	const old = `{"slug": "old", "headline": "Old", "body": [{"type": "paragraph", "text": "t"}]}`
	tests := []struct {
		scenario string
		data     string
		want     string
	}{
		{"one line", `{"articles":[` + old + `],"$schema":"x"}`,
			`{"articles":[` + old + `,{"slug":"new-story","lang":"en","headline":"New story","body":[{"type":"paragraph","text":"Words."}]}],"$schema":"x"}`},
		{"one line, empty list", `{"articles":[ ]}`,
			`{"articles":[{"slug":"new-story","lang":"en","headline":"New story","body":[{"type":"paragraph","text":"Words."}]}]}`},
		{"tabs", "{\n\t\"articles\": [\n\t\t{\n\t\t\t\"slug\": \"old\", \"headline\": \"Old\",\n\t\t\t\"body\": [{\"type\": \"paragraph\", \"text\": \"t\"}]\n\t\t}\n\t]\n}\n",
			"{\n\t\"articles\": [\n\t\t{\n\t\t\t\"slug\": \"old\", \"headline\": \"Old\",\n\t\t\t\"body\": [{\"type\": \"paragraph\", \"text\": \"t\"}]\n\t\t},\n\t\t{\n\t\t\t\"slug\": \"new-story\",\n\t\t\t\"lang\": \"en\",\n\t\t\t\"headline\": \"New story\",\n\t\t\t\"body\": [\n\t\t\t\t{\n\t\t\t\t\t\"type\": \"paragraph\",\n\t\t\t\t\t\"text\": \"Words.\"\n\t\t\t\t}\n\t\t\t]\n\t\t}\n\t]\n}\n"},
		{"CRLF and an element on one line", "{\r\n  \"articles\": [\r\n    " + old + "   \r\n  ]\r\n}",
			"{\r\n  \"articles\": [\r\n    " + old + ",\r\n    {\r\n      \"slug\": \"new-story\",\r\n      \"lang\": \"en\",\r\n      \"headline\": \"New story\",\r\n      \"body\": [\r\n        {\r\n          \"type\": \"paragraph\",\r\n          \"text\": \"Words.\"\r\n        }\r\n      ]\r\n    }   \r\n  ]\r\n}"},
		{"empty list over lines", "{\n    \"articles\": [\n    ]\n}\n",
			"{\n    \"articles\": [\n        {\n            \"slug\": \"new-story\",\n            \"lang\": \"en\",\n            \"headline\": \"New story\",\n            \"body\": [\n                {\n                    \"type\": \"paragraph\",\n                    \"text\": \"Words.\"\n                }\n            ]\n        }\n    ]\n}\n"},
	}
	for _, tt := range tests {
		t.Run(tt.scenario, func(t *testing.T) {
			got, err := Append([]byte(tt.data), a)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
			valid(t, got)
		})
	}
}

func TestAppendRefuses(t *testing.T) {
	a := article.Article{Slug: "a"}
	for _, data := range []string{``, `{`, `{"stories": []}`, `{"articles": {}}`, `[]`} {
		if got, err := Append([]byte(data), a); err == nil {
			t.Errorf("Append(%q) = %q, want an error", data, got)
		}
	}
}
