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
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"sort"
	"strings"

	"dateline/internal/wasmfile"
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
	m, err := wasmfile.Parse(b)
	if err != nil {
		log.Fatalf("%s: %v", flag.Arg(0), err)
	}
	if err := report(os.Stdout, m, *funcs, *match); err != nil {
		log.Fatal(err)
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

func report(w io.Writer, m *wasmfile.Module, funcs int, match string) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "%d bytes in all\n\nsections:\n", m.Total)
	var secs []string
	for s := range m.Sections {
		secs = append(secs, s)
	}
	sort.Slice(secs, func(i, j int) bool { return m.Sections[secs[i]] > m.Sections[secs[j]] })
	for _, s := range secs {
		fmt.Fprintf(bw, "%10d  %s\n", m.Sections[s], s)
	}
	byPkg := map[string]int{}
	type fn struct {
		name string
		size int
	}
	var all []fn
	for i, size := range m.Code {
		name := m.Name(m.Imports + i)
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
