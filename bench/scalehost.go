//go:build !(js && wasm)

package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"net/http"
	"os"
	"os/exec"
	"regexp"
	"slices"
	"strings"
	"sync"
	"syscall"
	"time"
)

// How many pages of each kind one start of the host asks for, each once,
// timing the first request: the home list's pages are spread from 2 to the
// last (the middle one added), each section gives its first and its last
// page, and the tags their first.
const (
	firstArticles  = 200
	firstDeepPages = 20
	firstTags      = 13
	// sweepArticles: distinct articles served before the second reading
	// of the host's memory (all of them in a smaller archive), by
	// sweepWorkers clients at once.
	sweepArticles = 5000
	sweepWorkers  = 4
	// validateLimit bounds one run of validate: several times the landed
	// code's at 100,000 articles.
	validateLimit = time.Minute
)

// pageKinds are the kinds of page whose first request section e times, by
// key, with their names in the tables.
var pageKinds = []struct{ key, name string }{
	{"home", "`/`"},
	{"deep", "`/page/N`"},
	{"section", "section"},
	{"tag", "tag"},
	{"article", "article"},
}

// sitePage is a page whose first request is timed.
type sitePage struct{ kind, path string }

// scaleSlug names synthetic article i, as tools/gendata does (both the
// landed one and today's).
func scaleSlug(i int) string { return fmt.Sprintf("synthetic-article-%05d", i) }

var (
	sectionLink = regexp.MustCompile(`href="/sections/([^"/]+)"`)
	tagLink     = regexp.MustCompile(`href="/tags/([^"/]+)"`)
	// dataBasePath finds the versioned data path in a page: its loader's
	// data-base="/data/HASH", or a file under /data/HASH/.
	dataBasePath = regexp.MustCompile(`/data/[0-9a-f]+["/]`)
)

// dataBase returns the versioned data path of a page, /data/HASH/, or
// "" when it names none.
func dataBase(page []byte) string {
	m := dataBasePath.Find(page)
	if m == nil {
		return ""
	}
	return string(m[:len(m)-1]) + "/"
}

// discoverPages asks a running host (today's) on an archive of n articles
// what its lists are, and returns the pages to time: `/`, deep pages of
// the home list, the sections' first and last pages, some tags and
// articles spread over the archive. It requests pages itself, so the host
// it asks is not one whose first requests are timed.
func discoverPages(ctx context.Context, hostURL string, n int) ([]sitePage, error) {
	home, err := getOK(ctx, hostURL+homePath, "")
	if err != nil {
		return nil, err
	}
	base := dataBase(home.body)
	if base == "" {
		return nil, fmt.Errorf("no /data/ path in %s's home page", hostURL)
	}
	pages := func(list string) (int, error) {
		f, err := getOK(ctx, hostURL+base+"lists/"+list+"/1.json", "")
		if err != nil {
			return 0, err
		}
		var d struct {
			List struct{ Pages int } `json:"list"`
		}
		if err := json.Unmarshal(f.body, &d); err != nil {
			return 0, fmt.Errorf("reading the list %s's first page: %w", list, err)
		}
		return d.List.Pages, nil
	}
	out := []sitePage{{"home", homePath}}
	last, err := pages("home")
	if err != nil {
		return nil, err
	}
	var deep []int
	if last >= 2 {
		deep = append(spread(2, last, firstDeepPages), (last+1)/2)
	}
	slices.Sort(deep)
	for _, p := range slices.Compact(deep) {
		out = append(out, sitePage{"deep", fmt.Sprintf("/page/%d", p)})
	}
	for _, slug := range uniqueMatches(sectionLink, home.body) {
		last, err := pages("sections/" + slug)
		if err != nil {
			return nil, err
		}
		out = append(out, sitePage{"section", "/sections/" + slug})
		if last > 1 {
			out = append(out, sitePage{"section", fmt.Sprintf("/sections/%s/page/%d", slug, last)})
		}
	}
	articles := spread(0, n-1, firstArticles)
	var tags []string
	for _, i := range articles {
		if len(tags) >= firstTags {
			break
		}
		a, err := getOK(ctx, hostURL+"/articles/"+scaleSlug(i), "")
		if err != nil {
			return nil, err
		}
		for _, t := range uniqueMatches(tagLink, a.body) {
			if len(tags) < firstTags && !slices.Contains(tags, t) {
				tags = append(tags, t)
			}
		}
	}
	for _, t := range tags {
		out = append(out, sitePage{"tag", "/tags/" + t})
	}
	for _, i := range articles {
		out = append(out, sitePage{"article", "/articles/" + scaleSlug(i)})
	}
	return out, nil
}

