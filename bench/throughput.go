//go:build !(js && wasm)

package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"text/template"
	"time"

	"dateline/internal/hostproc"
)

// wrk's settings: 2 threads, 64 connections.
const (
	wrkThreads     = 2
	wrkConnections = 64
)

// encodingCase is one set of request headers for wrk.
type encodingCase struct {
	accept string // Accept-Encoding; "" sends none
	note   string
}

var encodingCases = []encodingCase{
	{"br, gzip", "host answers brotli, nginx gzip (no brotli module in Debian's nginx)"},
	{"gzip", "both gzip: apples to apples"},
	{"", "both uncompressed"},
}

// wrkResult is what one wrk run reported.
type wrkResult struct {
	rps          float64
	p50, p99     float64 // ms
	requests     float64
	socketErrors float64
	non2xx       float64
	// cpuPerReq is the CPU time the server's processes used during the
	// run over the requests wrk counted, in µs: what a request costs the
	// server, which the machine's other load moves less than req/s.
	cpuPerReq float64
}

func (w wrkResult) errors() float64 { return w.socketErrors + w.non2xx }

// throughput is section d: requests per second of the host against nginx
// serving the same page from a file, alternating.
func throughput(ctx context.Context, cfg *config, r *report) error {
	h, err := startHost(ctx, cfg.hostBin)
	if err != nil {
		return err
	}
	defer h.stop()
	ngx, err := startNginx(ctx, h.url)
	if err != nil {
		return err
	}
	defer ngx.stop()
	goFloor, err := startHTTPFloor(ctx, cfg, h.url)
	if err != nil {
		return err
	}
	defer goFloor.stop()

	// nginx's CPU is its master's and its workers'.
	workers, err := childrenOf(ngx.cmd.Process.Pid)
	if err != nil {
		return err
	}
	if len(workers) == 0 {
		return fmt.Errorf("nginx (process %d) has no worker processes", ngx.cmd.Process.Pid)
	}
	type server struct {
		name, url string
		pids      []int
	}
	servers := []server{
		{"host", h.url, []int{h.proc.Cmd().Process.Pid}},
		{"nginx", ngx.url, append([]int{ngx.cmd.Process.Pid}, workers...)},
		{floorName, goFloor.url, []int{goFloor.proc.Cmd().Process.Pid}},
		{deadlinesName, goFloor.deadlinesURL, []int{goFloor.withDeadlines.Cmd().Process.Pid}},
	}

	// What each server answers to each header set, checked once.
	type answer struct {
		encoding string
		body     int
	}
	answers := map[string]answer{}
	for _, s := range servers {
		for _, ec := range encodingCases {
			f, err := getOK(ctx, s.url+seedPath, ec.accept)
			if err != nil {
				return fmt.Errorf("%s: %w", s.name, err)
			}
			enc := f.header.Get("Content-Encoding")
			if enc == "" {
				enc = "identity"
			}
			answers[s.name+"|"+ec.accept] = answer{enc, len(f.body)}
		}
	}

	// A short run against each server first, not counted: the host builds
	// its cached responses on first request, and both warm their caches.
	for _, s := range servers {
		progress("wrk warm-up against %s (not counted)", s.name)
		if _, err := runWrk(ctx, s.url+seedPath, "br, gzip", 2*time.Second); err != nil {
			return fmt.Errorf("wrk against %s: %w", s.name, err)
		}
	}

	results := map[string][]wrkResult{}
	total := cfg.wrkReps * len(encodingCases) * len(servers)
	n := 0
	for i := range cfg.wrkReps {
		for ci, ec := range encodingCases {
			// Each run starts with another server, in turn.
			k := (i + ci) % len(servers)
			order := append(append([]server{}, servers[k:]...), servers[:k]...)
			for _, s := range order {
				n++
				progress("wrk %d/%d: %s, Accept-Encoding %q, %s", n, total, s.name, ec.accept, cfg.wrkDuration)
				before, err := cpuTime(s.pids)
				if err != nil {
					return fmt.Errorf("%s: %w", s.name, err)
				}
				res, err := runWrk(ctx, s.url+seedPath, ec.accept, cfg.wrkDuration)
				if err != nil {
					return fmt.Errorf("wrk against %s: %w", s.name, err)
				}
				after, err := cpuTime(s.pids)
				if err != nil {
					return fmt.Errorf("%s: %w", s.name, err)
				}
				if res.requests <= 0 {
					return fmt.Errorf("wrk against %s: no requests counted", s.name)
				}
				res.cpuPerReq = float64(after-before) / float64(time.Microsecond) / res.requests
				results[s.name+"|"+ec.accept] = append(results[s.name+"|"+ec.accept], res)
			}
		}
	}

	r.printf("### d. Host throughput against nginx\n\n")
	r.printf("`wrk -t%d -c%d -d%s --latency` on the seed article (`%s`), the host against nginx serving the same page's HTML "+
		"from a file (saved from the host, with its `.gz` beside it for `gzip_static`, and the host's headers added), both on "+
		"127.0.0.1 of this machine, wrk on the same cores. Two more servers are the floor under the host: %s (`bench/httpfloor`), "+
		"Go's net/http and nothing else, serving the host's same three bodies from memory with the same headers; and %s, the same with the host's server "+
		"(`-deadlines`: `site.NewServer`, the read, write and idle deadlines the host sets on every connection, which a server open to the public needs against slow clients), "+
		"so that what is net/http's, what its deadlines cost and what is the site's can be told apart. "+
		"The four alternate, each run starting with another, %d runs each per header set; "+
		"ratios are taken per run, after an uncounted 2 s warm-up run against each. Cells: median (min–max). Errors: socket errors plus non-2xx/3xx responses, summed over the runs. "+
		"CPU per request is the CPU time (user and system, /proc/PID/stat) the server's processes used during a run (nginx: its master and workers), over the requests wrk counted: "+
		"what a request costs each server, which the machine's other load and the scheduler move less than requests per second.\n\n",
		wrkThreads, wrkConnections, cfg.wrkDuration, seedPath, floorName, deadlinesName, cfg.wrkReps)
	t := newTable("Accept-Encoding", "Server", "Served as", "Body bytes", "Requests/s", "p50 latency", "p99 latency", "Errors",
		"Host / this server, req/s", "This server / nginx, req/s", "CPU per request", "Host / this server, CPU per request")
	var floorNotes []string
	for _, ec := range encodingCases {
		label := "`" + ec.accept + "`"
		if ec.accept == "" {
			label = "none"
		}
		rpsOf, cpuOf := map[string]samples{}, map[string]samples{}
		for _, s := range servers {
			for _, w := range results[s.name+"|"+ec.accept] {
				rpsOf[s.name] = append(rpsOf[s.name], w.rps)
				cpuOf[s.name] = append(cpuOf[s.name], w.cpuPerReq)
			}
		}
		for _, s := range servers {
			var p50, p99 samples
			errs := 0.0
			for _, w := range results[s.name+"|"+ec.accept] {
				p50 = append(p50, w.p50)
				p99 = append(p99, w.p99)
				errs += w.errors()
			}
			a := answers[s.name+"|"+ec.accept]
			hostCell, ngxCell, hostCPUCell := "", "", ""
			if s.name != "host" {
				hostCell = ratios(rpsOf["host"], rpsOf[s.name]).cell(ratio)
				hostCPUCell = ratios(cpuOf["host"], cpuOf[s.name]).cell(ratio)
			}
			if s.name == floorName || s.name == deadlinesName {
				ngxCell = ratios(rpsOf[s.name], rpsOf["nginx"]).cell(ratio)
			}
			t.add(label, s.name, a.encoding, byteCount(float64(a.body)), rpsOf[s.name].cell(perSecond), p50.cell(ms), p99.cell(ms), integer(errs), hostCell, ngxCell,
				cpuOf[s.name].cell(microseconds), hostCPUCell)
		}
		floorNotes = append(floorNotes, fmt.Sprintf("%s: the floor reaches %s of nginx's req/s, %s with the host's deadlines; "+
			"the host %s of the bare floor's and %s of the floor's with deadlines; a request costs the host %s and %s their CPU",
			label, ratio(ratios(rpsOf[floorName], rpsOf["nginx"]).median()), ratio(ratios(rpsOf[deadlinesName], rpsOf["nginx"]).median()),
			ratio(ratios(rpsOf["host"], rpsOf[floorName]).median()), ratio(ratios(rpsOf["host"], rpsOf[deadlinesName]).median()),
			ratio(ratios(cpuOf["host"], cpuOf[floorName]).median()), ratio(ratios(cpuOf["host"], cpuOf[deadlinesName]).median())))
		hostErrs := 0.0
		for _, w := range results["host|"+ec.accept] {
			hostErrs += w.errors()
		}
		rat := ratios(rpsOf["host"], rpsOf["nginx"]).median()
		name := "Host req/s vs nginx, Accept-Encoding " + label
		goal := "≥ 0.7x nginx, 0 errors"
		switch {
		case hostErrs > 0:
			r.note(name, goal, fmt.Sprintf("%s, %.0f errors", ratio(rat), hostErrs), false, fmt.Sprintf("%.0f errors", hostErrs))
		default:
			r.judgeAtLeast(name, goal, rat, 0.7, ratio)
		}
	}
	t.write(r)
	r.printf("Go's floor, medians of the per-run ratios: %s.\n\n", strings.Join(floorNotes, "; "))
	r.printf("Rows: %s.\n\n", strings.Join(func() []string {
		var out []string
		for _, ec := range encodingCases {
			a := ec.accept
			if a == "" {
				a = "none"
			}
			out = append(out, "`"+a+"`: "+ec.note)
		}
		return out
	}(), "; "))
	return nil
}

