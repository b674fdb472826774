package search

import (
	"encoding/binary"
	"hash/crc32"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
	"unsafe"
)

// A document's body is cut in two parts: the head part, fetched for every
// hit shown, holds what the hit shows and the first paragraph (or, if that
// is long, its first sentences); the rest part is fetched only for the
// hits whose excerpt must show a match that the head part lacks.
const (
	headMin  = 160 // the head part's body has at least this many bytes…
	headMax  = 640 // …ends at a paragraph or sentence end before this…
	headSoft = 400 // …or, failing those, at a space before this
)

// docHead is a parsed head part: its hit, but for the marks, and the
// start of its body.
type docHead struct {
	hit     Hit
	body    string // the start of the body
	restLen int    // the rest part's size
}

// appendBody appends d's paragraphs, separated by newlines, each on one
// line.
func appendBody(dst []byte, d *Doc) []byte {
	for i, p := range d.Body {
		if i > 0 {
			dst = append(dst, '\n')
		}
		dst = appendParagraph(dst, p)
	}
	return dst
}

// appendParagraph appends p with its line breaks made spaces, and the
// space after an abbreviation's full stop ("the U.S. envoy", "J. Doe",
// "Gen. Doe", "Jan. 5") made a no-break space: sentenceEnd ends no
// sentence there. The rule is the host's, written into the index, so that
// app.wasm does not carry it.
func appendParagraph(dst []byte, p string) []byte {
	at := len(dst)
	for i := 0; ; {
		j := strings.IndexByte(p[i:], '.')
		if j < 0 || i+j+1 >= len(p) {
			dst = append(dst, p[i:]...)
			break
		}
		j += i + 1 // after the full stop
		dst = append(dst, p[i:j]...)
		i = j
		if c := p[j]; (c == ' ' || c == '\n' || c == '\r') && abbreviation(p, j) {
			dst = append(dst, "\u00a0"...)
			i++
		}
	}
	for i := at; i < len(dst); i++ {
		if dst[i] == '\n' || dst[i] == '\r' {
			dst[i] = ' '
		}
	}
	return dst
}

// abbreviation tells whether the full stop before p[i], a space or a line
// break, ends an abbreviation rather than a sentence: before a word in
// lower case, after a single capital, after a title that comes before a
// name, or after a month or "No" before a number. Titles that end
// sentences as often ("Jr.", "St.") are left to end them. Capitals are
// those of any script with case ("Dr. Élise", "Б. Иванов"); lower case is
// ASCII's alone, as Georgian's letters are all lower case and its
// sentences would never end.
func abbreviation(p string, i int) bool {
	k := i
	for k < len(p) && (p[k] == ' ' || p[k] == '\n' || p[k] == '\r') {
		k++
	}
	next, _ := utf8.DecodeRuneInString(p[k:]) // utf8.RuneError at the end
	if 'a' <= next && next <= 'z' {
		return true
	}
	dot := i - 1
	if r, n := utf8.DecodeLastRuneInString(p[:dot]); r >= utf8.RuneSelf && unicode.IsUpper(r) && wordStart(p, dot-n) {
		return true // a single capital beyond ASCII's: "É. Dupont"
	}
	w := dot
	for w > 0 && ('a' <= p[w-1] && p[w-1] <= 'z' || 'A' <= p[w-1] && p[w-1] <= 'Z') {
		w--
	}
	word := p[w:dot]
	if !wordStart(p, w) {
		return false // the end of something else: "3.5. Then", "e-mail. Then"
	}
	switch {
	case len(word) == 1 && 'A' <= word[0] && word[0] <= 'Z':
		return true
	case unicode.IsUpper(next):
		// Titles that come before a name.
		switch word {
		case "Mr", "Mrs", "Ms", "Dr", "Prof", "Gen", "Sen", "Rep", "Gov", "Lt", "Col", "Capt", "Sgt", "Maj", "Adm", "Rev", "Fr", "Hon", "Pres", "Supt":
			return true
		}
	case '0' <= next && next <= '9':
		// Before a number.
		switch word {
		case "Jan", "Feb", "Mar", "Apr", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "No", "Nos", "Art", "Vol", "p", "pp":
			return true
		}
	}
	return false
}

// wordStart tells whether a word that starts at p[w] starts there: at the
// start of p or after a space, a line break, a full stop or a bracket.
func wordStart(p string, w int) bool {
	if w == 0 {
		return true
	}
	c := p[w-1]
	return c == ' ' || c == '.' || c == '(' || c == '\n' || c == '\r'
}

