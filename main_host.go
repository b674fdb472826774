//go:build !(js && wasm)

package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"log"
	"math"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"dateline/app/dataset"
	"dateline/app/site"
)

func run() {
	log.SetFlags(0)
	log.SetPrefix("dateline: ")
	// The site's messages (app.Log, each "dateline: ...") go where the
	// host's own go, to standard error, as plain lines: go-app writes them
	// to standard output in a terminal's colour codes, which a log file or
	// the journal keeps as noise.
	app.DefaultLogger = func(format string, v ...any) {
		fmt.Fprintf(os.Stderr, format+"\n", v...)
	}
	err := dispatch(os.Args[1:], os.Stdout, os.Stderr)
	var usage usageError
	var exit exitError
	switch {
	case err == nil:
	case errors.Is(err, flag.ErrHelp):
		// -h: the flag package has printed the command's flags.
	case errors.As(err, &usage):
		if !usage.printed {
			log.Print(err)
		}
		os.Exit(2)
	case errors.As(err, &exit):
		log.Print(err)
		os.Exit(exit.code)
	default:
		log.Print(err)
		os.Exit(1)
	}
}

// usageError is a command line that is not understood. The process exits
// with status 2, as Go's flag package has programs do, and with nothing
// more printed when the flag package has said what is wrong already.
type usageError struct {
	err     error
	printed bool
}

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

// parseFlags parses a command's flags, before its arguments or after
// them (import -data news.json story.txt -published now), as git and the
// GNU tools take them: Go's flag package stops at the first argument, so
// the rest is parsed again from the next flag, until "--", after which
// everything is an argument. fs.Args() then holds the arguments, in
// their order. A problem with the flags is a usageError that the flag
// package has printed, with the flags.
func parseFlags(fs *flag.FlagSet, args []string) error {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			return usageError{err: err, printed: true}
		}
		rest := fs.Args()
		if used := len(args) - len(rest); len(rest) == 0 || used > 0 && args[used-1] == "--" {
			positional = append(positional, rest...)
			break
		}
		positional = append(positional, rest[0])
		args = rest[1:]
	}
	// The arguments are what is left after "--".
	if err := fs.Parse(append([]string{"--"}, positional...)); err != nil {
		return usageError{err: err, printed: true}
	}
	return nil
}

// refuseEmpty refuses a command line that gives one of the flags named,
// all paths or addresses, or a positional argument, as "": an unset
// variable in a script (-data "$DATA"), which would otherwise be taken
// for a flag not given and use a default. what names the positional
// arguments, as the command's usage does.
func refuseEmpty(cmd string, fs *flag.FlagSet, what string, flags ...string) error {
	var err error
	fs.Visit(func(f *flag.Flag) {
		if err == nil && slices.Contains(flags, f.Name) && f.Value.String() == "" {
			err = usagef("%s: -%s is empty (is a variable unset?): give it a value, or leave -%[2]s out; nothing was done", cmd, f.Name)
		}
	})
	if err != nil {
		return err
	}
	if slices.Contains(fs.Args(), "") {
		return usagef("%s: the %s given is empty (is a variable unset?); nothing was done", cmd, what)
	}
	return nil
}

// usagef is a usageError of the command's own.
func usagef(format string, args ...any) error {
	return usageError{err: fmt.Errorf(format, args...)}
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
			if _, err := fmt.Fprint(stdout, usage); err != nil {
				return fmt.Errorf("writing the usage: %w", err)
			}
			return nil
		}
		if !strings.HasPrefix(args[0], "-") {
			// A mistyped command would otherwise start a server, and a
			// script with the typo would hang instead of failing.
			return usagef("%q is not a command: the commands are serve, validate, import, export and help", args[0])
		}
	}
	return serve(args)
}