// runWrk runs wrk once and parses its report.
func runWrk(ctx context.Context, url, accept string, d time.Duration) (wrkResult, error) {
	args := []string{
		"-t", strconv.Itoa(wrkThreads), "-c", strconv.Itoa(wrkConnections),
		"-d", fmt.Sprintf("%ds", int(d.Seconds())), "--latency", "--timeout", "5s",
	}
	if accept != "" {
		args = append(args, "-H", "Accept-Encoding: "+accept)
	}
	args = append(args, url)
	ctx, cancel := context.WithTimeout(ctx, d+30*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, toolPath("wrk"), args...).CombinedOutput()
	if err != nil {
		return wrkResult{}, fmt.Errorf("%w:\n%s", err, out)
	}
	return parseWrk(string(out))
}

var (
	wrkRPS      = regexp.MustCompile(`Requests/sec:\s+([\d.]+)`)
	wrkRequests = regexp.MustCompile(`(\d+) requests in`)
	wrkPct      = regexp.MustCompile(`(?m)^\s+(50|99)%\s+([\d.]+)(us|ms|s)\s*$`)
	wrkSocket   = regexp.MustCompile(`Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)`)
	wrkNon2xx   = regexp.MustCompile(`Non-2xx or 3xx responses: (\d+)`)
)

