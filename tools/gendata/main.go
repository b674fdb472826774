// Command gendata writes a plainly synthetic dataset of N articles for
// scale tests and benchmarks: placeholder words, in sections and with tags
// of placeholder names, dated 80 a day back from 2026, some undated. The
// same N, seed and language always give the same bytes.
//
//	go run ./tools/gendata -n 2000 > /tmp/synthetic-2000.json
//	go run ./tools/gendata -n 2000 -dir /tmp/synthetic-2000   # a folder dataset
//	go run ./tools/gendata -n 2000 -lang ckb > /tmp/synthetic-ckb.json  # a Sorani edition
package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"log"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"time"

	"dateline/app/article"
)

// perDay is how many articles a synthetic day has.
const perDay = 80

func main() {
	var printed printedError
	switch err := run(os.Args[1:], os.Stdout); {
	case err == nil, errors.Is(err, flag.ErrHelp):
	case errors.As(err, &printed):
		os.Exit(2) // the flag package has said what is wrong
	default:
		log.Fatalf("gendata: %v", err)
	}
}

// printedError is a problem with the flags, which the flag package has
// printed with their usage.
type printedError struct{ error }

func (e printedError) Unwrap() error { return e.error }

// run generates the dataset the flags in args ask for, into the folder
// -dir or onto stdout.
func run(args []string, stdout io.Writer) error {
	flags := flag.NewFlagSet("gendata", flag.ContinueOnError)
	n := flags.Int("n", 1000, "number of articles")
	seed := flags.Uint64("seed", 1, "random seed")
	dir := flags.String("dir", "", "write a folder dataset into `DIR` (a new or empty folder: a file per article, 1,000 to a subfolder) instead of one file on standard output")
	tag := flags.String("lang", "en", "the edition's `language`: "+languageTags()+" (Arabic and Sorani Kurdish write the placeholder words in Arabic script)")
	if err := flags.Parse(args); err != nil {
		return printedError{err}
	}
	if flags.NArg() > 0 {
		// gendata -n 10 out.json would write the dataset to the
		// terminal, and out.json not at all.
		return fmt.Errorf("unexpected argument %q: the dataset goes to standard output (gendata -n N > FILE), or into a folder with -dir DIR", flags.Arg(0))
	}
	if *n < 1 {
		return errors.New("-n must be at least 1")
	}
	lang, ok := languages[*tag]
	if !ok {
		return fmt.Errorf("-lang %q: not a language gendata writes (%s)", *tag, languageTags())
	}
	if *dir != "" {
		// Every .json file of a folder is the dataset's: a folder
		// written before, for more articles, would keep those past N.
		switch entries, err := os.ReadDir(*dir); {
		case err == nil && len(entries) > 0:
			return fmt.Errorf("-dir %s is not empty: give a new or empty folder (a folder dataset is every .json file in it, so what it holds would stay in the dataset)", *dir)
		case err != nil && !errors.Is(err, fs.ErrNotExist):
			return fmt.Errorf("-dir %s: %w", *dir, err)
		}
	}
	ds := Generate(*n, *seed, lang)
	if *dir == "" {
		w := bufio.NewWriterSize(stdout, 1<<20)
		if err := write(w, ds); err != nil {
			return fmt.Errorf("writing: %w", err)
		}
		if err := w.Flush(); err != nil {
			return fmt.Errorf("writing: %w", err)
		}
		return nil
	}
	return writeFolder(*dir, ds)
}

func write(w *bufio.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", " ")
	return enc.Encode(v)
}

// siteFile is the content of a folder's site.json: the site alone. A
// folder dataset lets one file hold only the site, but only without an
// "articles" member: article.Dataset always writes one (null when empty),
// and the loader refuses both null and an empty list.
type siteFile struct {
	Site *article.Site `json:"site"`
}

// writeFolder writes the site into site.json and each article into a file
// of its own.
func writeFolder(dir string, ds *article.Dataset) error {
	files := map[string]any{"site.json": siteFile{Site: ds.Site}}
	for i, a := range ds.Articles {
		name := filepath.Join(fmt.Sprintf("%03d", i/1000), a.Slug+".json")
		files[name] = &article.Dataset{Articles: []article.Article{a}}
	}
	for name, d := range files {
		if err := writeFile(filepath.Join(dir, name), d); err != nil {
			return err
		}
	}
	return nil
}

