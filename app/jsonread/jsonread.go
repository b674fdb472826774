// Package jsonread decodes JSON into Go values without reflection: each
// type says, member by member, how it reads itself. It is for JSON that a
// validating parser has already accepted (the host checks a dataset's
// syntax with jsontext first) or that the host wrote itself (the data files
// app.wasm reads), so it is fast and small rather than a parser of its own:
// on malformed input it stops with an error, never a panic.
//
// What it does report precisely is the shape of the data: a value of the
// wrong type, a field given twice, an unknown or a missing field, each
// with its byte offset and JSON pointer, through the Reader's Report
// function.
//
// It imports only the standard library: it is in app.wasm.
package jsonread

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
	"unsafe"
)

// Kind is the type of a JSON value.
type Kind byte

// The kinds of JSON value.
const (
	Invalid Kind = iota
	Null
	Bool
	Number
	String
	Array
	Object
)

// String names the kind, as in "expected an object, found a string".
// Invalid is "no JSON value": the data ended, or holds what is not JSON
// (Found names which).
func (k Kind) String() string {
	switch k {
	case Null:
		return "null"
	case Bool:
		return "true or false"
	case Number:
		return "a number"
	case String:
		return "a string"
	case Array:
		return "an array"
	case Object:
		return "an object"
	}
	return "no JSON value"
}

// foundKind is app.wasm's Found (found_js.go): the kind of the value data
// holds after any white space, "nothing" when it ends there.
func foundKind(data []byte) string {
	data = skipSpace(data)
	if len(data) == 0 {
		return "nothing"
	}
	k := (&Reader{data: data}).Peek()
	// Peek goes by the first byte: "tomorrow" is not true.
	literal := ""
	switch k {
	case Bool:
		literal = "false"
		if data[0] == 't' {
			literal = "true"
		}
	case Null:
		literal = "null"
	}
	if len(data) < len(literal) || string(data[:len(literal)]) != literal {
		k = Invalid
	}
	return k.String()
}

// skipSpace returns data after the white space JSON allows.
func skipSpace(data []byte) []byte {
	i := 0
	for i < len(data) && (data[i] == ' ' || data[i] == '\t' || data[i] == '\r' || data[i] == '\n') {
		i++
	}
	return data[i:]
}

// Problem is something wrong with the shape of the data.
type Problem struct {
	// Offset is where the value (or, for a field given twice or unknown,
	// its name) starts in the data.
	Offset  int
	Pointer string
	Message string
	Hint    string
	// Unusable tells that the value is missing or of the wrong type: what
	// it holds cannot be checked further.
	Unusable bool
}

// Reader reads one JSON value.
type Reader struct {
	data []byte
	i    int
	err  error

	// path holds the members and elements the reader is inside of, for
	// the pointers of problems; written out only when one is reported.
	path []step

	// Report receives the shape problems; nil drops them.
	Report func(Problem)

	// Alias makes strings without escapes share the data's memory rather
	// than copy it: the reader's user must not change the data, and must
	// copy (strings.Clone) what it keeps longer than the data. The host
	// checks hundreds of megabytes of text it keeps little of.
	Alias bool

	buf    []byte // for strings with escapes
	keyOff int    // where the name of the member being read starts
}

// step is one token of a JSON pointer: a member's name, or an index.
type step struct {
	key   string
	index int // -1 for a member
}

// NewReader returns a Reader of data.
func NewReader(data []byte) *Reader { return &Reader{data: data} }

// Err is the first malformation met: the data was not JSON after all.
func (r *Reader) Err() error { return r.err }

// Offset is where the next value starts.
func (r *Reader) Offset() int {
	r.space()
	return r.i
}

// Pointer returns the JSON pointer of the value being read.
func (r *Reader) Pointer() string {
	var b strings.Builder
	for _, s := range r.path {
		b.WriteByte('/')
		if s.index >= 0 {
			b.WriteString(strconv.Itoa(s.index))
		} else {
			b.WriteString(PointerToken(s.key))
		}
	}
	return b.String()
}

// PointerToken escapes a member name for a JSON pointer (RFC 6901).
func PointerToken(key string) string {
	if !strings.ContainsAny(key, "~/") {
		return key
	}
	var b strings.Builder
	for i := 0; i < len(key); i++ {
		switch key[i] {
		case '~':
			b.WriteString("~0")
		case '/':
			b.WriteString("~1")
		default:
			b.WriteByte(key[i])
		}
	}
	return b.String()
}