func parseWrk(out string) (wrkResult, error) {
	var w wrkResult
	m := wrkRPS.FindStringSubmatch(out)
	if m == nil {
		return w, fmt.Errorf("no Requests/sec in wrk's output:\n%s", out)
	}
	w.rps, _ = strconv.ParseFloat(m[1], 64)
	if m := wrkRequests.FindStringSubmatch(out); m != nil {
		w.requests, _ = strconv.ParseFloat(m[1], 64)
	}
	w.p50, w.p99 = math.NaN(), math.NaN()
	for _, m := range wrkPct.FindAllStringSubmatch(out, -1) {
		v, _ := strconv.ParseFloat(m[2], 64)
		switch m[3] {
		case "us":
			v /= 1000
		case "s":
			v *= 1000
		}
		if m[1] == "50" {
			w.p50 = v
		} else {
			w.p99 = v
		}
	}
	if m := wrkSocket.FindStringSubmatch(out); m != nil {
		for _, s := range m[1:] {
			v, _ := strconv.ParseFloat(s, 64)
			w.socketErrors += v
		}
	}
	if m := wrkNon2xx.FindStringSubmatch(out); m != nil {
		w.non2xx, _ = strconv.ParseFloat(m[1], 64)
	}
	return w, nil
}

// nginx is one nginx the bench started, with its files in a temporary
// directory.
type nginx struct {
	url  string
	dir  string
	cmd  *exec.Cmd
	done chan struct{}
	once sync.Once
}

