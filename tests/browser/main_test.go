//go:build !(js && wasm)

// Package browser tests Dateline's article viewer in a real browser: Debian's
// Chromium, driven with chromedp, against the host binary that make builds
// (its path comes from DATELINE_BIN). Nothing here is skipped: without the
// host binary or without Chromium the tests fail and say what to do.
//
//	make build && DATELINE_BIN=$PWD/bin/dateline go test -count=1 ./tests/browser/ -v
package browser

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"dateline/app/article"
	"dateline/internal/hostproc"
)

// tmpDir holds the files the shared hosts serve; TestMain removes it.
var tmpDir string

func TestMain(m *testing.M) {
	var err error
	if tmpDir, err = os.MkdirTemp("", "dateline-browser-"); err != nil {
		fmt.Fprintln(os.Stderr, "browser tests:", err)
		os.Exit(1)
	}
	code := m.Run()
	stopHosts()
	os.RemoveAll(tmpDir)
	os.Exit(code)
}

// hostBinary returns the host program the tests run, or stops the test.
func hostBinary(t testing.TB) string {
	t.Helper()
	bin := os.Getenv("DATELINE_BIN")
	if bin == "" {
		t.Fatal("run make test (DATELINE_BIN not set)")
	}
	if fi, err := os.Stat(bin); err != nil || fi.IsDir() {
		t.Fatalf("DATELINE_BIN=%s is not a program (%v): run make build, or make test", bin, err)
	}
	return bin
}

// hostStartLimit bounds the wait for a host's serving line.
const hostStartLimit = 30 * time.Second

// host is one running dateline process.
type host struct {
	*hostproc.Host // URL (http://127.0.0.1:PORT, no trailing slash) and Log

	cmd  *exec.Cmd
	done <-chan struct{} // closed when the process has exited
}

// startHost runs the host binary on a free port of 127.0.0.1 with the given
// extra arguments, and waits for its "serving" line.
func startHost(bin string, args ...string) (*host, error) {
	p, err := hostproc.Start(context.Background(), bin, append([]string{"-addr", "127.0.0.1:0"}, args...), hostStartLimit)
	if err != nil {
		return nil, err
	}
	return &host{Host: p, cmd: p.Cmd(), done: p.Done()}, nil
}

// stop ends the host it started: SIGTERM, then SIGKILL if it lingers. It
// runs in cleanups, without a test to fail: a failure goes to stderr.
func (h *host) stop() {
	if err := h.Stop(); err != nil {
		fmt.Fprintln(os.Stderr, "browser tests:", err)
	}
}

// Shared hosts, one per dataset, started on first use and stopped by TestMain.
var (
	hostsMu sync.Mutex
	hosts   = map[string]*host{}
	hostErr = map[string]error{}
)

func stopHosts() {
	hostsMu.Lock()
	defer hostsMu.Unlock()
	for _, h := range hosts {
		h.stop()
	}
}

// sharedHost returns the host serving the named dataset, starting it on
// first use. args builds the host's arguments (it may write files).
func sharedHost(t testing.TB, name string, args func() ([]string, error)) *host {
	t.Helper()
	bin := hostBinary(t)
	hostsMu.Lock()
	defer hostsMu.Unlock()
	if h, ok := hosts[name]; ok {
		select {
		case <-h.done:
			t.Fatalf("the %s host has exited:\n%s", name, h.Log())
		default:
		}
		return h
	}
	if err, ok := hostErr[name]; ok {
		t.Fatal(err)
	}
	a, err := args()
	if err == nil {
		var h *host
		if h, err = startHost(bin, a...); err == nil {
			hosts[name] = h
			return h
		}
	}
	hostErr[name] = err
	t.Fatal(err)
	return nil
}

// datasetHost is the host shared under name that serves the dataset ds
// makes, written to a file of that name.
func datasetHost(t testing.TB, name string, ds func() *article.Dataset) *host {
	t.Helper()
	return sharedHost(t, name, func() ([]string, error) {
		b, err := json.MarshalIndent(ds(), "", "  ")
		if err != nil {
			return nil, err
		}
		file := filepath.Join(tmpDir, name+".json")
		if err := os.WriteFile(file, b, 0o644); err != nil {
			return nil, err
		}
		return []string{"-data", file}, nil
	})
}

// seedHost serves the bundled dataset, which holds the seed story.
func seedHost(t testing.TB) *host {
	t.Helper()
	return sharedHost(t, "bundled", func() ([]string, error) { return nil, nil })
}

// syntheticHost serves synthetic(): a few plainly invented articles.
func syntheticHost(t testing.TB) *host {
	t.Helper()
	return datasetHost(t, "synthetic", synthetic)
}

// The synthetic dataset: alpha links inline and in its related list to
// bravo, bravo inline to charlie; every article links back home through the
// header. Text is plainly invented test copy.
const (
	slugAlpha   = "test-alpha"
	slugBravo   = "test-bravo"
	slugCharlie = "test-charlie"

	headAlpha   = "Test article alpha: the first synthetic story"
	headBravo   = "Test article bravo: the second synthetic story"
	headCharlie = "Test article charlie: the third synthetic story"
)

func synthetic() *article.Dataset {
	para := func(s string) article.Block { return article.Block{Type: article.Paragraph, Text: s} }
	readMore := func(title, slug string) article.Block {
		return article.Block{Type: article.ReadMore, Link: article.Link{Title: title, Slug: slug}}
	}
	filler := "This sentence is synthetic filler text written for the browser tests of Dateline; it reports nothing."
	long := strings.Repeat(filler+" ", 6)
	return &article.Dataset{Articles: []article.Article{
		{
			Slug:     slugAlpha,
			Headline: headAlpha,
			Dateline: &article.Dateline{Place: "TESTVILLE", Source: "Synthetic Wire"},
			Figures:  []article.Figure{{Caption: "A synthetic figure caption for alpha.", Credit: "Photo: none (test data)"}},
			Body: []article.Block{
				para("Alpha opens with a synthetic paragraph. " + long),
				para("Alpha continues with a second synthetic paragraph. " + long),
				readMore("Test article bravo", slugBravo),
				para("Alpha ends with a third synthetic paragraph. " + long),
			},
			Related: []article.Link{
				{Title: "Test article bravo", Slug: slugBravo},
				{Title: "A synthetic story outside this collection"},
			},
		},
		{
			Slug:     slugBravo,
			Headline: headBravo,
			Dateline: &article.Dateline{Place: "TESTVILLE", Source: "Synthetic Wire"},
			Body: []article.Block{
				para("Bravo opens with a synthetic paragraph. " + long),
				readMore("Test article charlie", slugCharlie),
				para("Bravo ends with a synthetic paragraph. " + long),
			},
			Related: []article.Link{{Title: "Test article charlie", Slug: slugCharlie}},
		},
		{
			Slug:     slugCharlie,
			Headline: headCharlie,
			Body: []article.Block{
				para("Charlie is the last synthetic article. " + long),
				readMore("Test article alpha", slugAlpha),
			},
			Related: []article.Link{{Title: "Test article alpha", Slug: slugAlpha}},
		},
	}}
}
