package main

import (
	"bufio"
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"dateline/app/dataset"
)

// TestFolderLoads checks that a generated folder is a dataset the host
// accepts, as `-data DIR` and `validate DIR` read it, with every article.
func TestFolderLoads(t *testing.T) {
	const n = 25
	dir := t.TempDir()
	ds := Generate(n, 1, languages["en"])
	if err := writeFolder(dir, ds); err != nil {
		t.Fatal(err)
	}
	site, err := os.ReadFile(filepath.Join(dir, "site.json"))
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(site, []byte(`"articles"`)) {
		t.Errorf("site.json has an articles member:\n%s", site)
	}
	a, err := dataset.Load(dir, dataset.Options{MaxSize: dataset.DefaultMaxSize})
	if err != nil {
		t.Fatalf("the generated folder is refused: %v", err)
	}
	if a.Site.Name != ds.Site.Name || a.Len() != n {
		t.Fatalf("site %q with %d articles, want %q with %d", a.Site.Name, a.Len(), ds.Site.Name, n)
	}
	for i := range n {
		art, ok, err := a.Article(Slug(i))
		if err != nil || !ok || art.Headline != ds.Articles[i].Headline {
			t.Errorf("Article(%q) = %v, %v, %v", Slug(i), art, ok, err)
		}
	}
}

// TestLanguages checks each language's archive, as the single file
// written to standard output: the host accepts it, the edition and every
// article are in the language, and the right-to-left
// ones mix the spellings that search must fold together (a hamza dropped
// or Arabic letters for Sorani ones, a tatweel, a vowel mark).
func TestLanguages(t *testing.T) {
	const n = 60
	for tag, l := range languages {
		t.Run(tag, func(t *testing.T) {
			var b bytes.Buffer
			w := bufio.NewWriter(&b)
			if err := write(w, Generate(n, 1, l)); err != nil {
				t.Fatal(err)
			}
			if err := w.Flush(); err != nil {
				t.Fatal(err)
			}
			a, err := dataset.LoadBytes("synthetic.json", b.Bytes())
			if err != nil {
				t.Fatalf("the generated file is refused: %v", err)
			}
			if a.Site.Lang != tag || a.Len() != n {
				t.Fatalf("site in %q with %d articles, want %q with %d", a.Site.Lang, a.Len(), tag, n)
			}
			prefix, _, _ := strings.Cut(l.headline, "%s")
			for i := range n {
				art, ok, err := a.Article(Slug(i))
				if err != nil || !ok {
					t.Fatalf("Article(%q): %v, %v", Slug(i), ok, err)
				}
				if art.Lang != tag || !strings.HasPrefix(art.Headline, prefix+l.digits(i)+":") {
					t.Errorf("article %d: lang %q, headline %q", i, art.Lang, art.Headline)
				}
			}
			if l.vary == nil {
				return
			}
			text := b.String()
			respell := map[string]func(string) string{
				"ar":  dropHamza.Replace,
				"ckb": func(w string) string { return arabicLetters(w, "ه") },
			}[tag]
			respelled := 0
			for _, w := range l.words {
				if v := respell(w); v != w && strings.Contains(text, " "+v+" ") {
					respelled++
				}
			}
			if respelled == 0 {
				t.Error("no word respelled")
			}
			for _, mark := range []string{"ـ", "\u064e"} {
				if !strings.Contains(text, mark) {
					t.Errorf("no word holds %+q", mark)
				}
			}
			if strings.ContainsAny(text, "0123456789") && !strings.ContainsAny(text, "٠١٢٣٤٥٦٧٨٩") {
				t.Error("numbers in ASCII digits only")
			}
		})
	}
}

// TestRunRefuses: a file named as an argument (gendata -n 10 out.json)
// is refused, not passed over with the dataset written to standard
// output; so is a -dir that holds files, whose .json files would have
// stayed in the dataset (a folder written for more articles kept those
// past N); nothing is written. A new or empty folder takes the dataset.
func TestRunRefuses(t *testing.T) {
	used := t.TempDir()
	if err := writeFolder(used, Generate(3, 1, languages["en"])); err != nil {
		t.Fatal(err)
	}
	before, err := os.ReadDir(filepath.Join(used, "000"))
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		scenario string
		args     []string
		want     string
	}{
		{"a file as an argument", []string{"-n", "2", "out.json"}, `unexpected argument "out.json": the dataset goes to standard output (gendata -n N > FILE), or into a folder with -dir DIR`},
		{"a folder that holds files", []string{"-n", "1", "-dir", used}, "-dir " + used + " is not empty: give a new or empty folder"},
	} {
		t.Run(tt.scenario, func(t *testing.T) {
			var out bytes.Buffer
			err := run(tt.args, &out)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("run(%q): %v, want %q", tt.args, err, tt.want)
			}
			if out.Len() > 0 {
				t.Errorf("wrote %d bytes to standard output", out.Len())
			}
		})
	}
	if after, err := os.ReadDir(filepath.Join(used, "000")); err != nil || len(after) != len(before) {
		t.Errorf("the used folder holds %d files, had %d (%v)", len(after), len(before), err)
	}
	for _, dir := range []string{filepath.Join(t.TempDir(), "new"), t.TempDir()} {
		if err := run([]string{"-n", "2", "-dir", dir}, io.Discard); err != nil {
			t.Fatalf("-dir %s: %v", dir, err)
		}
		if a, err := dataset.Load(dir, dataset.Options{}); err != nil || a.Len() != 2 {
			t.Errorf("-dir %s: %v", dir, err)
		}
	}
}
