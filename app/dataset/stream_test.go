package dataset

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// synthetic writes a dataset of n plainly synthetic articles, each with
// several paragraphs of a few hundred bytes: articles larger than the
// decoder's own buffer, and names of objects well before the end of their
// values, as in a newsroom's archive.
func synthetic(n int) []byte {
	rng := rand.New(rand.NewPCG(7, 8))
	words := strings.Fields("synthetic lorem ipsum dolor sit amet test text placeholder words")
	text := func(n int) string {
		w := make([]string, n)
		for i := range w {
			w[i] = words[rng.IntN(len(words))]
		}
		return strings.Join(w, " ")
	}
	var b strings.Builder
	fmt.Fprintf(&b, "{\n  \"site\": {\"name\": \"Synthetic Times\", \"lang\": \"en\", \"description\": %q},\n  \"articles\": [", text(60))
	for i := range n {
		if i > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, "\n    {\"slug\": \"synthetic-%04d\", \"headline\": %q, \"dateline\": {\"place\": \"TESTVILLE\", \"source\": %q}, \"tags\": [%q, %q], \"body\": [",
			i, text(6), text(3), text(1), text(2))
		for j := range 2 + rng.IntN(8) {
			if j > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, "\n      {\"type\": \"paragraph\", \"text\": %q}", text(10+rng.IntN(60)))
		}
		fmt.Fprintf(&b, "\n    ], \"related\": [{\"title\": %q, \"url\": \"https://example.org/%d\"}]}", text(4), i)
	}
	b.WriteString("\n  ]\n}\n")
	return []byte(b.String())
}

// loadAs loads data as one file, streamed through a buffer or read whole.
func loadAs(t *testing.T, data []byte, streamed bool) []Problem {
	t.Helper()
	defer func(n int64) { wholeFile = n }(wholeFile)
	wholeFile = int64(len(data)) // read whole
	if streamed {
		wholeFile = 0
	}
	_, err := LoadBytes("synthetic.json", data)
	if err == nil {
		return nil
	}
	return problemsOf(t, err).Problems
}

// TestStreamedPointers checks that a file streamed through a buffer gives
// every problem the same place, pointer included, as the same file read
// whole, with a broken byte at many places. The decoder of a stream once
// gave the names of objects inside an article from its buffer after it had
// moved the buffer's bytes to read more: /articles/236//7/text for
// /articles/236/body/7/text.
func TestStreamedPointers(t *testing.T) {
	data := synthetic(20)
	if p := loadAs(t, data, true); p != nil {
		t.Fatalf("the synthetic dataset has problems:\n%s", listOf(p))
	}
	differ := 0
	for _, insert := range []string{"\x01", "}", "\xff"} {
		for at := 3; at < len(data); at += 97 {
			broken := append(append(append([]byte(nil), data[:at]...), insert...), data[at:]...)
			whole, streamed := loadAs(t, broken, false), loadAs(t, broken, true)
			if listOf(whole) != listOf(streamed) {
				differ++
				if differ <= 5 {
					t.Errorf("%q at byte %d:\nread whole:\n%sstreamed:\n%s", insert, at, listOf(whole), listOf(streamed))
				}
			}
		}
	}
	if differ > 0 {
		t.Errorf("%d broken files placed their problems otherwise when streamed", differ)
	}
}

// TestStreamedStart checks that what comes before the dataset's opening
// brace, white space or a byte order mark, is read alike whole and
// streamed, and that a problem on line 1 is placed alike. A streamed file
// that started with three bytes of white space (blank lines, an indented
// brace) once lost its brace to the check for an empty file: "expected
// an object, found a string" at 1:1.
func TestStreamedStart(t *testing.T) {
	for _, tt := range []struct {
		scenario, start string
		line, col       int // of a problem after it
	}{
		{"nothing", "", 1, 14},
		{"spaces", "   ", 1, 17},
		{"blank lines", "\n\n\n\n", 5, 14},
		{"CRLF lines", "\r\n\r\n", 3, 14},
		{"byte order mark", "\xef\xbb\xbf", 1, 14},
		{"byte order mark and a line", "\xef\xbb\xbf\n", 2, 14},
	} {
		t.Run(tt.scenario, func(t *testing.T) {
			data := append([]byte(tt.start), synthetic(2)...)
			if whole, streamed := loadAs(t, data, false), loadAs(t, data, true); whole != nil || streamed != nil {
				t.Errorf("read whole:\n%sstreamed:\n%s", listOf(whole), listOf(streamed))
			}
			broken := append([]byte(tt.start), `{"articles": 1}`...)
			whole, streamed := loadAs(t, broken, false), loadAs(t, broken, true)
			if len(whole) != 1 || listOf(whole) != listOf(streamed) {
				t.Errorf("read whole:\n%sstreamed:\n%s", listOf(whole), listOf(streamed))
			} else if p := whole[0]; p.Line != tt.line || p.Column != tt.col {
				t.Errorf("placed at %d:%d, want %d:%d: %s", p.Line, p.Column, tt.line, tt.col, p)
			}
			// Only white space: empty, either way, at 1:1.
			for _, streamed := range []bool{false, true} {
				got := loadAs(t, []byte(tt.start), streamed)
				if len(got) != 1 || got[0].Message != "the file is empty" || got[0].Line != 1 || got[0].Column != 1 {
					t.Errorf("only %q (streamed %v):\n%s", tt.start, streamed, listOf(got))
				}
			}
		})
	}
}
