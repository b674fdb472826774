package jsonread

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestStrings(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{`"plain"`, "plain"},
		{`"a\"b\\c\/d\b\f\n\r\t"`, "a\"b\\c/d\b\f\n\r\t"},
		{`"\u00e9\u0628\u200c"`, "é\u0628\u200c"},
		{`"\ud83d\ude00 pair"`, "😀 pair"},
		{`"lone \ud800 high"`, "lone \ufffd high"},
		{`"lone \udc00 low"`, "lone \ufffd low"},
		{`"هەولێر"`, "هەولێر"},
	} {
		r := NewReader([]byte(tt.in))
		if got := r.String(); got != tt.want || r.End() != nil {
			t.Errorf("String(%s) = %q (%v), want %q", tt.in, got, r.Err(), tt.want)
		}
	}
}

// TestStringRuns checks strings read eight bytes at a time against
// encoding/json: quotes, escapes and control characters at every offset
// of a word, in strings of every length up to a few words.
func TestStringRuns(t *testing.T) {
	pieces := []string{"a", "b", " ", "é", "ب", `\"`, `\\`, `\n`, `\u0628`, "\x01", "\x1f", "\t", "~", "\x7f"}
	for n := 0; n < 4000; n++ {
		var b []byte
		b = append(b, '"')
		for k, x := 0, uint(n); k < 3+n%23; k++ {
			p := pieces[0]
			if x%3 == 0 { // mostly plain, the rest anywhere
				p = pieces[(x/3)%uint(len(pieces))]
			}
			x = x*31 + 7
			b = append(b, p...)
		}
		b = append(b, '"', ' ', '1')
		var want string
		wantErr := json.Unmarshal(b[:len(b)-2], &want)
		r := NewReader(b)
		r.Alias = n%2 == 0
		got := r.String()
		if (r.Err() != nil) != (wantErr != nil) || wantErr == nil && got != want {
			t.Fatalf("String(%q) = %q (%v), want %q (%v)", b, got, r.Err(), want, wantErr)
		}
	}
}

// TestShapeProblems checks the problems reported while reading: the wrong
// type, a field given twice, an unknown field, each with offset and pointer.
func TestShapeProblems(t *testing.T) {
	data := []byte(`{"a": 1, "list": ["x", 2], "a": 3, "obj": {"colour": true}, "n": 1.5}`)
	var got []Problem
	r := NewReader(data)
	r.Report = func(p Problem) { got = append(got, p) }
	r.Object(func(key string) {
		switch key {
		case "a":
			_ = r.String()
		case "list":
			r.StringList()
		case "obj":
			r.Object(func(key string) { r.Unknown(key, []string{"color", "size"}) })
		case "n":
			r.Int()
		}
	})
	if err := r.End(); err != nil {
		t.Fatal(err)
	}
	want := []Problem{
		{Offset: 6, Pointer: "/a", Message: "expected a string, found a number", Unusable: true},
		{Offset: 23, Pointer: "/list/1", Message: "expected a string, found a number", Unusable: true},
		{Offset: 27, Pointer: "/a", Message: `field "a" is given twice`},
		{Offset: 43, Pointer: "/obj/colour", Message: `unknown field "colour"`},
		{Offset: 65, Pointer: "/n", Message: "1.5 is not a whole number", Unusable: true},
	}
	if len(got) != len(want) {
		t.Fatalf("got %+v", got)
	}
	for i, w := range want {
		g := got[i]
		if g.Offset != w.Offset || g.Pointer != w.Pointer || g.Message != w.Message || g.Unusable != w.Unusable || g.Hint == "" {
			t.Errorf("problem %d = %+v, want %+v with a hint", i, g, w)
		}
	}
	if got[3].Hint != `did you mean "color"? known fields here: color, size` {
		t.Errorf("hint %q", got[3].Hint)
	}
}

func TestLocate(t *testing.T) {
	data := []byte(`{"a": [10, {"b~/c": "x"}], "d": {"e": null}}`)
	for _, tt := range []struct {
		pointer string
		off     int
		err     error
	}{
		{"", 0, nil},
		{"/a", 6, nil},
		{"/a/1", 11, nil},
		{"/a/1/b~0~1c", 20, nil},
		{"/d/e", 38, nil},
		{"/d/f", 32, ErrNotFound},
		{"/a/7", 6, ErrNotFound},
	} {
		off, err := Locate(data, tt.pointer)
		if off != tt.off || !errors.Is(err, tt.err) {
			t.Errorf("Locate(%q) = %d, %v, want %d, %v", tt.pointer, off, err, tt.off, tt.err)
		}
	}
}

// FuzzReader checks that no input makes the reader panic or loop, and that
// what encoding/json reads as a string the reader reads the same.
func FuzzReader(f *testing.F) {
	for _, s := range []string{`{"a": "b"}`, `["x", 1, {"y": [true, null]}]`, `"\ud83d\ude00"`, `{"a"`, `[1,,]`, `"\u12"`, "\"\xff\""} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		r := NewReader(data)
		r.Report = func(Problem) {}
		r.Skip()
		_ = r.End()
		var want string
		if json.Unmarshal(data, &want) == nil && utf8.Valid(data) {
			r := NewReader(data)
			if got := r.String(); r.End() == nil && got != want {
				t.Errorf("String(%q) = %q, encoding/json reads %q", data, got, want)
			}
		}
		_, _ = Locate(data, "/a/0")
	})
}

func BenchmarkString(b *testing.B) {
	data := []byte(`"` + strings.Repeat("Synthetic text of a paragraph, plain ASCII. ", 40) + `"`)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		r := NewReader(data)
		r.Alias = true
		if r.String() == "" {
			b.Fatal(r.Err())
		}
	}
}
