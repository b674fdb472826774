//go:build !(js && wasm)

package main

import (
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"dateline/app/feed"
)

// The archive sizes of section f, and the one its targets are judged at.
var searchSizes = []int{10000, 100000}

const (
	searchBig = 100000
	// pagefindVersion is the version bench/package.json pins.
	pagefindVersion = "1.6.0"
	// searchMaxRuns bounds the sessions per cell: section f runs
	// min(-runs, 3) times (once with -quick).
	searchMaxRuns = 3
	// searchIndexWait bounds the wait for the host's index-ready line.
	searchIndexWait = 3 * time.Minute
	// exportLimit bounds one export, and pagefindLimit one indexing.
	exportLimit   = 20 * time.Minute
	pagefindLimit = 20 * time.Minute
)

// The targets of issue 11, at 100,000 articles.
const (
	firstQueryLimit  = 150e3 // bytes
	secondQueryLimit = 30e3  // bytes
	cachedQueryLimit = 100.0 // ms
	indexStartLimit  = 1.0   // s added to the host's start
)

// searchEdition is what section f needs to know of an archive's language:
// how gendata begins a headline, and three of its placeholder words
// (lorem, ipsum and dolor), for the queries of common words.
type searchEdition struct {
	headline string
	words    [3]string
}

// searchEditions are the languages section f's archives may be in, by
// gendata's -lang.
var searchEditions = map[string]searchEdition{
	"en":  {"Synthetic article N: ", [3]string{"lorem", "ipsum", "dolor"}},
	"ar":  {"مقال اصطناعي N: ", [3]string{"لوريم", "إيبسوم", "دولور"}},
	"ckb": {"وتاری دەستکرد N: ", [3]string{"لۆرێم", "ئیپسوم", "دۆلۆر"}},
}

// searchNumber writes n as the archive's headlines do: Eastern Arabic
// digits in an Arabic-script edition. The queries type it that way, so
// that Pagefind, which does not fold digits, can find it too; Dateline
// finds it typed either way.
func searchNumber(lang string, n int) string {
	s := strconv.Itoa(n)
	if lang == "en" {
		return s
	}
	return strings.Map(func(r rune) rune { return r - '0' + '٠' }, s)
}

// querySeq is one session's pair of queries: a first, and a second that
// shares a word with it.
type querySeq struct {
	name          string
	first, second string
}

// searchSideKey names the sessions of one query sequence on one side.
type searchSideKey struct {
	seq      int
	pagefind bool
}

// hostSearchRun is one start of the host on a dataset: from exec to its
// serving line, and the index: what its ready line reports, and when it
// came from exec.
type hostSearchRun struct {
	started            float64 // ms
	indexIn, indexAt   float64 // ms
	indexBeforeServing bool
}

// searchSize is everything section f measured at one archive size.
type searchSize struct {
	n          int
	dataset    float64 // bytes
	hosts      []hostSearchRun
	export     float64 // ms, exec to exit
	exportLine string
	pagefind   float64 // ms, exec to exit
	pfPages    int
	pfWords    int
	pfExcerpt  string // the start of what Pagefind indexed of one page
	dlIndex    float64
	dlFiles    int
	pfIndex    float64
	pfFiles    int
	pfCore     float64 // Pagefind's files a search uses (index, fragments, meta, wasm, pagefind.js, worker)
	pfCoreN    int
	seqs       []querySeq
	sessions   map[searchSideKey][]*searchSession
	// floors: go-app's floor under each pair's cached query, the median
	// of each session's (searchFloorSession).
	floors map[int]samples
	onDisk string // where the exports were written
}

// search is section f: Dateline's search on an exported site against
// Pagefind on the same pages, in Chromium, on plainly synthetic archives.
func search(ctx context.Context, cfg *config, r *report) error {
	t0 := time.Now()
	pf, err := pagefindBinary(ctx, cfg)
	if err != nil {
		return err
	}
	sizes := searchSizes
	runs := min(cfg.runs, searchMaxRuns)
	if cfg.quick {
		sizes, runs = searchSizes[:1], 1
	}
	// First, so that a failure here costs no export: go-app's floor under
	// a cached query (searchfloor.go) is built from pages read later.
	progress("search: building go-app's floor once, to check it builds")
	if err := goBuild(ctx, cfg, []string{"GOOS=js", "GOARCH=wasm"}, "-tags=searchfloor", "-o", os.DevNull, "./bench/floorapp"); err != nil {
		return fmt.Errorf("building go-app's floor under a cached query: %w", err)
	}
	base, err := searchWorkDir(sizes[len(sizes)-1])
	if err != nil {
		return err
	}
	dir, err := os.MkdirTemp(base, "dateline-bench-search-")
	if err != nil {
		return fmt.Errorf("making a directory for the exports: %w", err)
	}
	defer func() {
		if err := os.RemoveAll(dir); err != nil {
			progress("warning: removing %s: %v", dir, err)
		}
	}()
	gen := filepath.Join(dir, "gendata")
	if err := goBuild(ctx, cfg, nil, "-o", gen, "./tools/gendata"); err != nil {
		return err
	}
	var results []*searchSize
	for _, n := range sizes {
		res, err := searchAtSize(ctx, cfg, pf, gen, dir, n, runs)
		if err != nil {
			return fmt.Errorf("%s articles: %w", thousands(n), err)
		}
		res.onDisk = base
		results = append(results, res)
	}
	writeSearch(r, cfg, results, runs)
	r.printf("#### go-app's floor under a cached query\n\n")
	r.printf("What a go-app page must do to show a cached query's results as the issue asks, with none of Dateline's own work, "+
		"timed the same way in the same run. `bench/floorapp` built with `-tags searchfloor`: go-app's empty app with a search page "+
		"at `/search` that draws Dateline's own search page as markup, read from the page Dateline's app drew in a first session of "+
		"each pair of queries (the skip link, the header with its search form, `<main>`'s content without a query and with the "+
		"cached query's results, the footer; Dateline's style sheet). The form's submission goes through go-app's navigation "+
		"(`goappNav`), so the query is in the address; the component that navigation makes names it, and go-app draws it at "+
		"once (`OnUpdate`), as Dateline's page does; then the title is set, the page scrolled to its top and focus moved to the "+
		"results' heading, as Dateline does. No search runs and no data is read: the results are markup already. "+
		"Each session is a fresh Chromium on `/search`, one query not counted, then %d times the search cleared and the cached "+
		"query typed and submitted with `datelineQuery`, Dateline's own script; a session's figure is the median of its %d. "+
		"Its sessions take turns with Dateline's and Pagefind's. Dateline above it is the search from kept files, its page's "+
		"render and go-app's comparison of it with the page on screen, the head, and reader.js's handlers.\n\n",
		cachedRepeats, cachedRepeats)
	judgeSearch(r, results)
	r.printf("Section f took %s.\n\n", time.Since(t0).Round(time.Second))
	return nil
}

