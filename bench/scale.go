//go:build !(js && wasm)

package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// The archive sizes of section e: the hosts' figures at scaleSizes (today's
// host and the landed code's), Chromium's first visit at visitSizes, where
// installRefSize is the largest archive whose every page the service
// worker saves at install.
var (
	scaleSizes = []int{1, 1000, 10000, 100000}
	visitSizes = []int{1, 1000, 2500, 10000, 100000}
)

const (
	scaleBig       = 100000
	installRefSize = 2500
	// scalePath is the article of the first visits: the newest, in every
	// archive.
	scalePath   = "/articles/synthetic-article-00000"
	scaleSWWait = 3 * time.Minute
)

// The targets of the archive work, at 100,000 articles.
const (
	startLimit     = 3.0   // s, exec to serving, and validate from exec to exit
	rssStartLimit  = 400e6 // bytes, after start
	rssSweptLimit  = 600e6 // bytes, after sweepArticles article pages
	firstP99Limit  = 50.0  // ms, the first request of any page, p99
	homeBrotliMax  = 30e3  // bytes, the brotli body of `/`, at any size
	visitBytesGoal = 1.005 // first visit bytes, 100,000 vs 1 article: 1.00x as printed
)

// scaleRow names one row of section e's host tables: an archive size, the
// host, and whether the dataset is a folder.
type scaleRow struct {
	n      int
	landed bool
	folder bool
}

func (k scaleRow) articles() string {
	s := thousands(k.n)
	if k.folder {
		s += " (folder)"
	}
	return s
}

func (k scaleRow) code() string {
	if k.landed {
		return "landed (" + landedCommit + ")"
	}
	return "today"
}

// scale is section e: today's host against the landed code on plainly
// synthetic archives of 1 to 100,000 articles (tools/gendata of each
// side), and a first visit to an article in Chromium.
func scale(ctx context.Context, cfg *config, r *report) error {
	dir, err := os.MkdirTemp("", "dateline-bench-scale-")
	if err != nil {
		return fmt.Errorf("making a directory for the datasets: %w", err)
	}
	defer func() {
		if err := os.RemoveAll(dir); err != nil {
			progress("warning: removing %s: %v", dir, err)
		}
	}()
	wt := filepath.Join(dir, "landed")
	defer removeWorktree(cfg, wt)

	// The landed host builds while the datasets are written.
	t0 := time.Now()
	progress("checking out the landed code (%s)", landedCommit)
	landed, err := checkoutLanded(ctx, cfg, wt)
	if err != nil {
		return err
	}
	bctx, bcancel := context.WithCancel(ctx)
	var landedErr error
	var building sync.WaitGroup
	building.Go(func() { landedErr = makeLanded(bctx, landed) })
	defer func() {
		bcancel()
		building.Wait()
	}()
	progress("building the landed host and writing the datasets")
	today, folder, err := todaysDatasets(ctx, cfg, dir)
	if err != nil {
		return err
	}
	old := &scaleSide{name: "landed", bin: landed.bin, flags: []string{"-max-size", landedMaxSize}, files: map[int]string{}}
	for _, n := range scaleSizes {
		old.files[n] = filepath.Join(dir, fmt.Sprintf("landed-%d.json", n))
		if err := generate(ctx, landed.gen, n, old.files[n], false); err != nil {
			return fmt.Errorf("the landed code's datasets: %w", err)
		}
	}
	building.Wait()
	if landedErr != nil {
		return landedErr
	}
	tPrep := time.Since(t0)
	v, err := firstVisits(ctx, cfg, today)
	if err != nil {
		return err
	}
	tVisits := time.Since(t0) - tPrep
	runs, failed, err := hostRuns(ctx, cfg, today, old, folder, v.pages)
	if err != nil {
		return err
	}
	tHosts := time.Since(t0) - tPrep - tVisits
	exports, err := exportRuns(ctx, cfg, today.files[scaleBig])
	if err != nil {
		return err
	}

	r.printf("### e. Scale: synthetic archives up to 100,000 articles\n\n")
	r.printf("Datasets from `tools/gendata -n N` (plainly synthetic: placeholder words, one figure without image, one inline link; "+
		"today's also with sections, tags and dates, the format the landed code does not read), written in this run, each side by its own "+
		"gendata; the folder dataset by today's `gendata -dir`. The landed code is commit %s, checked out in a git worktree and built "+
		"with its own `make build` in this run (its host and validate run with `-max-size %s`, past their 64 MB default). "+
		"Per run, each size's two hosts go one after the other, the first alternating from run to run, the sizes in turns "+
		"(once the landed host has had its runs, today's goes on alone). "+
		"The landed host runs %s at %s articles (where its starts are the slowest and largest: see below) and %s "+
		"at the other sizes; today's host %s at every size. Cells: median (min–max) over the runs.\n\n",
		landedCommit, landedMaxSize, times(landedRuns(cfg, scaleBig)), thousands(scaleBig), times(landedRuns(cfg, 1)), times(cfg.runs))

	if err := writeHostTable(r, runs, failed, today, old, folder); err != nil {
		return err
	}
	writeFirstTable(r, runs, failed)
	writeHomeTable(r, runs)
	writeVisitTable(r, cfg, v)

	writeExportTable(r, exports)

	judgeScale(r, runs, failed, v)
	if len(exports) > 0 {
		var fresh samples
		for _, e := range exports[:len(exports)-1] {
			fresh = append(fresh, e.took.Seconds())
		}
		r.judge(fmt.Sprintf("Export at %s articles (exec → exit, median of %d)", thousands(scaleBig), len(fresh)), "≤ 60 s", fresh.median(), 60, seconds)
		{
			again := exports[len(exports)-1]
			r.note(fmt.Sprintf("Export over an unchanged export at %s articles", thousands(scaleBig)), "writes only what changed",
				fmt.Sprintf("%s written, %s unchanged", count(float64(again.written)), count(float64(again.unchanged))), again.written == 0, "")
		}
	}
	r.printf("Section e took %s: building the landed code and writing the datasets %s, the first visits %s, the host runs %s.\n\n",
		time.Since(t0).Round(time.Second), tPrep.Round(time.Second), tVisits.Round(time.Second), tHosts.Round(time.Second))
	return nil
}

