//go:build !(js && wasm)

package main

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf16"

	"dateline/app/article"
	"dateline/app/dataset"
	"dateline/app/page"
)

// archiveFixture is a dataset file of n synthetic articles, each dated a
// day before the one before it, as a newsroom's archive is.
func archiveFixture(t *testing.T, n int) (dataFile string, original []byte) {
	t.Helper()
	var b strings.Builder
	b.WriteString(`{"site": {"name": "Synthetic Archive Times"}, "articles": [`)
	day := time.Date(2025, 6, 30, 0, 0, 0, 0, time.UTC)
	for i := range n {
		if i > 0 {
			b.WriteString(",\n")
		}
		section := []string{"Politics", "Economy"}[i%2]
		fmt.Fprintf(&b, `{"slug": "synthetic-%03d", "headline": "Synthetic test article %d", "section": %q, "tags": ["Test"], "published": %q, "body": [{"type": "paragraph", "text": "Synthetic text."}]}`,
			i, i, section, day.AddDate(0, 0, -i).Format(time.DateOnly))
	}
	b.WriteString("]}\n")
	original = []byte(b.String())
	dataFile = filepath.Join(t.TempDir(), "news.json")
	if err := os.WriteFile(dataFile, original, 0o644); err != nil {
		t.Fatal(err)
	}
	return dataFile, original
}

const syntheticStory = "Synthetic test headline for the importer\n\nA synthetic caption. (Photo: Test Fixture)\nTESTVILLE (Synthetic Wire) – Synthetic test words.\n\nRead More: Another synthetic story\n\nLast synthetic words.\n"

// storyFile writes a story into a file of its own.
func storyFile(t *testing.T, text string) string {
	t.Helper()
	name := filepath.Join(t.TempDir(), "story.txt")
	if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return name
}

// TestImportDescribes imports a story into an archive of 200 dated
// articles, with and without a date, a section and tags: a story without a
// date is written as before, and the warning says where it is listed and
// how to date it; one published now is at the top of the home list.
func TestImportDescribes(t *testing.T) {
	const slug = "synthetic-test-headline-for-the-importer"
	tests := []struct {
		scenario  string
		args      []string
		published string // "now" for a time within the test's run
		section   string
		tags      []string
		homePage  int      // the page of the home list that shows it
		warning   []string // in stderr; nil for no warning
	}{
		{"no date", nil, "", "", nil, 7, []string{
			"warning: the story has no date, so it is listed after every dated article: on /page/7, the last of the home list's 7 pages, and not in /feed.xml, which lists dated articles only",
			`to date it: add "published" (2006-01-02 or an RFC 3339 time) to its entry in `,
			"-published DATE or -published now",
		}},
		{"published now", []string{"-published", "now"}, "now", "", nil, 1, nil},
		{"a date, a section and tags", []string{"-published", "2025-06-15", "-section", "Politics", "-tag", "Test", "-tag", "Synthetic tag"}, "2025-06-15", "Politics", []string{"Test", "Synthetic tag"}, 1, nil},
		{"an RFC 3339 time, deep in the archive", []string{"-published", "2025-01-31T09:30:00+03:00"}, "2025-01-31T09:30:00+03:00", "", nil, 6, nil},
		{"a section alone, undated", []string{"-section", "Economy"}, "", "Economy", nil, 7, []string{"on /page/7"}},
	}
	for _, tt := range tests {
		t.Run(tt.scenario, func(t *testing.T) {
			dataFile, _ := archiveFixture(t, 200)
			story := storyFile(t, syntheticStory)
			var stdout, stderr bytes.Buffer
			start := time.Now().UTC().Truncate(time.Second)
			if err := dispatch(append(append([]string{"import", "-data", dataFile}, tt.args...), story), &stdout, &stderr); err != nil {
				t.Fatal(err)
			}
			arc, err := dataset.Load(dataFile, dataset.Options{})
			if err != nil {
				t.Fatal(err)
			}
			a, ok, err := arc.Article(slug)
			if err != nil || !ok {
				t.Fatalf("the story is not in the dataset: %v", err)
			}
			switch pub, ok := article.ParseDate(a.Published); {
			case tt.published == "now" && (!ok || !strings.HasSuffix(a.Published, "Z") || pub.Before(start) || pub.After(time.Now())):
				t.Errorf("published %q, want the time of the import in UTC", a.Published)
			case tt.published != "now" && a.Published != tt.published:
				t.Errorf("published %q, want %q", a.Published, tt.published)
			}
			if a.Section != tt.section || strings.Join(a.Tags, "|") != strings.Join(tt.tags, "|") {
				t.Errorf("section %q and tags %q, want %q and %q", a.Section, a.Tags, tt.section, tt.tags)
			}
			home := arc.Home()
			lo := (tt.homePage - 1) * page.Size
			found := false
			for _, s := range arc.Summaries(home, lo, lo+page.Size) {
				found = found || s.Slug == slug
			}
			if !found {
				t.Errorf("the story is not on page %d of the home list", tt.homePage)
			}
			for _, want := range tt.warning {
				if !strings.Contains(stderr.String(), want) {
					t.Errorf("stderr lacks %q:\n%s", want, stderr.String())
				}
			}
			if tt.warning == nil && strings.Contains(stderr.String(), "warning") {
				t.Errorf("a dated story was warned about:\n%s", stderr.String())
			}
			if !strings.HasPrefix(stdout.String(), dataFile+`: added "`+slug+`"`) {
				t.Errorf("printed %q", stdout.String())
			}
		})
	}
}

// TestImportDescribesToStdout prints the entry: dated as asked, or undated
// with a warning that says where the dataset would list it.
func TestImportDescribesToStdout(t *testing.T) {
	dataFile, original := archiveFixture(t, 200)
	story := storyFile(t, syntheticStory)
	for _, tt := range []struct {
		scenario string
		data     string
		args     []string
		entry    string // in the entry
		warning  string // in stderr; "" for none
	}{
		{"undated, into the archive", dataFile, nil, `"slug": "synthetic-test-headline-for-the-importer"`,
			"added to this dataset, which has 200 dated articles, it would be on /page/7, the last of the home list's 7 pages, and not in /feed.xml, which lists dated articles only"},
		{"undated, no dataset", filepath.Join(t.TempDir(), "none.json"), nil, `"slug": "synthetic-test-headline-for-the-importer"`,
			"to date it: import it with -published DATE (2006-01-02 or an RFC 3339 time) or -published now"},
		{"dated", dataFile, []string{"-published", "2021-12-07", "-section", "Politics"}, "\"section\": \"Politics\",\n  \"published\": \"2021-12-07\",", ""},
	} {
		t.Run(tt.scenario, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			args := append(append([]string{"import", "-data", tt.data, "-o", "-"}, tt.args...), story)
			if err := dispatch(args, &stdout, &stderr); err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(stdout.String(), tt.entry) {
				t.Errorf("entry lacks %q:\n%s", tt.entry, stdout.String())
			}
			if strings.Contains(stdout.String(), "warning") {
				t.Errorf("the warning went to stdout:\n%s", stdout.String())
			}
			switch {
			case tt.warning == "" && strings.Contains(stderr.String(), "warning"):
				t.Errorf("a dated story was warned about:\n%s", stderr.String())
			case tt.warning != "" && !strings.Contains(stderr.String(), tt.warning):
				t.Errorf("stderr lacks %q:\n%s", tt.warning, stderr.String())
			}
			assertUnchanged(t, dataFile, original)
		})
	}
}

