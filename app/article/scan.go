package article

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
)

// scanTree builds the tree of a document already known to be valid JSON, so
// it needs no error handling beyond the nesting limit. Syntax errors are
// left to the decoder-based parser, which places them.
func scanTree(data []byte) (*node, error) {
	return newScanner(data).value(0)
}

// scanner reads a valid document into a tree.
//
// A dataset of 10,000 articles has some 400,000 values, and on the virtual
// machines the host runs on, every megabyte of memory a process touches
// for the first time costs several milliseconds. So the scanner can leave
// the articles unread (lazy): it notes where each element of the top-level
// "articles" array starts, and reads them one at a time later, into blocks
// of nodes that reset reuses for the next one. Only the strings, which
// the model keeps, are new memory.
type scanner struct {
	data []byte
	i    int

	// lazy leaves the elements of the top-level "articles" array unread
	// (of the first member so named, the one the model reads); articles is
	// then that array's node and offsets where each element starts.
	lazy         bool
	articlesSeen bool
	articles     *node
	offsets      []int

	nodes   slab[node]
	elems   slab[*node]
	members slab[member]
	stackE  []*node  // elements of the arrays being read, innermost last
	stackM  []member // members of the objects being read, innermost last
	// keys holds each member name read, so that the thousands of objects
	// with the same fields share their names.
	keys map[string]string
}

func newScanner(data []byte) *scanner {
	return &scanner{data: data, keys: make(map[string]string)}
}

// articleDepth is the depth of an article: in the array, in the document.
const articleDepth = 2

// article reads the article at offset off. Its tree is valid until reset.
func (sc *scanner) article(off int) *node {
	sc.i = off
	// The whole document was checked, its nesting included, when the
	// article was skipped: reading it again cannot fail.
	n, err := sc.value(articleDepth)
	if err != nil {
		panic(fmt.Sprintf("article: reading an article checked before: %v", err))
	}
	return n
}

// reset makes the memory of the trees read so far available again.
func (sc *scanner) reset() {
	sc.nodes.reset()
	sc.elems.reset()
	sc.members.reset()
}

// slab hands out elements of T from blocks it keeps for reuse.
type slab[T any] struct {
	blocks [][]T
	block  int // the block being cut from
	used   int // how much of it is used
}

// blockSize is how many nodes, elements or members a block holds.
const blockSize = 1024

// take returns n zeroed elements.
func (s *slab[T]) take(n int) []T {
	if s.block < len(s.blocks) && len(s.blocks[s.block])-s.used < n {
		s.block, s.used = s.block+1, 0
	}
	for s.block < len(s.blocks) && len(s.blocks[s.block]) < n {
		s.block++ // a block kept for a longer list than this one
	}
	if s.block == len(s.blocks) {
		s.blocks = append(s.blocks, make([]T, max(blockSize, n)))
		s.used = 0
	}
	got := s.blocks[s.block][s.used : s.used+n : s.used+n]
	s.used += n
	clear(got) // a reused block holds what an earlier tree left
	return got
}

func (s *slab[T]) reset() { s.block, s.used = 0, 0 }

func (sc *scanner) node(k kind, off int) *node {
	n := &sc.nodes.take(1)[0]
	n.kind, n.off = k, off
	return n
}

// elemList moves the elements read since start off the stack into a list
// of their own; an empty array has none, as in the decoder's tree.
func (sc *scanner) elemList(start int) []*node {
	read := sc.stackE[start:]
	if len(read) == 0 {
		return nil
	}
	list := sc.elems.take(len(read))
	copy(list, read)
	clear(read) // the stack's copies would keep the nodes reachable
	sc.stackE = sc.stackE[:start]
	return list
}

// memberList is elemList for the members of an object.
func (sc *scanner) memberList(start int) []member {
	read := sc.stackM[start:]
	if len(read) == 0 {
		return nil
	}
	list := sc.members.take(len(read))
	copy(list, read)
	clear(read)
	sc.stackM = sc.stackM[:start]
	return list
}

func (sc *scanner) space() {
	for sc.i < len(sc.data) {
		switch sc.data[sc.i] {
		case ' ', '\t', '\r', '\n':
			sc.i++
		default:
			return
		}
	}
}