const usage = `Dateline serves news articles as an installable, offline-ready web app.

A dataset is one JSON file in the format of articles.json, or a folder of
such files. Usage:

  dateline [serve] [-addr HOST:PORT] [-data PATH] [-media DIR] [-cache BYTES]
                                                  serve the site (default :8000, and the bundled
                                                  example dataset, built into the program)
  dateline validate [-media DIR] [PATH]           check a dataset (default ./articles.json) and list every problem
                                                  (PATH may be a pipe: dateline validate <(gunzip -c data.json.gz))
  dateline import [-data PATH] [-lang TAG] [-slug SLUG] [-published DATE] [-updated DATE] [-section NAME] [-tag NAME]... [-author NAME]... [-copy] [-o -] STORY.txt
                                                  add a plain-text story to a dataset (default ./articles.json)
  dateline export [-data PATH] [-media DIR] DIR   write the site as static files into DIR
                                                  (default: the bundled example dataset)

Flags may come before or after the other arguments (after "--", all are
arguments). Without -data, serve and export use the example built into
the program, and import and validate ./articles.json: give -data to use a
newsroom's dataset. A path or address given as "" (an unset variable) is
refused.

-media DIR is the newsroom's folder of photos, served at /media/: a figure's
"/media/photos/x.jpg" is DIR/photos/x.jpg.
`

// dataFlags are the flags that choose a dataset.
type dataFlags struct {
	path    string
	maxSize int64
	// checkOnly loads the dataset to check it, not to serve it (see
	// dataset.Options.CheckOnly).
	checkOnly bool
	// serving loads it to serve: a date ahead of the clock is a warning
	// (dataset.Options.AheadWarns), not a reason to stay down.
	serving bool
	// media is the folder of photos served under /media/; "" for none.
	media string
}

func (d *dataFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&d.path, "data", "", "dataset `PATH`: a file, or a folder of .json files (default: the bundled example dataset, built into the program)")
	d.maxSize = dataset.DefaultMaxSize
	fs.Var((*sizeFlag)(&d.maxSize), "max-size", "largest dataset file accepted, in `BYTES` (or with a unit: 512MB, 2GB)")
	d.registerMedia(fs)
}

func (d *dataFlags) registerMedia(fs *flag.FlagSet) {
	fs.StringVar(&d.media, "media", "", "folder `DIR` of the photos served at /media/ (a figure's /media/x.jpg is DIR/x.jpg)")
}

// sizeFlag is a flag's size in bytes: a number of bytes, or a number
// with a unit of 1,024 (kB, MB, GB, as the host prints sizes; a space
// before the unit, KiB, MiB and GiB, and any case, 256mb, are taken
// too). It is more than 0.
type sizeFlag int64

func (s *sizeFlag) String() string { return dataset.ByteSize(int64(*s)) }

func (s *sizeFlag) Set(v string) error {
	num, unit := strings.TrimSpace(v), int64(1)
	lower := strings.ToLower(num)
	for _, u := range sizeUnits {
		if strings.HasSuffix(lower, u.name) {
			num, unit = strings.TrimSpace(num[:len(num)-len(u.name)]), u.size
			break
		}
	}
	n, err := strconv.ParseInt(num, 10, 64)
	switch {
	case err != nil:
		return fmt.Errorf("%q is not a size: give a whole number of bytes, alone or with a unit: %s, such as 64MB", v, sizeUnitsText)
	case n <= 0:
		return fmt.Errorf("%q: a size must be more than 0", v)
	case n > math.MaxInt64/unit:
		return fmt.Errorf("%q is too large", v)
	}
	*s = sizeFlag(n * unit)
	return nil
}

// sizeUnits are the units sizeFlag takes, in lower case (the case given
// does not matter), each before any that ends it.
var sizeUnits = []struct {
	name string
	size int64
}{
	{"gib", 1 << 30}, {"gb", 1 << 30}, {"g", 1 << 30},
	{"mib", 1 << 20}, {"mb", 1 << 20}, {"m", 1 << 20},
	{"kib", 1 << 10}, {"kb", 1 << 10}, {"k", 1 << 10},
	{"bytes", 1}, {"b", 1},
}

// sizeUnitsText names every unit of sizeUnits, for the message that
// refuses a size (TestSizeFlag holds the two together).
const sizeUnitsText = "B or bytes; K, kB or KiB; M, MB or MiB; G, GB or GiB " +
	"(in any case, after a space or not; each 1,024 of the one before)"