// TestImportUpdated gives a story the time it last changed with -updated,
// into a dataset and printed, in the forms -published takes.
func TestImportUpdated(t *testing.T) {
	for _, tt := range []struct {
		scenario string
		args     []string
		updated  string // "now" for a time within the test's run
	}{
		{"a date after publication", []string{"-published", "2025-06-15", "-updated", "2025-06-16"}, "2025-06-16"},
		{"an RFC 3339 time", []string{"-published", "2025-06-15T09:30:00+03:00", "-updated", "2025-06-15T12:00:00+03:00"}, "2025-06-15T12:00:00+03:00"},
		{"now", []string{"-published", "2025-06-15", "-updated", "now"}, "now"},
		{"both now", []string{"-published", "now", "-updated", "now"}, "now"},
	} {
		for _, out := range [][]string{nil, {"-o", "-"}} {
			t.Run(tt.scenario+fmt.Sprint(out), func(t *testing.T) {
				dataFile, _ := archiveFixture(t, 3)
				var stdout, stderr bytes.Buffer
				start := time.Now().UTC().Truncate(time.Second)
				args := append(append(append([]string{"import", "-data", dataFile}, out...), tt.args...), storyFile(t, syntheticStory))
				if err := dispatch(args, &stdout, &stderr); err != nil {
					t.Fatal(err)
				}
				var a *article.Article
				if out == nil {
					arc, err := dataset.Load(dataFile, dataset.Options{})
					if err != nil {
						t.Fatal(err)
					}
					var ok bool
					if a, ok, err = arc.Article("synthetic-test-headline-for-the-importer"); err != nil || !ok {
						t.Fatalf("the story is not in the dataset: %v", err)
					}
				} else if err := json.Unmarshal(stdout.Bytes(), &a); err != nil {
					t.Fatalf("%v:\n%s", err, stdout.String())
				}
				switch upd, ok := article.ParseDate(a.Updated); {
				case tt.updated == "now" && (!ok || !strings.HasSuffix(a.Updated, "Z") || upd.Before(start) || upd.After(time.Now())):
					t.Errorf("updated %q, want the time of the import in UTC", a.Updated)
				case tt.updated == "now" && !strings.Contains(stderr.String(), "updated: "+a.Updated+" (now, in UTC)"):
					t.Errorf("stderr does not say the time -updated now gave, %s:\n%s", a.Updated, stderr.String())
				case tt.updated != "now" && a.Updated != tt.updated:
					t.Errorf("updated %q, want %q", a.Updated, tt.updated)
				}
			})
		}
	}
}

// TestImportRefusesDescriptions refuses a date, section or tag that the
// model or the dataset refuses, naming the flag; nothing is written. A
// -published, -updated, -slug or -lang given as "" (an unset variable in
// a script) is refused as -section "" is: each was taken for the flag
// left out, the story imported undated, or with a slug, a permanent
// address, made from its headline.
func TestImportRefusesDescriptions(t *testing.T) {
	for _, tt := range []struct {
		scenario string
		args     []string
		words    string
	}{
		{"not a date", []string{"-published", "07/12/2021"}, `the date given (-published): "07/12/2021" is not a date: use "2006-01-02" or an RFC 3339 time`},
		{"no such day", []string{"-published", "2021-02-30"}, `"2021-02-30" is not a date`},
		{"an empty date", []string{"-published", ""}, `-published is empty (is a variable unset?): give it a value, or leave -published out`},
		{"an empty update", []string{"-published", "2021-12-07", "-updated", ""}, `-updated is empty (is a variable unset?): give it a value, or leave -updated out`},
		{"an empty slug", []string{"-slug", ""}, `-slug is empty (is a variable unset?): give it a value, or leave -slug out`},
		{"an empty language", []string{"-lang", ""}, `-lang is empty (is a variable unset?): give it a value, or leave -lang out`},
		{"a section without letters", []string{"-section", "!"}, `the section given (-section): section "!" has no letters or digits`},
		{"a section spelt otherwise", []string{"-section", "politics"}, `the section given (-section), "politics", is spelt "Politics" in the dataset (both would be the page /sections/politics); give -section "Politics"`},
		{"a tag spelt otherwise", []string{"-tag", "test"}, `the tag given (-tag "test") is spelt "Test" in the dataset`},
		{"a section with an accent", []string{"-section", "Pólitics"}, `the section given (-section), "Pólitics", is spelt "Politics" in the dataset (search reads the two as one word, but each would have a page of its own); give -section "Politics"`},
		{"a tag in NFD", []string{"-tag", "Te\u0301st"}, `is spelt "Test" in the dataset (search reads the two as one word`},
		{"two tags, NFC and NFD", []string{"-tag", "Caf\u00e9", "-tag", "Cafe\u0301"}, `are one name spelt two ways (search reads them as one word)`},
		{"an empty tag", []string{"-tag", ""}, `the tag given (-tag ""): tag is empty`},
		{"an empty section", []string{"-section", ""}, `-section is empty (is a variable unset?): give it a value, or leave -section out`},
		{"a blank section", []string{"-section", " "}, `the section given (-section): section is empty`},
		{"an empty author", []string{"-author", " "}, `the author given (-author " ") is empty: give a name`},
		{"a tag given twice", []string{"-tag", "Synthetic", "-tag", "synthetic"}, `is the same as tag 0`},
		{"an update that is not a date", []string{"-published", "2021-12-07", "-updated", "yesterday"}, `the date given (-updated): "yesterday" is not a date: use "2006-01-02" or an RFC 3339 time`},
		{"an update before publication", []string{"-published", "2021-12-07", "-updated", "2021-12-06T23:59:59Z"},
			`the date given with -updated, 2021-12-06T23:59:59Z, is before the one given with -published, 2021-12-07: an article is updated after it is published: check both dates`},
		{"an update before publication now", []string{"-published", "now", "-updated", "2021-12-06"},
			`the date given with -updated, 2021-12-06, is before the one given with -published, now (`},
		{"an update now before publication", []string{"-published", time.Now().Add(3 * time.Hour).UTC().Format(time.RFC3339), "-updated", "now"},
			`the date given with -updated, now (`},
		{"an update in the future", []string{"-published", "2021-12-07", "-updated", "2999-01-01"},
			`is in the future (it is now`},
		{"an update in the future, its hint", []string{"-published", "2021-12-07", "-updated", "2999-01-01"},
			`check the date: a story is updated when it changes`},
	} {
		t.Run(tt.scenario, func(t *testing.T) {
			dataFile, original := archiveFixture(t, 3)
			for _, out := range [][]string{nil, {"-o", "-"}} {
				var stdout bytes.Buffer
				args := append(append(append([]string{"import", "-data", dataFile}, out...), tt.args...), storyFile(t, syntheticStory))
				err := dispatch(args, &stdout, &bytes.Buffer{})
				if err == nil || !strings.Contains(err.Error(), tt.words) {
					t.Errorf("%q: error %v, want one holding %q", out, err, tt.words)
				}
				if stdout.Len() > 0 {
					t.Errorf("%q: printed %q", out, stdout.String())
				}
				assertUnchanged(t, dataFile, original)
			}
		})
	}
}

