// Command wasmsize lists what takes the room in a WebAssembly binary built
// by Go without -ldflags=-s (so that it keeps its "name" section): the size
// of every function's code, summed by package, largest first, and the data
// segments. Go's nm does not read wasm.
//
//	GOOS=js GOARCH=wasm go build -trimpath -o /tmp/app.wasm . && go run ./tools/wasmsize /tmp/app.wasm
//	go run ./tools/wasmsize -funcs 40 -match dateline/ /tmp/app.wasm
package main

import (
	"bufio"
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"sort"
	"strings"
)

func main() {
	log.SetFlags(0)
	log.SetPrefix("wasmsize: ")
	funcs := flag.Int("funcs", 0, "also list the `N` largest functions")
	match := flag.String("match", "", "only packages and functions whose name holds `TEXT`")
	flag.Parse()
	if flag.NArg() != 1 {
		log.Fatal("name one wasm file")
	}
	b, err := os.ReadFile(flag.Arg(0))
	if err != nil {
		log.Fatal(err)
	}
	m, err := parse(b)
	if err != nil {
		log.Fatalf("%s: %v", flag.Arg(0), err)
	}
	if err := report(os.Stdout, m, *funcs, *match); err != nil {
		log.Fatal(err)
	}
}

// module is what wasmsize reads of a binary.
type module struct {
	total    int
	sections map[string]int // by name: code, data, ...
	imports  int            // imported functions, numbered before the module's own
	code     []int          // size of each of the module's functions
	names    map[int]string // function index to name
}

var sectionNames = map[byte]string{
	0: "custom", 1: "type", 2: "import", 3: "function", 4: "table", 5: "memory", 6: "global",
	7: "export", 8: "start", 9: "element", 10: "code", 11: "data", 12: "data count",
}

func parse(b []byte) (*module, error) {
	if len(b) < 8 || !bytes.Equal(b[:4], []byte("\x00asm")) {
		return nil, errors.New("not a WebAssembly binary")
	}
	m := &module{total: len(b), sections: map[string]int{}, names: map[int]string{}}
	r := &reader{b: b, i: 8}
	for r.i < len(r.b) {
		id := r.byte()
		size := int(r.uleb())
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
				m.code = append(m.code, fsize)
				body.i += fsize
			}
		}
		m.sections[name] += size
		if r.err != nil || body.err != nil {
			return nil, errors.Join(r.err, body.err)
		}
	}
	return m, r.err
}

func (m *module) readImports(r *reader) {
	n := int(r.uleb())
	for range n {
		r.name()
		r.name()
		switch kind := r.byte(); kind {
		case 0: // function
			r.uleb()
			m.imports++
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

func (m *module) readNames(r *reader) {
	for r.i < len(r.b) && r.err == nil {
		id := r.byte()
		size := int(r.uleb())
		sub := &reader{b: r.b[r.i : r.i+size]}
		r.i += size
		if id != 1 { // function names
			continue
		}
		n := int(sub.uleb())
		for range n {
			idx := int(sub.uleb())
			m.names[idx] = sub.name()
		}
	}
}

// pkgOf returns the package path of a Go function name such as
// "dateline/app/page.Parse" or "github.com/x/y.(*T).M".
func pkgOf(fn string) string {
	slash := strings.LastIndexByte(fn, '/')
	dot := strings.IndexByte(fn[slash+1:], '.')
	if dot < 0 {
		return fn
	}
	return fn[:slash+1+dot]
}

func report(w io.Writer, m *module, funcs int, match string) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "%d bytes in all\n\nsections:\n", m.total)
	var secs []string
	for s := range m.sections {
		secs = append(secs, s)
	}
	sort.Slice(secs, func(i, j int) bool { return m.sections[secs[i]] > m.sections[secs[j]] })
	for _, s := range secs {
		fmt.Fprintf(bw, "%10d  %s\n", m.sections[s], s)
	}
	byPkg := map[string]int{}
	type fn struct {
		name string
		size int
	}
	var all []fn
	for i, size := range m.code {
		name := m.names[m.imports+i]
		if name == "" {
			name = fmt.Sprintf("func%d", m.imports+i)
		}
		if match != "" && !strings.Contains(name, match) {
			continue
		}
		byPkg[pkgOf(name)] += size
		all = append(all, fn{name, size})
	}
	var pkgs []string
	for p := range byPkg {
		pkgs = append(pkgs, p)
	}
	sort.Slice(pkgs, func(i, j int) bool { return byPkg[pkgs[i]] > byPkg[pkgs[j]] })
	fmt.Fprintf(bw, "\ncode by package (bytes of function bodies):\n")
	for _, p := range pkgs {
		fmt.Fprintf(bw, "%10d  %s\n", byPkg[p], p)
	}
	if funcs > 0 {
		sort.Slice(all, func(i, j int) bool { return all[i].size > all[j].size })
		fmt.Fprintf(bw, "\nlargest functions:\n")
		for _, f := range all[:min(funcs, len(all))] {
			fmt.Fprintf(bw, "%10d  %s\n", f.size, f.name)
		}
	}
	return bw.Flush()
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