// todaysDatasets writes today's datasets with today's gendata: one file
// per size of either list, and the largest as a folder too.
func todaysDatasets(ctx context.Context, cfg *config, dir string) (*scaleSide, string, error) {
	gen := filepath.Join(dir, "gendata")
	if err := goBuild(ctx, cfg, nil, "-o", gen, "./tools/gendata"); err != nil {
		return nil, "", err
	}
	side := &scaleSide{name: "today", bin: cfg.hostBin, files: map[int]string{}, lists: true}
	for _, n := range visitSizes {
		side.files[n] = filepath.Join(dir, fmt.Sprintf("today-%d.json", n))
		if err := generate(ctx, gen, n, side.files[n], false); err != nil {
			return nil, "", err
		}
	}
	folder := filepath.Join(dir, fmt.Sprintf("today-%d", scaleBig))
	if err := generate(ctx, gen, scaleBig, folder, true); err != nil {
		return nil, "", err
	}
	return side, folder, nil
}

// landedRuns is how many times the landed host runs on an archive of n
// articles: at most twice on the largest, where each start is slow, three
// times on the others, and once with -quick. It is the side compared
// against, not the one judged: fewer runs keep the section's time down.
func landedRuns(cfg *config, n int) int {
	switch {
	case cfg.quick:
		return 1
	case n == scaleBig:
		return min(cfg.runs, 2)
	}
	return min(cfg.runs, 3)
}

// visits is what the first visits measured, and what the hosts they ran
// on said of their archives.
type visits struct {
	loads   map[int][]*loadResult
	offline map[int]float64    // entries of offline.json
	install map[int]bool       // the first run followed the worker's install
	pages   map[int][]sitePage // pages to time, by size (scaleSizes)
}

