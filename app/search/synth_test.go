package search

import (
	"math/rand/v2"
	"strconv"
	"strings"
)

// Plainly synthetic documents for tests and benchmarks, sized like
// tools/gendata's: a headline "Synthetic article N: …", 4–8 paragraphs of
// 3–5 sentences of 8–20 words. Two words in three are lorem ipsum; the
// rest are made-up words drawn from a long Zipf tail, as a real archive's
// names and rarer words are, in Arabic script for one document in ten.
// A few documents have the rare word "quillotex".

var lorem = strings.Fields(`lorem ipsum dolor sit amet consectetur adipiscing elit sed do
eiusmod tempor incididunt ut labore et dolore magna aliqua enim ad minim veniam quis nostrud
exercitation ullamco laboris nisi aliquip ex ea commodo consequat duis aute irure in
reprehenderit voluptate velit esse cillum fugiat nulla pariatur excepteur sint occaecat
cupidatat non proident sunt culpa qui officia deserunt mollit anim id est laborum`)

var (
	latinSyllables  = strings.Fields("ka lo mi ren tas vo qui zel dor fen bra nu sil tor pe gan wex yul har cim jo sto lek vam")
	arabicSyllables = strings.Fields("کا لو می ڕێ تە سی نا دۆ بە هی زو پا ما گو شە ئا فی جە وا خۆ یا چی ژن ڤە")
	// arabicVariants spells some Sorani letters the Arabic way, as real
	// text mixes them.
	arabicVariants = strings.NewReplacer("ی", "ي", "ک", "ك", "ە", "ة")
	sections       = []string{"Lorem", "Ipsum", "Dolor", "Sit Amet", "Consectetur", "Adipiscing", "Elit", "Tempor"}
)

// rareWord is in about one document in 4,000.
const rareWord = "quillotex"

// tailWord is the made-up word of the given rank: its syllables spell the
// rank in base 24, so every rank has its own word.
func tailWord(rank uint64, syl []string) string {
	var b strings.Builder
	n := rank + uint64(len(syl)) // at least two syllables
	for n > 0 {
		b.WriteString(syl[n%uint64(len(syl))])
		n /= uint64(len(syl))
	}
	return b.String()
}

// synthDoc returns synthetic document i (0 the newest).
func synthDoc(i int) Doc {
	r := rand.New(rand.NewPCG(7, uint64(i)))
	zipf := rand.NewZipf(r, 1.1, 4, 300_000)
	arabic := i%10 == 7
	word := func() string {
		if r.IntN(3) < 2 {
			return lorem[r.IntN(len(lorem))]
		}
		if arabic {
			w := tailWord(zipf.Uint64(), arabicSyllables)
			if r.IntN(4) == 0 {
				w = arabicVariants.Replace(w)
			}
			return w
		}
		return tailWord(zipf.Uint64(), latinSyllables)
	}
	sentence := func(b *strings.Builder, lo, hi int) {
		n := lo + r.IntN(hi-lo+1)
		for k := range n {
			w := word()
			if k > 0 {
				b.WriteByte(' ')
			} else if !arabic {
				w = strings.ToUpper(w[:1]) + w[1:]
			}
			b.WriteString(w)
		}
	}
	var h strings.Builder
	h.WriteString("Synthetic article ")
	h.WriteString(strconv.Itoa(i))
	h.WriteString(": ")
	sentence(&h, 4, 8)
	rare := i%4001 == 17
	if rare && i%3 == 0 {
		h.WriteString(" " + rareWord)
	}
	d := Doc{
		Slug:      "synthetic-article-" + strconv.Itoa(i),
		Lang:      "en",
		Headline:  h.String(),
		Section:   sections[r.IntN(len(sections))],
		Published: "2026-01-01",
	}
	if arabic {
		d.Lang = "ckb"
	}
	paras := 4 + r.IntN(5)
	rareAt := r.IntN(paras)
	for p := range paras {
		var b strings.Builder
		for s := range 3 + r.IntN(3) {
			if s > 0 {
				b.WriteByte(' ')
			}
			sentence(&b, 8, 20)
			if rare && p == rareAt && s == 1 {
				b.WriteString(" " + rareWord)
			}
			b.WriteByte('.')
		}
		d.Body = append(d.Body, b.String())
	}
	return d
}
