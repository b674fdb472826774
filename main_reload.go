//go:build !(js && wasm)

package main

import (
	"context"
	"fmt"
	"hash/maphash"
	"io/fs"
	"log"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/debug"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"dateline/app/dataset"
	"dateline/app/site"
)

// A newsroom edits the dataset while the host serves it: an editor
// rewrites the file in place, import replaces it. The host notices by
// polling the files' sizes and modification times (portable, and cheap
// next to reading the dataset), or is told by SIGHUP, and reads and checks
// the dataset again in the background, as at the start (newSite). A
// dataset that checks is swapped in whole; one that does not is logged,
// and the site before it goes on serving until the next change. Meanwhile
// the site before it serves its articles as they were checked: from the
// files it holds open, which a file renamed over the old one leaves as
// they were; from where their bytes moved, in a file written again in
// place; and only an article whose own bytes changed answers 503
// (app/dataset: relocate.go; app/site: changed.go).

const (
	// pollEvery is how often the dataset's files are looked at.
	pollEvery = 2 * time.Second
	// closeGrace is how long a site's media folder stays open after a new
	// site replaced it: requests that took the old site just before the
	// swap have opened their file well before (an open file outlives the
	// folder's os.Root).
	closeGrace = time.Minute
)

// reloader serves the current site, and replaces it when the dataset
// changes. One reload runs at a time, in run.
type reloader struct {
	d         *dataFlags
	cacheSize int64
	cur       atomic.Pointer[site.Site]

	mu     sync.Mutex
	done   func() error // closes the current site's media folder and dataset files
	files  func() error // closes the current site's dataset files alone
	closed bool         // the host is stopping: a site read now is not served
}

func newReloader(d *dataFlags, cacheSize int64, s *site.Site, arc *dataset.Archive, done func() error) *reloader {
	h := &reloader{d: d, cacheSize: cacheSize, done: done, files: arc.Closer()}
	h.cur.Store(s)
	return h
}

// ServeHTTP hands the request to the current site, which answers it whole
// even if a new site replaces it meanwhile.
func (h *reloader) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h.cur.Load().ServeHTTP(w, r)
}

// close closes the current site's media folder; a reload that finishes
// later closes its own.
func (h *reloader) close() error {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.closed = true
	return h.done()
}

// watch watches the dataset until ctx is done, reloading it when its
// files differ from stamp (what they were when the current site was
// read), or when SIGHUP comes. A change or a signal during a reload makes
// one more reload after it. SIGHUP is caught from the call on: it no
// longer ends the process.
func (h *reloader) watch(ctx context.Context, stamp uint64) {
	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	go func() {
		defer signal.Stop(hup)
		h.run(ctx, stamp, hup)
	}()
}

func (h *reloader) run(ctx context.Context, stamp uint64, hup <-chan os.Signal) {
	wait := pollEvery
	for {
		why := "dataset changed"
		select {
		case <-ctx.Done():
			return
		case <-hup:
			why = "SIGHUP"
		case <-time.After(wait):
			if h.d.path == "" {
				continue
			}
			start := time.Now()
			now := datasetStamp(h.d.path)
			// Looking costs at most a fiftieth of the time: a folder
			// of many files is looked at less often.
			wait = max(pollEvery, pollCost*time.Since(start))
			if now == stamp {
				continue
			}
		}
		if isPipe(h.d.path) {
			stamp = datasetStamp(h.d.path)
			log.Printf("%s: the dataset %s is a pipe, read once: restart the host to serve it again", why, h.d.path)
			continue
		}
		// Taken before the files are read: a change while they are is
		// seen at the next look.
		if stamp = settled(ctx, h.d.path); ctx.Err() != nil {
			return
		}
		h.reload(why)
	}
}

// pollCost is how many times longer than a look at the dataset's files
// the watcher waits before the next: the looks take 2% of a core at most
// (a folder of 100,000 files is some 100,000 stat calls).
const pollCost = 50

// settleEvery is how long the dataset's files must stay as they are
// before they are read: an editor truncates a file, then writes it.
const settleEvery = 250 * time.Millisecond

// settled waits until the dataset's files at path stay the same for
// settleEvery (for up to pollEvery), and returns their stamp.
func settled(ctx context.Context, path string) uint64 {
	stamp := datasetStamp(path)
	for range pollEvery / settleEvery {
		select {
		case <-ctx.Done():
			return stamp
		case <-time.After(settleEvery):
		}
		now := datasetStamp(path)
		if now == stamp {
			break
		}
		stamp = now
	}
	return stamp
}

