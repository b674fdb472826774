package article

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// TestTextFault checks the text scan, which reads eight ASCII bytes at a
// time, against the rule it keeps, read a character at a time: the same
// count, and the same first bad character, for texts made of the bytes
// at every edge of the rule, at every offset within a word.
func TestTextFault(t *testing.T) {
	plain := func(s string, multiline bool) (int, rune) {
		n, bad := 0, rune(-1)
		for _, r := range s {
			n++
			ok := r >= 0x20 && r != 0x7f && r != utf8.RuneError && !unicode.IsControl(r) && !IsNoncharacter(r) ||
				multiline && (r == '\n' || r == '\t')
			if !ok && bad < 0 {
				bad = r
			}
		}
		return n, bad
	}
	pieces := []string{"a", " ", "~", "\x1f", "\x00", "\x7f", "\n", "\t", "\r", "\x80", "\xff", "é", "\u0085", "\ufffd", "ک", "😀", "\xe2\x82",
		"\u00a0", "\u00bf", "\u00c0", "\u07ff", "\u0800", "\xc3", "\xdf", "\xc0\x80", "\xc1\xbf", "\xc2\x9f", "\xe0", "\uffff", "\ufffe", "\ufdd0", "\ufdef", "\ufdcf", "\ufdf0", "\U0001fffe", "\U0010ffff", "\U0010fffd"}
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
			gn, gbad := scanText(s, multiline)
			wn, wbad := plain(s, multiline)
			if gn != wn || gbad != wbad {
				t.Fatalf("scanText(%q, %v) = %d, %U; want %d, %U", s, multiline, gn, gbad, wn, wbad)
			}
		}
	}
	// The scan's findings, in words.
	for _, tt := range []struct {
		s    string
		max  int
		want string
	}{
		{"plain", 10, ""},
		{"too long", 3, "text is 8 characters long, more than 3"},
		{"a\x01b", 10, "text holds the control character U+0001"},
		{"a\ufffdb", 10, "text holds U+FFFD, the replacement for a character that was lost"},
		{"a\uffffb", 10, "text holds the noncharacter U+FFFF, which a web page may not hold"},
		{"a\ufdd0b", 10, "text holds the noncharacter U+FDD0, which a web page may not hold"},
		{"a\U0001fffeb", 10, "text holds the noncharacter U+1FFFE, which a web page may not hold"},
	} {
		if got, _ := textFault(tt.s, tt.max, false); got != tt.want {
			t.Errorf("textFault(%q, %d) = %q, want %q", tt.s, tt.max, got, tt.want)
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

// TestAddressFaults checks that an image's src or a link's url refused for
// a character it must escape names that character and its escape, as a
// path on the site and as a URL.
func TestAddressFaults(t *testing.T) {
	for _, tt := range []struct {
		char, name, escape string
	}{
		{" ", "a space", "%20"},
		{"\t", "a tab", "%09"},
		{"\n", "a line break", "%0A"},
		{"\r", "a carriage return", "%0D"},
		{"<", `"<"`, "%3C"},
		{">", `">"`, "%3E"},
		{`"`, `a double quote (")`, "%22"},
		{"\x01", "the control character U+0001", "%01"},
		{"\x7f", "the control character U+007F", "%7F"},
		{`\`, `a backslash (\)`, `write "/" between folders`},
	} {
		for _, addr := range []string{"/media/a" + tt.char + "b.jpg", "https://images.example.org/a" + tt.char + "b.jpg"} {
			a := Article{Slug: "a", Headline: "Synthetic", Body: []Block{{Type: Paragraph, Text: "Text."}},
				Figures:   []Figure{{Image: &Image{Src: addr, Width: 4, Height: 3}}},
				SourceURL: "https://example.org/a" + tt.char + "b"}
			faults := a.Validate(now)
			if len(faults) != 2 {
				t.Errorf("%q: faults %+v, want two", addr, faults)
				continue
			}
			for _, f := range faults {
				if !strings.Contains(f.Message, "has "+tt.name+", which an address must escape") || !strings.Contains(f.Hint, tt.escape) {
					t.Errorf("%q: %s: %q (%q), want it to name %s and %s", addr, f.Pointer, f.Message, f.Hint, tt.name, tt.escape)
				}
			}
		}
	}
}
