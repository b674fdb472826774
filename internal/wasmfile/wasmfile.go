// Package wasmfile reads what tools need of a WebAssembly binary built by
// Go: its sections' sizes, and each function's size and name (from the
// "name" section, which a build without -ldflags=-s keeps). Go's nm does
// not read wasm.
package wasmfile

import (
	"bytes"
	"errors"
	"strconv"
)

// Module is what Parse reads of a binary.
type Module struct {
	Total    int
	Sections map[string]int // bytes by name: code, data, ...
	Imports  int            // imported functions, numbered before the module's own
	Code     []int          // size of each of the module's functions, from index Imports on
	Names    map[int]string // function index to name
}

var sectionNames = map[byte]string{
	0: "custom", 1: "type", 2: "import", 3: "function", 4: "table", 5: "memory", 6: "global",
	7: "export", 8: "start", 9: "element", 10: "code", 11: "data", 12: "data count",
}

// Parse reads b, a WebAssembly binary.
func Parse(b []byte) (*Module, error) {
	if len(b) < 8 || !bytes.Equal(b[:4], []byte("\x00asm")) {
		return nil, errors.New("not a WebAssembly binary")
	}
	m := &Module{Total: len(b), Sections: map[string]int{}, Names: map[int]string{}}
	r := &reader{b: b, i: 8}
	for r.i < len(r.b) {
		id := r.byte()
		size := int(r.uleb())
		if r.err != nil || size > len(r.b)-r.i {
			return nil, errors.Join(r.err, errors.New("a section runs past the end of the file"))
		}
		body := &reader{b: r.b[r.i : r.i+size]}
		r.i += size
		name := sectionNames[id]
		switch id {
		case 0:
			custom := body.name()
			name = "custom " + custom
			if custom == "name" {
				m.readNames(body)
			}
		case 2:
			m.readImports(body)
		case 10:
			n := int(body.uleb())
			for range n {
				fsize := int(body.uleb())
				if fsize > len(body.b)-body.i {
					body.err = errors.Join(body.err, errors.New("a function's code runs past the end of its section"))
					break
				}
				m.Code = append(m.Code, fsize)
				body.i += fsize
			}
		}
		m.Sections[name] += size
		if r.err != nil || body.err != nil {
			return nil, errors.Join(r.err, body.err)
		}
	}
	return m, r.err
}

func (m *Module) readImports(r *reader) {
	n := int(r.uleb())
	for range n {
		r.name()
		r.name()
		switch kind := r.byte(); kind {
		case 0: // function
			r.uleb()
			m.Imports++
		case 1: // table
			r.byte()
			r.limits()
		case 2: // memory
			r.limits()
		case 3: // global
			r.byte()
			r.byte()
		}
	}
}

func (m *Module) readNames(r *reader) {
	for r.i < len(r.b) && r.err == nil {
		id := r.byte()
		size := int(r.uleb())
		if r.err != nil || size > len(r.b)-r.i {
			r.err = errors.Join(r.err, errors.New("a name subsection runs past the end of its section"))
			return
		}
		sub := &reader{b: r.b[r.i : r.i+size]}
		r.i += size
		if id != 1 { // function names
			continue
		}
		n := int(sub.uleb())
		for range n {
			idx := int(sub.uleb())
			m.Names[idx] = sub.name()
		}
	}
}

// Name returns the name of function index i, or "func<i>" when the binary
// has no name for it.
func (m *Module) Name(i int) string {
	if n, ok := m.Names[i]; ok {
		return n
	}
	return "func" + strconv.Itoa(i)
}

// Size returns the size of the body of function index i, 0 for an imported
// or unknown one.
func (m *Module) Size(i int) int {
	if i < m.Imports || i-m.Imports >= len(m.Code) {
		return 0
	}
	return m.Code[i-m.Imports]
}

// reader reads a wasm byte stream, keeping the first error.
type reader struct {
	b   []byte
	i   int
	err error
}

func (r *reader) byte() byte {
	if r.i >= len(r.b) {
		r.err = errors.New("unexpected end of section")
		return 0
	}
	c := r.b[r.i]
	r.i++
	return c
}

func (r *reader) uleb() uint64 {
	var v uint64
	for shift := uint(0); ; shift += 7 {
		c := r.byte()
		v |= uint64(c&0x7f) << shift
		if c&0x80 == 0 || r.err != nil {
			return v
		}
	}
}

func (r *reader) name() string {
	n := int(r.uleb())
	if r.i+n > len(r.b) {
		r.err = errors.New("name past the end of its section")
		return ""
	}
	s := string(r.b[r.i : r.i+n])
	r.i += n
	return s
}

func (r *reader) limits() {
	if flags := r.byte(); flags&1 != 0 {
		r.uleb()
	}
	r.uleb()
}
