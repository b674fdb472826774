//go:build !(js && wasm)

package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// lighthouseVersion is the version bench/package.json pins: the newest
// that runs on Node 20 and installs with npm ci.
const lighthouseVersion = "12.2.3"

// The Lighthouse categories, in the order they are reported.
var lhCategories = []struct{ id, name string }{
	{"performance", "Performance"},
	{"accessibility", "Accessibility"},
	{"best-practices", "Best practices"},
	{"seo", "SEO"},
}

// The metrics reported beside the scores.
var lhMetrics = []struct {
	id, name string
	unit     func(float64) string
}{
	{"first-contentful-paint", "FCP", ms},
	{"largest-contentful-paint", "LCP", ms},
	{"total-blocking-time", "TBT", ms},
	{"cumulative-layout-shift", "CLS", score},
	{"speed-index", "Speed index", ms},
}

// lhReport is the part of Lighthouse's JSON the audit reads.
type lhReport struct {
	RuntimeError *struct{ Code, Message string }
	Categories   map[string]struct {
		Score     *float64
		AuditRefs []struct {
			ID     string
			Weight float64
		}
	}
	Audits map[string]struct {
		Score            *float64
		ScoreDisplayMode string
		NumericValue     *float64
		ErrorMessage     string
	}
}

// expectedFailures are the audits a page fails by design, by page path
// prefix, with why: a category's verdict counts them as passed, and the
// report says so. A search's results are kept from search engines
// (noindex), as their own addresses would fill an index with pages that
// hold nothing of their own.
var expectedFailures = []struct{ path, audit, why string }{
	{"/search", "is-crawlable", "a search's results are noindex on purpose"},
}

// lhRun is one Lighthouse run of one page and preset.
type lhRun struct {
	scores  map[string]float64
	metrics map[string]float64
	errored map[string]string // audit id: error message
	// failed lists, by category, the weighed audits that scored under 1;
	// judged is the category's score with the page's expected failures
	// counted as passed (Lighthouse's weighted mean, recomputed).
	failed map[string][]string
	judged map[string]float64
}