// firstVisits starts today's host on each size of visitSizes, asks each
// for its pages (for the hosts' first requests, later) and for its offline
// list, then loads the article in a fresh Chromium, sizes alternating. The
// service worker's install is followed to its end in the first run (with
// -quick, only where the install targets compare it: from installRefSize).
func firstVisits(ctx context.Context, cfg *config, today *scaleSide) (*visits, error) {
	v := &visits{loads: map[int][]*loadResult{}, offline: map[int]float64{}, pages: map[int][]sitePage{}, install: map[int]bool{}}
	hosts := map[int]*host{}
	defer func() {
		for _, h := range hosts {
			h.stop()
		}
	}()
	for _, n := range visitSizes {
		h, err := startHost(ctx, today.bin, "-data", today.files[n])
		if err != nil {
			return nil, err
		}
		hosts[n] = h
		if slices.Contains(scaleSizes, n) {
			if v.pages[n], err = discoverPages(ctx, h.url, n); err != nil {
				return nil, fmt.Errorf("the pages of %d articles: %w", n, err)
			}
		}
		if v.offline[n], err = offlineEntries(ctx, h.url); err != nil {
			return nil, err
		}
	}
	for i := range cfg.runs {
		for k := range visitSizes {
			n := visitSizes[(i+k)%len(visitSizes)]
			progress("first visit %d/%d with %d articles", i+1, cfg.runs, n)
			res, err := func() (*loadResult, error) {
				b, err := newBrowser(ctx, cfg)
				if err != nil {
					return nil, err
				}
				defer b.close()
				spec := loadSpec{url: hosts[n].url + scalePath, app: true}
				if i == 0 && (!cfg.quick || n >= installRefSize) {
					spec.swWait, v.install[n] = scaleSWWait, true
				}
				return measureLoad(b.ctx, spec)
			}()
			if err != nil {
				return nil, err
			}
			v.loads[n] = append(v.loads[n], res)
		}
	}
	return v, nil
}

// offlineEntries counts the URLs of the host's offline.json: what its
// service worker saves at install, beyond the app.
func offlineEntries(ctx context.Context, hostURL string) (float64, error) {
	home, err := getOK(ctx, hostURL+homePath, "")
	if err != nil {
		return math.NaN(), err
	}
	base := dataBase(home.body)
	if base == "" {
		return math.NaN(), fmt.Errorf("no /data/ path in %s's home page", hostURL)
	}
	f, err := getOK(ctx, hostURL+base+"offline.json", "")
	if err != nil {
		return math.NaN(), err
	}
	var urls []string
	if err := json.Unmarshal(f.body, &urls); err != nil {
		return math.NaN(), fmt.Errorf("reading %soffline.json: %w", base, err)
	}
	return float64(len(urls)), nil
}

// hostRuns starts each host on each dataset, runs after runs. A row whose
// dataset the host cannot read (or whose measure fails) stops being run and
// is reported with its error; the context's end stops everything.
func hostRuns(ctx context.Context, cfg *config, today, old *scaleSide, folder string, pages map[int][]sitePage) (map[scaleRow][]*startRun, map[scaleRow]string, error) {
	var groups [][]scaleRow
	for _, n := range scaleSizes {
		groups = append(groups, []scaleRow{{n: n}, {n: n, landed: true}})
	}
	groups = append(groups, []scaleRow{{n: scaleBig, folder: true}})
	want := func(k scaleRow) int {
		if k.landed {
			return landedRuns(cfg, k.n)
		}
		return cfg.runs
	}
	runs, failed := map[scaleRow][]*startRun{}, map[scaleRow]string{}
	for i := range cfg.runs {
		for g := range groups {
			group := groups[(i+g)%len(groups)]
			for s := range group {
				k := group[(i+s)%len(group)]
				if failed[k] != "" || len(runs[k]) >= want(k) {
					continue
				}
				m := startMeasure{side: today, path: today.files[k.n], n: k.n, pages: pages[k.n], seed: uint64(i)}
				switch {
				case k.landed:
					m.side, m.path = old, old.files[k.n]
				case k.folder:
					m.path, m.pages = folder, nil
				}
				progress("host run %d/%d: %s, %s articles", len(runs[k])+1, want(k), k.code(), k.articles())
				run, err := runStart(ctx, m)
				if err != nil {
					if ctx.Err() != nil {
						return nil, nil, err
					}
					failed[k] = fmt.Sprintf("run %d failed: %v", len(runs[k])+1, err)
					progress("warning: %s, %s articles: %s", k.code(), k.articles(), failed[k])
					continue
				}
				runs[k] = append(runs[k], run)
			}
		}
	}
	return runs, failed, nil
}