// TestImportRefusesSpellings refuses a section or tag that the dataset
// spells another way, or a tag the story gives in two spellings, where
// search reads the two as one word (Arabic-script letter forms): the
// message names the dataset's spelling, and nothing is written. The names
// are placeholder words, lorem ipsum transliterated as tools/gendata
// writes them.
func TestImportRefusesSpellings(t *testing.T) {
	const story = "عنوان خبر تجريبي\n\nنص تجريبي للخبر.\n"
	fixture := func(t *testing.T) (string, []byte) {
		data := []byte(`{"articles": [
{"slug": "synthetic-001", "lang": "ar", "headline": "خبر تجريبي", "section": "أديبيسينغ", "tags": ["إيبسوم"], "body": [{"type": "paragraph", "text": "نص تجريبي."}]}
]}
`)
		name := filepath.Join(t.TempDir(), "news.json")
		if err := os.WriteFile(name, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return name, data
	}
	for _, tt := range []struct {
		scenario string
		args     []string
		words    string // "" when the story is added
	}{
		{"a section with plain alef", []string{"-section", "اديبيسينغ"},
			`the section given (-section), "اديبيسينغ", is spelt "أديبيسينغ" in the dataset (search reads the two as one word, but each would have a page of its own); give -section "أديبيسينغ"`},
		{"a tag with plain alef", []string{"-tag", "ايبسوم"},
			`the tag given (-tag "ايبسوم") is spelt "إيبسوم" in the dataset (search reads the two as one word, but each would have a page of its own); give -tag "إيبسوم"`},
		{"a tag given in two spellings", []string{"-tag", "اختبار", "-tag", "إختبار"},
			`the tag given (-tag "إختبار"): tag "إختبار" and tag 0, "اختبار", are one name spelt two ways (search reads them as one word): give each tag once, spelt one way`},
		{"the dataset's spellings", []string{"-section", "أديبيسينغ", "-tag", "إيبسوم", "-tag", "اختبار"}, ""},
	} {
		t.Run(tt.scenario, func(t *testing.T) {
			for _, out := range [][]string{nil, {"-o", "-"}} {
				dataFile, original := fixture(t)
				var stdout bytes.Buffer
				args := append(append(append([]string{"import", "-data", dataFile}, out...), tt.args...), storyFile(t, story))
				err := dispatch(args, &stdout, &bytes.Buffer{})
				if tt.words == "" {
					if err != nil {
						t.Errorf("%q: %v", out, err)
					}
					continue
				}
				if err == nil || !strings.Contains(err.Error(), tt.words) || !strings.Contains(err.Error(), "nothing was changed") {
					t.Errorf("%q: error %v, want one holding %q and saying nothing was changed", out, err, tt.words)
				}
				if stdout.Len() > 0 {
					t.Errorf("%q: printed %q", out, stdout.String())
				}
				assertUnchanged(t, dataFile, original)
			}
		})
	}
}

// TestImportArabicScriptWire imports the reviewer's Sorani story and the
// synthetic Arabic-script wire stories: a figure, a dateline and a Read
// More link each, none of them left as a paragraph.
func TestImportArabicScriptWire(t *testing.T) {
	reviewer := storyFile(t, "سەردێڕی تاقیکردنەوە\n\nوێنەی کتێبخانە. (وێنە: ئاژانس)\nهەولێر (کوردستان ٢٤) – …\n\nزیاتر بخوێنەوە: …\n")
	const stories = "app/importer/testdata/stories/"
	for _, tt := range []struct {
		scenario string
		story    string
		dateline article.Dateline
		credit   string
	}{
		{"the reviewer's Sorani story", reviewer, article.Dateline{Place: "هەولێر", Source: "کوردستان ٢٤"}, "وێنە: ئاژانس"},
		{"Sorani wire", stories + "synthetic-ckb-wire.txt", article.Dateline{Place: "شارۆکێ", Source: "پێلەکەن ٢٤"}, "وێنە: ئاژانسی تاقیکردنەوە"},
		{"Arabic wire", stories + "synthetic-ar-wire.txt", article.Dateline{Place: "قرطامة", Source: "نلبوس ٢٤"}, "صورة: وكالة اختبار"},
	} {
		t.Run(tt.scenario, func(t *testing.T) {
			var stdout bytes.Buffer
			args := []string{"import", "-data", filepath.Join(t.TempDir(), "none.json"), "-o", "-", tt.story}
			if err := dispatch(args, &stdout, &bytes.Buffer{}); err != nil {
				t.Fatal(err)
			}
			var a article.Article
			if err := json.Unmarshal(stdout.Bytes(), &a); err != nil {
				t.Fatalf("%v:\n%s", err, stdout.String())
			}
			if a.Dateline == nil || *a.Dateline != tt.dateline {
				t.Errorf("dateline %+v, want %+v", a.Dateline, tt.dateline)
			}
			if len(a.Figures) != 1 || a.Figures[0].Credit != tt.credit {
				t.Errorf("figures %+v, want one credited %q", a.Figures, tt.credit)
			}
			if len(a.Related) != 1 {
				t.Errorf("related %+v, want the Read More link", a.Related)
			}
			for _, p := range a.Paragraphs() {
				if strings.Contains(p, "(وێنە") || strings.Contains(p, "(صورة") || strings.Contains(p, tt.dateline.Source) {
					t.Errorf("a caption or the dateline stayed a paragraph: %q", p)
				}
			}
		})
	}
}

// TestImportDatelines imports stories whose first paragraph opens with a
// wire service's dateline, or with none: the dateline is split off, a date
// in it is said to be left out, and a story without one is imported with a
// warning that names its line.
func TestImportDatelines(t *testing.T) {
	const headline = "Synthetic test headline for datelines\n\n"
	for _, tt := range []struct {
		scenario string
		first    string // the first paragraph, on line 3
		args     []string
		into     bool // into a dataset file, not printed with -o -
		dateline *article.Dateline
		stderr   []string // in stderr
		not      []string // not in stderr
	}{
		{"AFP's form, printed", "Baghdad (AFP) - Iraq said.", nil, false,
			&article.Dateline{Place: "Baghdad", Source: "AFP"}, nil, []string{"no dateline", "the dateline on line"}},
		{"a region, added", "SULAIMANI, Kurdistan Region (Kurdistan 24) – Synthetic words.", nil, true,
			&article.Dateline{Place: "SULAIMANI, Kurdistan Region", Source: "Kurdistan 24"}, nil, []string{"no dateline", "the dateline on line"}},
		{"Reuters' form: the date is said to be left out", "BAGHDAD, Dec 7 (Reuters) - Iraq said.", nil, false,
			&article.Dateline{Place: "BAGHDAD", Source: "Reuters"},
			[]string{`note: the dateline on line 3 of `, `gives the date "Dec 7", which the article does not keep (a dateline holds a place and a source); date the story with -published DATE`},
			[]string{"no dateline"}},
		{"a date in the dateline and one given", "BAGHDAD, Dec 7 (Reuters) - Iraq said.", []string{"-published", "2021-12-07"}, false,
			&article.Dateline{Place: "BAGHDAD", Source: "Reuters"},
			[]string{`gives the date "Dec 7", which the article does not keep (a dateline holds a place and a source); the story's date is the one given with -published`},
			[]string{"no dateline", "warning"}},
		{"dpa's form, a German date said to be left out", "TESTBURG, Di., 7. Dezember (dpa) - Synthetische Worte.", nil, false,
			&article.Dateline{Place: "TESTBURG", Source: "dpa"},
			[]string{`note: the dateline on line 3 of `, `gives the date "Di., 7. Dezember", which the article does not keep`},
			[]string{"no dateline"}},
		{"no dateline, printed", "Officials in Testville (the test capital) - Synthetic words.", nil, false, nil,
			[]string{`warning: the story has no dateline: its first paragraph, line 3 of `, `, opens "Officials in Testville (the test capital) -…", not with a place, a source in parentheses and a dash`,
				"to give it one: start line 3 with one, such as \"ERBIL (Kurdistan 24) – \" or \"Baghdad (AFP) - \", and import the story again"},
			nil},
		{"no dateline, added", "Synthetic words, and no dateline.", nil, true, nil,
			[]string{`warning: the story has no dateline: its first paragraph, line 3 of `, `opens "Synthetic words, and no dateline.", not with`,
				`to give it one: add "dateline": {"place": "PLACE", "source": "Source"} to its entry in `},
			nil},
	} {
		t.Run(tt.scenario, func(t *testing.T) {
			story := storyFile(t, headline+tt.first+"\n\nLast synthetic words.\n")
			dataFile, _ := archiveFixture(t, 3)
			args := []string{"import", "-data", dataFile}
			if !tt.into {
				args = append(args, "-o", "-")
			}
			args = append(append(args, tt.args...), story)
			var stdout, stderr bytes.Buffer
			if err := dispatch(args, &stdout, &stderr); err != nil {
				t.Fatal(err)
			}
			var a *article.Article
			if tt.into {
				arc, err := dataset.Load(dataFile, dataset.Options{})
				if err != nil {
					t.Fatal(err)
				}
				var ok bool
				if a, ok, err = arc.Article("synthetic-test-headline-for-datelines"); err != nil || !ok {
					t.Fatalf("the story is not in the dataset: %v", err)
				}
				if want := dataFile + `: added "synthetic-test-headline-for-datelines"`; !strings.HasPrefix(stdout.String(), want) {
					t.Errorf("printed %q, want %q", stdout.String(), want)
				}
			} else if err := json.Unmarshal(stdout.Bytes(), &a); err != nil {
				t.Fatalf("%v:\n%s", err, stdout.String())
			}
			if !reflect.DeepEqual(a.Dateline, tt.dateline) {
				t.Errorf("dateline %+v, want %+v", a.Dateline, tt.dateline)
			}
			if ps := a.Paragraphs(); len(ps) != 2 || (tt.dateline == nil && ps[0] != tt.first) {
				t.Errorf("paragraphs %q, want 2, the first %q when there is no dateline", ps, tt.first)
			}
			for _, want := range tt.stderr {
				if !strings.Contains(stderr.String(), want) {
					t.Errorf("stderr lacks %q:\n%s", want, stderr.String())
				}
			}
			for _, not := range tt.not {
				if strings.Contains(stderr.String(), not) {
					t.Errorf("stderr holds %q:\n%s", not, stderr.String())
				}
			}
			if tt.dateline == nil && !strings.Contains(stderr.String(), story) {
				t.Errorf("the warning does not name the story file %s:\n%s", story, stderr.String())
			}
			if tt.into && tt.dateline == nil && !strings.Contains(stderr.String(), "to its entry in "+dataFile) {
				t.Errorf("the warning does not name the dataset file %s:\n%s", dataFile, stderr.String())
			}
		})
	}
}

// TestImportWideStory refuses a story saved as UTF-16, as by iconv -t
// UTF-16 or Notepad's "Unicode", printed or into a dataset, naming the
// encoding and how to save it as UTF-8; nothing is written.
func TestImportWideStory(t *testing.T) {
	withBOM := []byte{0xff, 0xfe}
	for _, u := range utf16.Encode([]rune(syntheticStory)) {
		withBOM = binary.LittleEndian.AppendUint16(withBOM, u)
	}
	for _, tt := range []struct {
		scenario string
		text     []byte
		words    string
	}{
		{"with a byte order mark", withBOM, "the story is UTF-16 (little endian, with a byte order mark) text, not UTF-8: save it as UTF-8"},
		{"without one", withBOM[2:], "the story is UTF-16 (little endian) text, not UTF-8: save it as UTF-8"},
	} {
		for _, out := range [][]string{nil, {"-o", "-"}} {
			t.Run(tt.scenario+fmt.Sprint(out), func(t *testing.T) {
				dataFile, original := archiveFixture(t, 3)
				story := filepath.Join(t.TempDir(), "s16.txt")
				if err := os.WriteFile(story, tt.text, 0o644); err != nil {
					t.Fatal(err)
				}
				var stdout bytes.Buffer
				args := append(append([]string{"import", "-data", dataFile}, out...), story)
				err := dispatch(args, &stdout, &bytes.Buffer{})
				if err == nil || !strings.Contains(err.Error(), tt.words) || strings.Contains(err.Error(), "NUL") {
					t.Errorf("error %v, want one holding %q", err, tt.words)
				}
				if stdout.Len() > 0 {
					t.Errorf("printed %q", stdout.String())
				}
				assertUnchanged(t, dataFile, original)
			})
		}
	}
}

// TestImportHeadlineInOtherScript refuses a headline in a script the
// importer does not transliterate, saying so rather than that it has no
// letter; with -slug, the story is imported.
func TestImportHeadlineInOtherScript(t *testing.T) {
	for _, tt := range []struct{ headline, lang, script string }{
		{"Новости дня", "ru", "Cyrillic"},
		{"Ελληνικά νέα σήμερα", "el", "Greek"},
		{"中国经济增长放缓", "zh", "Han"},
	} {
		t.Run(tt.script, func(t *testing.T) {
			dataFile, original := archiveFixture(t, 3)
			story := storyFile(t, tt.headline+"\n\nTESTVILLE (Synthetic Wire) – Synthetic test words.\n")
			err := dispatch([]string{"import", "-data", dataFile, "-lang", tt.lang, story}, &bytes.Buffer{}, &bytes.Buffer{})
			want := "line 1, the headline, has no Latin letters or digits to make a slug of: it is written in " + tt.script + " script"
			if err == nil || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), "give the story's slug with -slug") {
				t.Errorf("error %v, want one holding %q", err, want)
			}
			assertUnchanged(t, dataFile, original)
			if err := dispatch([]string{"import", "-data", dataFile, "-lang", tt.lang, "-slug", "synthetic-" + tt.lang, story}, &bytes.Buffer{}, &bytes.Buffer{}); err != nil {
				t.Errorf("with -slug: %v", err)
			}
		})
	}
}

