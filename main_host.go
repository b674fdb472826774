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

	"dateline/app/article"
	"dateline/app/site"
)

// defaultMaxDataset bounds the dataset file, so an absurd file is refused
// before it is read.
const defaultMaxDataset = 64 << 20

func run() {
	log.SetFlags(0)
	log.SetPrefix("dateline: ")
	if err := dispatch(os.Args[1:], os.Stdout); err != nil {
		log.Print(err)
		os.Exit(1)
	}
}

// dispatch runs the subcommand named by args: serve (the default) or validate.
func dispatch(args []string, stdout io.Writer) error {
	if len(args) > 0 {
		switch args[0] {
		case "serve":
			return serve(args[1:])
		case "validate":
			return validate(args[1:], stdout)
		case "import":
			return importStory(args[1:], stdout)
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

Usage:
  dateline [serve] [-addr HOST:PORT] [-data FILE]   serve the site (default :8000, bundled articles.json)
  dateline validate [-max-size BYTES] [FILE]        check a dataset and list every problem
  dateline import [-data FILE] [-o -] STORY.txt     add a plain-text story to a dataset
  dateline export [-data FILE] DIR                  write the site as static files into DIR
`

// dataFlags are the flags that choose a dataset.
type dataFlags struct {
	file    string
	maxSize int64
}

func (d *dataFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&d.file, "data", "", "dataset `FILE` (default: the bundled articles.json)")
	fs.Int64Var(&d.maxSize, "max-size", defaultMaxDataset, "largest dataset accepted, in `BYTES`")
}

// load reads and validates the dataset; the bundled one when no file is given.
func (d *dataFlags) load() (*article.Dataset, []byte, string, error) {
	name, data := "articles.json (bundled)", defaultDataset
	if d.file != "" {
		var err error
		name = d.file
		if data, err = readLimited(d.file, d.maxSize); err != nil {
			return nil, nil, name, err
		}
	}
	ds, err := loadDataset(name, data)
	if err != nil {
		return nil, nil, name, err
	}
	return ds, data, name, nil
}

// readLimited reads a file, refusing one larger than max bytes.
func readLimited(name string, max int64) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, fmt.Errorf("opening dataset: %w", err)
	}
	defer f.Close()
	if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() && fi.Size() <= max {
		data, err := readWhole(f, fi.Size())
		if err == nil {
			return data, nil
		}
		if !errors.Is(err, errSizeChanged) {
			return nil, fmt.Errorf("reading dataset %s: %w", name, err)
		}
		// Being written to: read what there is now, as a stream.
		if _, err := f.Seek(0, io.SeekStart); err != nil {
			return nil, fmt.Errorf("reading dataset %s: %w", name, err)
		}
	}
	// Stat failed, or the file is not regular or changed size: read it as
	// a stream.
	data, err := io.ReadAll(io.LimitReader(f, max+1))
	if err != nil {
		return nil, fmt.Errorf("reading dataset %s: %w", name, err)
	}
	if int64(len(data)) > max {
		return nil, fmt.Errorf("%s: the dataset is larger than %d bytes; raise -max-size if it is meant to be", name, max)
	}
	return data, nil
}

// errSizeChanged says that a file changed size while it was read.
var errSizeChanged = errors.New("the file changed size while it was read")

// readWhole reads a file of the given size into a buffer of that size, in
// two halves at once. Reading a large dataset into memory the process has
// not touched yet is slow on the virtual machines the host runs on: in
// one system call per half, and with two cores touching the new pages, a
// 32 MB file takes a third of the time io.ReadAll takes (about 0.1 s of
// the 10,000-article start, measured side by side).
func readWhole(f *os.File, size int64) ([]byte, error) {
	data := make([]byte, size)
	half := size / 2
	second := make(chan error, 1)
	go func() {
		_, err := f.ReadAt(data[half:], half)
		second <- err
	}()
	_, err := f.ReadAt(data[:half], 0)
	if err2 := <-second; err == nil {
		err = err2
	}
	if err == nil {
		// Nothing may follow: a file that grew is read again.
		var probe [1]byte
		switch _, err = f.ReadAt(probe[:], size); {
		case errors.Is(err, io.EOF):
			return data, nil
		case err == nil:
			err = errSizeChanged
		}
	}
	if errors.Is(err, io.EOF) {
		err = errSizeChanged // it shrank
	}
	return nil, err
}

// newSite loads the dataset and prepares the site.
func newSite(d *dataFlags) (*site.Site, *article.Dataset, string, error) {
	// Hashing the executable, tens of MB, needs nothing else: it runs
	// while the dataset is read, which leaves a core idle.
	type hashed struct {
		sum string
		err error
	}
	exe := make(chan hashed, 1)
	go func() {
		sum, err := executableHash()
		exe <- hashed{sum, err}
	}()
	ds, data, name, err := d.load()
	if err != nil {
		return nil, nil, name, err
	}
	web, err := Web()
	if err != nil {
		return nil, nil, name, err
	}
	build := <-exe
	if build.err != nil {
		return nil, nil, name, build.err
	}
	s, err := site.New(site.Config{Dataset: ds, DatasetJSON: data, Web: web, Build: build.sum})
	if err != nil {
		return nil, nil, name, fmt.Errorf("preparing the site: %w", err)
	}
	return s, ds, name, nil
}

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
	s, ds, name, err := newSite(&d)
	if err != nil {
		return err
	}
	if err := s.Export(fs.Arg(0)); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "exported %d articles from %s, version %s, to %s\n", len(ds.Articles), name, s.Version, fs.Arg(0))
	return nil
}

func serve(args []string) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	addr := fs.String("addr", ":8000", "listen on `HOST:PORT`")
	var d dataFlags
	d.register(fs)
	if err := fs.Parse(args); err != nil {
		return err
	}
	start := time.Now()
	s, ds, name, err := newSite(&d)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("listening: %w", err)
	}
	log.Printf("serving %d articles from %s, version %s, on http://%s (ready in %s)",
		len(ds.Articles), name, s.Version, displayAddr(ln.Addr()), time.Since(start).Round(time.Millisecond))
	// Loading a large dataset leaves the heap several times the size of
	// what stays in use: the file's bytes and the checks' garbage are
	// gone. Hand that memory back to the system once serving, rather
	// than keep it for the life of the process; the collection this takes
	// runs beside the first requests instead of delaying the start.
	go debug.FreeOSMemory()
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
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          log.Default(),
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