// Problem reports a problem with the value about to be read, or, with
// off >= 0, at that offset; pointer suffix extends the current pointer.
func (r *Reader) Problem(off int, suffix, msg, hint string) {
	r.report(off, suffix, msg, hint, false)
}

func (r *Reader) report(off int, suffix, msg, hint string, unusable bool) {
	if r.Report == nil {
		return
	}
	if off < 0 {
		off = r.Offset()
	}
	r.Report(Problem{Offset: off, Pointer: r.Pointer() + suffix, Message: msg, Hint: hint, Unusable: unusable})
}

func (r *Reader) fail(msg string) {
	if r.err == nil {
		r.err = fmt.Errorf("offset %d: %s", r.i, msg)
	}
	r.i = len(r.data)
}

func (r *Reader) space() {
	for r.i < len(r.data) {
		switch r.data[r.i] {
		case ' ', '\t', '\r', '\n':
			r.i++
		default:
			return
		}
	}
}

// Peek returns the kind of the next value.
func (r *Reader) Peek() Kind {
	r.space()
	if r.i >= len(r.data) {
		return Invalid
	}
	switch c := r.data[r.i]; {
	case c == '{':
		return Object
	case c == '[':
		return Array
	case c == '"':
		return String
	case c == 't' || c == 'f':
		return Bool
	case c == 'n':
		return Null
	case c == '-' || c >= '0' && c <= '9':
		return Number
	}
	return Invalid
}

// expect reports a value of another kind than want, skips it and returns
// false.
func (r *Reader) expect(want Kind) bool {
	got := r.Peek()
	if got == want {
		return true
	}
	if got == Invalid {
		r.fail(fmt.Sprintf("expected %s, found %s", want, Found(r.data[r.i:])))
		return false
	}
	r.report(-1, "", fmt.Sprintf("expected %s, found %s", want, got), typeHint(want), true)
	r.Skip()
	return false
}

func typeHint(k Kind) string {
	switch k {
	case String:
		return "put the text in double quotes"
	case Array:
		return "use a list in square brackets: [ ... ]"
	case Object:
		return "use an object in braces: { ... }"
	case Number:
		return "write the number without quotes"
	}
	return ""
}

// Object reads an object, calling member for each member with its name;
// member must read the value (or Skip it). A name given twice is reported
// and its later values skipped; the first wins. It returns false, having
// reported and skipped the value, when the value is not an object.
func (r *Reader) Object(member func(key string)) bool {
	if !r.expect(Object) {
		return false
	}
	r.i++                // {
	var names [16]string // most objects have fewer members: no allocation
	seen := names[:0]
	for r.err == nil {
		r.space()
		if r.i < len(r.data) && r.data[r.i] == '}' {
			r.i++
			return true
		}
		if len(seen) > 0 {
			if !r.byte(',') {
				return true
			}
			r.space()
		}
		keyOff := r.i
		key, ok := r.str()
		if !ok {
			return true
		}
		r.space()
		if !r.byte(':') {
			return true
		}
		r.path = append(r.path, step{key: key, index: -1})
		dup := false
		for _, k := range seen {
			if k == key {
				dup = true
				break
			}
		}
		seen = append(seen, key)
		if dup {
			r.Problem(keyOff, "", fmt.Sprintf("field %q is given twice", key), "keep one")
			r.Skip()
		} else {
			at := r.Offset()
			r.keyOff = keyOff
			member(key)
			if r.i == at && r.err == nil {
				r.Skip() // the caller read nothing: the value is skipped
			}
		}
		r.path = r.path[:len(r.path)-1]
	}
	return true
}

// KeyOffset is where the name of the member being read starts.
func (r *Reader) KeyOffset() int { return r.keyOff }

// Unknown reports the member just met as not in the format; known lists
// the fields that are. The value is skipped.
func (r *Reader) Unknown(key string, known []string) {
	r.Problem(r.keyOff, "", fmt.Sprintf("unknown field %q", key), UnknownHint(key, known))
	r.Skip()
}

// UnknownHint lists the known fields, and asks whether the nearest of
// them was meant when one is near enough to be a slip of the keyboard.
func UnknownHint(key string, known []string) string {
	hint := "known fields here: " + strings.Join(known, ", ")
	if near, ok := closest(key, known); ok {
		hint = fmt.Sprintf("did you mean %q? %s", near, hint)
	}
	return hint
}

// Missing reports required fields that an object read at off did not have.
func (r *Reader) Missing(off int, key, hint string) {
	r.report(off, "/"+PointerToken(key), fmt.Sprintf("missing field %q", key), hint, true)
}