// runAudit is make audit: Lighthouse on the home page and the seed
// article, and on a section page and a search page of a synthetic archive,
// mobile and desktop, against hosts the audit starts.
func runAudit(ctx context.Context, cfg *config, r *report, args []string) error {
	started := time.Now()
	cli := filepath.Join(cfg.root, "bench", "node_modules", "lighthouse", "cli", "index.js")
	if _, err := os.Stat(cli); err != nil {
		return fmt.Errorf("Lighthouse is not installed in bench/node_modules: run npm ci --prefix bench (make audit does)")
	}
	node, err := exec.LookPath("node")
	if err != nil {
		return fmt.Errorf("node is missing: install Node.js 20 or newer, then npm ci --prefix bench")
	}
	if err := ensureTools(ctx, cfg, []string{"chromium"}); err != nil {
		return err
	}
	version := firstLine(ctx, node, cli, "--version")
	if version != lighthouseVersion {
		return fmt.Errorf("bench/node_modules has Lighthouse %s, not %s: run npm ci --prefix bench", version, lighthouseVersion)
	}
	m, err := describeMachine(ctx, cfg, false)
	if err != nil {
		return err
	}
	h, err := startHost(ctx, cfg.hostBin)
	if err != nil {
		return err
	}
	defer h.stop()
	// A section page and a search page need an archive with sections: a
	// second host serves 1,000 synthetic articles (tools/gendata).
	archive, err := startArchiveHost(ctx, cfg, 1000)
	if err != nil {
		return err
	}
	defer archive.stop()
	// go-app's empty app (bench/floorapp): the floor under Dateline's
	// blocking time and performance score, audited in the same run.
	fl, err := startFloor(ctx, cfg)
	if err != nil {
		return err
	}
	defer fl.stop()
	floorHost := &host{url: fl.proc.URL}
	floorPage := auditPage{benchPage{"go-app's empty app", "/"}, floorHost}
	pages := []auditPage{
		{benchPages[0], h}, {benchPages[1], h},
		{benchPage{"section (1,000 articles)", "/sections/lorem"}, archive},
		{benchPage{"search (1,000 articles)", "/search?q=lorem+ipsum"}, archive},
		floorPage,
	}
	key := func(p auditPage, preset string) string { return p.host.url + p.path + "|" + preset }

	presets := []string{"mobile", "desktop"}
	runs := map[string][]lhRun{}
	var retried []string
	total, n := cfg.runs*len(presets)*len(pages), 0
	for i := range cfg.runs {
		for pi, preset := range presets {
			for k := range pages {
				p := pages[(i+pi+k)%len(pages)]
				n++
				progress("lighthouse %d/%d: %s, %s", n, total, p.path, preset)
				run, err := lighthouse(ctx, cfg, node, cli, p.host.url+p.path, preset)
				// Lighthouse fails now and then to record a page load's
				// trace (NO_NAVSTART, a known flake of its own): such a run
				// is made again, at most twice, and the report says so.
				for again := 0; again < 2 && errors.Is(err, errLighthouseRuntime); again++ {
					retried = append(retried, fmt.Sprintf("%s, %s: %s", p.name, preset, headLine(err.Error())))
					progress("lighthouse %d/%d: %s, %s: again after %s", n, total, p.path, preset, headLine(err.Error()))
					run, err = lighthouse(ctx, cfg, node, cli, p.host.url+p.path, preset)
				}
				if err != nil {
					return err
				}
				runs[key(p, preset)] = append(runs[key(p, preset)], run)
			}
		}
	}

	r.printf("## Audit run (make audit)\n\n")
	m.write(r, "go run ./bench", args)
	r.printf("### Lighthouse %s\n\n", lighthouseVersion)
	r.printf("Lighthouse %s from `bench/node_modules`, `CHROME_PATH=%s`, Chromium flags of DESIGN.md through `--chrome-flags` "+
		"(a fresh `--user-data-dir` per run), against a host on 127.0.0.1. Presets: mobile (the default: simulated "+
		"slow 4G and 4x CPU slowdown) and desktop (`--preset=desktop`). %d runs per page and preset, alternating. "+
		"Scores ×100, median (min–max). The performance score swings between identical runs on this machine: "+
		"it is reported, never a gate.\n\n", lighthouseVersion, cfg.chromium, cfg.runs)
	head := []string{"Page", "Preset"}
	for _, c := range lhCategories {
		head = append(head, c.name)
	}
	t := newTable(head...)
	for _, p := range pages {
		for _, preset := range presets {
			row := []string{p.name, preset}
			for _, c := range lhCategories {
				row = append(row, lhSamples(runs[key(p, preset)], func(l lhRun) float64 { return 100 * l.scores[c.id] }).cell(integer))
			}
			t.add(row...)
		}
	}
	t.write(r)

	r.printf("Lighthouse's metrics (simulated throttling for mobile, medians):\n\n")
	head = []string{"Page", "Preset"}
	for _, mt := range lhMetrics {
		head = append(head, mt.name)
	}
	t = newTable(head...)
	for _, p := range pages {
		for _, preset := range presets {
			row := []string{p.name, preset}
			for _, mt := range lhMetrics {
				row = append(row, mt.unit(lhSamples(runs[key(p, preset)], func(l lhRun) float64 { return l.metrics[mt.id] }).median()))
			}
			t.add(row...)
		}
	}
	t.write(r)

	if len(retried) > 0 {
		r.printf("Runs made again after a Lighthouse runtime error (the failed run is not counted): %s.\n\n", strings.Join(retried, "; "))
	}
	writeAuditErrors(r, runs)
	writeFailedAudits(r, pages, presets, runs, key)
	if err := writeCompression(ctx, r, h.url); err != nil {
		return err
	}

	// Against the floor: Dateline's blocking time and performance score
	// beside go-app's empty app's, per preset, on every Dateline page.
	for _, preset := range presets {
		floorTBT := lhSamples(runs[key(floorPage, preset)], func(l lhRun) float64 { return l.metrics["total-blocking-time"] }).median()
		floorPerf := lhSamples(runs[key(floorPage, preset)], func(l lhRun) float64 { return 100 * l.scores["performance"] }).median()
		var worstTBT, worstPerf float64
		for _, p := range pages[:len(pages)-1] {
			tbt := lhSamples(runs[key(p, preset)], func(l lhRun) float64 { return l.metrics["total-blocking-time"] }).median()
			perf := lhSamples(runs[key(p, preset)], func(l lhRun) float64 { return 100 * l.scores["performance"] }).median()
			worstTBT = max(worstTBT, tbt/floorTBT)
			if worstPerf == 0 || perf < worstPerf {
				worstPerf = perf
			}
		}
		r.judge(fmt.Sprintf("Lighthouse TBT, %s, worst page / go-app's empty app (%s)", preset, ms(floorTBT)), "≤ 1.25x", worstTBT, 1.25, ratio)
		r.judgeAtLeast(fmt.Sprintf("Lighthouse performance, %s, worst page vs go-app's empty app (%s)", preset, integer(floorPerf)),
			"≥ the empty app's − 5", worstPerf, floorPerf-5, integer)
	}

	// One verdict per category: its lowest median over Dateline's pages and
	// presets, with a page's expected failures counted as passed.
	for _, c := range lhCategories[1:] {
		var medians samples
		for _, p := range pages[:len(pages)-1] {
			for _, preset := range presets {
				medians = append(medians, lhSamples(runs[key(p, preset)], func(l lhRun) float64 { return 100 * l.judged[c.id] }).median())
			}
		}
		at100 := 0
		for _, m := range medians {
			if m >= 100 {
				at100++
			}
		}
		worst := medians.min()
		margin := ""
		if worst < 100 {
			margin = "by " + integer(100-worst)
		}
		r.note("Lighthouse "+c.name, "100 on every page, mobile and desktop (what a page fails by design, listed above, passed)",
			fmt.Sprintf("lowest %s; %d of %d at 100", integer(worst), at100, len(medians)), worst >= 100, margin)
	}
	r.writeTargets()
	r.printf("\nThe audit took %s.\n", time.Since(started).Round(time.Second))
	return nil
}

