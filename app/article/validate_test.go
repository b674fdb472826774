package article

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// TestTextFault checks the text check, which reads eight ASCII bytes at a
// time, against the rule it keeps, read a character at a time: the same
// count, and the same first bad character, for texts made of the bytes
// at every edge of the rule, at every offset within a word.
func TestTextFault(t *testing.T) {
	plain := func(s string, max int, multiline bool) (string, string) {
		n, bad := 0, rune(-1)
		for _, r := range s {
			n++
			ok := r >= 0x20 && r != 0x7f && r != utf8.RuneError && !unicode.IsControl(r) ||
				multiline && (r == '\n' || r == '\t')
			if !ok && bad < 0 {
				bad = r
			}
		}
		switch {
		case n > max:
			return fmt.Sprintf("text is %d characters long, more than %d", n, max), "split or shorten it"
		case bad == utf8.RuneError:
			return "text holds U+FFFD, the replacement for a character that was lost", "find the character the text was meant to have"
		case bad >= 0:
			return fmt.Sprintf("text holds the control character %U", bad), "remove it"
		}
		return "", ""
	}
	pieces := []string{"a", " ", "~", "\x1f", "\x00", "\x7f", "\n", "\t", "\r", "\x80", "\xff", "é", "\u0085", "\ufffd", "ک", "😀", "\xe2\x82"}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		var b strings.Builder
		for range rng.IntN(30) {
			if rng.IntN(4) > 0 {
				b.WriteString(pieces[rng.IntN(3)]) // mostly plain
			} else {
				b.WriteString(pieces[rng.IntN(len(pieces))])
			}
		}
		s := b.String()
		for _, multiline := range []bool{false, true} {
			max := rng.IntN(40)
			gm, gh := textFault(s, max, multiline)
			wm, wh := plain(s, max, multiline)
			if gm != wm || gh != wh {
				t.Fatalf("textFault(%q, %d, %v) = %q, want %q", s, max, multiline, gm, wm)
			}
		}
	}
}

func BenchmarkTextFault(b *testing.B) {
	s := strings.Repeat("Synthetic text of a paragraph, plain ASCII. ", 40)
	b.SetBytes(int64(len(s)))
	for b.Loop() {
		if msg, _ := textFault(s, MaxTextLength, true); msg != "" {
			b.Fatal(msg)
		}
	}
}