// Array reads an array, calling elem for each element with its index;
// elem must read the value (or Skip it). It returns false, having reported
// and skipped the value, when the value is not an array.
func (r *Reader) Array(elem func(i int)) bool {
	if !r.expect(Array) {
		return false
	}
	r.i++ // [
	for n := 0; r.err == nil; n++ {
		r.space()
		if r.i < len(r.data) && r.data[r.i] == ']' {
			r.i++
			return true
		}
		if n > 0 {
			if !r.byte(',') {
				return true
			}
		}
		r.path = append(r.path, step{index: n})
		at := r.Offset()
		elem(n)
		if r.i == at && r.err == nil {
			r.Skip()
		}
		r.path = r.path[:len(r.path)-1]
	}
	return true
}

func (r *Reader) byte(c byte) bool {
	r.space()
	if r.i >= len(r.data) || r.data[r.i] != c {
		r.fail(fmt.Sprintf("expected %q", c))
		return false
	}
	r.i++
	return true
}

// String reads a string; a value of another type is reported, skipped,
// and read as "".
func (r *Reader) String() string {
	if !r.expect(String) {
		return ""
	}
	s, _ := r.str()
	return s
}

// StringList reads an array of strings.
func (r *Reader) StringList() []string {
	var list []string
	r.Array(func(int) {
		if r.Peek() != String {
			r.expect(String)
			return
		}
		list = append(list, r.String())
	})
	return list
}

// Int reads a whole number. Another type, or a number that is not whole,
// is reported, skipped, and read as 0.
func (r *Reader) Int() int {
	if !r.expect(Number) {
		return 0
	}
	start := r.i
	r.number()
	text := string(r.data[start:r.i])
	n, err := strconv.Atoi(text)
	if err != nil {
		r.report(start, "", fmt.Sprintf("%s is not a whole number", text), "write a whole number, such as 1200", true)
		return 0
	}
	return n
}

// Bool reads true or false.
func (r *Reader) Bool() bool {
	if !r.expect(Bool) {
		return false
	}
	if r.data[r.i] == 't' {
		return r.literal("true")
	}
	r.literal("false")
	return false
}

func (r *Reader) literal(word string) bool {
	if !strings.HasPrefix(string(r.data[r.i:min(len(r.data), r.i+len(word))]), word) {
		r.fail("bad literal")
		return false
	}
	r.i += len(word)
	return true
}

func (r *Reader) number() {
	for r.i < len(r.data) && strings.IndexByte("+-0123456789.eE", r.data[r.i]) >= 0 {
		r.i++
	}
}

// Skip passes over the next value, whatever it is.
func (r *Reader) Skip() {
	switch r.Peek() {
	case Object:
		r.i++
		for n := 0; r.err == nil; n++ {
			r.space()
			if r.i < len(r.data) && r.data[r.i] == '}' {
				r.i++
				return
			}
			if n > 0 && !r.byte(',') {
				return
			}
			r.space()
			if _, ok := r.str(); !ok || !r.byte(':') {
				return
			}
			r.Skip()
		}
	case Array:
		r.i++
		for n := 0; r.err == nil; n++ {
			r.space()
			if r.i < len(r.data) && r.data[r.i] == ']' {
				r.i++
				return
			}
			if n > 0 && !r.byte(',') {
				return
			}
			r.Skip()
		}
	case String:
		r.str()
	case Number:
		r.number()
	case Null:
		r.literal("null")
	case Bool:
		if r.data[r.i] == 't' {
			r.literal("true")
		} else {
			r.literal("false")
		}
	default:
		r.fail("expected a value, found " + Found(r.data[r.i:]))
	}
}

// str reads the string at r.i.
func (r *Reader) str() (string, bool) {
	if r.i >= len(r.data) || r.data[r.i] != '"' {
		r.fail("expected a string")
		return "", false
	}
	start := r.i + 1
	for i := start; i < len(r.data); i++ {
		// Eight bytes at a time while none of them ends the plain run:
		// an article's text is hundreds of bytes between quotes.
		for i+8 <= len(r.data) {
			const ones, highs = 0x0101010101010101, 0x8080808080808080
			b := r.data[i : i+8]
			w := uint64(b[0]) | uint64(b[1])<<8 | uint64(b[2])<<16 | uint64(b[3])<<24 |
				uint64(b[4])<<32 | uint64(b[5])<<40 | uint64(b[6])<<48 | uint64(b[7])<<56
			// A byte equal to '"' or '\\', or under 0x20, sets its high bit.
			q, bs := w^'"'*ones, w^'\\'*ones
			if ((q-ones)&^q|(bs-ones)&^bs|(w-0x20*ones)&^w)&highs != 0 {
				break
			}
			i += 8
		}
		if i >= len(r.data) {
			break
		}
		switch c := r.data[i]; {
		case c == '"':
			r.i = i + 1
			if r.Alias && i > start {
				return unsafe.String(&r.data[start], i-start), true
			}
			return string(r.data[start:i]), true
		case c == '\\':
			return r.escaped(start)
		case c < 0x20:
			r.fail("control character in string")
			return "", false
		}
	}
	r.fail("unterminated string")
	return "", false
}