// hostRows are the rows of the host tables, in order.
func hostRows() []scaleRow {
	var rows []scaleRow
	for _, n := range scaleSizes {
		rows = append(rows, scaleRow{n: n}, scaleRow{n: n, landed: true})
	}
	return append(rows, scaleRow{n: scaleBig, folder: true})
}

// col is one measure of each run.
func col(runs []*startRun, f func(*startRun) float64) samples {
	out := make(samples, len(runs))
	for i, run := range runs {
		out[i] = f(run)
	}
	return out
}

func writeHostTable(r *report, runs map[scaleRow][]*startRun, failed map[scaleRow]string, today, old *scaleSide, folder string) error {
	r.printf("Start, `validate` and memory. \"Start\" is from exec to the serving line; \"ready in\" is what that line reports. "+
		"`validate PATH` is timed from exec to exit; its peak is the process's maximum resident set (getrusage; \"–\" when no more "+
		"than the bench's own, which Linux counts in a child's). Resident memory "+
		"is VmRSS of /proc/PID/status, read at the serving line, and again after the host has served min(N, %s) distinct "+
		"articles (the first requests below, then the rest, %d clients at once, `Accept-Encoding: br, gzip`); the peak is "+
		"VmHWM at the end. The folder dataset is started and validated only.\n\n", thousands(sweepArticles), sweepWorkers)
	t := newTable("Articles", "Code", "Dataset", "Runs", "Start (exec → serving)", "Ready in (host's log)", "`validate` (exec → exit)",
		"`validate` peak RSS", "RSS at start", "RSS after min(N, 5,000) articles", "Peak RSS (VmHWM)")
	for _, k := range hostRows() {
		path := today.files[k.n]
		switch {
		case k.landed:
			path = old.files[k.n]
		case k.folder:
			path = folder
		}
		size, err := datasetBytes(path)
		if err != nil {
			return err
		}
		rs := runs[k]
		runsCell := fmt.Sprint(len(rs))
		if failed[k] != "" {
			runsCell += "; " + cellText(failed[k])
		}
		swept := "–"
		if !k.folder {
			swept = col(rs, func(s *startRun) float64 { return s.rssSwept }).cell(mB)
		}
		t.add(k.articles(), k.code(), mB(size), runsCell,
			col(rs, func(s *startRun) float64 { return s.started / 1000 }).cell(seconds),
			col(rs, func(s *startRun) float64 { return s.readyIn / 1000 }).cell(seconds),
			col(rs, func(s *startRun) float64 { return s.validate / 1000 }).cell(seconds),
			col(rs, func(s *startRun) float64 { return s.validatePeak }).cell(mB),
			col(rs, func(s *startRun) float64 { return s.rssStart }).cell(mB),
			swept,
			col(rs, func(s *startRun) float64 { return s.peak }).cell(mB))
	}
	t.write(r)
	return nil
}

// firstByKind pools the first requests of one kind of page over the runs.
func firstByKind(rs []*startRun, kind string) samples {
	var all samples
	for _, run := range rs {
		all = append(all, run.first[kind]...)
	}
	return all
}