// reload reads and checks the dataset, and serves it if it checks.
func (h *reloader) reload(why string) {
	start := time.Now()
	old := h.cur.Load()
	s, arc, done, err := newSite(h.d, h.cacheSize)
	if err != nil {
		log.Printf("%s: not reloaded, still serving version %s: %v", why, old.Version, err)
		return
	}
	for _, w := range arc.Warnings {
		log.Print("warning: " + w.String())
	}
	h.mu.Lock()
	if h.closed {
		h.mu.Unlock()
		s.Stop()
		if err := done(); err != nil {
			log.Print(err)
		}
		return
	}
	oldDone, oldFiles := h.done, h.files
	if s.Version == old.Version {
		// The same bytes (a file saved unchanged, touched): the site
		// serving keeps its pages made so far.
		h.mu.Unlock()
		s.Stop()
		if err := done(); err != nil {
			log.Print(err)
		}
		log.Printf("%s: reloaded %s, version %s, unchanged (took %s)", why, countOf(arc.Len(), "article", "articles"), s.Version, time.Since(start).Round(time.Millisecond))
		// The site read again is garbage: give its memory back.
		go debug.FreeOSMemory()
		return
	}
	h.done, h.files = done, arc.Closer()
	h.cur.Store(s)
	h.mu.Unlock()
	// Its search index, if not built yet, is for no one now.
	old.Stop()
	// The old site's dataset files are closed now: a request that took it
	// just before reads at the paths, its articles checked as ever. Its
	// media folder stays open for a while (closeGrace).
	if err := oldFiles(); err != nil {
		log.Print(err)
	}
	log.Printf("%s: reloaded %s, version %s (took %s)", why, countOf(arc.Len(), "article", "articles"), s.Version, time.Since(start).Round(time.Millisecond))
	time.AfterFunc(closeGrace, func() {
		if err := oldDone(); err != nil {
			log.Print(err)
		}
	})
	// Both versions were in memory: the old one is garbage once its
	// requests finish.
	go debug.FreeOSMemory()
	go h.logSearch(s, arc)
}

// logSearch logs when the site's search index is ready, or why search is
// off, unless a reload has replaced the site meanwhile: an index left
// unfinished because the dataset changed is no news.
func (h *reloader) logSearch(s *site.Site, arc *dataset.Archive) {
	took, err := s.WaitSearch()
	if h.cur.Load() != s {
		return
	}
	if err != nil {
		log.Printf("warning: search is off: %v", err)
	} else {
		log.Printf("search index of %s ready in %s", countOf(arc.Len(), "article", "articles"), took.Round(time.Millisecond))
	}
}

// isPipe reports whether path is a named pipe, which a dataset is read
// from once.
func isPipe(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && fi.Mode()&fs.ModeNamedPipe != 0
}

// datasetStamp sums up the dataset's files at path as the watcher
// compares them: the path, size, modification time and mode (a file made
// readable again, after a reload it refused, changes nothing else) of the file, or of
// every file in the folder and its subfolders, hidden ones left out, as
// reading the dataset leaves them out (an editor's swap file). A link is
// described by what it leads to; a folder it leads to is not entered, so a
// change there needs SIGHUP. 0 for the bundled dataset, which never
// changes. Files are summed in the order WalkDir gives, which is lexical.
func datasetStamp(path string) uint64 {
	if path == "" {
		return 0
	}
	var h maphash.Hash
	h.SetSeed(stampSeed)
	add := func(p string, fi fs.FileInfo, err error) {
		if err != nil {
			fmt.Fprintf(&h, "%s: %v\n", p, err)
			return
		}
		fmt.Fprintf(&h, "%s %d %d %v\n", p, fi.Size(), fi.ModTime().UnixNano(), fi.Mode())
	}
	fi, err := os.Stat(path)
	if err != nil || !fi.IsDir() {
		add(path, fi, err)
		return h.Sum64()
	}
	err = filepath.WalkDir(path, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			add(p, nil, err)
			return nil
		}
		if p != path && strings.HasPrefix(e.Name(), ".") {
			if e.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if e.IsDir() {
			return nil
		}
		fi, err := os.Stat(p) // a link: what it leads to
		add(p, fi, err)
		return nil
	})
	if err != nil {
		add(path, nil, err)
	}
	return h.Sum64()
}

// stampSeed is the seed of every stamp of this process, which are compared
// with one another only.
var stampSeed = maphash.MakeSeed()