// expectedFailure says why the page at address fails audit by design, or
// "".
func expectedFailure(address, audit string) string {
	u, err := url.Parse(address)
	if err != nil {
		return ""
	}
	for _, e := range expectedFailures {
		if audit == e.audit && strings.HasPrefix(u.Path, e.path) {
			return e.why
		}
	}
	return ""
}

func lhSamples(runs []lhRun, f func(lhRun) float64) samples {
	out := make(samples, len(runs))
	for i, l := range runs {
		out[i] = f(l)
	}
	return out
}

// errLighthouseRuntime marks a run Lighthouse itself could not complete.
var errLighthouseRuntime = errors.New("Lighthouse runtime error")

// headLine returns s up to its first line break.
func headLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}

// lighthouse runs Lighthouse once with a fresh profile and reads its
// report.
func lighthouse(ctx context.Context, cfg *config, node, cli, url, preset string) (lhRun, error) {
	run := lhRun{scores: map[string]float64{}, metrics: map[string]float64{}, errored: map[string]string{},
		failed: map[string][]string{}, judged: map[string]float64{}}
	dir, err := os.MkdirTemp("", "dateline-audit-")
	if err != nil {
		return run, err
	}
	defer os.RemoveAll(dir)
	flags := strings.Join([]string{
		"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--disable-dev-shm-usage",
		"--user-data-dir=" + filepath.Join(dir, "profile"),
		`--host-resolver-rules="MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"`,
	}, " ")
	out := filepath.Join(dir, "report.json")
	args := []string{cli, url, "--output=json", "--output-path=" + out, "--quiet", "--chrome-flags=" + flags}
	if preset == "desktop" {
		args = append(args, "--preset=desktop")
	}
	ctx, cancel := context.WithTimeout(ctx, 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, node, args...)
	cmd.Env = append(os.Environ(), "CHROME_PATH="+cfg.chromium)
	if b, err := cmd.CombinedOutput(); err != nil {
		if bytes.Contains(b, []byte("Runtime error encountered")) {
			err = fmt.Errorf("%w: %w", errLighthouseRuntime, err)
		}
		return run, fmt.Errorf("lighthouse %s (%s): %w\n%s", url, preset, err, b)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		return run, fmt.Errorf("lighthouse %s (%s) wrote no report: %w", url, preset, err)
	}
	var rep lhReport
	if err := json.Unmarshal(b, &rep); err != nil {
		return run, fmt.Errorf("reading Lighthouse's report: %w", err)
	}
	if rep.RuntimeError != nil && rep.RuntimeError.Code != "" {
		return run, fmt.Errorf("lighthouse %s (%s): %w: %s: %s", url, preset, errLighthouseRuntime, rep.RuntimeError.Code, rep.RuntimeError.Message)
	}
	for _, c := range lhCategories {
		run.scores[c.id] = math.NaN()
		if s := rep.Categories[c.id].Score; s != nil {
			run.scores[c.id] = *s
		}
		run.judged[c.id] = run.scores[c.id]
		var sum, weights float64
		for _, ref := range rep.Categories[c.id].AuditRefs {
			a := rep.Audits[ref.ID]
			if ref.Weight == 0 || a.Score == nil {
				continue // not weighed, or not applicable
			}
			score := *a.Score
			if score < 1 {
				run.failed[c.id] = append(run.failed[c.id], ref.ID)
				if expectedFailure(url, ref.ID) != "" {
					score = 1
				}
			}
			sum += ref.Weight * score
			weights += ref.Weight
		}
		if weights > 0 && c.id != "performance" {
			run.judged[c.id] = sum / weights
		}
	}
	for _, mt := range lhMetrics {
		run.metrics[mt.id] = math.NaN()
		if v := rep.Audits[mt.id].NumericValue; v != nil {
			run.metrics[mt.id] = *v
		}
	}
	for id, a := range rep.Audits {
		if a.ScoreDisplayMode == "error" {
			run.errored[id] = a.ErrorMessage
		}
	}
	return run, nil
}