// load reads and checks the dataset, the bundled one when none is given,
// with the media folder, if one is given: every figure's image at a path
// on the site must be a file the site serves. The caller closes the
// media folder, which is nil when none is given.
func (d *dataFlags) load() (*dataset.Archive, *site.Media, error) {
	web, err := Web()
	if err != nil {
		return nil, nil, err
	}
	var media *site.Media
	if d.media != "" {
		if media, err = site.OpenMedia(d.media); err != nil {
			return nil, nil, err
		}
	}
	opt := dataset.Options{MaxSize: d.maxSize, CheckOnly: d.checkOnly, Image: site.ImageCheck(web, media), AheadWarns: d.serving}
	var arc *dataset.Archive
	if d.path == "" {
		arc, err = dataset.LoadBytesOptions("articles.json (bundled)", defaultDataset, opt)
	} else {
		arc, err = dataset.Load(d.path, opt)
	}
	if err != nil {
		if media != nil {
			err = errors.Join(err, closeMedia(media))
		}
		return nil, nil, err
	}
	return arc, media, nil
}

// bundledNote says, when no -data was given to serve or export, that the
// dataset is the example built into the program, not ./articles.json,
// which import and validate use without -data: named when it is there
// and holds something else. "" when -data was given.
func (d *dataFlags) bundledNote() string {
	if d.path != "" {
		return ""
	}
	note := "note: no -data given: using the bundled example dataset (the articles.json built into this program); give -data PATH for a newsroom's own"
	const here = "articles.json"
	info, err := os.Stat(here)
	if err != nil {
		return note // none here, or none to be read: nothing to mistake
	}
	same := false
	if info.Mode().IsRegular() && info.Size() == int64(len(defaultDataset)) {
		data, err := os.ReadFile(here)
		same = err == nil && bytes.Equal(data, defaultDataset)
	}
	if !same {
		note += "; ./articles.json, which import and validate use without -data, is not this dataset: give -data articles.json to use it"
	}
	return note
}

// closeMedia closes the media folder once it is no longer served.
func closeMedia(m *site.Media) error {
	if m == nil {
		return nil
	}
	if err := m.Close(); err != nil {
		return fmt.Errorf("closing the media folder: %w", err)
	}
	return nil
}

// newSite loads the dataset and prepares the site, which serves the
// media folder and reads the dataset's files it holds open until done is
// called.
func newSite(d *dataFlags, cacheSize int64) (s *site.Site, arc *dataset.Archive, done func() error, err error) {
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
	arc, media, err := d.load()
	if err != nil {
		return nil, nil, nil, err
	}
	// The archive holds its dataset files open (it reads its articles
	// from them), and the closure only those, not the archive.
	closeFiles := arc.Closer()
	done = func() error {
		err := closeMedia(media)
		if ferr := closeFiles(); ferr != nil {
			err = errors.Join(err, fmt.Errorf("closing the dataset: %w", ferr))
		}
		return err
	}
	web, err := Web()
	if err != nil {
		return nil, nil, nil, errors.Join(err, done())
	}
	build := <-exe
	if build.err != nil {
		return nil, nil, nil, errors.Join(build.err, done())
	}
	s, err = site.New(site.Config{Archive: arc, Web: web, Build: build.sum, CacheSize: cacheSize, Media: media})
	if err != nil {
		return nil, nil, nil, errors.Join(fmt.Errorf("preparing the site: %w", err), done())
	}
	return s, arc, done, nil
}

// exportGCPercent is the garbage collector's target during an export.
const exportGCPercent = 400