// nginxConf serves the page files of root with gzip_static and the host's
// headers. It runs in the foreground, writes only into its directory, and
// keeps connections open as long as the host does.
var nginxConf = template.Must(template.New("nginx.conf").Parse(`daemon off;
master_process on;
worker_processes auto;
pid {{.Dir}}/nginx.pid;
error_log {{.Dir}}/error.log warn;
events {
  worker_connections 1024;
}
http {
  access_log off;
  server_tokens off;
  sendfile on;
  tcp_nopush on;
  tcp_nodelay on;
  keepalive_timeout 120s;
  keepalive_requests 1000000;
  client_body_temp_path {{.Dir}}/tmp/body;
  proxy_temp_path {{.Dir}}/tmp/proxy;
  fastcgi_temp_path {{.Dir}}/tmp/fastcgi;
  uwsgi_temp_path {{.Dir}}/tmp/uwsgi;
  scgi_temp_path {{.Dir}}/tmp/scgi;
  types { }
  default_type text/html;
  charset utf-8;
  server {
    listen 127.0.0.1:{{.Port}};
    root {{.Dir}}/root;
    location / {
      gzip_static on;
      gzip_vary on;
      etag on;
{{- range .Headers}}
      add_header {{.Name}} "{{.Value}}" always;
{{- end}}
    }
  }
}
`))

// copiedHeaders are the host's headers nginx repeats, so that both send
// responses of the same size apart from the body.
var copiedHeaders = []string{
	"Cache-Control", "Content-Security-Policy", "X-Content-Type-Options",
	"Referrer-Policy", "Permissions-Policy", "Cross-Origin-Opener-Policy",
}

