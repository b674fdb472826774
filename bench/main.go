//go:build !(js && wasm)

// Command bench measures Dateline against its performance targets and
// prints markdown tables for BENCHMARKS.md. Every comparison is made side
// by side in one run, alternating the two sides, so that the noise of the
// machine cancels in the ratio. All traffic stays on 127.0.0.1.
//
//	go run ./bench                 # every section, 5 runs each
//	go run ./bench -quick          # a smoke check: fewer and shorter runs
//	go run ./bench -only a,c       # some sections
//	go run ./bench -audit          # Lighthouse (make audit)
//
// The sections: a) cold page load against a script-free baseline, on
// loopback and throttled; b) warm load; c) app.wasm sizes; d) host
// throughput against nginx; e) scale: synthetic archives of up to 100,000
// articles, today's host against the landed code's; f) search: Dateline's
// search on exported archives of 10,000 and 100,000 articles against
// Pagefind (from bench/node_modules: npm ci --prefix bench).
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"dateline/internal/chromium"
)

// The pages every section measures: the home page and the seed article.
const (
	homePath = "/"
	seedSlug = "us-sec-def-to-pm-barzani-there-is-a-special-relationship"
	seedPath = "/articles/" + seedSlug
)

// config is what the flags and the environment choose.
type config struct {
	root     string // the repository
	hostBin  string // the host program
	chromium string // the browser
	runs     int
	quick    bool
	sections map[string]bool

	wrkDuration time.Duration
	wrkReps     int
	// floorNames builds go-app's empty app with its function names (-trace).
	floorNames bool
	// archive is the size of the synthetic archive -trace and -profile
	// serve; 0 serves the bundled dataset.
	archive int
	// searchLang is the language of section f's archives (gendata -lang).
	searchLang string

	// warm holds section b's visits by page path; section a fills it when
	// both run, so that its loopback loads of the app are b's first visits.
	warm map[string][]warmResult
}

// sectionNames maps each section's letter to its longer name.
var sectionNames = map[string]string{
	"a": "cold", "b": "warm", "c": "wasm", "d": "throughput", "e": "scale", "f": "search",
}

func main() {
	log.SetFlags(0)
	log.SetPrefix("bench: ")
	if err := run(os.Args[1:], os.Stdout); err != nil {
		log.Print(err)
		os.Exit(1)
	}
}

func run(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	runs := fs.Int("runs", 5, "measured runs per comparison (at least 1)")
	quick := fs.Bool("quick", false, "a smoke check: 2 runs, short wrk runs, fewer host starts")
	only := fs.String("only", "", "comma-separated sections to run: a (cold), b (warm), c (wasm), d (throughput), e (scale), f (search); default all")
	audit := fs.Bool("audit", false, "run Lighthouse 12.2.3 (from bench/node_modules) instead of the benchmarks")
	profilePath := fs.String("profile", "", "instead of the benchmarks, profile the CPU of one warm load of this page path (such as /); build app.wasm unstripped for function names: make clean build WASM_LDFLAGS=")
	searchProfile := fs.String("profile-search", "", "instead of the benchmarks, profile the CPU of this search `QUERY` once its index files are cached, on 10,000 synthetic articles, -runs times (app.wasm unstripped, as for -profile)")
	searchLang := fs.String("search-lang", "en", "the language of section f's synthetic archives: en, or ar and ckb for an Arabic or Sorani edition (queries in Arabic script); section f only")
	archive := fs.Int("archive", 0, "with -trace or -profile: serve a synthetic archive of this many articles (sections such as /sections/lorem) instead of the bundled dataset")
	tracePath := fs.String("trace", "", "instead of the benchmarks, trace warm loads of this page path (such as /) and of go-app's empty app, -runs each, and list what their main threads did")
	traceMarkup := fs.Bool("trace-markup", false, "with -trace: trace go-app's empty app showing the same page's markup and style sheet, the floor of that page, instead of the bare empty app")
	wrkDuration := fs.Duration("wrk-duration", 10*time.Second, "length of each wrk run")
	wrkReps := fs.Int("wrk-reps", 3, "wrk runs per server and header set, alternating host and nginx")
	verbose := fs.Bool("v", false, "log every request of every measured load on stderr")
	timeout := fs.Duration("timeout", 0, "stop everything after this long (default 20m, plus 30m with section e, 15m with section f and 5m with section d; 45m with -audit)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected arguments: %s", strings.Join(fs.Args(), " "))
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })

	cfg := &config{runs: *runs, quick: *quick, wrkDuration: *wrkDuration, wrkReps: *wrkReps,
		archive: *archive, searchLang: *searchLang, warm: map[string][]warmResult{}}
	verboseLoads = *verbose
	if cfg.quick {
		if !set["runs"] {
			cfg.runs = 2
		}
		if !set["wrk-duration"] {
			cfg.wrkDuration = 3 * time.Second
		}
		if !set["wrk-reps"] {
			cfg.wrkReps = 1
		}
	}
	if cfg.runs < 1 || cfg.runs > 50 {
		return fmt.Errorf("-runs %d: choose 1 to 50", cfg.runs)
	}
	if cfg.archive < 0 || cfg.archive > 100_000 || cfg.archive > 0 && *tracePath == "" && *profilePath == "" {
		return fmt.Errorf("-archive %d: give 1 to 100000 articles, with -trace or -profile", cfg.archive)
	}
	if _, ok := searchEditions[cfg.searchLang]; !ok {
		return fmt.Errorf("-search-lang %q: choose en, ar or ckb", cfg.searchLang)
	}
	if cfg.wrkReps < 1 || cfg.wrkReps > 10 {
		return fmt.Errorf("-wrk-reps %d: choose 1 to 10", cfg.wrkReps)
	}
	if cfg.wrkDuration < time.Second || cfg.wrkDuration > time.Minute {
		return fmt.Errorf("-wrk-duration %s: choose 1s to 1m", cfg.wrkDuration)
	}
	var err error
	if cfg.sections, err = parseSections(*only); err != nil {
		return err
	}
	if *traceMarkup && *tracePath == "" {
		return fmt.Errorf("-trace-markup: give -trace a page path too")
	}
	if set["search-lang"] && (!cfg.sections["f"] || *audit || *profilePath != "" || *searchProfile != "" || *tracePath != "") {
		return fmt.Errorf("-search-lang sets the language of section f's archives only: run it with -only f (or all sections)")
	}
	if cfg.root, err = repoRoot(); err != nil {
		return err
	}
	if cfg.hostBin, err = hostBinary(cfg.root); err != nil {
		return err
	}
	cfg.chromium = chromium.Path()

	limit := *timeout
	if limit == 0 {
		limit = 20 * time.Minute
		switch {
		case *audit:
			limit = 45 * time.Minute
		default:
			if cfg.sections["e"] {
				limit += 30 * time.Minute // with two exports of 100,000 articles
			}
			if cfg.sections["f"] {
				limit += 15 * time.Minute
			}
			if cfg.sections["d"] {
				limit += 5 * time.Minute // four servers, 3 runs of 10 s each per header set
			}
		}
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	ctx, cancel := context.WithTimeout(ctx, limit)
	defer cancel()

	r := &report{w: stdout}
	if *audit {
		return runAudit(ctx, cfg, r, args)
	}
	if *tracePath != "" {
		if !strings.HasPrefix(*tracePath, "/") {
			return fmt.Errorf("-trace %q: give a page path, such as /", *tracePath)
		}
		cfg.floorNames = true
		return runTrace(ctx, cfg, r, *tracePath, *traceMarkup)
	}
	if *profilePath != "" {
		if !strings.HasPrefix(*profilePath, "/") {
			return fmt.Errorf("-profile %q: give a page path, such as /", *profilePath)
		}
		return runProfile(ctx, cfg, r, *profilePath)
	}
	if *searchProfile != "" {
		return runSearchProfile(ctx, cfg, r, *searchProfile)
	}
	return runBench(ctx, cfg, r, args)
}