// writeFile writes v as indented JSON into the file at p, making its
// folder if need be.
func writeFile(p string, v any) error {
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return fmt.Errorf("making the folder of %s: %w", p, err)
	}
	f, err := os.Create(p)
	if err != nil {
		return fmt.Errorf("creating %s: %w", p, err)
	}
	w := bufio.NewWriter(f)
	err = write(w, v)
	if err == nil {
		err = w.Flush()
	}
	err = errors.Join(err, f.Close())
	if err != nil {
		return fmt.Errorf("writing %s: %w", p, err)
	}
	return nil
}

// Slug names synthetic article i.
func Slug(i int) string { return fmt.Sprintf("synthetic-article-%05d", i) }

// Generate builds the dataset in the language l. Article i is published
// perDay to a day, the newest (i = 0) on 1 January 2026; one in 20 has no
// date.
func Generate(n int, seed uint64, l *language) *article.Dataset {
	r := rand.New(rand.NewPCG(seed, uint64(n)))
	word := func() string {
		w := l.words[r.IntN(len(l.words))]
		if l.vary != nil {
			w = l.vary(r, w)
		}
		return w
	}
	sentence := func(min, max int) string {
		k := min + r.IntN(max-min+1)
		ws := make([]string, k)
		for i := range ws {
			ws[i] = word()
		}
		s := strings.Join(ws, " ")
		if l.upper {
			s = strings.ToUpper(s[:1]) + s[1:]
		}
		return s + "."
	}
	title := func(w string) string {
		if !l.upper {
			return w
		}
		return strings.ToUpper(w[:1]) + w[1:]
	}
	newest := time.Date(2026, 1, 1, 18, 0, 0, 0, time.UTC)
	ds := &article.Dataset{
		Site:     &article.Site{Name: l.site, Description: l.about, Lang: l.tag},
		Articles: make([]article.Article, n),
	}
	for i := range ds.Articles {
		a := article.Article{
			Slug:     Slug(i),
			Lang:     l.tag,
			Headline: fmt.Sprintf(l.headline, l.digits(i)) + ": " + strings.TrimSuffix(sentence(4, 8), "."),
			Dateline: &article.Dateline{Place: l.place, Source: l.wire},
			Section:  l.sections[r.IntN(len(l.sections))],
			Figures:  []article.Figure{{Caption: fmt.Sprintf(l.caption, l.digits(i)), Credit: l.credit}},
		}
		if i%20 != 19 {
			t := newest.Add(-time.Duration(i) * 24 * time.Hour / perDay)
			a.Published = t.Format(time.RFC3339)
			if i%10 == 3 {
				a.Updated = t.Add(3 * time.Hour).Format(time.RFC3339)
			}
		}
		for range r.IntN(4) {
			tag := title(l.words[r.IntN(len(l.words))]) + " " + l.words[r.IntN(len(l.words))]
			if !hasTag(a.Tags, tag) {
				a.Tags = append(a.Tags, tag)
			}
		}
		paras := 4 + r.IntN(5)
		for p := 0; p < paras; p++ {
			var sb []string
			for s := 0; s < 3+r.IntN(3); s++ {
				sb = append(sb, sentence(8, 20))
			}
			a.Body = append(a.Body, article.Block{Type: article.Paragraph, Text: strings.Join(sb, " ")})
			if p == 1 && n > 1 {
				next := article.Link{Title: fmt.Sprintf(l.headline, l.digits((i+1)%n)), Slug: Slug((i + 1) % n)}
				a.Body = append(a.Body, article.Block{Type: article.ReadMore, Link: next})
				a.Related = append(a.Related, next)
			}
		}
		a.Related = append(a.Related,
			article.Link{Title: l.elsewhere},
			article.Link{Title: l.away, URL: "https://example.com/synthetic/" + fmt.Sprint(i)},
		)
		ds.Articles[i] = a
	}
	return ds
}

// hasTag reports whether tags holds a tag with the same page as tag.
func hasTag(tags []string, tag string) bool {
	for _, t := range tags {
		if article.NameSlug(t) == article.NameSlug(tag) {
			return true
		}
	}
	return false
}