// headCut returns where the head part's body ends.
func headCut(text []byte) int {
	if len(text) <= headMax {
		return len(text)
	}
	for i := headMin; i < headMax; i++ {
		if text[i] == '\n' {
			return i
		}
	}
	for i := headMin; i < headMax-1; i++ {
		if sentenceEnd(text, i) {
			return i
		}
	}
	for i := headSoft; i > 0; i-- {
		if text[i] == ' ' {
			return i
		}
	}
	return len(cut(text, headSoft))
}

// sentenceEnd tells whether a sentence ends just before text[i], which is
// a space or a newline (an abbreviation's full stop is followed by a
// no-break space in the index: appendParagraph).
func sentenceEnd[T string | []byte](text T, i int) bool {
	if i == 0 || i >= len(text) || text[i] != ' ' && text[i] != '\n' {
		return false
	}
	switch c := text[i-1]; {
	case c == '.' || c == '!' || c == '?':
		return true
	case i >= 2 && (c == 0x9f && text[i-2] == 0xd8 || c == 0x94 && text[i-2] == 0xdb): // ؟ ۔
		return true
	}
	return false
}

// appendHead appends d's head part, whose body is bodyHead, followed in
// the rest part by restLen more bytes.
func appendHead(dst []byte, d *Doc, bodyHead []byte, restLen int) []byte {
	dst = appendString(dst, d.Slug)
	dst = appendString(dst, d.Lang)
	dst = appendString(dst, d.Headline)
	dst = appendString(dst, d.Section)
	dst = appendString(dst, d.Published)
	dst = binary.AppendUvarint(dst, uint64(restLen))
	return append(dst, bodyHead...)
}

func parseHead(data []byte) (*docHead, error) {
	r := &listReader{data: data}
	h := &docHead{}
	for _, f := range [...]*string{&h.hit.Slug, &h.hit.Lang, &h.hit.Headline, &h.hit.Section, &h.hit.Published} {
		*f = r.string()
	}
	n := r.uvarint()
	if r.bad || n > 1<<30 {
		return nil, ErrCorrupt
	}
	h.restLen = int(n)
	h.body = string(data[r.i:])
	return h, nil
}

// docParts returns d's head and rest parts (nil when the body fits the
// head) and their checksum, using buf as scratch space.
func docParts(d *Doc, buf []byte) (head, rest []byte, sum uint64, scratch []byte) {
	buf = appendBody(buf[:0], d)
	text := len(buf)
	cutAt := headCut(buf)
	buf = appendHead(buf, d, buf[:cutAt], text-cutAt)
	head = buf[text:]
	if cutAt < text {
		rest = buf[cutAt:text]
	}
	return head, rest, partsSum(head, crc32.Checksum(rest, castagnoli())), buf
}

// docSum returns the checksum docParts would, without making the rest
// part: the Builder's way, for speed.
func docSum(d *Doc, buf []byte) (sum uint64, scratch []byte) {
	buf = buf[:0]
	k := 0
	for ; k < len(d.Body) && len(buf) <= headMax; k++ {
		if k > 0 {
			buf = append(buf, '\n')
		}
		buf = appendParagraph(buf, d.Body[k])
	}
	text := len(buf)
	cutAt := headCut(buf)
	restLen := text - cutAt
	rest := crc32.Checksum(buf[cutAt:text], castagnoli())
	var para []byte // a paragraph as the index writes it, when not as it is
	for _, p := range d.Body[k:] {
		rest = crc32.Update(rest, castagnoli(), newline)
		if strings.ContainsAny(p, "\r\n") || strings.Contains(p, ". ") { // what appendParagraph may change
			para = appendParagraph(para[:0], p)
			rest = crc32.Update(rest, castagnoli(), para)
			restLen += 1 + len(para)
		} else {
			rest = crc32.Update(rest, castagnoli(), unsafe.Slice(unsafe.StringData(p), len(p)))
			restLen += 1 + len(p)
		}
	}
	buf = appendHead(buf, d, buf[:cutAt], restLen)
	return partsSum(buf[text:], rest), buf
}

var newline = []byte{'\n'}

var (
	castagnoliOnce  sync.Once
	castagnoliTable *crc32.Table
)

// castagnoli returns the CRC-32C table, made on first use, so that
// app.wasm, which never checksums, does not carry the code that makes it.
func castagnoli() *crc32.Table {
	castagnoliOnce.Do(func() { castagnoliTable = crc32.MakeTable(crc32.Castagnoli) })
	return castagnoliTable
}

// partsSum is a document's checksum: the CRC-32C of its head part and of
// its rest part.
func partsSum(head []byte, rest uint32) uint64 {
	return uint64(crc32.Checksum(head, castagnoli()))<<32 | uint64(rest)
}