// pagefindBinary is bench/node_modules/.bin/pagefind, checked to be
// Pagefind 1.6.0.
func pagefindBinary(ctx context.Context, cfg *config) (string, error) {
	bin := filepath.Join(cfg.root, "bench", "node_modules", ".bin", "pagefind")
	if _, err := os.Stat(bin); err != nil {
		return "", fmt.Errorf("Pagefind %s is not installed in bench/node_modules (%v): run npm ci --prefix bench "+
			"(make bench/node_modules/.package-lock.json), then the bench again", pagefindVersion, err)
	}
	out, err := exec.CommandContext(ctx, bin, "--version").CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("%s --version: %w: %s (run npm ci --prefix bench)", bin, err, strings.TrimSpace(string(out)))
	}
	if v := strings.TrimSpace(string(out)); v != "pagefind "+pagefindVersion {
		return "", fmt.Errorf("bench/node_modules has %q, not Pagefind %s: run npm ci --prefix bench", v, pagefindVersion)
	}
	return bin, nil
}

// searchWorkDir is where the datasets and exports go: /dev/shm when it
// has room for the largest (an export on disk takes several times as long
// to write, which would dominate the section), else the temporary folder.
func searchWorkDir(largest int) (string, error) {
	need := uint64(largest)*70e3 + 2e9 // dataset, export, Pagefind, and room to spare
	var st syscall.Statfs_t
	if err := syscall.Statfs("/dev/shm", &st); err == nil && st.Bavail*uint64(st.Bsize) >= need {
		return "/dev/shm", nil
	}
	progress("warning: /dev/shm lacks %.1f GB free: writing the exports into %s, which is slower", float64(need)/1e9, os.TempDir())
	return os.TempDir(), nil
}

var (
	indexLine    = regexp.MustCompile(`search index of (\d+) articles? ready in (\S+)`)
	indexOff     = regexp.MustCompile(`warning: search is off: .*`)
	exportedLine = regexp.MustCompile(`exported \d+ articles .*`)
	headlineRe   = regexp.MustCompile(`<h1\b[^>]*\bclass="story-headline"[^>]*>([^<]*)</h1>`)
	pfPagesRe    = regexp.MustCompile(`Indexed (\d+) pages`)
	pfWordsRe    = regexp.MustCompile(`Indexed (\d+) words`)
)

