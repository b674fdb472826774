//go:build !(js && wasm)

package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"regexp"
	"strconv"
	"time"

	"dateline/internal/hostproc"
)

// host is one running Dateline host process.
type host struct {
	url     string        // http://127.0.0.1:PORT
	version string        // from the serving line
	started time.Duration // from exec to the serving line
	readyIn time.Duration // what the host itself reports

	proc *hostproc.Host
	// cleanup, if set, runs once the host has stopped (its dataset's
	// files, say).
	cleanup func()
}

// hostStartLimit bounds the wait for the serving line.
const hostStartLimit = 60 * time.Second

// startHost runs the host program on a free port of 127.0.0.1 and waits
// for its serving line.
func startHost(ctx context.Context, bin string, args ...string) (*host, error) {
	p, err := hostproc.Start(ctx, bin, append([]string{"serve", "-addr", "127.0.0.1:0"}, args...), hostStartLimit)
	if err != nil {
		return nil, err
	}
	return &host{url: p.URL, version: p.Version, started: p.Started, readyIn: p.ReadyIn, proc: p}, nil
}

// stop ends the host: SIGTERM, then SIGKILL if it lingers. A failure to
// stop it is reported on stderr: the bench goes on.
func (h *host) stop() {
	if err := h.proc.Stop(); err != nil {
		progress("warning: %v", err)
	}
	if h.cleanup != nil {
		h.cleanup()
	}
}

// rss is the host's resident memory in bytes (VmRSS of /proc/PID/status).
func (h *host) rss() (float64, error) {
	return procStatus(h.proc.Cmd().Process.Pid, "VmRSS")
}

// peakRSS is the most resident memory the host has had, in bytes (VmHWM).
func (h *host) peakRSS() (float64, error) {
	return procStatus(h.proc.Cmd().Process.Pid, "VmHWM")
}

// procStatus reads a memory figure of /proc/PID/status, in bytes.
func procStatus(pid int, field string) (float64, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, fmt.Errorf("reading the memory of process %d: %w", pid, err)
	}
	m := regexp.MustCompile(`(?m)^` + field + `:\s+(\d+) kB`).FindSubmatch(b)
	if m == nil {
		return 0, fmt.Errorf("no %s in /proc/%d/status", field, pid)
	}
	kb, err := strconv.ParseFloat(string(m[1]), 64)
	if err != nil {
		return 0, fmt.Errorf("%s of /proc/%d/status: %w", field, pid, err)
	}
	return kb * 1024, nil
}

// httpClient talks to the local servers; it never compresses or
// decompresses by itself, so that encodings are what the server chose. Its
// timeout leaves room for the landed host's first home page at 100,000
// articles (section e), which takes seconds.
var httpClient = &http.Client{
	Timeout: 90 * time.Second,
	Transport: &http.Transport{
		Proxy:               nil,
		DisableCompression:  true,
		MaxIdleConnsPerHost: 16,
	},
	CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
}

// fetched is one response, read whole.
type fetched struct {
	status   int
	header   http.Header
	body     []byte
	duration time.Duration // from sending to the last byte
}

// get requests url with the given Accept-Encoding ("" for none).
func get(ctx context.Context, url, acceptEncoding string) (*fetched, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	if acceptEncoding != "" {
		req.Header.Set("Accept-Encoding", acceptEncoding)
	}
	t0 := time.Now()
	resp, err := httpClient.Do(req)
	if err != nil {
		return nil, fmt.Errorf("GET %s: %w", url, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 256<<20))
	if err != nil {
		return nil, fmt.Errorf("GET %s: %w", url, err)
	}
	return &fetched{status: resp.StatusCode, header: resp.Header, body: body, duration: time.Since(t0)}, nil
}

// getOK is get, failing on any status but 200.
func getOK(ctx context.Context, url, acceptEncoding string) (*fetched, error) {
	f, err := get(ctx, url, acceptEncoding)
	if err != nil {
		return nil, err
	}
	if f.status != http.StatusOK {
		return nil, fmt.Errorf("GET %s: status %d", url, f.status)
	}
	return f, nil
}
