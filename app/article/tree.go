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
type kind int

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
// problem found later can name its line and column.
type node struct {
	kind    kind
	off     int
	str     string
	num     json.Number
	elems   []*node
	members []member
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
	p := &treeParser{data: data, dec: json.NewDecoder(bytes.NewReader(data))}
	p.dec.UseNumber()
	root, err := p.value(0)
	if err != nil {
		return nil, err
	}
	if _, err := p.dec.Token(); err != io.EOF {
		return nil, &syntaxError{off: p.start(), msg: "unexpected text after the end of the JSON document"}
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
			return nil, off, &syntaxError{off: errOffset(p.data, int(se.Offset)), msg: se.Error()}
		case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
			return nil, off, &syntaxError{off: len(p.data), msg: "unexpected end of file: the JSON document is incomplete"}
		default:
			return nil, off, &syntaxError{off: off, msg: err.Error()}
		}
	}
	return tok, off, nil
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
		n.kind = kindBool
	case json.Number:
		n.kind, n.num = kindNumber, t
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
	return strings.NewReplacer("~", "~0", "/", "~1").Replace(key)
}