// searchAtSize writes a dataset of n articles, times the host's start and
// index on it, exports it, indexes the export with Pagefind, then runs the
// browser sessions; it removes the export at the end.
func searchAtSize(ctx context.Context, cfg *config, pf, gen, dir string, n, runs int) (*searchSize, error) {
	res := &searchSize{n: n, sessions: map[searchSideKey][]*searchSession{}}
	data := filepath.Join(dir, fmt.Sprintf("synthetic-%d.json", n))
	progress("search: writing %s articles", thousands(n))
	if err := generate(ctx, gen, n, data, false, "-lang", cfg.searchLang); err != nil {
		return nil, err
	}
	defer os.Remove(data)
	var err error
	if res.dataset, err = datasetBytes(data); err != nil {
		return nil, err
	}
	for i := range runs {
		progress("search: host start %d/%d with %s articles", i+1, runs, thousands(n))
		h, err := hostIndexRun(ctx, cfg, data, n)
		if err != nil {
			return nil, err
		}
		res.hosts = append(res.hosts, h)
	}

	site := filepath.Join(dir, fmt.Sprintf("site-%d", n))
	defer func() {
		if err := os.RemoveAll(site); err != nil {
			progress("warning: removing %s: %v", site, err)
		}
	}()
	progress("search: exporting %s articles", thousands(n))
	out, took, err := timedRun(ctx, exportLimit, cfg.hostBin, "export", "-data", data, site)
	if err != nil {
		return nil, err
	}
	res.export = took
	res.exportLine = strings.TrimSpace(exportedLine.FindString(out))
	progress("search: indexing the export with Pagefind")
	out, took, err = timedRun(ctx, pagefindLimit, pf, "--site", site, "--glob", "articles/**/*.html", "--output-subdir", "pagefind")
	if err != nil {
		return nil, err
	}
	res.pagefind = took
	res.pfPages, res.pfWords = atoiMatch(pfPagesRe, out), atoiMatch(pfWordsRe, out)
	if res.pfPages != n {
		return nil, fmt.Errorf("pagefind indexed %d pages, not the %d articles:\n%s", res.pfPages, n, out)
	}

	searchDir, version, err := exportSearchDir(site)
	if err != nil {
		return nil, err
	}
	if res.dlIndex, res.dlFiles, err = dirSize(searchDir); err != nil {
		return nil, err
	}
	pfDir := filepath.Join(site, "pagefind")
	if res.pfIndex, res.pfFiles, err = dirSize(pfDir); err != nil {
		return nil, err
	}
	if res.pfCore, res.pfCoreN, err = pagefindCore(pfDir); err != nil {
		return nil, err
	}
	if res.pfExcerpt, err = pagefindExcerpt(pfDir); err != nil {
		return nil, err
	}
	// In the edition's language: Pagefind searches the index of its page's.
	page := strings.Replace(pagefindPage, `<html lang="en">`, `<html lang="`+cfg.searchLang+`">`, 1)
	if err := os.WriteFile(filepath.Join(site, strings.TrimPrefix(pagefindPagePath, "/")), []byte(page), 0o644); err != nil {
		return nil, fmt.Errorf("writing the Pagefind page: %w", err)
	}

	// The queries: a headline number (each is in one headline only), then
	// the same with the first word of that headline after the number; two
	// common placeholder words, then one of them with another.
	rare := searchNumber(cfg.searchLang, n*3/4+17)
	word, err := headlineWord(site, n*3/4+17)
	if err != nil {
		return nil, err
	}
	common := searchEditions[cfg.searchLang].words
	res.seqs = []querySeq{
		{"rare word", rare, rare + " " + word},
		{"two common words", common[0] + " " + common[1], common[0] + " " + common[2]},
	}

	srv, err := serveStatic(site)
	if err != nil {
		return nil, err
	}
	defer srv.close()
	prefix := "/data/" + version + "/search/"
	dl := &searchSide{name: "Dateline", path: "/search", ready: datelineReady, failed: datelineFailed,
		query: datelineQuery, app: true, index: func(p string) bool { return strings.HasPrefix(p, prefix) }}
	pfSide := &searchSide{name: "Pagefind", path: pagefindPagePath, ready: pagefindReady, failed: pagefindFailed,
		query: pagefindQuery, index: func(p string) bool {
			return strings.HasPrefix(p, "/pagefind/index/") || strings.HasPrefix(p, "/pagefind/fragment/") ||
				strings.HasPrefix(p, "/pagefind/filter/") || strings.HasPrefix(p, "/pagefind/") && strings.HasSuffix(p, ".pf_meta")
		}}
	sides := map[bool]*searchSide{false: dl, true: pfSide}

	// A first session of Dateline's for each pair of queries, not counted:
	// it brings Chromium's files and the export's into memory, has the
	// server compress each file it sends once, and reads the search page
	// as the app drew it, without a query and with the cached query's
	// results, for go-app's floor under that query.
	floors := make([]*floor, len(res.seqs))
	defer func() {
		for _, f := range floors {
			if f != nil {
				f.stop()
			}
		}
	}()
	for k, q := range res.seqs {
		progress("search: first session (not counted), Dateline, %s articles, %s", thousands(n), q.name)
		s, err := runSearchSession(ctx, cfg, srv, dl, q.first, q.second)
		if err != nil {
			return nil, err
		}
		progress("search: building go-app's floor for the %s's pages", q.name)
		if floors[k], err = startSearchFloor(ctx, cfg, s.pieces); err != nil {
			return nil, err
		}
	}
	if !cfg.quick {
		progress("search: warm-up session (not counted), Pagefind, %s articles", thousands(n))
		if _, err := runSearchSession(ctx, cfg, srv, pfSide, res.seqs[0].first, res.seqs[0].second); err != nil {
			return nil, err
		}
	}
	res.floors = map[int]samples{}
	for i := range runs {
		for k := range res.seqs {
			seq := (i + k) % len(res.seqs)
			q := res.seqs[seq]
			// Dateline, Pagefind and the floor, each first in turn.
			for j := range 3 {
				switch side := (i + k + j) % 3; side {
				case 2:
					progress("search: session %d/%d, %s articles, %s (%q), go-app's floor", i+1, runs, thousands(n), q.name, q.second)
					times, err := searchFloorSession(ctx, cfg, floors[seq].proc.URL, q.second)
					if err != nil {
						return nil, fmt.Errorf("go-app's floor for the %s: %w", q.name, err)
					}
					res.floors[seq] = append(res.floors[seq], times.median())
				default:
					isPF := side == 1
					sd := sides[isPF]
					progress("search: session %d/%d, %s articles, %s (%q, %q), %s", i+1, runs, thousands(n), q.name, q.first, q.second, sd.name)
					s, err := runSearchSession(ctx, cfg, srv, sd, q.first, q.second)
					if err != nil {
						return nil, err
					}
					key := searchSideKey{seq: seq, pagefind: isPF}
					res.sessions[key] = append(res.sessions[key], s)
				}
			}
		}
	}
	return res, nil
}

