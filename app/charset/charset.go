// Package charset tells a text file saved in an encoding other than
// UTF-8, which the dataset and stories are written in, so that a reader
// of either can name it rather than call the file binary.
package charset

import (
	"bytes"
	"encoding/binary"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
)

// Wide names the encoding of a file that starts with head when it is
// UTF-16, as Notepad saves "Unicode", or UTF-32: by its byte order mark;
// by the zero bytes of its first character when that is ASCII, as JSON
// text's always is ("{", or white space) and UTF-8 never writes as a zero;
// or, for text whose first character is not ASCII (a headline in Arabic
// script or Chinese), when all of head reads, unit by unit, as text in one
// of them, a line break among it, and not as UTF-8 text up to its first
// zero byte. It returns "" for any other file.
func Wide(head []byte) string {
	switch {
	case bytes.HasPrefix(head, []byte{0xff, 0xfe, 0, 0}):
		return "UTF-32 (little endian, with a byte order mark)"
	case bytes.HasPrefix(head, []byte{0, 0, 0xfe, 0xff}):
		return "UTF-32 (big endian, with a byte order mark)"
	case bytes.HasPrefix(head, []byte{0xff, 0xfe}):
		return "UTF-16 (little endian, with a byte order mark)"
	case bytes.HasPrefix(head, []byte{0xfe, 0xff}):
		return "UTF-16 (big endian, with a byte order mark)"
	case len(head) >= 4 && head[0] != 0 && head[1] == 0 && head[2] == 0 && head[3] == 0:
		return "UTF-32 (little endian)"
	case len(head) >= 4 && head[0] == 0 && head[1] == 0 && head[2] == 0 && head[3] != 0:
		return "UTF-32 (big endian)"
	case len(head) < 2:
		return ""
	case head[0] != 0 && head[1] == 0:
		return "UTF-16 (little endian)"
	case head[0] == 0 && head[1] != 0:
		return "UTF-16 (big endian)"
	}
	// UTF-16 and UTF-32 text has zero bytes, and the bytes before the
	// first one, read as UTF-8, are broken or control characters (0x06 of
	// U+0647, 0xfd of U+56FD); UTF-8 text with a stray NUL reads cleanly
	// up to it.
	if zero := bytes.IndexByte(head, 0); zero < 0 || zero > 0 && cleanUTF8(head[:zero]) {
		return ""
	}
	for _, w := range []struct {
		name  string
		order binary.ByteOrder
		size  int
	}{
		{"UTF-32 (little endian)", binary.LittleEndian, 4},
		{"UTF-32 (big endian)", binary.BigEndian, 4},
		{"UTF-16 (little endian)", binary.LittleEndian, 2},
		{"UTF-16 (big endian)", binary.BigEndian, 2},
	} {
		if readsAs(head, w.order, w.size) {
			return w.name
		}
	}
	return ""
}

// readsAs reports whether b, cut to whole units of size bytes (4 for
// UTF-32, 2 for UTF-16) in the byte order given, is text: characters
// that are printed or are white space, a line break among them. A
// character cut in two at the end of b is left out.
func readsAs(b []byte, order binary.ByteOrder, size int) bool {
	var rs []rune
	if size == 4 {
		for i := 0; i+4 <= len(b); i += 4 {
			rs = append(rs, rune(order.Uint32(b[i:])))
		}
	} else {
		units := make([]uint16, 0, len(b)/2)
		for i := 0; i+2 <= len(b); i += 2 {
			units = append(units, order.Uint16(b[i:]))
		}
		if n := len(units); n > 0 && utf16.IsSurrogate(rune(units[n-1])) {
			units = units[:n-1] // the first half of a pair cut at the end
		}
		rs = utf16.Decode(units) // a half of a pair alone gives U+FFFD
	}
	lineBreak := false
	for _, r := range rs {
		switch {
		case r == '\n' || r == '\r':
			lineBreak = true
		case r == '\t':
		case r == unicode.ReplacementChar || r > unicode.MaxRune || !unicode.IsGraphic(r):
			return false
		}
	}
	return lineBreak
}

// cleanUTF8 reports whether b is UTF-8 text without control characters
// other than tab and line breaks.
func cleanUTF8(b []byte) bool {
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		if r == utf8.RuneError && size <= 1 || unicode.IsControl(r) && r != '\t' && r != '\n' && r != '\r' {
			return false
		}
		b = b[size:]
	}
	return true
}