func writeFirstTable(r *report, runs map[scaleRow][]*startRun, failed map[scaleRow]string) {
	r.printf("First request of each page after a fresh start (the same starts): per start, `/`, up to %d pages of the home list "+
		"from `/page/2` to the last (the middle one among them), the first and last page of every section, the first page of up to %d "+
		"tags and %d articles spread over the archive, each asked for once (`Accept-Encoding: br, gzip`), one after the other in an "+
		"order shuffled per run (the same for both hosts), over a connection opened beforehand with `/robots.txt`. Time: from "+
		"sending the request to the last byte. Cells: p50 / p99 / max over every request of the kind in every run (the number of "+
		"requests). The landed code has only `/` and the articles: one page of each other kind was asked for, and its answer is "+
		"shown.\n\n", firstDeepPages+1, firstTags, firstArticles)
	head := []string{"Articles", "Code", "Pages per start"}
	for _, pk := range pageKinds {
		head = append(head, pk.name)
	}
	t := newTable(head...)
	for _, k := range hostRows() {
		if k.folder {
			continue
		}
		rs := runs[k]
		if len(rs) == 0 {
			row := []string{k.articles(), k.code(), cellText(failed[k])}
			for range pageKinds {
				row = append(row, "–")
			}
			t.add(row...)
			continue
		}
		perStart := 0
		for _, pk := range pageKinds {
			perStart += len(rs[0].first[pk.key])
		}
		row := []string{k.articles(), k.code(), fmt.Sprint(perStart)}
		for _, pk := range pageKinds {
			s := firstByKind(rs, pk.key)
			switch {
			case len(s) > 0:
				row = append(row, fmt.Sprintf("%s / %s / %s (%d)", bare(ms(s.median())), bare(ms(s.percentile(99))), ms(s.max()), len(s)))
			case rs[0].absent[pk.key] != "":
				row = append(row, "n/a: "+rs[0].absent[pk.key])
			default:
				row = append(row, "none at this size")
			}
		}
		t.add(row...)
	}
	t.write(r)
}

func writeHomeTable(r *report, runs map[scaleRow][]*startRun) {
	r.printf("The home page `/`: its body as served to `Accept-Encoding: br, gzip` on its first request (medians). Today's is the " +
		"first page of the home list; the landed code's lists every article.\n\n")
	t := newTable("Articles", "Today: `/` body", "Landed: `/` body", "Today / landed")
	body := func(rs []*startRun) samples { return col(rs, func(s *startRun) float64 { return s.homeBody }) }
	for _, n := range scaleSizes {
		a, b := runs[scaleRow{n: n}], runs[scaleRow{n: n, landed: true}]
		t.add(thousands(n), kB(body(a).median())+encodingNote(a), kB(body(b).median())+encodingNote(b),
			ratio(body(a).median()/body(b).median()))
	}
	t.write(r)
}

// encodingNote names the encoding of the home page if it was not brotli.
func encodingNote(rs []*startRun) string {
	for _, run := range rs {
		if run.homeEncoding != "br" {
			return fmt.Sprintf(" (Content-Encoding %q)", run.homeEncoding)
		}
	}
	return ""
}

func writeVisitTable(r *report, cfg *config, v *visits) {
	r.printf("First visit to `%s` in Chromium (fresh profile, loopback, %d runs per size, sizes alternating), on today's host. "+
		"Bytes until live: `encodedDataLength` of the page's requests finished before `data-app=live`. The service worker's own "+
		"requests are counted apart, and followed to the end of its install (its `cache-done` message) in the first run "+
		"(with -quick, only from %s articles); up to "+
		"%s articles it saves every page at install, past that the app and the first page of the home list and of each section. "+
		"offline.json: the URLs the worker saves at install beyond the app.\n\n", scalePath, cfg.runs, thousands(installRefSize),
		thousands(installRefSize))
	t := newTable("Articles", "Bytes until live", "vs 1 article", "App live", "offline.json entries",
		"Worker's install (run 1)", "Worker cache complete at (run 1)")
	one := pick(v.loads[1], func(l *loadResult) float64 { return l.pageBytes })
	for _, n := range visitSizes {
		ls := v.loads[n]
		b := pick(ls, func(l *loadResult) float64 { return l.pageBytes })
		first := ls[:1]
		install, done := "not followed (-quick)", "–"
		if v.install[n] {
			install = pick(first, func(l *loadResult) float64 { return l.swBytes }).cell(kB) + requestsNote(first)
			done = pick(first, func(l *loadResult) float64 { return l.swDone }).cell(ms) + swNote(first)
		}
		t.add(thousands(n), b.cell(kB), ratios(b, one).cell(ratio),
			pick(ls, func(l *loadResult) float64 { return l.live }).cell(ms),
			count(v.offline[n]), install, done)
	}
	t.write(r)
}

