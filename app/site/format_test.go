package site_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"dateline/app/site"
)

// formatData is a plainly synthetic dataset whose text takes every path
// of the search's folding: case and accents (Latin-1, Latin Extended-A
// and -B, Latin Extended Additional), an English possessive, the
// Arabic article and its particles, Sorani letters, Eastern Arabic
// digits, a caption, a dateline, a section, authors and tags; and a site
// whose address, publisher and other edition are in every page's head
// (canonical links, og:url, JSON-LD, hreflang).
const formatData = `{"site": {"name": "Synthetic Format Test", "lang": "en", "url": "https://news.example.org", "publisher": "Synthetic Format Press",
  "editions": [{"lang": "ar", "name": "اختبار اصطناعي", "url": "https://ar.news.example.org/"}]}, "articles": [
  {"slug": "format-latin", "headline": "Zévrano’s Quillan budget, 2024", "section": "World", "tags": ["Alpha"],
   "published": "2024-03-05T09:00:00Z", "authors": ["Jane Roe"], "dateline": {"place": "SYNTHVILLE", "source": "Synthetic Wire"},
   "figures": [{"caption": "A synthetic chart.", "image": {"src": "https://img.example/synthetic-chart.svg", "alt": "A synthetic chart", "width": 800, "height": 600}},
     {"caption": "A synthetic caption of the Vandel ridge.", "credit": "Photo: synthetic"},
     {"caption": "A synthetic photo.", "image": {"src": "https://img.example/synthetic-photo.jpg", "alt": "A synthetic photo", "width": 1200, "height": 800}}],
   "body": [{"type": "paragraph", "text": "The council's synthetic text of O'Sullivan, ÆNVAR and Brüvel, from Zărnești and Vĩnh Quyết."}]},
  {"slug": "format-arabic", "lang": "ar", "headline": "اختبار المقال بالزيلان", "section": "World",
   "published": "2024-03-04",
   "body": [{"type": "paragraph", "text": "نص اصطناعي للاختبار عن الرامون والزيلان وحزب الله في ٢٠٢٤."}]},
  {"slug": "format-sorani", "lang": "ckb", "headline": "تاقیکردنەوەی دەستکرد",
   "body": [{"type": "paragraph", "text": "دەقی دەستکرد بۆ تاقیکردنەوە لە ساڵی ٢٠٢٤."}]}
]}`

// formatSums are the hashes of the data path's files for formatData, by
// DataFormat. Those before 5 were taken with the data path's name in the
// files' bytes, before it was masked (5's was 00491ae0df50534b6c2e21c5
// then: the same files); those before 7 without format-latin's two photos;
// those before 9 without the site's address, publisher and edition (8's
// was b89340c94ef414a97f7d68d2 then: the same code), nor letters of Latin
// Extended-B and Latin Extended Additional, which search folds from 9 on
// (8's was c408269dc9ea943d180b8468 with them).
var formatSums = map[int]string{
	2:  "b9d4381309ae857ac2ae668f",
	3:  "22d513f1a6b77b1b220718a8", // the dateline's place and the section searched
	4:  "f74dbb12a8e79f2fee379301", // a no-break space after "Dr." before a capital beyond ASCII ("Dr. Élise")
	5:  "aba434d3ebad247474f6a4f2", // no og:locale in a page's head for a language without a region
	6:  "ef51553b9ada12d63e4330e2", // a date alone in a page's head and JSON-LD as the RFC 3339 time it stands for
	7:  "3a17cbb397a980017a8ca6e7", // a page's og:image from its first figure that is not SVG
	8:  "d92fa1b83ca82d337e61be04", // every indexed page's robots meta lets search engines show its images large; a list page's og:image its lead's
	9:  "714a268b41fd8fd2ded6a129", // search folds Latin Extended-B and Latin Extended Additional (ș→s, ệ→e)
	10: "f8a6a04449822dc80c54927a", // an article without a "lang" is in the edition's language, which its data file says
}

// TestDataFormat holds the data path's files to site.DataFormat: browsers
// keep them a year under a path that only the dataset and DataFormat
// name, so files that change for the same dataset and DataFormat would
// meet a reader's browser holding the old ones. It hashes every file
// under the data path of an export of formatData (its path in the data
// path, then its bytes with the data path's name masked: a new name is a
// new path, which no browser holds), for two builds, which must not
// matter.
func TestDataFormat(t *testing.T) {
	sum := func(build string) string {
		s := newSite(t, []byte(formatData), testWeb(t, nil), build)
		dir := filepath.Join(t.TempDir(), "site")
		if _, err := s.Export(t.Context(), dir); err != nil {
			t.Fatal(err)
		}
		root := filepath.Join(dir, filepath.FromSlash(strings.TrimPrefix(s.DataBase, "/")))
		var names []string
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				names = append(names, p)
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		if len(names) < 10 {
			t.Fatalf("the data path of the export holds %d files", len(names))
		}
		sort.Strings(names)
		h := sha256.New()
		for _, p := range names {
			b, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			rel, err := filepath.Rel(root, p)
			if err != nil {
				t.Fatal(err)
			}
			h.Write([]byte(filepath.ToSlash(rel) + "\n"))
			h.Write(bytes.ReplaceAll(b, []byte(s.DataBase), []byte("/data/DATA-PATH")))
		}
		return hex.EncodeToString(h.Sum(nil)[:12])
	}
	got := sum("one build")
	if other := sum("another build"); other != got {
		t.Fatalf("the data path's files depend on the build: %s and %s", got, other)
	}
	if want := formatSums[site.DataFormat]; got != want {
		t.Fatalf("the data path's files for a fixed dataset hash to %s; DataFormat %d expects %q.\n"+
			"If their form changed on purpose (a page's data file, the search index, how search splits or folds a word), "+
			"raise site.DataFormat and record the new sum under it: browsers keep these files a year under a path "+
			"that only the dataset and DataFormat name.", got, site.DataFormat, want)
	}
}