// uniqueMatches is the first submatch of every match of re in b, each once,
// in order.
func uniqueMatches(re *regexp.Regexp, b []byte) []string {
	var out []string
	for _, m := range re.FindAllSubmatch(b, -1) {
		if s := string(m[1]); !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}

// spread picks up to k integers from lo to hi, evenly spaced, both ends
// included, each once.
func spread(lo, hi, k int) []int {
	if hi < lo || k < 1 {
		return nil
	}
	var out []int
	for j := range k {
		v := lo
		if k > 1 {
			v = lo + j*(hi-lo)/(k-1)
		}
		if len(out) == 0 || out[len(out)-1] != v {
			out = append(out, v)
		}
	}
	return out
}

// scaleSide is one of the two hosts section e compares, with its datasets.
type scaleSide struct {
	name  string
	bin   string
	flags []string       // for serve and validate alike
	files map[int]string // dataset by number of articles
	// lists: the host has list pages beyond `/` (the landed code has
	// none; its missing pages are requested to show it).
	lists bool
}

// startRun is what one start of a host on one dataset measured: validate,
// then the start, the first request of many pages, then a sweep of
// articles.
type startRun struct {
	validate, validatePeak float64            // ms; bytes (the process's maximum RSS)
	started, readyIn       float64            // ms
	rssStart               float64            // at the serving line, bytes
	rssSwept               float64            // after the sweep of articles, bytes
	peak                   float64            // VmHWM at the end, bytes
	first                  map[string]samples // ms, by page kind
	homeBody               float64            // bytes of `/` asked for with br, gzip
	homeEncoding           string
	// absent says, by page kind, why a host without such pages has no
	// figure ("`/page/2` → 404").
	absent map[string]string
}

// startMeasure says what to do with one start.
type startMeasure struct {
	side  *scaleSide
	path  string     // the dataset
	n     int        // its articles
	pages []sitePage // pages to time; none: start and memory only
	seed  uint64     // the order of the pages
}

// runStart runs validate on a dataset, starts the host on it and measures
// it. A dataset the host cannot read is an error (not a stop of the bench:
// the caller reports it in its table).
func runStart(ctx context.Context, m startMeasure) (*startRun, error) {
	run := &startRun{first: map[string]samples{}, absent: map[string]string{}}
	var err error
	if run.validate, run.validatePeak, err = timeValidate(ctx, m.side, m.path); err != nil {
		return nil, err
	}
	h, err := startHost(ctx, m.side.bin, append(slices.Clone(m.side.flags), "-data", m.path)...)
	if err != nil {
		return nil, err
	}
	defer h.stop()
	run.started = float64(h.started) / float64(time.Millisecond)
	run.readyIn = float64(h.readyIn) / float64(time.Millisecond)
	if run.rssStart, err = h.rss(); err != nil {
		return nil, err
	}
	if len(m.pages) > 0 {
		if err := run.firstRequests(ctx, h, m); err != nil {
			return nil, err
		}
		if err := sweep(ctx, h, m); err != nil {
			return nil, err
		}
		if run.rssSwept, err = h.rss(); err != nil {
			return nil, err
		}
	}
	if run.peak, err = h.peakRSS(); err != nil {
		return nil, err
	}
	return run, nil
}

// timeValidate runs the host's validate on a dataset, from exec to exit,
// and reads the process's peak resident memory: NaN when it is no more
// than the bench's own, which Linux counts in a child's peak (the child
// starts as a copy of the bench until it executes validate).
func timeValidate(ctx context.Context, side *scaleSide, path string) (ms, peak float64, err error) {
	floor, err := procStatus(os.Getpid(), "VmHWM")
	if err != nil {
		return 0, 0, err
	}
	vctx, cancel := context.WithTimeout(ctx, validateLimit)
	defer cancel()
	args := append(append([]string{"validate"}, side.flags...), path)
	cmd := exec.CommandContext(vctx, side.bin, args...)
	var out limitedBuffer
	cmd.Stdout, cmd.Stderr = &out, &out
	t0 := time.Now()
	err = cmd.Run()
	took := time.Since(t0)
	if err != nil {
		if vctx.Err() != nil && ctx.Err() == nil {
			return 0, 0, fmt.Errorf("validate had not finished after %s", validateLimit)
		}
		return 0, 0, fmt.Errorf("validate: %w: %s", err, strings.TrimSpace(string(out.b)))
	}
	ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	if !ok {
		return 0, 0, errors.New("validate: no resource usage from the system")
	}
	if peak = float64(ru.Maxrss) * 1024; peak <= floor {
		peak = math.NaN()
	}
	return float64(took) / float64(time.Millisecond), peak, nil
}

// firstRequests asks for each page once, in an order shuffled by the
// run's seed, over a connection opened beforehand, and times each.
func (run *startRun) firstRequests(ctx context.Context, h *host, m startMeasure) error {
	pages := slices.Clone(m.pages)
	if !m.side.lists {
		pages = slices.DeleteFunc(pages, func(p sitePage) bool { return p.kind != "home" && p.kind != "article" })
	}
	rand.New(rand.NewPCG(m.seed, uint64(m.n))).Shuffle(len(pages), func(i, j int) { pages[i], pages[j] = pages[j], pages[i] })
	// Open the connection with a small fixed response, so that the first
	// page measures the page, not the TCP handshake.
	if _, err := getOK(ctx, h.url+"/robots.txt", "br, gzip"); err != nil {
		return err
	}
	for _, p := range pages {
		f, err := getOK(ctx, h.url+p.path, "br, gzip")
		if err != nil {
			return err
		}
		run.first[p.kind] = append(run.first[p.kind], float64(f.duration)/float64(time.Millisecond))
		if p.kind == "home" {
			run.homeBody, run.homeEncoding = float64(len(f.body)), f.header.Get("Content-Encoding")
		}
	}
	if m.side.lists {
		return nil
	}
	// The landed code has no list pages but `/`: ask for one of each kind
	// to show what it answers.
	for _, p := range m.pages {
		if p.kind == "home" || p.kind == "article" || run.absent[p.kind] != "" {
			continue
		}
		f, err := get(ctx, h.url+p.path, "br, gzip")
		if err != nil {
			return err
		}
		if f.status == http.StatusOK {
			return fmt.Errorf("%s: GET %s: status 200, but the landed code has no such page", m.side.name, p.path)
		}
		run.absent[p.kind] = fmt.Sprintf("`%s` → %d", p.path, f.status)
	}
	return nil
}

// sweep serves distinct articles, spread over the archive, until
// sweepArticles (or all of them) have been served since the start,
// counting those firstRequests asked for.
func sweep(ctx context.Context, h *host, m startMeasure) error {
	done := map[string]bool{}
	for _, p := range m.pages {
		if p.kind == "article" {
			done[p.path] = true
		}
	}
	want := min(m.n, sweepArticles)
	var todo []string
	for _, i := range spread(0, m.n-1, want) {
		if len(done)+len(todo) >= want {
			break
		}
		if p := "/articles/" + scaleSlug(i); !done[p] {
			todo = append(todo, p)
		}
	}
	paths := make(chan string)
	errc := make(chan error, sweepWorkers)
	var wg sync.WaitGroup
	for range sweepWorkers {
		wg.Go(func() {
			for p := range paths {
				if _, err := getOK(ctx, h.url+p, "br, gzip"); err != nil {
					errc <- err
					return
				}
			}
		})
	}
	var err error
feed:
	for _, p := range todo {
		select {
		case paths <- p:
		case err = <-errc:
			break feed
		}
	}
	close(paths)
	wg.Wait()
	close(errc)
	if err == nil {
		err = <-errc
	}
	if err != nil {
		return fmt.Errorf("serving %d articles: %w", want, err)
	}
	return nil
}