// writeFailedAudits lists the audits that kept a category (other than
// performance) of a page under 100, with those the page fails by design,
// which the verdicts count as passed.
func writeFailedAudits(r *report, pages []auditPage, presets []string, runs map[string][]lhRun, key func(auditPage, string) string) {
	t := newTable("Page", "Preset", "Category", "Audit", "Failed in", "By design")
	for _, p := range pages {
		for _, preset := range presets {
			rs := runs[key(p, preset)]
			for _, c := range lhCategories[1:] {
				count := map[string]int{}
				var ids []string
				for _, run := range rs {
					for _, id := range run.failed[c.id] {
						if count[id] == 0 {
							ids = append(ids, id)
						}
						count[id]++
					}
				}
				sort.Strings(ids)
				for _, id := range ids {
					why := "no"
					if e := expectedFailure(p.host.url+p.path, id); e != "" {
						why = "yes: " + e
					}
					t.add(p.name, preset, c.name, "`"+id+"`", fmt.Sprintf("%d of %d runs", count[id], len(rs)), why)
				}
			}
		}
	}
	if len(t.rows) == 0 {
		return
	}
	r.printf("Audits that kept a category under 100 (performance aside):\n\n")
	t.write(r)
}

// writeAuditErrors lists the audits Lighthouse could not run.
func writeAuditErrors(r *report, runs map[string][]lhRun) {
	type errInfo struct {
		count int
		msg   string
	}
	errs := map[string]*errInfo{}
	total := 0
	for _, rs := range runs {
		for _, run := range rs {
			total++
			for id, msg := range run.errored {
				e, ok := errs[id]
				if !ok {
					e = &errInfo{msg: msg}
					errs[id] = e
				}
				e.count++
			}
		}
	}
	if len(errs) == 0 {
		r.printf("No Lighthouse audit errored.\n\n")
		return
	}
	ids := make([]string, 0, len(errs))
	for id := range errs {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	r.printf("Audits that errored (the category scores are still produced without them):\n\n")
	t := newTable("Audit", "Errored in", "Message (first seen)")
	for _, id := range ids {
		msg := strings.ReplaceAll(errs[id].msg, "|", "/")
		if len(msg) > 160 {
			msg = msg[:160] + "…"
		}
		t.add("`"+id+"`", fmt.Sprintf("%d of %d runs", errs[id].count, total), msg)
	}
	t.write(r)
}

// writeCompression checks what Lighthouse's text-compression audit would:
// the encoding of every resource of the app, asked for with the
// Accept-Encoding of a browser.
func writeCompression(ctx context.Context, r *report, hostURL string) error {
	page, err := getOK(ctx, hostURL+seedPath, "")
	if err != nil {
		return err
	}
	base := dataBase(page.body)
	if base == "" {
		return fmt.Errorf("no /data/ path in %s", seedPath)
	}
	paths := []string{
		homePath, seedPath, "/app.js", "/wasm_exec.js", "/web/boot.js", "/web/dateline.css",
		"/web/app.wasm", "/manifest.webmanifest", "/app-worker.js", "/web/icons/icon.svg",
		base + "lists/home/1.json", base + "articles/" + seedSlug + ".json",
	}
	r.printf("#### Compression, checked by the bench\n\n")
	r.printf("Each resource requested with `Accept-Encoding: gzip, deflate, br, zstd` (Chromium's) and without.\n\n")
	t := newTable("Resource", "Content-Type", "Content-Encoding", "Body bytes", "Uncompressed bytes", "Saved")
	all := true
	for _, p := range paths {
		enc, err := getOK(ctx, hostURL+p, "gzip, deflate, br, zstd")
		if err != nil {
			return err
		}
		plain, err := getOK(ctx, hostURL+p, "")
		if err != nil {
			return err
		}
		ce := enc.header.Get("Content-Encoding")
		if ce == "" {
			ce = "none"
			// Lighthouse ignores savings under 1,400 bytes; so does the host,
			// which leaves bodies of 512 bytes and less as they are.
			if len(plain.body) > 1400 {
				all = false
			} else {
				ce += " (small)"
			}
		}
		saved := 1 - float64(len(enc.body))/float64(len(plain.body))
		t.add("`"+p+"`", enc.header.Get("Content-Type"), ce, byteCount(float64(len(enc.body))),
			byteCount(float64(len(plain.body))), fmt.Sprintf("%.0f%%", 100*saved))
	}
	t.write(r)
	r.note("Text resources compressed (HTML, JS, CSS, JSON, SVG, wasm)", "brotli or gzip above 1,400 bytes",
		map[bool]string{true: "all", false: "some uncompressed"}[all], all, "")
	return nil
}

// auditPage is a page the audit runs Lighthouse on, and its host.
type auditPage struct {
	benchPage
	host *host
}

// startArchiveHost serves n plainly synthetic articles in sections
// (tools/gendata), from a file in a new temporary directory that stop
// removes with the host.
func startArchiveHost(ctx context.Context, cfg *config, n int) (*host, error) {
	dir, err := os.MkdirTemp("", "dateline-audit-archive-")
	if err != nil {
		return nil, fmt.Errorf("the audit's archive: %w", err)
	}
	fail := func(err error) (*host, error) {
		if rmErr := os.RemoveAll(dir); rmErr != nil {
			progress("warning: removing %s: %v", dir, rmErr)
		}
		return nil, err
	}
	gen := filepath.Join(dir, "gendata")
	data := filepath.Join(dir, "archive.json")
	if err := goBuild(ctx, cfg, nil, "-o", gen, "./tools/gendata"); err != nil {
		return fail(fmt.Errorf("building tools/gendata: %w", err))
	}
	if err := generate(ctx, gen, n, data, false); err != nil {
		return fail(err)
	}
	h, err := startHost(ctx, cfg.hostBin, "-data", data)
	if err != nil {
		return fail(err)
	}
	h.cleanup = func() {
		if err := os.RemoveAll(dir); err != nil {
			progress("warning: removing %s: %v", dir, err)
		}
	}
	return h, nil
}