func (sc *scanner) value(depth int) (*node, error) {
	sc.space()
	if depth > maxDepth {
		return nil, &syntaxError{off: sc.i, msg: fmt.Sprintf("values are nested more than %d levels deep", maxDepth)}
	}
	off := sc.i
	switch c := sc.data[sc.i]; c {
	case '{':
		n := sc.node(kindObject, off)
		sc.i++
		sc.space()
		if sc.data[sc.i] == '}' {
			sc.i++
			return n, nil
		}
		start := len(sc.stackM)
		for {
			sc.space()
			keyOff := sc.i
			key, err := sc.key()
			if err != nil {
				return nil, err
			}
			sc.space()
			sc.i++ // :
			var v *node
			if depth == 0 && key == "articles" && sc.lazy && !sc.articlesSeen {
				sc.articlesSeen = true
				v, err = sc.lazyArray(depth + 1)
			} else {
				v, err = sc.value(depth + 1)
			}
			if err != nil {
				return nil, err
			}
			sc.stackM = append(sc.stackM, member{key: key, keyOff: keyOff, val: v})
			sc.space()
			if sc.data[sc.i] == ',' {
				sc.i++
				continue
			}
			sc.i++ // }
			n.members = sc.memberList(start)
			return n, nil
		}
	case '[':
		n := sc.node(kindArray, off)
		sc.i++
		sc.space()
		if sc.data[sc.i] == ']' {
			sc.i++
			return n, nil
		}
		start := len(sc.stackE)
		for {
			v, err := sc.value(depth + 1)
			if err != nil {
				return nil, err
			}
			sc.stackE = append(sc.stackE, v)
			sc.space()
			if sc.data[sc.i] == ',' {
				sc.i++
				continue
			}
			sc.i++ // ]
			n.elems = sc.elemList(start)
			return n, nil
		}
	case '"':
		s, err := sc.str()
		if err != nil {
			return nil, err
		}
		n := sc.node(kindString, off)
		n.str = s
		return n, nil
	case 't':
		n := sc.node(kindBool, off)
		n.boolValue = true
		sc.i += len("true")
		return n, nil
	case 'f':
		sc.i += len("false")
		return sc.node(kindBool, off), nil
	case 'n':
		sc.i += len("null")
		return sc.node(kindNull, off), nil
	default:
		sc.number()
		n := sc.node(kindNumber, off)
		n.str = string(sc.data[off:sc.i])
		return n, nil
	}
}

// lazyArray reads the value of the top-level "articles" member: when it
// is an array, only where its elements start, checking their nesting as
// value would; otherwise the value itself.
func (sc *scanner) lazyArray(depth int) (*node, error) {
	sc.space()
	if sc.data[sc.i] != '[' {
		return sc.value(depth)
	}
	n := sc.node(kindArray, sc.i)
	sc.articles = n
	sc.i++
	sc.space()
	if sc.data[sc.i] == ']' {
		sc.i++
		return n, nil
	}
	for {
		sc.space()
		sc.offsets = append(sc.offsets, sc.i)
		if err := sc.skip(depth + 1); err != nil {
			return nil, err
		}
		sc.space()
		if sc.data[sc.i] == ',' {
			sc.i++
			continue
		}
		sc.i++ // ]
		return n, nil
	}
}

// skip passes over a value as value reads it, nesting limit included.
func (sc *scanner) skip(depth int) error {
	sc.space()
	if depth > maxDepth {
		return &syntaxError{off: sc.i, msg: fmt.Sprintf("values are nested more than %d levels deep", maxDepth)}
	}
	switch sc.data[sc.i] {
	case '{', '[':
		end := byte('}')
		if sc.data[sc.i] == '[' {
			end = ']'
		}
		sc.i++
		sc.space()
		if sc.data[sc.i] == end {
			sc.i++
			return nil
		}
		for {
			if end == '}' {
				sc.space()
				sc.skipString()
				sc.space()
				sc.i++ // :
			}
			if err := sc.skip(depth + 1); err != nil {
				return err
			}
			sc.space()
			if sc.data[sc.i] == ',' {
				sc.i++
				continue
			}
			sc.i++ // } or ]
			return nil
		}
	case '"':
		sc.skipString()
	case 't', 'n':
		sc.i += len("true")
	case 'f':
		sc.i += len("false")
	default:
		sc.number()
	}
	return nil
}

func (sc *scanner) number() {
	for sc.i < len(sc.data) && strings.IndexByte("+-0123456789.eE", sc.data[sc.i]) >= 0 {
		sc.i++
	}
}

// skipString passes over a string and reports whether it holds escapes.
func (sc *scanner) skipString() (escaped bool) {
	sc.i++ // opening quote
	for {
		q := bytes.IndexByte(sc.data[sc.i:], '"')
		run := sc.data[sc.i : sc.i+q]
		sc.i += q + 1
		if bytes.IndexByte(run, '\\') < 0 {
			return escaped
		}
		escaped = true
		// The quote ends the string unless an odd number of
		// backslashes escapes it.
		slashes := len(run) - len(bytes.TrimRight(run, `\`))
		if slashes%2 == 0 {
			return escaped
		}
	}
}

// str reads a string.
func (sc *scanner) str() (string, error) {
	start := sc.i
	if sc.skipString() {
		return sc.unescape(start)
	}
	return string(sc.data[start+1 : sc.i-1]), nil
}

// key reads a member name, shared with the same name read before.
func (sc *scanner) key() (string, error) {
	start := sc.i
	if sc.skipString() {
		return sc.unescape(start)
	}
	raw := sc.data[start+1 : sc.i-1]
	if k, ok := sc.keys[string(raw)]; ok {
		return k, nil
	}
	k := string(raw)
	sc.keys[k] = k
	return k, nil
}

// unescape decodes the string with escapes from start to sc.i, as
// encoding/json does.
func (sc *scanner) unescape(start int) (string, error) {
	var s string
	if err := json.Unmarshal(sc.data[start:sc.i], &s); err != nil {
		return "", &syntaxError{off: start, msg: err.Error()}
	}
	return s, nil
}