func parseSections(only string) (map[string]bool, error) {
	sections := map[string]bool{}
	if strings.TrimSpace(only) == "" {
		for s := range sectionNames {
			sections[s] = true
		}
		return sections, nil
	}
	for _, s := range strings.Split(only, ",") {
		s = strings.ToLower(strings.TrimSpace(s))
		found := false
		for letter, name := range sectionNames {
			if s == letter || s == name {
				sections[letter], found = true, true
			}
		}
		if !found {
			return nil, fmt.Errorf("-only: unknown section %q (a, b, c, d, e, f or cold, warm, wasm, throughput, scale, search)", s)
		}
	}
	return sections, nil
}

// runBench runs the selected sections and prints their tables, then the
// targets.
func runBench(ctx context.Context, cfg *config, r *report, args []string) error {
	started := time.Now()
	need := []string{"chromium"}
	if cfg.sections["d"] {
		need = append(need, "wrk", "nginx")
	}
	if err := ensureTools(ctx, cfg, need); err != nil {
		return err
	}
	m, err := describeMachine(ctx, cfg, cfg.sections["d"])
	if err != nil {
		return err
	}
	r.printf("## Benchmark run (make bench)\n\n")
	m.write(r, "go run ./bench", args)

	type section struct {
		letter string
		run    func(context.Context, *config, *report) error
	}
	var failed error
	for _, s := range []section{
		{"a", coldLoad},
		{"b", warmLoad},
		{"c", wasmSizes},
		{"d", throughput},
		{"e", scale},
		{"f", search},
	} {
		if !cfg.sections[s.letter] {
			continue
		}
		t0 := time.Now()
		progress("section %s (%s)", s.letter, sectionNames[s.letter])
		if err := s.run(ctx, cfg, r); errors.Is(err, errOverBudget) {
			// Measured and reported: the other sections still run, and
			// the bench fails at the end.
			failed = fmt.Errorf("section %s (%s): %w", s.letter, sectionNames[s.letter], err)
		} else if err != nil {
			if ctxErr := ctx.Err(); ctxErr != nil {
				err = fmt.Errorf("%w (the bench ran out of time: raise -timeout)", err)
			}
			return fmt.Errorf("section %s (%s): %w", s.letter, sectionNames[s.letter], err)
		}
		progress("section %s done in %s", s.letter, time.Since(t0).Round(time.Second))
	}
	r.writeTargets()
	r.printf("\nThe whole bench took %s.\n", time.Since(started).Round(time.Second))
	return failed
}

// progress reports what the bench is doing on stderr, so that stdout is
// only the markdown.
func progress(format string, args ...any) {
	log.Printf(format, args...)
}

// repoRoot finds the module root: the nearest directory upwards holding a
// go.mod of module dateline.
func repoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		b, err := os.ReadFile(filepath.Join(dir, "go.mod"))
		if err == nil && strings.HasPrefix(strings.TrimSpace(string(b)), "module dateline") {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("run the bench inside the Dateline repository (no go.mod of module dateline above this directory)")
		}
		dir = parent
	}
}

// hostBinary is DATELINE_BIN, or bin/dateline in the repository.
func hostBinary(root string) (string, error) {
	bin := os.Getenv("DATELINE_BIN")
	if bin == "" {
		bin = filepath.Join(root, "bin", "dateline")
	}
	fi, err := os.Stat(bin)
	if err != nil || fi.IsDir() {
		return "", fmt.Errorf("no host program at %s: run make build (or set DATELINE_BIN)", bin)
	}
	return bin, nil
}