// judgeScale records the archive work's targets.
func judgeScale(r *report, runs map[scaleRow][]*startRun, failed map[scaleRow]string, v *visits) {
	big, folder := scaleRow{n: scaleBig}, scaleRow{n: scaleBig, folder: true}
	at := " at " + thousands(scaleBig) + " articles"
	measure := func(k scaleRow, name, goal string, limit float64, unit func(float64) string, f func(*startRun) float64) {
		if len(runs[k]) == 0 {
			r.note(name, goal, "not measured: "+cellText(failed[k]), false, "")
			return
		}
		r.judge(name, goal, col(runs[k], f).median(), limit, unit)
	}
	for _, k := range []scaleRow{big, folder} {
		what := at
		if k.folder {
			what += ", folder"
		}
		measure(k, "Host start"+what+" (exec → serving)", "≤ 3 s", startLimit, seconds,
			func(s *startRun) float64 { return s.started / 1000 })
		measure(k, "`validate`"+what+" (exec → exit)", "≤ 3 s", startLimit, seconds,
			func(s *startRun) float64 { return s.validate / 1000 })
		measure(k, "Host RSS after start"+what, "≤ 400 MB", rssStartLimit, mB,
			func(s *startRun) float64 { return s.rssStart })
	}
	measure(big, fmt.Sprintf("Host RSS after %s article pages%s", thousands(sweepArticles), at), "≤ 600 MB", rssSweptLimit, mB,
		func(s *startRun) float64 { return s.rssSwept })
	for _, pk := range pageKinds {
		name := "First request p99" + at + ", " + pk.name
		if len(runs[big]) == 0 {
			r.note(name, "≤ 50 ms", "not measured: "+cellText(failed[big]), false, "")
			continue
		}
		r.judge(name, "≤ 50 ms", firstByKind(runs[big], pk.key).percentile(99), firstP99Limit, ms)
	}
	// The home page at any size: the largest of the sizes measured.
	largest, at1 := math.NaN(), 0
	for _, n := range scaleSizes {
		b := col(runs[scaleRow{n: n}], func(s *startRun) float64 { return s.homeBody }).median()
		if math.IsNaN(largest) || b > largest {
			largest, at1 = b, n
		}
	}
	r.judge(fmt.Sprintf("Home page `/`, brotli body, any size (largest: %s articles)", thousands(at1)), "≤ 30 kB", largest, homeBrotliMax, kB)

	bytes := func(n int) samples { return pick(v.loads[n], func(l *loadResult) float64 { return l.pageBytes }) }
	r.judge(fmt.Sprintf("First visit bytes until live, %s vs 1 article", thousands(scaleBig)), "1.00x (≤ 1.005x)",
		ratios(bytes(scaleBig), bytes(1)).median(), visitBytesGoal, formatted("%.4fx"))
	install := func(n int, f func(*loadResult) float64) float64 { return pick(v.loads[n][:1], f).median() }
	swBytes := func(l *loadResult) float64 { return l.swBytes }
	swReqs := func(l *loadResult) float64 { return float64(l.swRequests) }
	ref := install(installRefSize, swBytes)
	r.judge(fmt.Sprintf("Worker's install bytes%s (run 1)", at), fmt.Sprintf("≤ %s's: %s", thousands(installRefSize), kB(ref)),
		install(scaleBig, swBytes), ref, kB)
	ref = install(installRefSize, swReqs)
	r.judge(fmt.Sprintf("Worker's install requests%s (run 1)", at), fmt.Sprintf("≤ %s's: %s", thousands(installRefSize), count(ref)),
		install(scaleBig, swReqs), ref, count)
}

// thousands formats a count with thousands separators: 100,000.
func thousands(n int) string { return count(float64(n)) }

// count is a unit: a number with thousands separators.
func count(v float64) string { return strings.TrimSuffix(byteCount(v), " B") }

// times says how many times: once, twice, 5 times.
func times(n int) string {
	switch n {
	case 1:
		return "once"
	case 2:
		return "twice"
	}
	return fmt.Sprintf("%d times", n)
}