// TestImportCreatesDataset imports a newsroom's first story: into a file
// or a folder that does not exist yet, an empty folder, a folder holding
// only the site, or a file whose articles list is empty. The dataset made
// holds the one article, in the format the importer writes a folder's
// file in, and the command says it was created or added to.
func TestImportCreatesDataset(t *testing.T) {
	const slug = "synthetic-test-headline-for-the-importer"
	sep := string(filepath.Separator)
	for _, tt := range []struct {
		scenario string
		setup    func(dir string) string // makes what is there; returns -data
		file     string                  // where the article is, in dir
		printed  string                  // stdout, with DIR for dir
		content  string                  // the file's, when not the format of one article alone
		others   int                     // files in the article's folder besides its own
	}{
		{"a new file", func(dir string) string { return filepath.Join(dir, "new.json") },
			"new.json", `DIR/new.json: created the dataset with "` + slug + `"`, "", 0},
		{"a new folder, ending in a separator", func(dir string) string { return filepath.Join(dir, "news") + sep },
			"news/" + slug + ".json", `DIR/news/: created the dataset with "` + slug + `" in DIR/news/` + slug + ".json", "", 0},
		{"an empty folder", func(dir string) string {
			p := filepath.Join(dir, "empty")
			if err := os.Mkdir(p, 0o755); err != nil {
				t.Fatal(err)
			}
			return p
		}, "empty/" + slug + ".json", `DIR/empty: created the dataset with "` + slug + `" in DIR/empty/` + slug + ".json", "", 0},
		{"a folder holding only the site", func(dir string) string {
			p := filepath.Join(dir, "news")
			if err := os.Mkdir(p, 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(p, "_site.json"), []byte(`{"site":{"name":"Synthetic Times","lang":"en"}}`), 0o644); err != nil {
				t.Fatal(err)
			}
			return p
		}, "news/" + slug + ".json", `DIR/news: added "` + slug + `" in DIR/news/` + slug + ".json; the dataset has 1 article", "", 1},
		{"a folder holding only the site, with an empty articles list", func(dir string) string {
			p := filepath.Join(dir, "news")
			if err := os.Mkdir(p, 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(p, "site.json"), []byte(`{"site":{"name":"Synthetic Times"},"articles":[]}`), 0o644); err != nil {
				t.Fatal(err)
			}
			return p
		}, "news/" + slug + ".json", `DIR/news: added "` + slug + `" in DIR/news/` + slug + ".json; the dataset has 1 article", "", 1},
		{"an empty articles list", func(dir string) string {
			p := filepath.Join(dir, "news.json")
			if err := os.WriteFile(p, []byte(`{"articles":[]}`), 0o644); err != nil {
				t.Fatal(err)
			}
			return p
		}, "news.json", `DIR/news.json: added "` + slug + `" in DIR/news.json; the dataset has 1 article`, "{\"articles\":[{", 0},
		{"an empty articles list over several lines", func(dir string) string {
			p := filepath.Join(dir, "news.json")
			if err := os.WriteFile(p, []byte("{\n  \"site\": {\"name\": \"Synthetic Times\"},\n  \"articles\": []\n}\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			return p
		}, "news.json", `DIR/news.json: added "` + slug + `" in DIR/news.json; the dataset has 1 article`, "{\n  \"site\": {\"name\": \"Synthetic Times\"},\n  \"articles\": [\n    {\n      \"slug\": \"" + slug + "\",", 0},
	} {
		t.Run(tt.scenario, func(t *testing.T) {
			dir := t.TempDir()
			data := tt.setup(dir)
			var stdout, stderr bytes.Buffer
			if err := dispatch([]string{"import", "-data", data, "-published", "2025-06-15", storyFile(t, syntheticStory)}, &stdout, &stderr); err != nil {
				t.Fatal(err)
			}
			if want := strings.ReplaceAll(tt.printed, "DIR/", dir+sep); !strings.HasPrefix(stdout.String(), want) {
				t.Errorf("printed %q, want %q", stdout.String(), want)
			}
			got, err := os.ReadFile(filepath.Join(dir, tt.file))
			if err != nil {
				t.Fatal(err)
			}
			if want := "{\n  \"articles\": [\n    {\n      \"slug\": \"" + slug + "\","; tt.content == "" && !strings.HasPrefix(string(got), want) {
				t.Errorf("%s holds:\n%s\nwant it to open %q", tt.file, got, want)
			} else if tt.content != "" && !strings.HasPrefix(string(got), tt.content) {
				t.Errorf("%s holds:\n%s\nwant it to open %q", tt.file, got, tt.content)
			}
			arc, err := dataset.Load(data, dataset.Options{})
			if err != nil {
				t.Fatal(err)
			}
			if arc.Len() != 1 || !arc.Has(slug) {
				t.Errorf("the dataset has %d articles, want the one imported", arc.Len())
			}
			if entries, err := os.ReadDir(filepath.Dir(filepath.Join(dir, tt.file))); err != nil || len(entries) != 1+tt.others {
				t.Errorf("the folder holds %d files, want %s and %d others (%v)", len(entries), tt.file, tt.others, err)
			}
			// Imported again, the story is found in the dataset made.
			if err := dispatch([]string{"import", "-data", data, storyFile(t, syntheticStory)}, &bytes.Buffer{}, &bytes.Buffer{}); err == nil || !strings.Contains(err.Error(), "already holds this story") {
				t.Errorf("a second import: %v", err)
			}
		})
	}
}

// TestImportEmptyDatasetToStdout prints the entry of a story for a
// dataset whose articles list is empty, as for one that does not exist.
func TestImportEmptyDatasetToStdout(t *testing.T) {
	data := filepath.Join(t.TempDir(), "news.json")
	if err := os.WriteFile(data, []byte(`{"articles": []}`), 0o644); err != nil {
		t.Fatal(err)
	}
	var stdout bytes.Buffer
	if err := dispatch([]string{"import", "-data", data, "-o", "-", storyFile(t, syntheticStory)}, &stdout, &bytes.Buffer{}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(stdout.String(), `"slug": "synthetic-test-headline-for-the-importer"`) {
		t.Errorf("printed %q", stdout.String())
	}
	assertUnchanged(t, data, []byte(`{"articles": []}`))
}

// TestImportRefusesToCreate refuses to make a dataset where its folder
// does not exist, or under a name the dataset's reader would not take
// for a file of a folder, or at a symbolic link to nothing (its file or
// folder removed, a disk not mounted), which import said as "link
// ./.news.json.123.tmp news.json: file exists"; nothing is made.
func TestImportRefusesToCreate(t *testing.T) {
	for _, tt := range []struct {
		scenario string
		data     string // in a new folder
		link     string // where data leads, if it is a link
		words    string // with DIR for the folder
	}{
		{"a file in a folder that does not exist", "no/such/new.json", "", "import: DIR/no/such/new.json does not exist, nor does the folder DIR/no/such to create it in: create the folder first, or check the path; nothing was changed"},
		{"a folder in a folder that does not exist", "no/such/news/", "", "nor does the folder DIR/no/such to create it in"},
		{"a name without .json", "news", "", "import: DIR/news does not exist: to create a dataset there, give -data a file name ending in .json, or a folder's name ending in /; nothing was changed"},
		{"a file that is a link to nothing", "news.json", "gone/news.json", "import: DIR/news.json is a link to gone/news.json, which does not exist: fix the link, or remove it, then import again; nothing was changed"},
		{"a folder that is a link to nothing", "news/", "gone", "import: DIR/news/ is a link to gone, which does not exist"},
	} {
		t.Run(tt.scenario, func(t *testing.T) {
			dir := t.TempDir()
			data := filepath.Join(dir, filepath.FromSlash(tt.data))
			made := 0
			if tt.link != "" {
				if err := os.Symlink(filepath.FromSlash(tt.link), data); err != nil {
					t.Fatal(err)
				}
				made = 1
			}
			if strings.HasSuffix(tt.data, "/") {
				data += string(filepath.Separator)
			}
			var stdout bytes.Buffer
			err := dispatch([]string{"import", "-data", data, storyFile(t, syntheticStory)}, &stdout, &bytes.Buffer{})
			want := strings.ReplaceAll(tt.words, "DIR/", dir+string(filepath.Separator))
			want = strings.ReplaceAll(want, "a link to gone/", "a link to gone"+string(filepath.Separator))
			if err == nil || !strings.Contains(err.Error(), want) {
				t.Errorf("error %v, want one holding %q", err, want)
			}
			if entries, err := os.ReadDir(dir); err != nil || len(entries) != made {
				t.Errorf("made %d files (%v)", len(entries)-made, err)
			}
			if stdout.Len() > 0 {
				t.Errorf("printed %q", stdout.String())
			}
		})
	}
}

// TestImportRefusesNoHeadline refuses the stories of review 9 (fault 2),
// pasted without their headline, whose first line of text would have
// been the headline and the slug: the seed's caption with its credit, a
// byline, a Read More line, the dateline's paragraph after a blank line.
// The error names the story's file and line as FILE:LINE, what the line
// is, and what to do; into a file, a folder or a dataset to create, or
// printed, nothing is written and nothing printed. The same stories with
// a headline added on top import.
func TestImportRefusesNoHeadline(t *testing.T) {
	seed, err := os.ReadFile(seedStory)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(string(seed), "\n")
	const body = "\n\nTESTVILLE (Synthetic Wire) – Synthetic body paragraph one.\n\nSecond synthetic paragraph.\n"
	stories := []struct {
		scenario string
		text     string
		line     int
		is       string
	}{
		{"the seed from its line 3", strings.Join(lines[2:], ""), 1,
			`the first line of text is a photo caption, "US Secretary of Defense Lloyd Austin (left) and Kurdistan…", with its credit "Photos: DoD, KRG", not a headline`},
		{"a byline", "By Jane Doe" + body, 1, `the first line of text is a byline, "By Jane Doe", not a headline`},
		{"a Read More line", "Read More: Some other story" + body, 1,
			`the first line of text is a Read More line, "Read More: Some other story", which names a related story, not a headline`},
		{"the dateline's paragraph after a blank line", body[1:], 2,
			`the first line of text is a paragraph that opens with a dateline, "TESTVILLE (Synthetic Wire) –", as a story's first paragraph does, not a headline`},
	}
	targets := []struct {
		scenario string
		setup    func(t *testing.T) (args []string, unchanged func(t *testing.T))
	}{
		{"into a file", func(t *testing.T) ([]string, func(*testing.T)) {
			dataFile, original := archiveFixture(t, 3)
			return []string{"-data", dataFile}, func(t *testing.T) { assertUnchanged(t, dataFile, original) }
		}},
		{"into a folder", func(t *testing.T) ([]string, func(*testing.T)) {
			dir := t.TempDir()
			one := filepath.Join(dir, "synthetic-001.json")
			original := []byte(`{"slug": "synthetic-001", "headline": "Synthetic test article 1", "body": [{"type": "paragraph", "text": "Synthetic text."}]}` + "\n")
			if err := os.WriteFile(one, original, 0o644); err != nil {
				t.Fatal(err)
			}
			return []string{"-data", dir}, func(t *testing.T) {
				assertUnchanged(t, one, original)
				assertOnlyFile(t, dir, "synthetic-001.json")
			}
		}},
		{"into a dataset to create", func(t *testing.T) ([]string, func(*testing.T)) {
			dir := t.TempDir()
			return []string{"-data", filepath.Join(dir, "new.json")}, func(t *testing.T) {
				if entries, err := os.ReadDir(dir); err != nil || len(entries) != 0 {
					t.Errorf("made %d files (%v)", len(entries), err)
				}
			}
		}},
		{"printed", func(t *testing.T) ([]string, func(*testing.T)) {
			dataFile, original := archiveFixture(t, 3)
			return []string{"-data", dataFile, "-o", "-"}, func(t *testing.T) { assertUnchanged(t, dataFile, original) }
		}},
	}
	for _, st := range stories {
		for _, tg := range targets {
			t.Run(st.scenario+", "+tg.scenario, func(t *testing.T) {
				args, unchanged := tg.setup(t)
				story := storyFile(t, st.text)
				var stdout, stderr bytes.Buffer
				err := dispatch(append(append([]string{"import"}, args...), story), &stdout, &stderr)
				want := fmt.Sprintf("import: %s:%d: %s: the story seems to have lost its headline; "+
					"give it as the story's first line, above this one, and import the story again; nothing was changed", story, st.line, st.is)
				if err == nil || err.Error() != want {
					t.Errorf("error\n%v\nwant\n%s", err, want)
				}
				unchanged(t)
				if stdout.Len() > 0 || stderr.Len() > 0 {
					t.Errorf("printed %q and %q", stdout.String(), stderr.String())
				}
			})
		}
		t.Run(st.scenario+", with its headline", func(t *testing.T) {
			dataFile, _ := archiveFixture(t, 3)
			story := storyFile(t, "Synthetic headline put back\n\n"+st.text)
			var stdout bytes.Buffer
			if err := dispatch([]string{"import", "-data", dataFile, story}, &stdout, &bytes.Buffer{}); err != nil {
				t.Fatal(err)
			}
			if want := dataFile + `: added "synthetic-headline-put-back"`; !strings.HasPrefix(stdout.String(), want) {
				t.Errorf("printed %q, want %q", stdout.String(), want)
			}
		})
	}
}

// TestImportLinksReadMore imports a story whose Read More line names an
// article of the dataset by its headline (in a folder or a file, added or
// printed): the line and the related link get that article's slug, and
// the command says so. A title no article has, or one two articles share,
// stays a title only, and a note names the line, says it will show as not
// in this collection and how to link it (and, when two share it, both
// slugs).
func TestImportLinksReadMore(t *testing.T) {
	folder := func(t *testing.T) string {
		dir := t.TempDir()
		for _, f := range []struct{ slug, headline string }{
			{"synthetic-salaries", "Synthetic Region, Synthetic City agree on salaries"},
			{"synthetic-twin-1", "Synthetic twin headline"},
			{"synthetic-twin-2", "Synthetic twin headline"},
		} {
			data := fmt.Sprintf(`{"articles": [{"slug": %q, "headline": %q, "body": [{"type": "paragraph", "text": "Synthetic text."}]}]}`, f.slug, f.headline)
			if err := os.WriteFile(filepath.Join(dir, f.slug+".json"), []byte(data), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		return dir
	}
	file := func(t *testing.T) string {
		name, _ := archiveFixture(t, 3)
		return name
	}
	const slug = "synthetic-test-headline-for-links"
	for _, tt := range []struct {
		scenario string
		data     func(t *testing.T) string
		title    string
		into     bool   // into the dataset, not printed with -o -
		link     string // the slug linked to, "" for none
		stderr   []string
		not      []string
	}{
		{"the headline, into a folder", folder, "Synthetic Region, Synthetic City agree on salaries", true, "synthetic-salaries",
			[]string{`link: the Read More line 5 of `, `, "Synthetic Region, Synthetic City agree on salaries", links to "synthetic-salaries", the article of `},
			[]string{"not in this collection"}},
		{"the headline in another case, printed", folder, "synthetic region, synthetic city agree on SALARIES", false, "synthetic-salaries",
			[]string{`links to "synthetic-salaries"`}, []string{"not in this collection"}},
		{"the headline, into a file", file, "Synthetic test article 1", true, "synthetic-001",
			[]string{`links to "synthetic-001"`}, []string{"not in this collection"}},
		{"no such headline, into a folder", folder, "Synthetic story elsewhere", true, "",
			[]string{`note: the Read More line 5 of `, `, "Synthetic story elsewhere", is not linked (no article of `, `has that headline), so it will show as not in this collection`,
				`to link it: in its entry in `, `add "slug": "SLUG" (the article's slug) to its "read_more" block in "body" and to its entry in "related"`},
			[]string{"link:"}},
		{"no such headline, printed", file, "Synthetic story elsewhere", false, "",
			[]string{`note: the Read More line 5 of `, `will show as not in this collection`, `to link it: in the entry printed, add "slug": "SLUG"`},
			[]string{"link:"}},
		{"two articles share the headline", folder, "Synthetic twin headline", true, "",
			[]string{`note: the Read More line 5 of `, `, "Synthetic twin headline", is the headline of 2 articles of `, `"synthetic-twin-1" and "synthetic-twin-2", so it is not linked`, "will show as not in this collection"},
			[]string{"link:"}},
	} {
		t.Run(tt.scenario, func(t *testing.T) {
			data := tt.data(t)
			story := storyFile(t, "Synthetic test headline for links\n\nTESTVILLE (Synthetic Wire) – Synthetic words.\n\nRead More: "+tt.title+"\n\nLast synthetic words.\n")
			args := []string{"import", "-data", data}
			if !tt.into {
				args = append(args, "-o", "-")
			}
			var stdout, stderr bytes.Buffer
			if err := dispatch(append(args, story), &stdout, &stderr); err != nil {
				t.Fatal(err)
			}
			var a *article.Article
			if tt.into {
				arc, err := dataset.Load(data, dataset.Options{})
				if err != nil {
					t.Fatal(err)
				}
				var ok bool
				if a, ok, err = arc.Article(slug); err != nil || !ok {
					t.Fatalf("the story is not in the dataset: %v", err)
				}
			} else if err := json.Unmarshal(stdout.Bytes(), &a); err != nil {
				t.Fatalf("%v:\n%s", err, stdout.String())
			}
			if len(a.Body) != 3 || len(a.Related) != 1 {
				t.Fatalf("body %+v and related %+v, want a Read More line and its related link", a.Body, a.Related)
			}
			if got := []string{a.Body[1].Slug, a.Related[0].Slug}; got[0] != tt.link || got[1] != tt.link {
				t.Errorf("the Read More line and the related link lead to %q, want %q", got, tt.link)
			}
			checkStderr(t, stderr.String(), append(tt.stderr, story), tt.not)
		})
	}
}

// TestImportBylines imports stories with a reporter's byline between the
// headline and the dateline: its names are the authors, the dateline on
// the line after it is found, and the command says where the authors came
// from; authors given with -author win, with a note that the byline was
// not used. A first sentence that opens with "By" stays the first
// paragraph, and the warning of no dateline names its line.
func TestImportBylines(t *testing.T) {
	const dateline = "SYNTHETIC CITY, Testland, Dec 7 (Reuters) – Synthetic words."
	for _, tt := range []struct {
		scenario string
		lines    string // after the headline
		args     []string
		authors  []string
		dateline bool
		stderr   []string
		not      []string
	}{
		{"a byline", "By Jane Doe\n" + dateline, nil, []string{"Jane Doe"}, true,
			[]string{`authors: "Jane Doe" (from the byline on line 2 of `}, []string{"no dateline", "not used"}},
		{"a byline with an agency, added", "By Jane Doe and John Roe, Reuters\n\n" + dateline, []string{"into"}, []string{"Jane Doe", "John Roe"}, true,
			[]string{`authors: "Jane Doe", "John Roe" (from the byline on line 2 of `, `, "By Jane Doe and John Roe, Reuters"; left out as no author: its agency "Reuters")`},
			[]string{"no dateline", "not used", "title case"}},
		{"a job title and an outlet", "By Jane Doe, Staff Writer, Synthetic News Service\n" + dateline, nil, []string{"Jane Doe"}, true,
			[]string{`, "By Jane Doe, Staff Writer, Synthetic News Service"; left out as no author: the job title "Staff Writer", its outlet "Synthetic News Service")`},
			[]string{"agency"}},
		{"a place", "By Jane Doe, Erbil\n" + dateline, nil, []string{"Jane Doe"}, true,
			[]string{`left out as no author: "Erbil" (one word after the names: a place or an outlet, no person's name))`}, []string{"agency"}},
		{"a time", "By Jane Doe | Updated 12 March\n" + dateline, nil, []string{"Jane Doe"}, true,
			[]string{`left out as no author: the time "Updated 12 March")`}, []string{"agency"}},
		{"a photo credit", "By Jane Doe, Photos By John Roe\n" + dateline, nil, []string{"Jane Doe"}, true,
			[]string{`left out as no author: the credit "Photos By John Roe")`}, []string{"agency", `"John Roe"`}},
		{"the dateline's agency alone", "By Reuters\n" + dateline, nil, nil, true,
			[]string{`note: the byline on line 2 of `, `, "By Reuters", names no person, only its agency "Reuters" (the dateline's source too), so the article has no author; to give it some, import with -author NAME`},
			[]string{"authors:"}},
		{"the staff", "By Staff Reporter\n" + dateline, nil, nil, true,
			[]string{`, "By Staff Reporter", names no person, only the staff credit "Staff Reporter", so the article has no author`},
			[]string{"authors:", "dateline's source"}},
		{"capitals", "BY JANE DOE AND JOHN MCROE\n" + dateline, nil, []string{"Jane Doe", "John McRoe"}, true,
			[]string{`authors: "Jane Doe", "John McRoe" (from the byline on line 2 of `, `, "BY JANE DOE AND JOHN MCROE"; the names are written in title case from the line's capitals: check their spelling, or give them with -author)`},
			nil},
		{"a phrase that names no one", "By Christmas Eve\n" + dateline, nil, nil, false,
			[]string{`warning: the story has no dateline: its first paragraph, line 2 of `, `opens "By Christmas Eve", not with`},
			[]string{"authors:", "the byline"}},
		{"a byline and -author", "By Jane Doe\n" + dateline, []string{"-author", "Max Mustermann"}, []string{"Max Mustermann"}, true,
			[]string{`note: the byline on line 2 of `, `, "By Jane Doe", is not used: the authors are the ones given with -author`},
			[]string{"no dateline", "authors:"}},
		{"a first sentence opening with By", "By Tuesday, officials said the talks would end.\n" + dateline, nil, nil, false,
			[]string{`warning: the story has no dateline: its first paragraph, line 2 of `, `opens "By Tuesday, officials said the talks would end.", not with`},
			[]string{"authors:", "the byline"}},
	} {
		t.Run(tt.scenario, func(t *testing.T) {
			story := storyFile(t, "Synthetic test headline for bylines\n"+tt.lines+"\n\nLast synthetic words.\n")
			dataFile, _ := archiveFixture(t, 3)
			args := []string{"import", "-data", dataFile}
			into := len(tt.args) > 0 && tt.args[0] == "into"
			if into {
				tt.args = tt.args[1:]
			} else {
				args = append(args, "-o", "-")
			}
			var stdout, stderr bytes.Buffer
			if err := dispatch(append(append(args, tt.args...), story), &stdout, &stderr); err != nil {
				t.Fatal(err)
			}
			var a *article.Article
			if into {
				arc, err := dataset.Load(dataFile, dataset.Options{})
				if err != nil {
					t.Fatal(err)
				}
				var ok bool
				if a, ok, err = arc.Article("synthetic-test-headline-for-bylines"); err != nil || !ok {
					t.Fatalf("the story is not in the dataset: %v", err)
				}
			} else if err := json.Unmarshal(stdout.Bytes(), &a); err != nil {
				t.Fatalf("%v:\n%s", err, stdout.String())
			}
			if !reflect.DeepEqual(a.Authors, tt.authors) {
				t.Errorf("authors %q, want %q", a.Authors, tt.authors)
			}
			if got := a.Dateline != nil; got != tt.dateline {
				t.Errorf("dateline %+v, want one: %v", a.Dateline, tt.dateline)
			}
			if ps := a.Paragraphs(); tt.dateline && (len(ps) != 2 || ps[0] != "Synthetic words.") {
				t.Errorf("paragraphs %q, want the dateline's and the last", ps)
			}
			checkStderr(t, stderr.String(), append(tt.stderr, story), tt.not)
		})
	}
}

// TestImportBylineAgain refuses a story with a byline as a copy when the
// dataset holds it: imported before bylines were read (the byline its
// first paragraph, the dateline left in the next paragraph's text, written
// here by hand), or imported with its byline read.
func TestImportBylineAgain(t *testing.T) {
	const story = "Synthetic test headline for bylines\n\nBy Jane Doe\n\nSYNTHETIC CITY (Synthetic Wire) – Synthetic words.\n\nLast synthetic words.\n"
	const oldForm = `{"articles": [{"slug": "synthetic-old-import", "headline": "Synthetic test headline for bylines", "body": [` +
		`{"type": "paragraph", "text": "By Jane Doe"}, {"type": "paragraph", "text": "SYNTHETIC CITY (Synthetic Wire) – Synthetic words."}, {"type": "paragraph", "text": "Last synthetic words."}]}]}`
	for _, tt := range []struct {
		scenario string
		data     string // the dataset file; "" for one the first import makes
		held     string
	}{
		{"imported with the byline as a paragraph", oldForm, "synthetic-old-import"},
		{"imported with the byline read", "", "synthetic-test-headline-for-bylines"},
	} {
		t.Run(tt.scenario, func(t *testing.T) {
			dataFile := filepath.Join(t.TempDir(), "news.json")
			if tt.data != "" {
				if err := os.WriteFile(dataFile, []byte(tt.data), 0o644); err != nil {
					t.Fatal(err)
				}
			} else if err := dispatch([]string{"import", "-data", dataFile, storyFile(t, story)}, &bytes.Buffer{}, &bytes.Buffer{}); err != nil {
				t.Fatal(err)
			}
			before, err := os.ReadFile(dataFile)
			if err != nil {
				t.Fatal(err)
			}
			err = dispatch([]string{"import", "-data", dataFile, storyFile(t, story)}, &bytes.Buffer{}, &bytes.Buffer{})
			if want := fmt.Sprintf("the dataset already holds this story as %q", tt.held); err == nil || !strings.Contains(err.Error(), want) {
				t.Errorf("error %v, want one holding %q", err, want)
			}
			if after, err := os.ReadFile(dataFile); err != nil || !bytes.Equal(after, before) {
				t.Errorf("the dataset changed (%v):\n%s", err, after)
			}
		})
	}
}

// TestImportUndatedIntoUndated: into a dataset of undated stories, as the
// bundled one, an undated story is in the feed, which lists undated
// articles only while the site has no dated one; the warning says so.
func TestImportUndatedIntoUndated(t *testing.T) {
	dataFile := filepath.Join(t.TempDir(), "undated.json")
	data := `{"articles": [{"slug": "synthetic-undated", "headline": "A synthetic undated story", "body": [{"type": "paragraph", "text": "Synthetic text."}]}]}`
	if err := os.WriteFile(dataFile, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	if err := dispatch([]string{"import", "-data", dataFile, storyFile(t, syntheticStory)}, &stdout, &stderr); err != nil {
		t.Fatal(err)
	}
	want := "on /, the home list's only page, and in /feed.xml (the newest 50) until a dated article is added (it then lists dated articles only)"
	if !strings.Contains(stderr.String(), want) {
		t.Errorf("stderr lacks %q:\n%s", want, stderr.String())
	}
}

// TestImportUpdatedOnly: the feed takes an updated date alone for a date,
// and the warnings say so: a story imported with -updated and no
// -published is in /feed.xml, and an undated one is not, beside an
// article whose only date is an updated one.
func TestImportUpdatedOnly(t *testing.T) {
	for _, tt := range []struct {
		scenario, updated, args, want string
	}{
		{"an undated story beside an updated-only article", `, "updated": "2024-03-01"`, "",
			"warning: the story has no date, so it is listed after every dated article: on /, the home list's only page, and not in /feed.xml, which lists dated articles only"},
		{"a story with -updated alone", "", "2024-04-01",
			"warning: the story has no published date (an updated one only), so it is listed after every article published on a date: on /, the home list's only page, and in /feed.xml (the newest 50) until 49 more dated articles are added"},
	} {
		t.Run(tt.scenario, func(t *testing.T) {
			dataFile := filepath.Join(t.TempDir(), "updated.json")
			data := `{"articles": [{"slug": "synthetic-first", "headline": "A synthetic first story"` + tt.updated + `, "body": [{"type": "paragraph", "text": "Synthetic text."}]}]}`
			if err := os.WriteFile(dataFile, []byte(data), 0o644); err != nil {
				t.Fatal(err)
			}
			args := []string{"import", "-data", dataFile}
			if tt.args != "" {
				args = append(args, "-updated", tt.args)
			}
			var stdout, stderr bytes.Buffer
			if err := dispatch(append(args, storyFile(t, syntheticStory)), &stdout, &stderr); err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(stderr.String(), tt.want) {
				t.Errorf("stderr lacks %q:\n%s", tt.want, stderr.String())
			}
		})
	}
}

// checkStderr checks that a command's stderr holds every text of want and
// none of not.
func checkStderr(t *testing.T, stderr string, want, not []string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(stderr, w) {
			t.Errorf("stderr lacks %q:\n%s", w, stderr)
		}
	}
	for _, n := range not {
		if strings.Contains(stderr, n) {
			t.Errorf("stderr holds %q:\n%s", n, stderr)
		}
	}
}

// TestImportCreditLines imports a story whose credit is on a line of its
// own: after its caption it makes a figure, and alone it is left out with
// a warning that names its line and how to keep it; either way the
// dateline after it is read (review 26, fault 1). A credit that ends the
// story leaves the line before it the last paragraph.
func TestImportCreditLines(t *testing.T) {
	const head = "Storm hits coast\n\n"
	const dated = "HALIFAX (CP) – A storm hit the coast on Monday.\n"
	for _, tt := range []struct {
		scenario string
		story    string
		into     bool
		figures  []article.Figure
		stderr   []string
	}{
		{"a caption and its credit, printed", head + "Waves crash on the shore at Halifax.\n(Photo: AFP)\n" + dated, false,
			[]article.Figure{{Caption: "Waves crash on the shore at Halifax.", Credit: "Photo: AFP"}}, nil},
		{"a credit alone, printed", head + "(Photo: AFP)\n" + dated, false, nil,
			[]string{`warning: line 3 of `, `, "(Photo: AFP)", is a photo credit with no caption on the line before it, so it is left out`,
				`to keep it: give the photo's caption on the line before it, or before the credit on its line ("CAPTION (Photo: …)"), and import the story again`}},
		{"a credit alone, added", head + "(Photo: AFP)\n" + dated, true, nil,
			[]string{`, "(Photo: AFP)", is a photo credit with no caption on the line before it, so it is left out`,
				`to keep it: add {"caption": "CAPTION", "credit": "Photo: AFP"} to "figures" in its entry in `}},
		// The story's last paragraph stays one: it was made a caption.
		{"a credit ending the story, printed", head + dated + "The last words.\n(Photo: AFP)\n", false, nil,
			[]string{`warning: line 5 of `, `, "(Photo: AFP)", is a photo credit that ends the story: the line before it stays the last paragraph, not its caption, so the credit is left out`,
				`to keep it: give the photo's caption before the credit on its line ("CAPTION (Photo: …)"), and import the story again`}},
	} {
		t.Run(tt.scenario, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "news") + string(filepath.Separator)
			story := storyFile(t, tt.story)
			args := []string{"import", "-data", dir, "-published", "2026-12-04", story}
			if !tt.into {
				args = append(args, "-o", "-")
			}
			var stdout, stderr bytes.Buffer
			if err := dispatch(args, &stdout, &stderr); err != nil {
				t.Fatal(err)
			}
			var a *article.Article
			if tt.into {
				arc, err := dataset.Load(dir, dataset.Options{})
				if err != nil {
					t.Fatal(err)
				}
				if a, _, err = arc.Article("storm-hits-coast"); err != nil || a == nil {
					t.Fatalf("the story is not in the dataset: %v", err)
				}
			} else if err := json.Unmarshal(stdout.Bytes(), &a); err != nil {
				t.Fatalf("%v:\n%s", err, stdout.String())
			}
			if !reflect.DeepEqual(a.Figures, tt.figures) {
				t.Errorf("figures %+v, want %+v", a.Figures, tt.figures)
			}
			if want := (&article.Dateline{Place: "HALIFAX", Source: "CP"}); !reflect.DeepEqual(a.Dateline, want) {
				t.Errorf("dateline %+v, want %+v", a.Dateline, want)
			}
			want := []string{"A storm hit the coast on Monday."}
			if strings.Contains(tt.story, "The last words.") {
				want = append(want, "The last words.")
			}
			if ps := a.Paragraphs(); !reflect.DeepEqual(ps, want) {
				t.Errorf("paragraphs %q, want %q", ps, want)
			}
			not := []string{"no dateline"}
			if tt.stderr == nil {
				not = append(not, "warning")
			}
			checkStderr(t, stderr.String(), tt.stderr, not)
		})
	}
}

// TestImportCorrectedStory refuses a story whose headline an article of
// the dataset has, with other text, as a corrected story imported again
// is: added, it would be a second article with that headline, and Read
// More lines naming it would link to neither. The refusal names the
// article and its file and how to correct it; -copy adds the story
// anyway, with a note (review 26, fault 2).
func TestImportCorrectedStory(t *testing.T) {
	const story = "Council approves new bridge over the river\n\nTESTVILLE (Synthetic Wire) – The council approved 12 million for a bridge.\n\nLast synthetic words.\n"
	corrected := strings.Replace(story, "12 million", "15 million", 1)
	recased := strings.Replace(corrected, "new bridge", "New Bridge", 1)
	const slug = "council-approves-new-bridge-over-the-river"
	for _, tt := range []struct {
		scenario, data, text string
	}{
		{"a folder, the text corrected", "news" + string(filepath.Separator), corrected},
		{"a file, the text corrected", "news.json", corrected},
		{"a folder, the text corrected and the headline recased", "news" + string(filepath.Separator), recased},
	} {
		t.Run(tt.scenario, func(t *testing.T) {
			data := filepath.Join(t.TempDir(), tt.data)
			if strings.HasSuffix(tt.data, string(filepath.Separator)) {
				data += string(filepath.Separator)
			}
			args := []string{"import", "-data", data, "-published", "2026-12-04"}
			if err := dispatch(append(args, storyFile(t, story)), &bytes.Buffer{}, &bytes.Buffer{}); err != nil {
				t.Fatal(err)
			}
			file := data
			if strings.HasSuffix(tt.data, string(filepath.Separator)) {
				file = filepath.Join(data, slug+".json")
			}
			before, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			second := storyFile(t, tt.text)
			var stdout, stderr bytes.Buffer
			err = dispatch(append(args, second), &stdout, &stderr)
			for _, want := range []string{
				second + `: the dataset already has an article with this headline, "` + slug + `" in ` + file + `, with other text (a corrected story?); nothing was changed`,
				"to correct it, edit its entry in " + file,
				"to add this story as another article with the same headline, use -copy",
			} {
				if err == nil || !strings.Contains(err.Error(), want) {
					t.Errorf("error %v\nwant one holding %q", err, want)
				}
			}
			if after, err := os.ReadFile(file); err != nil || !bytes.Equal(after, before) {
				t.Errorf("the dataset changed (%v):\n%s", err, after)
			}
			stdout.Reset()
			stderr.Reset()
			if err := dispatch(append(args, "-copy", second), &stdout, &stderr); err != nil {
				t.Fatal(err)
			}
			if want := `: added "` + slug + `-2"`; !strings.Contains(stdout.String(), want) {
				t.Errorf("printed %q, want %q", stdout.String(), want)
			}
			checkStderr(t, stderr.String(), []string{`note: the dataset already has an article with this headline, "` + slug + `" in ` + file + `, with other text; adding another (-copy)`}, nil)
		})
	}
}

// TestImportOneAtATime runs eight imports into one dataset file at once,
// as a newsroom's script may, half of them through a symbolic link from
// another folder: each waits for the one writing the dataset (the folder
// of its file, links followed, held: dirlock), and all eight stories are
// there. Before, each added its story to the file as it had read it, and
// the last rename dropped the others', all saying "added"; then the lock
// held the folder of the link.
func TestImportOneAtATime(t *testing.T) {
	dataFile, _ := archiveFixture(t, 20)
	link := filepath.Join(t.TempDir(), "link.json")
	if err := os.Symlink(dataFile, link); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make([]error, 8)
	for i := range errs {
		story := storyFile(t, fmt.Sprintf("Synthetic story number %d, imported at once\n\nTESTVILLE (Synthetic Wire) – Synthetic words of story %d.\n", i, i))
		data := []string{dataFile, link}[i%2]
		wg.Go(func() {
			var stdout, stderr bytes.Buffer
			errs[i] = dispatch([]string{"import", "-data", data, "-published", "2025-07-01", story}, &stdout, &stderr)
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		t.Fatal(err)
	}
	arc, err := dataset.Load(dataFile, dataset.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer arc.Close()
	if arc.Len() != 28 {
		t.Errorf("the dataset has %d articles after eight imports into 20, want 28", arc.Len())
	}
}

// TestImportRefusesReadOnly imports into a dataset file its owner made
// read-only: refused, saying so, and the file as it was. Replace wrote it
// anew whatever its mode (as root, or as its owner, the folder being
// writable).
func TestImportRefusesReadOnly(t *testing.T) {
	dataFile, original := archiveFixture(t, 3)
	if err := os.Chmod(dataFile, 0o444); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	err := dispatch([]string{"import", "-data", dataFile, storyFile(t, syntheticStory)}, &stdout, &stderr)
	if err == nil || !strings.Contains(err.Error(), "is read-only; nothing was changed") {
		t.Errorf("import into a read-only file: %v", err)
	}
	if now, err := os.ReadFile(dataFile); err != nil || !bytes.Equal(now, original) {
		t.Errorf("the read-only dataset changed (%v)", err)
	}
}
