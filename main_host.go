//go:build !(js && wasm)

package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"
	"time"

	"dateline/app/dataset"
	"dateline/app/site"
)

func run() {
	log.SetFlags(0)
	log.SetPrefix("dateline: ")
	if err := dispatch(os.Args[1:], os.Stdout, os.Stderr); err != nil {
		log.Print(err)
		os.Exit(1)
	}
}

// dispatch runs the subcommand named by args: serve (the default),
// validate, import or export. Results go to stdout, notes to stderr.
func dispatch(args []string, stdout, stderr io.Writer) error {
	if len(args) > 0 {
		switch args[0] {
		case "serve":
			return serve(args[1:])
		case "validate":
			return validate(args[1:], stdout)
		case "import":
			return importStory(args[1:], stdout, stderr)
		case "export":
			return export(args[1:], stdout)
		case "help", "-h", "-help", "--help":
			fmt.Fprint(stdout, usage)
			return nil
		}
	}
	return serve(args)
}

const usage = `Dateline serves news articles as an installable, offline-ready web app.

A dataset is one JSON file in the format of articles.json, or a folder of
such files. Usage:

  dateline [serve] [-addr HOST:PORT] [-data PATH] [-cache BYTES]
                                                  serve the site (default :8000, bundled articles.json)
  dateline validate [PATH]                        check a dataset and list every problem
  dateline import [-data PATH] [-lang TAG] [-slug SLUG] [-copy] [-o -] STORY.txt
                                                  add a plain-text story to a dataset
  dateline export [-data PATH] DIR                write the site as static files into DIR
`

// dataFlags are the flags that choose a dataset.
type dataFlags struct {
	path    string
	maxSize int64
	// checkOnly loads the dataset to check it, not to serve it (see
	// dataset.Options.CheckOnly).
	checkOnly bool
}

func (d *dataFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&d.path, "data", "", "dataset `PATH`: a file, or a folder of .json files (default: the bundled articles.json)")
	fs.Int64Var(&d.maxSize, "max-size", dataset.DefaultMaxSize, "largest dataset file accepted, in `BYTES`")
}

// load reads and checks the dataset; the bundled one when none is given.
func (d *dataFlags) load() (*dataset.Archive, error) {
	if d.path == "" {
		return dataset.LoadBytes("articles.json (bundled)", defaultDataset)
	}
	return dataset.Load(d.path, dataset.Options{MaxSize: d.maxSize, CheckOnly: d.checkOnly})
}

// newSite loads the dataset and prepares the site.
func newSite(d *dataFlags, cacheSize int64) (*site.Site, *dataset.Archive, error) {
	// Hashing the executable, tens of MB, needs nothing else: it runs
	// while the dataset is read.
	type hashed struct {
		sum string
		err error
	}
	exe := make(chan hashed, 1)
	go func() {
		sum, err := executableHash()
		exe <- hashed{sum, err}
	}()
	arc, err := d.load()
	if err != nil {
		return nil, nil, err
	}
	web, err := Web()
	if err != nil {
		return nil, nil, err
	}
	build := <-exe
	if build.err != nil {
		return nil, nil, build.err
	}
	s, err := site.New(site.Config{Archive: arc, Web: web, Build: build.sum, CacheSize: cacheSize})
	if err != nil {
		return nil, nil, fmt.Errorf("preparing the site: %w", err)
	}
	return s, arc, nil
}

// exportGCPercent is the garbage collector's target during an export.
const exportGCPercent = 400

func export(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	var d dataFlags
	d.register(fs)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return errors.New("export: name one directory to write the site into")
	}
	// An export is a batch job that makes garbage in proportion to the
	// archive (every page rendered once, then dropped): collecting less
	// often trades memory for time. At 100,000 articles, against the
	// default: 70-74 s of CPU instead of 85-93 s, and a peak of 1.2 GB
	// instead of 0.44 GB.
	debug.SetGCPercent(exportGCPercent)
	s, arc, err := newSite(&d, 0)
	if err != nil {
		return err
	}
	st, err := s.Export(fs.Arg(0))
	if err != nil {
		return err
	}
	if _, err := fmt.Fprintf(stdout, "exported %d articles from %s, version %s, to %s: %d files written, %d unchanged, %d removed\n",
		arc.Len(), arc.Name, s.Version, fs.Arg(0), st.Written, st.Unchanged, st.Removed); err != nil {
		return fmt.Errorf("export: reporting: %w", err)
	}
	return nil
}

func serve(args []string) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	addr := fs.String("addr", ":8000", "listen on `HOST:PORT`")
	cacheSize := fs.Int64("cache", site.DefaultCacheSize, "memory for pages and data files kept once made, in `BYTES`")
	var d dataFlags
	d.register(fs)
	if err := fs.Parse(args); err != nil {
		return err
	}
	start := time.Now()
	s, arc, err := newSite(&d, *cacheSize)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("listening: %w", err)
	}
	for _, w := range arc.Warnings {
		log.Print("warning: " + w.String())
	}
	log.Printf("serving %d articles from %s, version %s, on http://%s (ready in %s)",
		arc.Len(), arc.Name, s.Version, displayAddr(ln.Addr()), time.Since(start).Round(time.Millisecond))
	// Reading a large dataset leaves the heap larger than what stays in
	// use: the checks' garbage is gone. Hand that memory back to the
	// system once serving; the collection this takes runs beside the
	// first requests instead of delaying the start.
	go debug.FreeOSMemory()
	go func() {
		if took, err := s.WaitSearch(); err != nil {
			log.Printf("warning: search is off: %v", err)
		} else {
			log.Printf("search index of %d articles ready in %s", arc.Len(), took.Round(time.Millisecond))
		}
	}()
	return serveUntilSignal(ln, s)
}

// displayAddr turns a wildcard listen address into one a browser can open.
func displayAddr(a net.Addr) string {
	tcp, ok := a.(*net.TCPAddr)
	if ok && tcp.IP.IsUnspecified() {
		return fmt.Sprintf("localhost:%d", tcp.Port)
	}
	return a.String()
}

// serveUntilSignal serves until SIGINT or SIGTERM, then lets requests in
// flight finish (for up to 10 seconds) before returning.
func serveUntilSignal(ln net.Listener, h http.Handler) error {
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       10 * time.Second,
		// A response's deadline, from its request. The site gives each
		// piece of a large body a deadline of its own instead (writeBody
		// in app/site), so that a slow network gets app.wasm whole.
		WriteTimeout:   30 * time.Second,
		IdleTimeout:    120 * time.Second,
		MaxHeaderBytes: 64 << 10,
		ErrorLog:       log.Default(),
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("serving: %w", err)
	case <-ctx.Done():
	}
	log.Print("shutting down: finishing requests in flight")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return fmt.Errorf("shutting down: %w", err)
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serving: %w", err)
	}
	log.Print("stopped")
	return nil
}

// executableHash identifies this build of the host by its own bytes.
func executableHash() (string, error) {
	exe, err := os.Executable()
	if err != nil {
		return "", fmt.Errorf("finding the executable: %w", err)
	}
	f, err := os.Open(exe)
	if err != nil {
		return "", fmt.Errorf("hashing the executable: %w", err)
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", fmt.Errorf("hashing the executable: %w", err)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