// cellText fits a message into a table cell: its lines joined, at most 300
// bytes, without pipes.
func cellText(s string) string {
	s = strings.Join(strings.Split(strings.TrimSpace(s), "\n"), "; ")
	if len(s) > 300 {
		s = s[:300] + "…"
	}
	return strings.ReplaceAll(s, "|", "/")
}

// exportRun is one run of the host's export.
type exportRun struct {
	took                        time.Duration
	written, unchanged, removed int
	bytes                       float64
}

// exportRuns exports the dataset into a new directory freshRuns times
// (each into a new one, the last kept), then once over the last export,
// which writes only what changed: nothing. The last run is the one over.
func exportRuns(ctx context.Context, cfg *config, data string) ([]exportRun, error) {
	// In memory when there is room, as section f does: written to this
	// machine's disk, the export measures mostly the disk.
	base, err := searchWorkDir(scaleBig)
	if err != nil {
		return nil, err
	}
	out, err := os.MkdirTemp(base, "dateline-bench-export-")
	if err != nil {
		return nil, fmt.Errorf("a directory for the export: %w", err)
	}
	exportDir = base
	defer func() {
		if err := os.RemoveAll(out); err != nil {
			progress("warning: removing %s: %v", out, err)
		}
	}()
	var runs []exportRun
	fresh := cfg.runs
	if fresh > 3 {
		fresh = 3 // some 400,000 files each, about a minute
	}
	for i := range fresh + 1 {
		what := fmt.Sprintf("a fresh export, %d of %d", i+1, fresh)
		if i == fresh {
			what = "an export over the last"
		} else if i > 0 {
			if err := os.RemoveAll(out); err != nil {
				return nil, fmt.Errorf("removing the last export: %w", err)
			}
		}
		progress("export at %s articles: %s", thousands(scaleBig), what)
		start := time.Now()
		cmd := exec.CommandContext(ctx, cfg.hostBin, "export", "-data", data, out)
		var stderr limitedBuffer
		cmd.Stderr = &stderr
		stdout, err := cmd.Output()
		took := time.Since(start)
		if err != nil {
			return nil, fmt.Errorf("export %d: %w\n%s", i+1, err, stderr.b)
		}
		run := exportRun{took: took}
		// "…: 428265 files written, 0 unchanged, 0 removed"
		m := exportLine.FindSubmatch(stdout)
		if m == nil {
			return nil, fmt.Errorf("export %d: no count of files in %q", i+1, stdout)
		}
		run.written, _ = strconv.Atoi(string(m[1]))
		run.unchanged, _ = strconv.Atoi(string(m[2]))
		run.removed, _ = strconv.Atoi(string(m[3]))
		err = filepath.WalkDir(out, func(_ string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			info, err := d.Info()
			if err == nil {
				run.bytes += float64(info.Size())
			}
			return err
		})
		if err != nil {
			return nil, fmt.Errorf("measuring the export: %w", err)
		}
		runs = append(runs, run)
	}
	return runs, nil
}

// exportDir is where exportRuns wrote, for the report.
var exportDir string

var exportLine = regexp.MustCompile(`(\d+) files written, (\d+) unchanged, (\d+) removed`)

// writeExportTable reports the export's time, files and size.
func writeExportTable(r *report, runs []exportRun) {
	if len(runs) == 0 {
		return
	}
	r.printf("The static export of today's %s-article dataset (`dateline export -data FILE DIR`, exec → exit: "+
		"fresh exports, each into an empty directory, then an export over the last, which writes only what changed; written into %s):\n\n", thousands(scaleBig), exportDir)
	t := newTable("Export", "Time", "Files written", "Unchanged", "Removed", "Size of the export")
	for i, run := range runs {
		name := fmt.Sprintf("fresh, run %d", i+1)
		if i == len(runs)-1 {
			name = "over the last"
		}
		t.add(name, seconds(run.took.Seconds()), count(float64(run.written)), count(float64(run.unchanged)), count(float64(run.removed)), kB(run.bytes))
	}
	t.write(r)
}
