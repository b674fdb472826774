//go:build !(js && wasm)

package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// host is one running Dateline host process.
type host struct {
	url     string        // http://127.0.0.1:PORT
	version string        // from the serving line
	started time.Duration // from exec to the serving line
	readyIn time.Duration // what the host itself reports

	cmd  *exec.Cmd
	done chan struct{} // closed when the process has exited
	mu   sync.Mutex
	log  bytes.Buffer
}

// servingLine is the host's ready line: "serving N articles from F,
// version V, on http://ADDR (ready in D)".
var servingLine = regexp.MustCompile(`serving .* version (\S+), on (http://\S+) \(ready in ([^)]+)\)`)

// hostStartLimit bounds the wait for the serving line.
const hostStartLimit = 60 * time.Second

// startHost runs the host program on a free port of 127.0.0.1 and waits
// for its serving line.
func startHost(ctx context.Context, bin string, args ...string) (*host, error) {
	h := &host{done: make(chan struct{})}
	h.cmd = exec.Command(bin, append([]string{"serve", "-addr", "127.0.0.1:0"}, args...)...)
	h.cmd.Stdout = io.Discard
	dieWithParent(h.cmd)
	pipe, err := h.cmd.StderrPipe()
	if err != nil {
		return nil, err
	}
	t0 := time.Now()
	if err := h.cmd.Start(); err != nil {
		return nil, fmt.Errorf("starting %s: %w", bin, err)
	}
	type ready struct {
		at                   time.Duration
		version, url, readyS string
	}
	readyc := make(chan ready, 1)
	go func() {
		sc := bufio.NewScanner(pipe)
		sc.Buffer(make([]byte, 64<<10), 1<<20)
		for sc.Scan() {
			line := sc.Text()
			at := time.Since(t0)
			h.mu.Lock()
			if h.log.Len() < 1<<20 {
				h.log.WriteString(line + "\n")
			}
			h.mu.Unlock()
			if m := servingLine.FindStringSubmatch(line); m != nil {
				select {
				case readyc <- ready{at, m[1], m[2], m[3]}:
				default:
				}
			}
		}
		h.cmd.Wait()
		close(h.done)
	}()
	select {
	case r := <-readyc:
		h.started, h.version, h.url = r.at, r.version, strings.TrimRight(r.url, "/")
		if d, err := time.ParseDuration(r.readyS); err == nil {
			h.readyIn = d
		}
		return h, nil
	case <-h.done:
		return nil, fmt.Errorf("%s %s exited before serving (%v):\n%s", bin, strings.Join(args, " "), h.cmd.ProcessState, h.logText())
	case <-time.After(hostStartLimit):
		h.stop()
		return nil, fmt.Errorf("%s %s printed no serving line within %s:\n%s", bin, strings.Join(args, " "), hostStartLimit, h.logText())
	case <-ctx.Done():
		h.stop()
		return nil, ctx.Err()
	}
}

func (h *host) logText() string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.log.String()
}

// stop ends the host: SIGTERM, then SIGKILL if it lingers.
func (h *host) stop() {
	if h.cmd.Process == nil {
		return
	}
	h.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-h.done:
	case <-time.After(5 * time.Second):
		h.cmd.Process.Kill()
		<-h.done
	}
}

// rss is the host's resident memory in bytes (VmRSS of /proc/PID/status).
func (h *host) rss() (float64, error) {
	return vmRSS(h.cmd.Process.Pid)
}

func vmRSS(pid int) (float64, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, fmt.Errorf("reading the resident memory: %w", err)
	}
	m := regexp.MustCompile(`VmRSS:\s+(\d+) kB`).FindSubmatch(b)
	if m == nil {
		return 0, fmt.Errorf("no VmRSS in /proc/%d/status", pid)
	}
	kb, err := strconv.ParseFloat(string(m[1]), 64)
	return kb * 1024, err
}

// httpClient talks to the local servers; it never compresses or
// decompresses by itself, so that encodings are what the server chose.
var httpClient = &http.Client{
	Timeout: 30 * time.Second,
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