// startNginx saves the host's seed article (plain and gzip) into a
// temporary root and starts nginx on a free port of 127.0.0.1.
func startNginx(ctx context.Context, hostURL string) (*nginx, error) {
	plain, err := getOK(ctx, hostURL+seedPath, "")
	if err != nil {
		return nil, err
	}
	gz, err := getOK(ctx, hostURL+seedPath, "gzip")
	if err != nil {
		return nil, err
	}
	if gz.header.Get("Content-Encoding") != "gzip" {
		return nil, fmt.Errorf("the host did not answer gzip for %s", seedPath)
	}
	dir, err := os.MkdirTemp("", "dateline-bench-nginx-")
	if err != nil {
		return nil, err
	}
	n := &nginx{dir: dir, done: make(chan struct{})}
	ok := false
	defer func() {
		if !ok {
			os.RemoveAll(dir)
		}
	}()
	// nginx's workers may run as another user: let them read the files.
	if err := os.Chmod(dir, 0o755); err != nil {
		return nil, err
	}
	file := filepath.Join(dir, "root", filepath.FromSlash(seedPath))
	for _, d := range []string{filepath.Dir(file), filepath.Join(dir, "tmp")} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			return nil, err
		}
	}
	if err := os.WriteFile(file, plain.body, 0o644); err != nil {
		return nil, err
	}
	if err := os.WriteFile(file+".gz", gz.body, 0o644); err != nil {
		return nil, err
	}
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	type header struct{ Name, Value string }
	var headers []header
	for _, name := range copiedHeaders {
		if v := plain.header.Get(name); v != "" {
			if strings.ContainsAny(v, "\"\\\n") {
				return nil, fmt.Errorf("the host's %s header cannot be quoted for nginx: %q", name, v)
			}
			headers = append(headers, header{name, v})
		}
	}
	var conf bytes.Buffer
	if err := nginxConf.Execute(&conf, map[string]any{"Dir": dir, "Port": port, "Headers": headers}); err != nil {
		return nil, err
	}
	confFile := filepath.Join(dir, "nginx.conf")
	if err := os.WriteFile(confFile, conf.Bytes(), 0o644); err != nil {
		return nil, err
	}
	n.cmd = exec.Command(toolPath("nginx"), "-p", dir, "-e", filepath.Join(dir, "error.log"), "-c", confFile)
	var out bytes.Buffer
	n.cmd.Stdout, n.cmd.Stderr = &out, &out
	hostproc.DieWithParent(n.cmd)
	if err := n.cmd.Start(); err != nil {
		return nil, fmt.Errorf("starting nginx: %w", err)
	}
	go func() {
		n.cmd.Wait()
		close(n.done)
	}()
	n.url = fmt.Sprintf("http://127.0.0.1:%d", port)
	deadline := time.Now().Add(10 * time.Second)
	for {
		f, err := get(ctx, n.url+seedPath, "")
		if err == nil && f.status == http.StatusOK && bytes.Equal(f.body, plain.body) {
			break
		}
		select {
		case <-n.done:
			errLog, _ := os.ReadFile(filepath.Join(dir, "error.log"))
			return nil, fmt.Errorf("nginx exited (%v):\n%s%s", n.cmd.ProcessState, out.String(), errLog)
		default:
		}
		if time.Now().After(deadline) {
			n.stop()
			return nil, fmt.Errorf("nginx did not serve %s within 10s (last: %v)", seedPath, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
	ok = true
	return n, nil
}

// stop ends nginx (SIGQUIT, a graceful stop; then SIGKILL) and removes its
// directory.
func (n *nginx) stop() {
	n.once.Do(func() {
		if err := hostproc.Terminate(n.cmd, n.done, syscall.SIGQUIT); err != nil {
			progress("warning: %v", err)
		}
		if err := os.RemoveAll(n.dir); err != nil {
			progress("warning: removing nginx's directory: %v", err)
		}
	})
}

// freePort asks the kernel for a free port on 127.0.0.1.
func freePort() (int, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port, nil
}

// floorName names bench/httpfloor in section d's table, and
// deadlinesName the same with the host's server (-deadlines).
const (
	floorName     = "net/http alone"
	deadlinesName = "net/http with the host's deadlines"
)

// httpFloor is bench/httpfloor, running twice: bare (url, proc) and with
// the host's server and its connection deadlines (deadlinesURL, withDeadlines).
type httpFloor struct {
	url, deadlinesURL   string
	dir                 string
	proc, withDeadlines *hostproc.Host
}

// startHTTPFloor builds bench/httpfloor, saves the host's seed article in
// its three encodings with the headers nginx also sends, and starts it
// twice: bare, and with the host's deadlines.
func startHTTPFloor(ctx context.Context, cfg *config, hostURL string) (f *httpFloor, err error) {
	dir, err := os.MkdirTemp("", "dateline-bench-httpfloor-")
	if err != nil {
		return nil, fmt.Errorf("net/http's floor: %w", err)
	}
	defer func() {
		if err != nil {
			if rmErr := os.RemoveAll(dir); rmErr != nil {
				progress("warning: removing %s: %v", dir, rmErr)
			}
		}
	}()
	var headers strings.Builder
	for _, enc := range []struct{ accept, want, file string }{{"", "", "page"}, {"gzip", "gzip", "page.gz"}, {"br", "br", "page.br"}} {
		got, err := getOK(ctx, hostURL+seedPath, enc.accept)
		if err != nil {
			return nil, fmt.Errorf("net/http's floor: %w", err)
		}
		if ce := got.header.Get("Content-Encoding"); ce != enc.want {
			return nil, fmt.Errorf("net/http's floor: the host answered %q to Accept-Encoding %q", ce, enc.accept)
		}
		if err := os.WriteFile(filepath.Join(dir, enc.file), got.body, 0o644); err != nil {
			return nil, fmt.Errorf("net/http's floor: %w", err)
		}
		if enc.accept == "" {
			for _, name := range copiedHeaders {
				if v := got.header.Get(name); v != "" {
					headers.WriteString(name + ": " + v + "\n")
				}
			}
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "headers"), []byte(headers.String()), 0o644); err != nil {
		return nil, fmt.Errorf("net/http's floor: %w", err)
	}
	bin := filepath.Join(dir, "httpfloor")
	if err := goBuild(ctx, cfg, nil, "-trimpath", "-o", bin, "./bench/httpfloor"); err != nil {
		return nil, fmt.Errorf("building net/http's floor: %w", err)
	}
	p, err := hostproc.Start(ctx, bin, []string{"-addr", "127.0.0.1:0", "-dir", dir}, hostStartLimit)
	if err != nil {
		return nil, fmt.Errorf("net/http's floor: %w", err)
	}
	d, err := hostproc.Start(ctx, bin, []string{"-addr", "127.0.0.1:0", "-dir", dir, "-deadlines"}, hostStartLimit)
	if err != nil {
		return nil, errors.Join(fmt.Errorf("net/http's floor with deadlines: %w", err), p.Stop())
	}
	return &httpFloor{url: p.URL, deadlinesURL: d.URL, dir: dir, proc: p, withDeadlines: d}, nil
}

func (f *httpFloor) stop() {
	if err := f.proc.Stop(); err != nil {
		progress("warning: net/http's floor: %v", err)
	}
	if err := f.withDeadlines.Stop(); err != nil {
		progress("warning: net/http's floor with deadlines: %v", err)
	}
	if err := os.RemoveAll(f.dir); err != nil {
		progress("warning: removing %s: %v", f.dir, err)
	}
}