// hostIndexRun starts the host on a dataset and waits for its index-ready
// line, timing both from exec.
func hostIndexRun(ctx context.Context, cfg *config, data string, n int) (hostSearchRun, error) {
	var run hostSearchRun
	t0 := time.Now()
	h, err := startHost(ctx, cfg.hostBin, "-data", data)
	if err != nil {
		return run, err
	}
	defer h.stop()
	run.started = float64(h.started) / float64(time.Millisecond)
	m, log, err := waitIndexLine(ctx, h, searchIndexWait)
	if err != nil {
		return run, fmt.Errorf("the host on %s: %w", data, err)
	}
	run.indexAt = float64(time.Since(t0)) / float64(time.Millisecond)
	d, err := time.ParseDuration(m[2])
	if err != nil {
		return run, fmt.Errorf("reading the host's index line %q: %w", m[0], err)
	}
	if m[1] != strconv.Itoa(n) {
		return run, fmt.Errorf("the host indexed %s articles, not %d", m[1], n)
	}
	run.indexIn = float64(d) / float64(time.Millisecond)
	// The lines come in the order the host wrote them.
	run.indexBeforeServing = strings.Index(log, m[0]) < strings.Index(log, "serving ")
	return run, nil
}

// waitIndexLine waits for the host's line saying its search index is
// ready, and returns that line's submatches (indexLine) and the host's
// log so far.
func waitIndexLine(ctx context.Context, h *host, limit time.Duration) (m []string, log string, err error) {
	deadline := time.Now().Add(limit)
	for {
		log = h.proc.Log()
		if m := indexLine.FindStringSubmatch(log); m != nil {
			return m, log, nil
		}
		if off := indexOff.FindString(log); off != "" {
			return nil, log, errors.New(off)
		}
		select {
		case <-h.proc.Done():
			return nil, log, fmt.Errorf("exited before its index was ready:\n%s", log)
		case <-ctx.Done():
			return nil, log, ctx.Err()
		case <-time.After(10 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			return nil, log, fmt.Errorf("no index after %s:\n%s", limit, log)
		}
	}
}

// timedRun runs a command to its end, timing it from exec to exit, and
// returns its output (stdout and stderr, the first 64 kB).
func timedRun(ctx context.Context, limit time.Duration, bin string, args ...string) (string, float64, error) {
	cctx, cancel := context.WithTimeout(ctx, limit)
	defer cancel()
	cmd := exec.CommandContext(cctx, bin, args...)
	var out limitedBuffer
	cmd.Stdout, cmd.Stderr = &out, &out
	t0 := time.Now()
	err := cmd.Run()
	took := float64(time.Since(t0)) / float64(time.Millisecond)
	if err != nil {
		what := strings.Join(append([]string{filepath.Base(bin)}, args...), " ")
		if cctx.Err() != nil && ctx.Err() == nil {
			return "", 0, fmt.Errorf("%s had not finished after %s", what, limit)
		}
		return "", 0, fmt.Errorf("%s: %w\n%s", what, err, out.b)
	}
	return string(out.b), took, nil
}

func atoiMatch(re *regexp.Regexp, s string) int {
	m := re.FindStringSubmatch(s)
	if m == nil {
		return 0
	}
	v, err := strconv.Atoi(m[1])
	if err != nil {
		return 0
	}
	return v
}

// exportSearchDir finds the search index of an export: data/VERSION/search.
func exportSearchDir(site string) (dir, version string, err error) {
	matches, err := filepath.Glob(filepath.Join(site, "data", "*", "search"))
	if err != nil || len(matches) != 1 {
		return "", "", fmt.Errorf("the export %s has %d data/*/search folders, not one (%v)", site, len(matches), err)
	}
	return matches[0], filepath.Base(filepath.Dir(matches[0])), nil
}

// headlineWord is the first placeholder word of synthetic article i's
// headline ("Synthetic article 7517: Aliqua tempor ..." gives "aliqua";
// an Arabic edition's "مقال اصطناعي ٧٥١٧: لوريم ..." gives "لوريم"),
// read from its exported page.
func headlineWord(site string, i int) (string, error) {
	file := filepath.Join(site, "articles", scaleSlug(i)+".html")
	b, err := os.ReadFile(file)
	if err != nil {
		return "", fmt.Errorf("reading an exported article: %w", err)
	}
	m := headlineRe.FindSubmatch(b)
	if m == nil {
		return "", fmt.Errorf("no headline in %s", file)
	}
	_, rest, ok := strings.Cut(string(m[1]), ": ")
	words := strings.Fields(rest)
	if !ok || len(words) == 0 {
		return "", fmt.Errorf("%s: headline %q has no words after its number", file, m[1])
	}
	return strings.ToLower(words[0]), nil
}

// pagefindCore measures the Pagefind files a search can fetch: the index
// chunks, fragments, filters, the language's metadata and wasm, the entry
// file, pagefind.js and its worker (not the UI bundles).
func pagefindCore(dir string) (float64, int, error) {
	var total float64
	files := 0
	for _, sub := range []string{"index", "fragment", "filter"} {
		if _, err := os.Stat(filepath.Join(dir, sub)); err != nil {
			continue
		}
		b, n, err := dirSize(filepath.Join(dir, sub))
		if err != nil {
			return 0, 0, err
		}
		total += b
		files += n
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return 0, 0, fmt.Errorf("listing %s: %w", dir, err)
	}
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !(strings.HasSuffix(name, ".pf_meta") || strings.HasPrefix(name, "wasm.") ||
			name == "pagefind.js" || name == "pagefind-worker.js" || name == "pagefind-entry.json") {
			continue
		}
		fi, err := e.Info()
		if err != nil {
			return 0, 0, err
		}
		total += float64(fi.Size())
		files++
	}
	return total, files, nil
}

