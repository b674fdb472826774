// Command gendata writes a plainly synthetic dataset of N articles for
// scale tests and benchmarks. The same N and seed always give the same
// bytes.
//
//	go run ./tools/gendata -n 2000 > /tmp/synthetic-2000.json
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"math/rand/v2"
	"os"
	"strings"

	"dateline/app/article"
)

// words are placeholder words: nothing here reads as real news.
var words = strings.Fields(`lorem ipsum dolor sit amet consectetur adipiscing elit sed do
eiusmod tempor incididunt ut labore et dolore magna aliqua enim ad minim veniam quis nostrud
exercitation ullamco laboris nisi aliquip ex ea commodo consequat duis aute irure in
reprehenderit voluptate velit esse cillum fugiat nulla pariatur excepteur sint occaecat
cupidatat non proident sunt culpa qui officia deserunt mollit anim id est laborum`)

func main() {
	n := flag.Int("n", 1000, "number of articles")
	seed := flag.Uint64("seed", 1, "random seed")
	flag.Parse()
	if *n < 1 {
		log.Fatal("gendata: -n must be at least 1")
	}
	enc := json.NewEncoder(os.Stdout)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", " ")
	if err := enc.Encode(Generate(*n, *seed)); err != nil {
		log.Fatalf("gendata: writing: %v", err)
	}
}

// Slug names synthetic article i.
func Slug(i int) string { return fmt.Sprintf("synthetic-article-%05d", i) }

// Generate builds the dataset.
func Generate(n int, seed uint64) *article.Dataset {
	r := rand.New(rand.NewPCG(seed, uint64(n)))
	sentence := func(min, max int) string {
		k := min + r.IntN(max-min+1)
		ws := make([]string, k)
		for i := range ws {
			ws[i] = words[r.IntN(len(words))]
		}
		s := strings.Join(ws, " ")
		return strings.ToUpper(s[:1]) + s[1:] + "."
	}
	ds := &article.Dataset{Articles: make([]article.Article, n)}
	for i := range ds.Articles {
		a := article.Article{
			Slug:     Slug(i),
			Lang:     "en",
			Headline: fmt.Sprintf("Synthetic article %d: %s", i, strings.TrimSuffix(sentence(4, 8), ".")),
			Dateline: &article.Dateline{Place: "TESTVILLE", Source: "Synthetic Wire"},
			Figures:  []article.Figure{{Caption: "Synthetic test figure " + fmt.Sprint(i) + ".", Credit: "Photo: none (test data)"}},
		}
		paras := 4 + r.IntN(5)
		for p := 0; p < paras; p++ {
			var sb []string
			for s := 0; s < 3+r.IntN(3); s++ {
				sb = append(sb, sentence(8, 20))
			}
			a.Body = append(a.Body, article.Block{Type: article.Paragraph, Text: strings.Join(sb, " ")})
			if p == 1 && n > 1 {
				next := article.Link{Title: fmt.Sprintf("Synthetic article %d", (i+1)%n), Slug: Slug((i + 1) % n)}
				a.Body = append(a.Body, article.Block{Type: article.ReadMore, Link: next})
				a.Related = append(a.Related, next)
			}
		}
		a.Related = append(a.Related,
			article.Link{Title: "A synthetic story outside this collection"},
			article.Link{Title: "A synthetic page elsewhere", URL: "https://example.com/synthetic/" + fmt.Sprint(i)},
		)
		ds.Articles[i] = a
	}
	return ds
}
