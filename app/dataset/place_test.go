package dataset

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// TestPlace checks the line and column of problems, read a chunk at a
// time, against the same count made a byte at a time, for texts of lines
// and multi-byte characters, with chunks smaller than a line, problems in
// the same chunk, on a line's first column and past the file's end, in
// files with and without a byte order mark (not a character of line 1).
func TestPlace(t *testing.T) {
	plain := func(data string, off int64) (line, col int) {
		line, col = 1, 1
		start := int64(0)
		if strings.HasPrefix(data, string(bom)) && off >= int64(len(bom)) {
			start = int64(len(bom))
		}
		for i := start; i < off && i < int64(len(data)); i++ {
			switch c := data[i]; {
			case c == '\n':
				line, col = line+1, 1
			case c&0xc0 != 0x80:
				col++
			}
		}
		return line, col
	}
	defer func(n int) { placeChunk = n }(placeChunk)
	pieces := []string{"a", " ", "\n", "\n\n", "é", "ک", "😀", `"x": 1,`}
	rng := rand.New(rand.NewPCG(5, 6))
	for _, chunk := range []int{1, 2, 3, 7, 64, 1 << 20} {
		placeChunk = chunk
		for range 300 {
			var b strings.Builder
			if rng.IntN(2) == 0 {
				b.Write(bom)
			}
			for range rng.IntN(80) {
				b.WriteString(pieces[rng.IntN(len(pieces))])
			}
			data := b.String()
			probs := make([]Problem, 1+rng.IntN(4))
			for i := range probs {
				probs[i].off = int64(rng.IntN(len(data) + 3))
			}
			if err := place(&file{name: "t.json", data: []byte(data), size: int64(len(data))}, probs); err != nil {
				t.Fatal(err)
			}
			for _, p := range probs {
				if line, col := plain(data, p.off); p.Line != line || p.Column != col {
					t.Fatalf("chunks of %d, %q at %d: line %d column %d, want %d:%d", chunk, data, p.off, p.Line, p.Column, line, col)
				}
			}
		}
	}
}