// pagefindExcerpt is the start of what Pagefind indexed of one page: the
// content of its fragment (gzip, "pagefind_dcd", then JSON), shown in the
// report so that a reader sees what Pagefind's default took from a page.
func pagefindExcerpt(dir string) (string, error) {
	frags, err := filepath.Glob(filepath.Join(dir, "fragment", "*.pf_fragment"))
	if err != nil || len(frags) == 0 {
		return "", fmt.Errorf("no fragment in %s (%v)", dir, err)
	}
	slices.Sort(frags)
	b, err := gunzipFile(frags[0])
	if err != nil {
		return "", err
	}
	b = []byte(strings.TrimPrefix(string(b), "pagefind_dcd"))
	var f struct {
		URL     string `json:"url"`
		Content string `json:"content"`
	}
	if err := json.Unmarshal(b, &f); err != nil {
		return "", fmt.Errorf("reading the fragment %s: %w", frags[0], err)
	}
	c := f.Content
	const keep = 420
	if len(c) > keep {
		cut := strings.LastIndexByte(c[:keep], ' ')
		c = c[:max(cut, 0)] + " …"
	}
	return fmt.Sprintf("%s: «%s»", f.URL, c), nil
}

// Tables.

func writeSearch(r *report, cfg *config, res []*searchSize, runs int) {
	r.printf("### f. Search: Dateline against Pagefind %s\n\n", pagefindVersion)
	sizes := make([]string, len(res))
	for i, s := range res {
		sizes[i] = thousands(s.n)
	}
	onDisk := "/dev/shm (tmpfs)"
	if len(res) > 0 && res[0].onDisk != "/dev/shm" {
		onDisk = res[0].onDisk + " (disk)"
	}
	source := "`tools/gendata -n N`"
	if cfg.searchLang != "en" {
		source = fmt.Sprintf("`tools/gendata -n N -lang %s` (an edition in %q: the placeholder words transliterated into Arabic "+
			"script, with the spellings real text mixes; numbers in Eastern Arabic digits, and so typed in the queries; Pagefind's "+
			"page in the same language)", cfg.searchLang, cfg.searchLang)
	}
	r.printf("Archives of %s plainly synthetic articles from %s (placeholder words; a headline is "+
		"\"%s\" and 4 to 8 of them), each exported with `dateline export -data FILE DIR` into %s, "+
		"then indexed by Pagefind %s from `bench/node_modules` (`pagefind --site DIR --glob 'articles/**/*.html' --output-subdir pagefind`): "+
		"the article pages only, the documents Dateline's index holds, not the export's list, section, tag, home, search, saved and "+
		"not-found pages. The pages carry no `data-pagefind-body`, so Pagefind takes each page's whole `<body>` less what it drops "+
		"by default (the header's search form, the section `<nav>`s, the footer, scripts): the header's labels, the section link, "+
		"headline, date, figure caption, paragraphs, \"Read More\" links, tags and related links. Dateline's index holds each "+
		"article's headline, paragraphs, photo captions, authors and tags (not its \"Read More\" links or related links).\n\n",
		strings.Join(sizes, " and "), source, searchEditions[cfg.searchLang].headline, onDisk, pagefindVersion)
	r.printf("Both are served by one static file server in the bench process, as the export's `_config/nginx.conf` "+
		"has it (`try_files $uri $uri.html $uri/index.html`, its MIME types, `/data/` immutable, other files `no-cache`; "+
		"Pagefind's content-named `index/`, `fragment/` and `.pf_meta` files immutable too), and compressed as that nginx.conf "+
		"has nginx send them, for both sides alike: a file's `.gz` beside it where the export wrote one (`gzip_static`: the "+
		"app's files), else gzip on the fly at level %d from %d bytes for the types it lists (text, and Dateline's search "+
		"index, whose files have a type of their own), else the file as it is: Pagefind's index, fragment, meta and wasm "+
		"files, which Pagefind ships gzip-compressed and decompresses itself, go out as Pagefind wrote them.\n\n",
		feed.GzipLevel, feed.GzipMinLength)
	r.printf("Each session is a new Chromium with a fresh profile on loopback, viewport %d×%d with mobile emulation, no "+
		"throttling. **Dateline**: the export's `/search` page, ready when the app is live (`data-app=live`); the bench then "+
		"waits for the service worker's install to end (`cache-done`, up to %s) so that its precache does not run beside the "+
		"queries. A query is typed the way a reader does: the words go into the header's search box (`#search-input`), are drawn "+
		"there, and the clock starts as its form is submitted (`requestSubmit`; web/reader.js sends it through go-app's "+
		"navigation), as when a reader presses Enter; drawn when the heading names "+
		"the query with the count and the list shows min(count, 20) results (or the no-results note names it). **Pagefind**: a "+
		"bench-only page (`%s`, written into the export) that imports `/pagefind/pagefind.js` and awaits `pagefind.init()` "+
		"(ready; no `data-pagefind-*` options), then per query runs `pagefind.search(q)`, loads the data of the first 20 results (`r.data()`, the 20 a "+
		"page of Dateline's results shows) and draws their titles and excerpts; Pagefind runs its search in its own web "+
		"worker, whose requests are followed too. Per session: the first query, the second (sharing a word with the first), "+
		"the search cleared, then the second again with its files cached; that last pair %d times, the session counting "+
		"the median of the %d cached queries (one takes a few milliseconds, and a single one scatters by as much).\n\n",
		viewportWidth, viewportHeight, swWaitLoopback, pagefindPagePath, cachedRepeats, cachedRepeats)
	r.printf("Bytes are `encodedDataLength` of the requests sent from the query's start until its results were drawn "+
		"(response headers included), by the page and by its workers, not counting what the HTTP cache or a service worker "+
		"answered (the worker's own fetch is counted instead): **everything each side fetched after ready**, whatever the "+
		"path. The first query also counts the index files fetched before it, while the page got ready: Pagefind's init "+
		"starts loading its metadata file (`pagefind.LANG_HASH.pf_meta`, the list of its index chunks and pages, as "+
		"Dateline's manifest is) in its worker without waiting for it. \"Index files\" are those under "+
		"`/data/VERSION/search/` (Dateline), or `/pagefind/index|fragment|filter/` and the `.pf_meta` (Pagefind). What "+
		"each side fetched to be ready, other than index files (Dateline: the page, app.wasm and the app's other files; "+
		"Pagefind: the bench page, pagefind.js, its worker's script, its wasm and entry file), is shown apart and is in no "+
		"query (there, per URL path, the larger of Chromium's count and the body the bench's server sent, since Chromium "+
		"gives no size for a dedicated worker's script); so is the precache of Dateline's service worker, which installs "+
		"after the app is live. The first query starts once the network has been quiet for 300 ms after ready (and, for "+
		"Dateline, after its worker's install). "+
		"Times are from the query's start to the results drawn and laid out, measured in the page: once the results are "+
		"in the document the bench reads the page's layout (`offsetHeight`), on both sides alike, so that both are timed "+
		"to the same point before the paint, a page's layout included. Sessions per side, query "+
		"pair and size: %d%s, sides and pairs alternating; cells: median (min–max).\n\n",
		runs, map[bool]string{true: " (-quick: no warm-up session)", false: ", after one uncounted warm-up session per side and size"}[cfg.quick])

	r.printf("#### Index and build\n\n")
	t := newTable("Articles", "Dataset", "Dateline index on disk", "Pagefind bundle on disk", "of which a search can fetch",
		"Host start (exec → serving)", "Index ready in (host's log)", "Index ready, from exec", "`dateline export`", "Pagefind indexing")
	for _, s := range res {
		hs := func(f func(hostSearchRun) float64) samples {
			out := make(samples, len(s.hosts))
			for i, h := range s.hosts {
				out[i] = f(h)
			}
			return out
		}
		t.add(thousands(s.n), mB(s.dataset),
			fmt.Sprintf("%s, %s files", kB(s.dlIndex), thousands(s.dlFiles)),
			fmt.Sprintf("%s, %s files", kB(s.pfIndex), thousands(s.pfFiles)),
			fmt.Sprintf("%s, %s files", kB(s.pfCore), thousands(s.pfCoreN)),
			hs(func(h hostSearchRun) float64 { return h.started / 1000 }).cell(seconds),
			hs(func(h hostSearchRun) float64 { return h.indexIn / 1000 }).cell(seconds),
			hs(func(h hostSearchRun) float64 { return h.indexAt / 1000 }).cell(seconds),
			seconds(s.export/1000), seconds(s.pagefind/1000))
	}
	t.write(r)
	r.printf("Sizes are the files' bytes (apparent sizes, uncompressed as written): Dateline's `data/VERSION/search/`; Pagefind's "+
		"whole `pagefind/` folder, then only the files its search can fetch (index chunks, fragments, metadata, wasm, "+
		"pagefind.js, its worker and entry; not the UI bundles). The host runs `dateline serve -data FILE` (started %s per size), "+
		"serves from its serving line and builds the index in the background: \"ready in\" is its own log line "+
		"(`search index of N articles ready in X`), \"from exec\" when the bench read that line. The export (which writes the "+
		"whole static site, the index included) and Pagefind are timed from exec to exit, once per size.\n\n", times(runs))
	for _, s := range res {
		r.printf("- %s articles: `%s`; Pagefind: %s pages, %s words. What Pagefind indexed of one page (the start of its "+
			"fragment): %s\n", thousands(s.n), s.exportLine, thousands(s.pfPages), thousands(s.pfWords), "`"+strings.ReplaceAll(s.pfExcerpt, "`", "'")+"`")
	}
	r.printf("\n")

	for _, s := range res {
		writeSearchSize(r, s)
	}
}

