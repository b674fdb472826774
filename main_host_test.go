//go:build !(js && wasm)

package main

import (
	"bufio"
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// These tests run the built host (make test sets DATELINE_BIN) as a
// separate process on a loopback port, over the real network stack.

// hostCutoff bounds how long the host may keep a connection whose request
// headers never finish: its ReadHeaderTimeout (5 s) and a margin.
const hostCutoff = 8 * time.Second

// hostBinary returns the path of the built host.
func hostBinary(t *testing.T) string {
	t.Helper()
	bin := os.Getenv("DATELINE_BIN")
	if bin == "" {
		t.Fatal("run make test (DATELINE_BIN not set)")
	}
	return bin
}

// hostLog collects a process's stderr and tells when a line matches.
type hostLog struct {
	mu    sync.Mutex
	lines []string
	added chan struct{}
}

func (l *hostLog) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return strings.Join(l.lines, "\n")
}

// waitFor waits until a line matches re and returns its submatches.
func (l *hostLog) waitFor(t *testing.T, re *regexp.Regexp, timeout time.Duration) []string {
	t.Helper()
	deadline := time.After(timeout)
	seen := 0
	for {
		l.mu.Lock()
		for ; seen < len(l.lines); seen++ {
			if m := re.FindStringSubmatch(l.lines[seen]); m != nil {
				l.mu.Unlock()
				return m
			}
		}
		l.mu.Unlock()
		select {
		case <-l.added:
		case <-deadline:
			t.Fatalf("no line matching %q within %s; stderr:\n%s", re, timeout, l)
		}
	}
}

// hostProcess is a running host.
type hostProcess struct {
	cmd    *exec.Cmd
	log    *hostLog
	exited chan struct{}
	err    error // from Wait, once exited is closed
}

// runHost starts the host with args and collects its stderr; the process
// is killed at the end of the test if it is still running.
func runHost(t *testing.T, args ...string) *hostProcess {
	t.Helper()
	cmd := exec.Command(hostBinary(t), args...)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatalf("starting the host: %v", err)
	}
	p := &hostProcess{cmd: cmd, log: &hostLog{added: make(chan struct{}, 1)}, exited: make(chan struct{})}
	go func() {
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			p.log.mu.Lock()
			p.log.lines = append(p.log.lines, sc.Text())
			p.log.mu.Unlock()
			select {
			case p.log.added <- struct{}{}:
			default:
			}
		}
		p.err = cmd.Wait()
		close(p.exited)
	}()
	t.Cleanup(func() {
		select {
		case <-p.exited:
		default:
			cmd.Process.Kill()
			<-p.exited
		}
	})
	return p
}

// TestHostLogPlain: the site's messages (a link out of the media folder
// asked for) reach the host's standard error as plain lines, beside its
// own, not standard output in a terminal's colour codes.
func TestHostLogPlain(t *testing.T) {
	media := t.TempDir()
	if err := os.Symlink(filepath.Join(t.TempDir(), "elsewhere.png"), filepath.Join(media, "link-out.png")); err != nil {
		t.Fatal(err)
	}
	p := runHost(t, "-addr", "127.0.0.1:0", "-media", media)
	addr := p.log.waitFor(t, servingLine, 20*time.Second)[1]
	resp, err := http.Get("http://" + addr + "/media/link-out.png")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	p.log.waitFor(t, regexp.MustCompile(`^dateline: media: .*link-out\.png`), 5*time.Second)
	if s := p.log.String(); strings.Contains(s, "\x1b[") {
		t.Errorf("the host's log holds colour codes:\n%q", s)
	}
}

var servingLine = regexp.MustCompile(` on http://(127\.0\.0\.1:\d+)\b`)

// startHost starts the host on a free loopback port and returns its address.
func startHost(t *testing.T) (*hostProcess, string) {
	t.Helper()
	p := runHost(t, "-addr", "127.0.0.1:0")
	m := p.log.waitFor(t, servingLine, 20*time.Second)
	return p, m[1]
}

// wait waits for the process to exit and returns its exit code.
func (p *hostProcess) wait(t *testing.T, timeout time.Duration) int {
	t.Helper()
	select {
	case <-p.exited:
	case <-time.After(timeout):
		t.Fatalf("the host still runs after %s; stderr:\n%s", timeout, p.log)
	}
	var ee *exec.ExitError
	switch {
	case p.err == nil:
		return 0
	case errors.As(p.err, &ee):
		return ee.ExitCode()
	}
	t.Fatalf("waiting for the host: %v", p.err)
	return -1
}