func export(args []string, stdout io.Writer) (err error) {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	var d dataFlags
	d.register(fs)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if err := refuseEmpty("export", fs, "directory to write the site into", "data", "media"); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usagef("export: name one directory to write the site into: dateline export [-data PATH] [-media DIR] DIR")
	}
	dir := fs.Arg(0)
	if err := checkExportDir(d.path, dir); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	if err := checkExportMedia(d.media, dir); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	// An export is a batch job that makes garbage in proportion to the
	// archive (every page rendered once, then dropped): collecting less
	// often trades memory for time. At 100,000 articles, against the
	// default: 70-74 s of CPU instead of 85-93 s, and a peak of 1.2 GB
	// instead of 0.44 GB.
	debug.SetGCPercent(exportGCPercent)
	s, arc, done, err := newSite(&d, 0)
	if err != nil {
		return err
	}
	defer func() { err = errors.Join(err, done()) }()
	links, err := arc.Links()
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	if err := checkExportLinks(d.path, dir, links); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	// Ctrl-C or a SIGTERM stops the export, which then removes what it
	// had written and says what state it left the folder in. Once the
	// site is being moved into place it finishes the move; a second
	// signal, no longer caught, ends the process (the next export
	// completes the update).
	ctx, stop := stopOnSignal()
	defer stop()
	if note := d.bundledNote(); note != "" {
		if _, err := fmt.Fprintln(stdout, note); err != nil {
			return fmt.Errorf("export: reporting: %w", err)
		}
	}
	// What the dataset may have but readers would notice (a picture the
	// pages cannot load, a label left out): said before the site goes out
	// with it, as validate and serve say it.
	for _, w := range arc.Warnings {
		if _, err := fmt.Fprintln(stdout, "warning: "+w.String()); err != nil {
			return fmt.Errorf("export: reporting: %w", err)
		}
	}
	st, err := s.Export(ctx, dir)
	if err != nil {
		if sig, ok := context.Cause(ctx).(signalled); ok {
			return exitError{err: err, code: sig.exitCode()}
		}
		return err
	}
	if _, err := fmt.Fprintf(stdout, "exported %s from %s, version %s, to %s: %d files written, %d unchanged, %d removed\n",
		countOf(arc.Len(), "article", "articles"), arc.Name, s.Version, dir, st.Written, st.Unchanged, st.Removed); err != nil {
		return fmt.Errorf("export: reporting: %w", err)
	}
	if arc.Site.URL == "" {
		// Absolute links are never guessed: without the site's address
		// what search engines and feed readers need of it is left out.
		if _, err := fmt.Fprintln(stdout, noSiteURLNote); err != nil {
			return fmt.Errorf("export: reporting: %w", err)
		}
	}
	return nil
}

// noSiteURLNote follows an export of a dataset whose site has no url.
const noSiteURLNote = `note: the dataset gives no site "url" (the public https origin, such as https://news.example): ` +
	`the export has no sitemap.xml, no canonical or og:url links, and feeds whose links are relative; give it to have them`

// checkExportDir refuses to export into dir when dir is inside the
// dataset folder data (the export's JSON files would be read as the
// dataset's) or holds the dataset (which an update could replace). Paths
// are compared absolute, with their symbolic links evaluated where they
// exist; data "" is the bundled dataset.
func checkExportDir(data, dir string) error {
	if data == "" {
		return nil
	}
	info, err := os.Stat(data)
	if errors.Is(err, fs.ErrNotExist) {
		return nil // nothing to write over; loading it says it is missing
	}
	if err != nil {
		return fmt.Errorf("finding the dataset %s: %w", data, err)
	}
	if info.Mode()&fs.ModeNamedPipe != 0 {
		return nil // read to its end before anything is written; no folder to write into
	}
	dataAbs, err := resolvePath(data)
	if err != nil {
		return fmt.Errorf("finding the dataset %s: %w", data, err)
	}
	dirAbs, err := resolvePath(dir)
	if err != nil {
		return fmt.Errorf("finding %s: %w", dir, err)
	}
	if dirAbs == dataAbs {
		return fmt.Errorf("%s is the dataset %s: choose another folder to write the site into", dir, data)
	}
	if info.IsDir() && within(dataAbs, dirAbs) {
		return fmt.Errorf("%s is inside the dataset folder %s, whose every .json file is read as the dataset: choose a folder outside it", dir, data)
	}
	if within(dirAbs, dataAbs) {
		return fmt.Errorf("%s holds the dataset %s, which an export there could remove or replace: choose a folder that does not hold it", dir, data)
	}
	return nil
}