// sessionsCol is one measure over the sessions of one side and pair.
func sessionsCol(ss []*searchSession, f func(*searchSession) float64) samples {
	out := make(samples, len(ss))
	for i, s := range ss {
		out[i] = f(s)
	}
	return out
}

func stepCol(ss []*searchSession, step string, f func(*searchStep) float64) samples {
	return sessionsCol(ss, func(s *searchSession) float64 {
		st := s.steps[step]
		if st == nil {
			return nan
		}
		return f(st)
	})
}

// counts lists the result counts of a step over the sessions: one number
// when they agree.
func counts(ss []*searchSession, step string) string {
	var cs []string
	for _, s := range ss {
		if st := s.steps[step]; st != nil {
			c := thousands(st.res.Count)
			if !slices.Contains(cs, c) {
				cs = append(cs, c)
			}
		}
	}
	if len(cs) == 0 {
		return "–"
	}
	return strings.Join(cs, " / ")
}

func writeSearchSize(r *report, s *searchSize) {
	r.printf("#### %s articles\n\n", thousands(s.n))
	t := newTable("Queries", "Measure", "Dateline", "Pagefind", "Dateline / Pagefind")
	for k, q := range s.seqs {
		dl, pf := s.sessions[searchSideKey{seq: k}], s.sessions[searchSideKey{seq: k, pagefind: true}]
		name := fmt.Sprintf("%s: `%s`, then `%s`", q.name, q.first, q.second)
		row := func(measure string, a, b samples, unit func(float64) string) {
			t.add(name, measure, a.cell(unit), b.cell(unit), ratios(a, b).cell(ratio))
		}
		bytes := func(ss []*searchSession, step string) samples {
			return stepCol(ss, step, func(st *searchStep) float64 { return st.bytes.bytes })
		}
		index := func(ss []*searchSession, step string) samples {
			return stepCol(ss, step, func(st *searchStep) float64 { return st.bytes.index })
		}
		reqs := func(ss []*searchSession, step string) samples {
			return stepCol(ss, step, func(st *searchStep) float64 { return float64(st.bytes.requests) })
		}
		took := func(ss []*searchSession, step string) samples {
			return stepCol(ss, step, func(st *searchStep) float64 { return st.res.MS })
		}
		t.add(name, "Results, first / second query", counts(dl, stepFirst)+" / "+counts(dl, stepSecond),
			counts(pf, stepFirst)+" / "+counts(pf, stepSecond), "")
		row("Bytes, first query", bytes(dl, stepFirst), bytes(pf, stepFirst), kB)
		row("…of which index files", index(dl, stepFirst), index(pf, stepFirst), kB)
		row("…of which index files fetched while getting ready",
			sessionsCol(dl, func(x *searchSession) float64 { return x.prefetch.bytes }),
			sessionsCol(pf, func(x *searchSession) float64 { return x.prefetch.bytes }), kB)
		row("…requests", reqs(dl, stepFirst), reqs(pf, stepFirst), integer)
		row("Bytes, second query", bytes(dl, stepSecond), bytes(pf, stepSecond), kB)
		row("…of which index files", index(dl, stepSecond), index(pf, stepSecond), kB)
		row("…requests", reqs(dl, stepSecond), reqs(pf, stepSecond), integer)
		row("Query to results drawn, first", took(dl, stepFirst), took(pf, stepFirst), ms)
		row("Query to results drawn, second", took(dl, stepSecond), took(pf, stepSecond), ms)
		row("Query to results drawn, second again once cached", took(dl, stepCached), took(pf, stepCached), ms)
		row("…go-app's floor for the same pages (in Dateline's column; below)", s.floors[k], took(pf, stepCached), ms)
		row("Bytes of the cached query", bytes(dl, stepCached), bytes(pf, stepCached), kB)
		row("Bytes to be ready (one-time, in no query)",
			sessionsCol(dl, func(x *searchSession) float64 { return x.readyBytes }),
			sessionsCol(pf, func(x *searchSession) float64 { return x.readyBytes }), kB)
		t.add(name, "…Dateline's service worker install, after ready (in no query)",
			sessionsCol(dl, func(x *searchSession) float64 { return x.install }).cell(kB), "–", "")
		row("Ready, from navigation",
			sessionsCol(dl, func(x *searchSession) float64 { return x.ready }),
			sessionsCol(pf, func(x *searchSession) float64 { return x.ready }), ms)
	}
	t.write(r)
	for k, q := range s.seqs {
		dl := stepCol(s.sessions[searchSideKey{seq: k}], stepCached, func(st *searchStep) float64 { return st.res.MS })
		r.printf("The cached query `%s` against go-app's floor for the same pages, session by session: %s.\n\n",
			q.second, ratios(dl, s.floors[k]).cell(ratio))
	}
	writeSearchCounts(r, s)
	var notes []string
	for k, q := range s.seqs {
		for _, isPF := range []bool{false, true} {
			ss := s.sessions[searchSideKey{seq: k, pagefind: isPF}]
			name := map[bool]string{false: "Dateline", true: "Pagefind"}[isPF]
			for _, step := range []string{stepFirst, stepSecond, stepCached} {
				var other []string
				late := 0.0
				for _, x := range ss {
					if st := x.steps[step]; st != nil {
						for _, p := range st.bytes.other {
							if !slices.Contains(other, p) {
								other = append(other, p)
							}
						}
						late += st.bytes.late
					}
				}
				if len(other) > 0 {
					notes = append(notes, fmt.Sprintf("%s, %s, %s query: also fetched %s", name, q.name, step, codeList(other, 6)))
				}
				if late > 0 {
					notes = append(notes, fmt.Sprintf("%s, %s, %s query: %s sent after the results were drawn, not counted", name, q.name, step, kB(late)))
				}
			}
			for _, x := range ss {
				if isPF || strings.HasPrefix(x.swReport, "cache-done") {
					continue
				}
				notes = append(notes, fmt.Sprintf("Dateline, %s: the service worker did not report its install done within %s (%q)", q.name, swWaitLoopback, x.swReport))
				break
			}
		}
	}
	for _, n := range notes {
		r.printf("- %s\n", n)
	}
	if len(notes) > 0 {
		r.printf("\n")
	}
}