// escaped reads a string with escapes, from start (after the quote).
func (r *Reader) escaped(start int) (string, bool) {
	b := r.buf[:0]
	i := start
	for i < len(r.data) {
		c := r.data[i]
		switch {
		case c == '"':
			r.i = i + 1
			r.buf = b
			return string(b), true
		case c < 0x20:
			r.fail("control character in string")
			return "", false
		case c != '\\':
			b = append(b, c)
			i++
			continue
		}
		if i+1 >= len(r.data) {
			break
		}
		i++
		switch e := r.data[i]; e {
		case '"', '\\', '/':
			b = append(b, e)
		case 'b':
			b = append(b, '\b')
		case 'f':
			b = append(b, '\f')
		case 'n':
			b = append(b, '\n')
		case 'r':
			b = append(b, '\r')
		case 't':
			b = append(b, '\t')
		case 'u':
			c1, ok := hex4(r.data, i+1)
			if !ok {
				r.fail("bad \\u escape")
				return "", false
			}
			i += 4
			ch := rune(c1)
			if utf16.IsSurrogate(ch) {
				c2, ok := hex4(r.data, i+3)
				if ok && i+2 < len(r.data) && r.data[i+1] == '\\' && r.data[i+2] == 'u' {
					if dec := utf16.DecodeRune(ch, rune(c2)); dec != utf8.RuneError {
						ch = dec
						i += 6
					} else {
						ch = utf8.RuneError
					}
				} else {
					ch = utf8.RuneError
				}
			}
			b = utf8.AppendRune(b, ch)
		default:
			r.fail("bad escape")
			return "", false
		}
		i++
	}
	r.fail("unterminated string")
	return "", false
}

func hex4(data []byte, at int) (uint16, bool) {
	if at+4 > len(data) {
		return 0, false
	}
	n, err := strconv.ParseUint(string(data[at:at+4]), 16, 16)
	return uint16(n), err == nil
}

// End checks that nothing but space follows the value read.
func (r *Reader) End() error {
	r.space()
	if r.err == nil && r.i != len(r.data) {
		r.fail("data after the value")
	}
	return r.err
}

// ErrNotFound says that Locate found no value at a pointer.
var ErrNotFound = errors.New("no value at that pointer")

// Locate returns the offset where the value at pointer starts in data,
// which must be JSON; for a pointer to a member that does not exist, the
// offset of the deepest value on its way that does, and ErrNotFound.
func Locate(data []byte, pointer string) (int, error) {
	r := NewReader(data)
	found := r.Offset()
	tokens := strings.Split(pointer, "/")[1:]
	if pointer == "" {
		tokens = nil
	}
	for _, tok := range tokens {
		tok = strings.ReplaceAll(strings.ReplaceAll(tok, "~1", "/"), "~0", "~")
		hit := false
		switch r.Peek() {
		case Object:
			r.Object(func(key string) {
				if !hit && key == tok {
					hit, found = true, r.Offset()
					return
				}
				r.Skip()
			})
		case Array:
			want, err := strconv.Atoi(tok)
			if err != nil {
				return found, ErrNotFound
			}
			r.Array(func(i int) {
				if !hit && i == want {
					hit, found = true, r.Offset()
					return
				}
				r.Skip()
			})
		}
		if r.err != nil {
			return found, r.err
		}
		if !hit {
			return found, ErrNotFound
		}
		r = NewReader(data)
		r.i = found
	}
	return found, nil
}

// closest returns the known name nearest to key, when one is near enough
// to be a slip of the keyboard or a different spelling.
func closest(key string, known []string) (string, bool) {
	best, bestD := "", 3
	for _, k := range known {
		if d := Distance(strings.ToLower(key), k); d < bestD {
			best, bestD = k, d
		}
	}
	return best, best != "" && bestD <= max(1, len(key)/4)
}

// Distance is the Levenshtein distance of a and b, in bytes: how far a
// misspelt name is from a known one.
func Distance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
