package article

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// kind is the JSON type of a node.
type kind uint8

const (
	kindNull kind = iota
	kindBool
	kindNumber
	kindString
	kindArray
	kindObject
)

func (k kind) String() string {
	return [...]string{"null", "true or false", "a number", "a string", "an array", "an object"}[k]
}

// node is one JSON value with the byte offset where it starts, so that every
// problem found later can name its line and column. A large dataset has
// hundreds of thousands of them: the fields are laid out to keep a node
// small.
type node struct {
	kind      kind
	boolValue bool
	off       int
	str       string // a string's value, or a number as written
	elems     []*node
	members   []member
}

// member is one "key": value pair of an object, in file order.
type member struct {
	key    string
	keyOff int
	val    *node
}

// get returns the value of the first member named key.
func (n *node) get(key string) *node {
	for _, m := range n.members {
		if m.key == key {
			return m.val
		}
	}
	return nil
}

// syntaxError is a JSON syntax problem at a byte offset.
type syntaxError struct {
	off int
	msg string
}

func (e *syntaxError) Error() string { return e.msg }

// parseTree reads one JSON document into a tree of nodes.
func parseTree(data []byte) (*node, error) {
	if json.Valid(data) {
		// The common case, a well-formed file, takes a direct scan that
		// is several times faster than the decoder's token stream.
		return scanTree(data)
	}
	return decodeTree(data)
}

// decodeTree reads a document that is not valid JSON with encoding/json's
// decoder, to place the syntax error.
func decodeTree(data []byte) (*node, error) {
	p := &treeParser{data: data, dec: json.NewDecoder(bytes.NewReader(data))}
	p.dec.UseNumber()
	root, err := p.value(0)
	if err != nil {
		return nil, err
	}
	// The place is taken before the token is read: a whole value after the
	// document, such as {}, would be consumed first.
	off := p.start()
	if _, err := p.dec.Token(); err != io.EOF {
		return nil, &syntaxError{off: off, msg: "unexpected text after the end of the JSON document"}
	}
	return root, nil
}

type treeParser struct {
	data []byte
	dec  *json.Decoder
}

// maxDepth bounds nesting; the dataset format needs fewer than ten levels.
const maxDepth = 64

// start returns the offset of the next token: the decoder's offset is the
// end of the previous token, before any white space, comma or colon.
func (p *treeParser) start() int {
	off := int(p.dec.InputOffset())
	for off < len(p.data) {
		switch p.data[off] {
		case ' ', '\t', '\r', '\n', ',', ':':
			off++
		default:
			return off
		}
	}
	return off
}

func (p *treeParser) token() (json.Token, int, error) {
	off := p.start()
	tok, err := p.dec.Token()
	if err != nil {
		var se *json.SyntaxError
		switch {
		case errors.As(err, &se):
			return nil, off, documentSyntaxError(p.data, off, se)
		case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
			return nil, off, &syntaxError{off: len(p.data), msg: "unexpected end of file: the JSON document is incomplete"}
		default:
			return nil, off, &syntaxError{off: off, msg: err.Error()}
		}
	}
	return tok, off, nil
}

// documentSyntaxError places the syntax error the decoder found at off. The
// decoder's own offsets cannot be used: a token error's offset points at
// the bad byte, while a value's error counts only the bytes of the values
// read so far, not the delimiters, commas and white space between them.
// Checking the whole document again gives the true place and a message that
// always says what was expected.
func documentSyntaxError(data []byte, off int, se *json.SyntaxError) *syntaxError {
	var raw json.RawMessage
	var whole *json.SyntaxError
	if err := json.Unmarshal(data, &raw); errors.As(err, &whole) {
		if strings.HasPrefix(whole.Error(), "unexpected end") {
			return &syntaxError{off: len(data), msg: "unexpected end of file: the JSON document is incomplete"}
		}
		return &syntaxError{off: errOffset(data, int(whole.Offset)), msg: whole.Error()}
	}
	return &syntaxError{off: off, msg: se.Error()}
}

// errOffset moves a decoder error offset, which points just past the bad
// byte, back onto it.
func errOffset(data []byte, off int) int {
	if off > 0 && off <= len(data) {
		return off - 1
	}
	return off
}

func (p *treeParser) value(depth int) (*node, error) {
	if depth > maxDepth {
		return nil, &syntaxError{off: p.start(), msg: fmt.Sprintf("values are nested more than %d levels deep", maxDepth)}
	}
	tok, off, err := p.token()
	if err != nil {
		return nil, err
	}
	n := &node{off: off}
	switch t := tok.(type) {
	case nil:
		n.kind = kindNull
	case bool:
		n.kind, n.boolValue = kindBool, t
	case json.Number:
		n.kind, n.str = kindNumber, string(t)
	case string:
		n.kind, n.str = kindString, t
	case json.Delim:
		switch t {
		case '[':
			n.kind = kindArray
			for p.dec.More() {
				e, err := p.value(depth + 1)
				if err != nil {
					return nil, err
				}
				n.elems = append(n.elems, e)
			}
		case '{':
			n.kind = kindObject
			for p.dec.More() {
				ktok, koff, err := p.token()
				if err != nil {
					return nil, err
				}
				key, ok := ktok.(string)
				if !ok {
					return nil, &syntaxError{off: koff, msg: "expected a quoted key"}
				}
				v, err := p.value(depth + 1)
				if err != nil {
					return nil, err
				}
				n.members = append(n.members, member{key: key, keyOff: koff, val: v})
			}
		}
		if _, _, err := p.token(); err != nil { // the closing ] or }
			return nil, err
		}
	}
	return n, nil
}

// position converts a byte offset into a 1-based line and column, the column
// counted in characters as editors show it.
func position(data []byte, off int) (line, col int) {
	if off > len(data) {
		off = len(data)
	}
	before := data[:off]
	line = bytes.Count(before, []byte("\n")) + 1
	lineStart := bytes.LastIndexByte(before, '\n') + 1
	return line, utf8.RuneCount(before[lineStart:]) + 1
}

// pointerToken escapes a key for a JSON pointer (RFC 6901).
func pointerToken(key string) string {
	if !strings.ContainsAny(key, "~/") {
		return key
	}
	return pointerEscaper.Replace(key)
}

var pointerEscaper = strings.NewReplacer("~", "~0", "/", "~1")

// DecodeValue decodes a valid JSON document into the generic form that
// encoding/json gives with UseNumber (maps, slices, strings, json.Number,
// bools, nil), using the fast scanner. It reports false for a document that
// is not valid JSON.
func DecodeValue(data []byte) (any, bool) {
	if !json.Valid(data) {
		return nil, false
	}
	root, err := scanTree(data)
	if err != nil {
		return nil, false
	}
	return root.value(), true
}

func (n *node) value() any {
	switch n.kind {
	case kindObject:
		m := make(map[string]any, len(n.members))
		for _, mb := range n.members {
			if _, dup := m[mb.key]; !dup { // the first wins, as the model reports
				m[mb.key] = mb.val.value()
			}
		}
		return m
	case kindArray:
		a := make([]any, len(n.elems))
		for i, e := range n.elems {
			a[i] = e.value()
		}
		return a
	case kindString:
		return n.str
	case kindNumber:
		return json.Number(n.str)
	case kindBool:
		return n.boolValue
	}
	return nil
}