// codeList formats up to max paths as code, with how many more.
func codeList(ps []string, max int) string {
	var out []string
	for i, p := range ps {
		if i == max {
			out = append(out, fmt.Sprintf("and %d more", len(ps)-max))
			break
		}
		out = append(out, "`"+p+"`")
	}
	return strings.Join(out, ", ")
}

// judgeSearch records issue 11's targets, at 100,000 articles (with
// -quick, at the largest size measured, named as such).
func judgeSearch(r *report, res []*searchSize) {
	if len(res) == 0 {
		return
	}
	s := res[len(res)-1]
	at := " at " + thousands(s.n) + " articles"
	if s.n != searchBig {
		at += " (-quick; the goal is at " + thousands(searchBig) + ")"
	}
	for k, q := range s.seqs {
		dl, pf := s.sessions[searchSideKey{seq: k}], s.sessions[searchSideKey{seq: k, pagefind: true}]
		med := func(ss []*searchSession, step string, f func(*searchStep) float64) float64 {
			return stepCol(ss, step, f).median()
		}
		bytes := func(st *searchStep) float64 { return st.bytes.bytes }
		took := func(st *searchStep) float64 { return st.res.MS }
		what := fmt.Sprintf(" (%s, `%s`)", q.name, q.first)
		a, b := med(dl, stepFirst, bytes), med(pf, stepFirst, bytes)
		r.judge("Search, first query bytes"+at+what, "≤ 150 kB", a, firstQueryLimit, kB)
		r.judge("Search, first query bytes"+at+what+", against Pagefind", "≤ Pagefind's: "+kB(b), a, b, kB)
		what = fmt.Sprintf(" (%s, `%s` after `%s`)", q.name, q.second, q.first)
		a, b = med(dl, stepSecond, bytes), med(pf, stepSecond, bytes)
		r.judge("Search, second query bytes"+at+what, "≤ 30 kB", a, secondQueryLimit, kB)
		r.judge("Search, second query bytes"+at+what+", against Pagefind", "≤ Pagefind's: "+kB(b), a, b, kB)
		what = fmt.Sprintf(" (%s, `%s`)", q.name, q.second)
		a, b = med(dl, stepCached, took), med(pf, stepCached, took)
		r.judge(fmt.Sprintf("Search, query to results drawn once cached, %d px%s%s", viewportWidth, at, what), "≤ 100 ms", a, cachedQueryLimit, ms)
		name := fmt.Sprintf("Search, query to results drawn once cached, %d px%s%s, against Pagefind", viewportWidth, at, what)
		margin := ms(b-a) + " to spare"
		if a > b {
			margin = "by " + ms(a-b)
		}
		fl := s.floors[k]
		vsFloor := fmt.Sprintf("%s; go-app's floor for the same pages %s, Dateline's own %s above it", ms(a), ms(fl.median()), ms(a-fl.median()))
		if fl.median() > b {
			vsFloor += fmt.Sprintf("; the floor is %s above Pagefind's", ms(fl.median()-b))
		}
		r.note(name, "≤ Pagefind's: "+ms(b), vsFloor, a <= b, margin)
	}
	// The index is built in the background, after the serving line: it
	// adds to the start only if its ready line comes first.
	var before int
	var built samples
	for _, h := range s.hosts {
		if h.indexBeforeServing {
			before++
			built = append(built, h.indexIn/1000)
		}
	}
	start := make(samples, len(s.hosts))
	ready := make(samples, len(s.hosts))
	for i, h := range s.hosts {
		start[i], ready[i] = h.started/1000, h.indexAt/1000
	}
	name := "Search index's addition to the host's start" + at
	if before == 0 {
		r.note(name, "≤ 1 s", fmt.Sprintf("0 s: the index is built after the serving line in %d of %d starts (serving at %s, index ready at %s from exec)",
			len(s.hosts), len(s.hosts), seconds(start.median()), seconds(ready.median())), true, seconds(indexStartLimit)+" to spare")
		return
	}
	r.judge(name+fmt.Sprintf(" (the index was ready before the serving line in %d of %d starts: its build time)", before, len(s.hosts)),
		"≤ 1 s", built.median(), indexStartLimit, seconds)
}