// TestHostCutsOffSlowHeaders checks that a client that never finishes its
// request headers (slowloris) loses its connection, whether it stalls or
// trickles bytes to keep it busy.
func TestHostCutsOffSlowHeaders(t *testing.T) {
	t.Parallel()
	_, addr := startHost(t)
	tests := []struct {
		scenario string
		// send writes to the connection until it fails or done is closed.
		send func(c net.Conn, done <-chan struct{})
	}{
		{
			scenario: "stalls after the request line",
			send: func(c net.Conn, done <-chan struct{}) {
				io.WriteString(c, "GET / HTTP/1.1\r\n")
			},
		},
		{
			scenario: "trickles a header byte at a time",
			send: func(c net.Conn, done <-chan struct{}) {
				if _, err := io.WriteString(c, "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: "); err != nil {
					return
				}
				tick := time.NewTicker(250 * time.Millisecond)
				defer tick.Stop()
				for {
					select {
					case <-done:
						return
					case <-tick.C:
						if _, err := io.WriteString(c, "x"); err != nil {
							return
						}
					}
				}
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.scenario, func(t *testing.T) {
			t.Parallel()
			c, err := net.Dial("tcp", addr)
			if err != nil {
				t.Fatal(err)
			}
			defer c.Close()
			done := make(chan struct{})
			defer close(done)
			go tt.send(c, done)
			start := time.Now()
			c.SetReadDeadline(start.Add(hostCutoff))
			got, err := io.ReadAll(c)
			var ne net.Error
			if errors.As(err, &ne) && ne.Timeout() {
				t.Fatalf("connection still open after %s", hostCutoff)
			}
			if strings.HasPrefix(string(got), "HTTP/1.1 2") {
				t.Errorf("an unfinished request was answered: %q", got)
			}
			t.Logf("closed after %s", time.Since(start).Round(10*time.Millisecond))
		})
	}
}

// TestHostShutsDownGracefully checks that SIGTERM lets a response already
// under way finish, then stops the host cleanly. The response is app.wasm
// uncompressed, several megabytes, read slowly: the host is still writing
// it when the signal arrives.
func TestHostShutsDownGracefully(t *testing.T) {
	t.Parallel()
	p, addr := startHost(t)
	res := slowWasm(t, addr)
	if _, err := io.CopyN(io.Discard, res.Body, 64<<10); err != nil {
		t.Fatalf("reading the start of the body: %v", err)
	}

	if err := p.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	p.log.waitFor(t, regexp.MustCompile(`shutting down`), 5*time.Second)
	time.Sleep(200 * time.Millisecond)
	select {
	case <-p.exited:
		t.Fatalf("the host exited while a response was under way; stderr:\n%s", p.log)
	default:
	}

	n, err := io.Copy(io.Discard, res.Body)
	if err != nil {
		t.Fatalf("response under way at SIGTERM cut off after %d more bytes: %v", n, err)
	}
	if got, want := 64<<10+n, res.ContentLength; got != want {
		t.Errorf("response under way at SIGTERM: %d bytes, want %d", got, want)
	}

	if code := p.wait(t, 12*time.Second); code != 0 {
		t.Errorf("exit code %d, want 0; stderr:\n%s", code, p.log)
	}
	if log := p.log.String(); !regexp.MustCompile(`(?m)\bstopped$`).MatchString(log) {
		t.Errorf("no %q line; stderr:\n%s", "stopped", log)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	if c2, err := (&net.Dialer{}).DialContext(ctx, "tcp", addr); err == nil {
		c2.Close()
		t.Errorf("the host still accepts connections after it stopped")
	}
}

// slowWasm asks the host at addr for app.wasm uncompressed, several
// megabytes, on a connection with a small receive buffer that keeps most
// of the response in the host, and returns the response once its header
// is read; the connection closes when the test ends.
func slowWasm(t *testing.T, addr string) *http.Response {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	if err := c.(*net.TCPConn).SetReadBuffer(16 << 10); err != nil {
		t.Fatal(err)
	}
	if _, err := io.WriteString(c, "GET /web/app.wasm HTTP/1.1\r\nHost: "+addr+"\r\n\r\n"); err != nil {
		t.Fatal(err)
	}
	c.SetReadDeadline(time.Now().Add(20 * time.Second))
	res, err := http.ReadResponse(bufio.NewReaderSize(c, 4096), nil)
	if err != nil {
		t.Fatalf("reading the response: %v", err)
	}
	if res.StatusCode != http.StatusOK || res.ContentLength < 1<<20 {
		t.Fatalf("status %d, Content-Length %d; want 200 and app.wasm uncompressed", res.StatusCode, res.ContentLength)
	}
	return res
}

// TestHostStopsWithAResponseLeftUnread checks that SIGTERM stops the host
// cleanly when a response is still under way once requests in flight have
// had shutdownGrace to finish (a reader who stopped reading, or one on a
// network too slow for app.wasm in that time): it is cut off, said in the
// log, and the host exits 0, where it exited 1 with "shutting down:
// context deadline exceeded", a stop asked for reported as a failure.
func TestHostStopsWithAResponseLeftUnread(t *testing.T) {
	t.Parallel()
	p, addr := startHost(t)
	slowWasm(t, addr) // left unread
	if err := p.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	if code := p.wait(t, shutdownGrace+10*time.Second); code != 0 {
		t.Errorf("exit code %d, want 0; stderr:\n%s", code, p.log)
	}
	if log := p.log.String(); !strings.Contains(log, "cutting off the requests still under way") || !regexp.MustCompile(`(?m)\bstopped$`).MatchString(log) {
		t.Errorf("no line saying that a request was cut off, then %q; stderr:\n%s", "stopped", log)
	}
}

// TestHostRejectsInvalidData checks that the host refuses to start on a bad
// dataset and names the place of the problem.
func TestHostRejectsInvalidData(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	tests := []struct {
		scenario string
		data     string // "" means the file does not exist
		want     string // in stderr, after the file's path
	}{
		{
			scenario: "JSON syntax error",
			data:     "{\n  \"articles\": [\n    {\"slug\": \"a\", \"headline\": \"x\",, \"body\": []}\n  ]\n}\n",
			want:     ":3:35:",
		},
		{
			scenario: "slug not URL-safe",
			data:     "{\n  \"articles\": [\n    {\"slug\": \"Not A Slug\", \"headline\": \"x\", \"body\": [{\"type\": \"paragraph\", \"text\": \"y\"}]}\n  ]\n}\n",
			want:     ":3:14:",
		},
		{
			scenario: "empty file",
			data:     " \n",
			want:     ":1:1:",
		},
		{
			scenario: "missing file",
			want:     "",
		},
	}
	for i, tt := range tests {
		t.Run(tt.scenario, func(t *testing.T) {
			t.Parallel()
			file := filepath.Join(dir, "bad"+string(rune('a'+i))+".json")
			if tt.data != "" {
				if err := os.WriteFile(file, []byte(tt.data), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			p := runHost(t, "-addr", "127.0.0.1:0", "-data", file)
			code := p.wait(t, 15*time.Second)
			log := p.log.String()
			if code == 0 {
				t.Errorf("exit code 0 for a bad dataset; stderr:\n%s", log)
			}
			if !strings.Contains(log, file+tt.want) {
				t.Errorf("stderr does not name %q:\n%s", file+tt.want, log)
			}
			if servingLine.MatchString(log) {
				t.Errorf("the host served a bad dataset:\n%s", log)
			}
		})
	}
}

// TestHostServesDatesAhead starts the host on a dataset with a date far
// ahead of the clock, as a machine whose clock is behind would see one:
// it serves, and warns in the date's place; validate still refuses it.
func TestHostServesDatesAhead(t *testing.T) {
	t.Parallel()
	file := filepath.Join(t.TempDir(), "ahead.json")
	data := "{\n  \"articles\": [\n    {\"slug\": \"ahead\", \"headline\": \"Synthetic story dated ahead\", \"published\": \"3024-03-05\",\n     \"body\": [{\"type\": \"paragraph\", \"text\": \"Synthetic text.\"}]}\n  ]\n}\n"
	if err := os.WriteFile(file, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	p := runHost(t, "-addr", "127.0.0.1:0", "-data", file)
	p.log.waitFor(t, servingLine, 20*time.Second)
	if log := p.log.String(); !strings.Contains(log, "warning: "+file+":3:79: /articles/0/published: article 0 (\"ahead\"): published 3024-03-05 is in the future") {
		t.Errorf("the host does not warn of the date in its place:\n%s", log)
	}
	out, err := exec.Command(hostBinary(t), "validate", file).CombinedOutput()
	if err == nil || !strings.Contains(string(out), file+":3:79:") {
		t.Errorf("validate of a date ahead: %v\n%s", err, out)
	}
}