// checkExportMedia refuses to export into dir when dir is the media
// folder media or inside it (the export's pictures would be copied again
// as the newsroom's, into media/media/...) or holds it (an update could
// remove or replace its photos). media "" is none.
func checkExportMedia(media, dir string) error {
	if media == "" {
		return nil
	}
	mediaAbs, err := resolvePath(media)
	if err != nil {
		return fmt.Errorf("finding the media folder %s: %w", media, err)
	}
	dirAbs, err := resolvePath(dir)
	if err != nil {
		return fmt.Errorf("finding %s: %w", dir, err)
	}
	if within(mediaAbs, dirAbs) {
		return fmt.Errorf("%s is the media folder %s or inside it, whose every picture is copied into the site: choose a folder outside it", dir, media)
	}
	if within(dirAbs, mediaAbs) {
		return fmt.Errorf("%s holds the media folder %s, whose photos an export there could remove or replace: choose a folder that does not hold it", dir, media)
	}
	return nil
}

// checkExportLinks refuses to export into dir when the dataset data reads
// it, or a folder inside it, through one of its links (the export's JSON
// files would be read as the dataset's), or when dir holds what a link
// leads to (which an export there could remove or replace). checkExportDir
// has checked the dataset's own path before it was read; the links are
// known once it has been.
func checkExportLinks(data, dir string, links []dataset.Link) error {
	if len(links) == 0 {
		return nil
	}
	dirAbs, err := resolvePath(dir)
	if err != nil {
		return fmt.Errorf("finding %s: %w", dir, err)
	}
	for _, l := range links {
		switch {
		case l.Folder && dirAbs == l.Target:
			return fmt.Errorf("%s is a folder that the dataset %s reads through its link %s, every .json file in it as the dataset's: choose another folder to write the site into, or remove the link", dir, data, l.Path)
		case l.Folder && within(l.Target, dirAbs):
			return fmt.Errorf("%s is inside the folder %s, which the dataset %s reads through its link %s, every .json file in it as the dataset's: choose a folder outside it, or remove the link", dir, l.Target, data, l.Path)
		case within(dirAbs, l.Target):
			return fmt.Errorf("%s holds %s, which the dataset %s reads through its link %s and which an export there could remove or replace: choose a folder that does not hold it, or remove the link", dir, l.Target, data, l.Path)
		}
	}
	return nil
}

// resolvePath returns p absolute, with the symbolic links of the longest
// part of it that exists evaluated.
func resolvePath(p string) (string, error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	rest := ""
	for cur := abs; ; {
		resolved, err := filepath.EvalSymlinks(cur)
		if err == nil {
			return filepath.Join(resolved, rest), nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return "", err
		}
		parent := filepath.Dir(cur)
		if parent == cur {
			return abs, nil
		}
		rest = filepath.Join(filepath.Base(cur), rest)
		cur = parent
	}
}

// within reports whether path p is dir or inside it.
func within(dir, p string) bool {
	rel, err := filepath.Rel(dir, p)
	return err == nil && (rel == "." || filepath.IsLocal(rel))
}

func serve(args []string) (err error) {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	addr := fs.String("addr", ":8000", "listen on `HOST:PORT`")
	cacheSize := sizeFlag(site.DefaultCacheSize)
	fs.Var(&cacheSize, "cache", "memory for pages and data files kept once made, in `BYTES` (or with a unit: 64MB)")
	d := dataFlags{serving: true}
	d.register(fs)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if err := refuseEmpty("serve", fs, "argument", "addr", "data", "media"); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("serve: unexpected argument %q: to serve a dataset, give -data PATH", fs.Arg(0))
	}
	start := time.Now()
	// The address first: a port in use is said at once, not after the
	// dataset is read. Requests wait in the listener's queue meanwhile.
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("listening: %w", err)
	}
	stamp := datasetStamp(d.path) // before reading: a change meanwhile is reloaded
	s, arc, done, err := newSite(&d, int64(cacheSize))
	if err != nil {
		return errors.Join(err, closeListener(ln))
	}
	h := newReloader(&d, int64(cacheSize), s, arc, done)
	defer func() { err = errors.Join(err, h.close()) }()
	for _, w := range arc.Warnings {
		log.Print("warning: " + w.String())
	}
	if note := d.bundledNote(); note != "" {
		log.Print(note)
	}
	log.Printf("serving %s from %s, version %s, on http://%s (ready in %s)",
		countOf(arc.Len(), "article", "articles"), arc.Name, s.Version, displayAddr(ln.Addr()), time.Since(start).Round(time.Millisecond))
	// Reading a large dataset leaves the heap larger than what stays in
	// use: the checks' garbage is gone. Hand that memory back to the
	// system once serving; the collection this takes runs beside the
	// first requests instead of delaying the start.
	go debug.FreeOSMemory()
	go h.logSearch(s, arc)
	ctx, stop := context.WithCancel(context.Background())
	defer stop()
	h.watch(ctx, stamp)
	return serveUntilSignal(ln, h)
}

