// Command updatecost measures what an update costs a reader whose browser
// saved the whole site: the files of version B's offline.json and their
// bytes (brotli, as the host sends them), against those that B's install
// downloads once it copies what version A saved the same but for the
// version's names, and B's reuse list. It asks two running hosts:
//
//	bin/dateline -addr 127.0.0.1:8713 -data a.json &
//	bin/dateline -addr 127.0.0.1:8712 -data b.json &
//	go run ./bench/updatecost http://127.0.0.1:8713 http://127.0.0.1:8712
//
// A file counts as copied by the worker's rule (app/site/worker.js,
// reuseSite), written again here: its masked body (the version, the data
// path's name and app.js's hashed name masked) is A's at the same
// address, or, under the data path, any of A's data files.
package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"regexp"
	"strings"
	"unicode/utf8"
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: updatecost HOST-A HOST-B")
		os.Exit(2)
	}
	if err := run(os.Args[1], os.Args[2]); err != nil {
		fmt.Fprintln(os.Stderr, "updatecost:", err)
		os.Exit(1)
	}
}

// version is what one host serves for a worker to save.
type version struct {
	host, name, base string
	app              string // app.js's hashed name, which every page loads
	list             []string
}

func run(hostA, hostB string) error {
	a, err := open(hostA)
	if err != nil {
		return err
	}
	b, err := open(hostB)
	if err != nil {
		return err
	}
	old := map[string]string{}
	oldData := map[string]bool{}
	for _, u := range a.list {
		body, err := get(a.host+u, false)
		if err != nil {
			return err
		}
		m := a.masked(body)
		old[strings.Replace(u, a.base, b.base, 1)] = m
		if strings.HasPrefix(u, a.base+"/") {
			oldData[m] = true
		}
	}
	var all, down, n int
	for _, u := range b.list {
		sent, err := get(b.host+u, true)
		if err != nil {
			return err
		}
		body, err := get(b.host+u, false)
		if err != nil {
			return err
		}
		all += len(sent)
		m := b.masked(body)
		if old[u] != m && !(strings.HasPrefix(u, b.base+"/") && oldData[m]) {
			down += len(sent)
			n++
		}
	}
	list, err := get(b.host+"/data/reuse-"+b.name+".json", true)
	if err != nil {
		return err
	}
	fmt.Printf("B saves %d files, %d B brotli\n", len(b.list), all)
	fmt.Printf("an update from A downloads %d of them, %d B, and the reuse list, %d B: %d B in all (%.1fx less)\n",
		n, down, len(list), down+len(list), float64(all)/float64(down+len(list)))
	return nil
}

var (
	versionAttr = regexp.MustCompile(`data-version="([0-9a-f]+)"`)
	baseAttr    = regexp.MustCompile(`data-base="(/data/[0-9a-f]+)"`)
	appName     = regexp.MustCompile(`/app\.[0-9a-f]+\.js`)
)

func open(host string) (*version, error) {
	home, err := get(host+"/", false)
	if err != nil {
		return nil, err
	}
	v, d, app := versionAttr.FindSubmatch(home), baseAttr.FindSubmatch(home), appName.Find(home)
	if v == nil || d == nil || app == nil {
		return nil, fmt.Errorf("%s/: no data-version, data-base or /app.<hash>.js", host)
	}
	ver := &version{host: host, name: string(v[1]), base: string(d[1]), app: string(app)}
	list, err := get(host+ver.base+"/offline.json", false)
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal(list, &ver.list); err != nil {
		return nil, fmt.Errorf("%s offline.json: %w", host, err)
	}
	return ver, nil
}

// masked is body with the version's names masked, for text without a NUL,
// in maskedHash's order (app/site/reuse.go).
func (v *version) masked(body []byte) string {
	if !utf8.Valid(body) || bytes.IndexByte(body, 0) >= 0 {
		return string(body)
	}
	s := strings.ReplaceAll(string(body), v.name, "\x00v")
	s = strings.ReplaceAll(s, v.base[len("/data/"):], "\x00d")
	return strings.ReplaceAll(s, v.app, "\x00a")
}

// get returns url's body as sent: brotli if br, else identity.
func get(url string, br bool) ([]byte, error) {
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Accept-Encoding", "identity")
	if br {
		req.Header.Set("Accept-Encoding", "br")
	}
	resp, err := http.DefaultTransport.RoundTrip(req)
	if err != nil {
		return nil, fmt.Errorf("getting %s: %w", url, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", url, err)
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("%s: status %d", url, resp.StatusCode)
	}
	return body, nil
}