// gunzipFile reads a gzip-compressed file.
func gunzipFile(file string) ([]byte, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", file, err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", file, err)
	}
	b, err := io.ReadAll(io.LimitReader(zr, 64<<20))
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", file, err)
	}
	return b, nil
}

// writeSearchCounts says whether the two sides found the same number of
// results, and shows the first results of each side where they differ on
// a query with few.
func writeSearchCounts(r *report, s *searchSize) {
	agree := true
	var lines []string
	for k := range s.seqs {
		for _, step := range []string{stepFirst, stepSecond} {
			dl, pf := s.sessions[searchSideKey{seq: k}], s.sessions[searchSideKey{seq: k, pagefind: true}]
			a, b := counts(dl, step), counts(pf, step)
			if a == b {
				continue
			}
			agree = false
			if len(dl) == 0 || len(pf) == 0 || dl[0].steps[step] == nil || pf[0].steps[step] == nil {
				continue
			}
			da, pa := dl[0].steps[step].res, pf[0].steps[step].res
			if da.Count <= 5 && pa.Count <= 5 {
				lines = append(lines, fmt.Sprintf("`%s`: Dateline %s; Pagefind %s", dl[0].steps[step].q, codeList(da.URLs, 5), codeList(pa.URLs, 5)))
			}
		}
	}
	if agree {
		r.printf("Both sides found the same number of results for every query.\n\n")
		return
	}
	r.printf("The result counts differ because the two index different text of the same articles: Pagefind indexed the " +
		"page's text (above), which also names other articles (\"Read More\" links and related links: a headline's number " +
		"is also in the article before it), the section and figure caption; Dateline indexed the headline, the " +
		"paragraphs, the authors and the tags. Each side also has its own word rules (Dateline: every word must match, the last also as a word's start).")
	if len(lines) > 0 {
		r.printf(" Where the results were few:\n\n")
		for _, l := range lines {
			r.printf("- %s\n", l)
		}
	}
	r.printf("\n\n")
}