// closeListener closes a listener the host will not serve on.
func closeListener(ln net.Listener) error {
	if err := ln.Close(); err != nil {
		return fmt.Errorf("closing the listener: %w", err)
	}
	return nil
}

// displayAddr turns a wildcard listen address into one a browser can open.
func displayAddr(a net.Addr) string {
	tcp, ok := a.(*net.TCPAddr)
	if ok && tcp.IP.IsUnspecified() {
		return fmt.Sprintf("localhost:%d", tcp.Port)
	}
	return a.String()
}

// stopOnSignal returns a context canceled, with the signal as its cause
// (signalled), at the first SIGINT or SIGTERM; that signal is then no
// longer caught, so that a second one ends the process. stop releases the
// signals.
func stopOnSignal() (ctx context.Context, stop func()) {
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	ctx, cancel := context.WithCancelCause(context.Background())
	done := make(chan struct{})
	go func() {
		select {
		case sig := <-sigs:
			signal.Stop(sigs)
			cancel(signalled{sig})
		case <-done:
		}
	}()
	var once sync.Once
	return ctx, func() {
		once.Do(func() {
			signal.Stop(sigs)
			close(done)
			cancel(context.Canceled)
		})
	}
}

// signalled is the signal that stopped a command.
type signalled struct{ sig os.Signal }

func (s signalled) Error() string { return s.sig.String() + " signal received" }

// exitCode is the status a shell gives a process that the signal ended,
// 128 and the signal's number (130 for Ctrl-C), which a command stopped by
// it exits with: scripts and make tell an interruption from a failure.
func (s signalled) exitCode() int {
	if n, ok := s.sig.(syscall.Signal); ok {
		return 128 + int(n)
	}
	return 1
}

// exitError is a command's error with the status the process exits with.
type exitError struct {
	err  error
	code int
}

func (e exitError) Error() string { return e.err.Error() }
func (e exitError) Unwrap() error { return e.err }

// shutdownGrace is how long requests in flight at SIGINT or SIGTERM are
// given to finish.
const shutdownGrace = 10 * time.Second

// serveUntilSignal serves until SIGINT or SIGTERM, then lets requests in
// flight finish (for up to shutdownGrace) before returning; those still
// under way then are cut off.
func serveUntilSignal(ln net.Listener, h http.Handler) error {
	srv := site.NewServer(h)
	srv.ErrorLog = log.Default()
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
	shutdownCtx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		if !errors.Is(err, context.DeadlineExceeded) {
			return fmt.Errorf("shutting down: %w", err)
		}
		// A reader still downloading (app.wasm, on a slow phone) is cut
		// off: the stop was asked for, and is no failure of the host's.
		log.Printf("shutting down: cutting off the requests still under way after %s", shutdownGrace)
		if err := srv.Close(); err != nil {
			return fmt.Errorf("shutting down: %w", err)
		}
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serving: %w", err)
	}
	log.Print("stopped")
	return nil
}

// executableHash identifies this build of the host by its own bytes,
// hashed once: a reload of the dataset does not hash them again.
var executableHash = sync.OnceValues(hashExecutable)

func hashExecutable() (string, error) {
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
