// Command httpfloor serves one page from memory with Go's net/http and
// nothing else: the floor under the host's throughput. make bench
// (section d) runs it beside the host and nginx, on the same page with
// the same headers, so that what is Go's and what is Dateline's in the
// host's figure can be told apart.
//
//	httpfloor -addr 127.0.0.1:0 -dir DIR [-deadlines]
//
// DIR holds page (the body), page.gz and page.br (its compressed forms)
// and headers ("Name: value" lines, sent with every response). With
// -deadlines it serves with the host's server (site.NewServer): net/http
// with the read, write and idle deadlines the host sets on every
// connection, which the bare floor leaves out.
package main

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"dateline/app/site"
)

// form is one encoding of the page: its headers, made once, and its body.
type form struct {
	header http.Header
	body   []byte
}

func main() {
	addr := flag.String("addr", "127.0.0.1:0", "listen on `HOST:PORT`")
	dir := flag.String("dir", ".", "`DIR` holding page, page.gz, page.br and headers")
	deadlines := flag.Bool("deadlines", false, "serve with the host's server and its connection deadlines (site.NewServer)")
	flag.Parse()
	start := time.Now()
	forms, err := load(*dir)
	if err != nil {
		log.Fatalf("httpfloor: %v", err)
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		log.Fatalf("httpfloor: %v", err)
	}
	// The bench reads this line the way it reads Dateline's.
	fmt.Fprintf(os.Stderr, "serving one page with net/http, version floor, on http://%s (ready in %s)\n", ln.Addr(), time.Since(start))
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f := forms[""]
		switch accept := r.Header.Get("Accept-Encoding"); {
		case strings.Contains(accept, "br"):
			f = forms["br"]
		case strings.Contains(accept, "gzip"):
			f = forms["gzip"]
		}
		out := w.Header()
		for k, v := range f.header {
			out[k] = v
		}
		if _, err := w.Write(f.body); err != nil {
			return // the client went away
		}
	})
	srv := &http.Server{Handler: h}
	if *deadlines {
		srv = site.NewServer(h)
	}
	if err := srv.Serve(ln); err != nil {
		log.Fatalf("httpfloor: %v", err)
	}
}

// load reads the page's forms and headers from dir.
func load(dir string) (map[string]form, error) {
	raw, err := os.ReadFile(filepath.Join(dir, "headers"))
	if err != nil {
		return nil, err
	}
	common := http.Header{}
	sc := bufio.NewScanner(bytes.NewReader(raw))
	for sc.Scan() {
		name, value, ok := strings.Cut(sc.Text(), ": ")
		if !ok {
			return nil, fmt.Errorf("headers: %q is not a \"Name: value\" line", sc.Text())
		}
		common.Add(name, value)
	}
	forms := map[string]form{}
	for _, enc := range []struct{ name, file string }{{"", "page"}, {"gzip", "page.gz"}, {"br", "page.br"}} {
		body, err := os.ReadFile(filepath.Join(dir, enc.file))
		if err != nil {
			return nil, err
		}
		h := common.Clone()
		h.Set("Content-Type", "text/html; charset=utf-8")
		h.Set("Content-Length", strconv.Itoa(len(body)))
		h.Set("Vary", "Accept-Encoding")
		if enc.name != "" {
			h.Set("Content-Encoding", enc.name)
		}
		forms[enc.name] = form{header: h, body: body}
	}
	return forms, nil
}
