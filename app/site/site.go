// Package site is Dateline's host: it prerenders every page, serves the app,
// its assets and the dataset as versioned data files, and exports the same
// responses as a static site.
package site

import (
	"bytes"
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path"
	"regexp"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"dateline/app/article"
	"dateline/app/dataset"
	"dateline/app/feed"
	"dateline/app/page"
)

// Config is what a Site serves.
type Config struct {
	// Archive is the dataset, read and checked.
	Archive *dataset.Archive
	// Web holds the files served under /web/: app.wasm (with its .br and .gz
	// forms), styles, scripts and icons.
	Web fs.FS
	// Build identifies the host program, so that a new host build is a new
	// version even with the same assets and data.
	Build string
	// Media is the folder of photos served under MediaPrefix; nil for
	// none.
	Media *Media
	// CacheSize bounds the memory of the pages and data files kept once
	// made, in bytes; 0 means DefaultCacheSize.
	CacheSize int64
}

// Site serves Dateline. It is stateless apart from caches of responses
// that are fixed for its version, so any number of copies can run. Several
// sites may live in one process.
type Site struct {
	// Version is a content hash of everything the site ships.
	Version string
	// DataBase is the path prefix of the versioned data files.
	DataBase string

	arc     *dataset.Archive
	site    *page.Site
	handler *app.Handler
	fixed   map[string]*response // every response known at start
	// named holds, for each file of the app that pages name by its
	// content (ref), the response at that name: fixed's, kept a year.
	named map[string]*response
	// names maps the plain path of each such file to its name.
	names   map[string]string
	scripts []string      // the scripts every page runs, as pages name them
	cache   *cache        // pages and data files, made on request
	bgSlots chan struct{} // see background
	maps    sitemaps
	panels  string // the markup of components.Panels, the same on every page
	search  *searchIndex
	offline offlineList
	reuse   reuseList
	media   *Media
	changed changedLog // articles changed on disk: said once a change

	// news is the news sitemap last made, served again while its bytes
	// are the same.
	news atomic.Pointer[response]

	stop     chan struct{} // closed by Stop
	stopOnce sync.Once
}

// goAppResources are the files go-app's handler generates.
var goAppResources = map[string]string{
	"/app.js":        "text/javascript; charset=utf-8",
	"/wasm_exec.js":  "text/javascript; charset=utf-8",
	manifestPath:     "application/manifest+json",
	"/app-worker.js": "text/javascript; charset=utf-8",
}

// goAppOrder is the order New makes goAppResources in: the service
// worker last, since it names the hash of each file before it (fillHashes).
var goAppOrder = []string{"/app.js", "/wasm_exec.js", manifestPath, workerPath}

// manifestPath is where go-app's web app manifest is served; pages name it
// by ref.
const manifestPath = "/manifest.webmanifest"

// notFoundPath is the path the not-found page is prerendered under, for
// the service worker.
const notFoundPath = "/_not-found"

// DataFormat is the form of what the data path holds beside the dataset's
// own content: the pages' data files and the search index, with the way
// search splits and folds words. Browsers keep those files a year (they
// are immutable) under the data path, and a host that upgrades keeps the
// same dataset: a new form needs a new path, or a reader's browser would
// mix files of two forms (an index folded one way, a query another, a
// manifest naming shards that are gone). TestDataFormat fails when the
// files change and DataFormat does not.
const DataFormat = 10

// dataPrefix is where every version's data path is.
const dataPrefix = "/data/"

// dataVersion names the data path: the dataset's hash with DataFormat.
func dataVersion(dataset string) string {
	sum := sha256.Sum256([]byte("dataset " + dataset + "\nformat " + strconv.Itoa(DataFormat) + "\n"))
	return hex.EncodeToString(sum[:8])
}

// New prepares a site: it hashes what ships and builds the responses of
// every asset. Pages and data files are made on first request.
func New(cfg Config) (*Site, error) {
	wasm, err := fs.ReadFile(cfg.Web, "app.wasm")
	if err != nil {
		return nil, fmt.Errorf("reading app.wasm (run make build): %w", err)
	}
	s := &Site{
		DataBase: dataPrefix + dataVersion(cfg.Archive.Version),
		arc:      cfg.Archive,
		site:     siteOf(cfg.Archive),
		fixed:    make(map[string]*response),
		named:    make(map[string]*response),
		names:    make(map[string]string),
		cache:    newCache(cfg.CacheSize),
		search:   &searchIndex{ready: make(chan struct{})},
		bgSlots:  make(chan struct{}, max(1, runtime.GOMAXPROCS(0)-1)),
		media:    cfg.Media,
		stop:     make(chan struct{}),
	}
	s.cache.made.Store(time.Now().UnixNano()) // the first requests come soon after a start
	webSum, err := s.addWeb(cfg.Web)
	if err != nil {
		return nil, err
	}
	if s.panels, err = panelsHTML(s.site); err != nil {
		return nil, err
	}
	v := sha256.New()
	fmt.Fprintf(v, "build %s\nweb %s\ndata %s\n", cfg.Build, webSum, cfg.Archive.Version)
	s.Version = hex.EncodeToString(v.Sum(nil)[:10])

	siteJSON, err := json.Marshal(s.site)
	if err != nil {
		return nil, fmt.Errorf("encoding the site: %w", err)
	}
	firstJSON, err := json.Marshal(s.firstPages())
	if err != nil {
		return nil, fmt.Errorf("encoding the first pages of the lists: %w", err)
	}
	s.handler = s.newHandler(len(wasm), string(siteJSON), string(firstJSON))
	for _, p := range goAppOrder {
		ct := goAppResources[p]
		rec := httptest.NewRecorder()
		s.handler.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, p, nil))
		if rec.Code != http.StatusOK {
			return nil, fmt.Errorf("go-app resource %s: status %d", p, rec.Code)
		}
		body := rec.Body.Bytes()
		switch p {
		case "/app.js":
			body, err = patchAppJS(body, s.ref(wasmPath))
		case manifestPath:
			body, err = patchManifest(body, s.site.Lang, s.ref)
		case workerPath:
			body, err = s.fillHashes(body)
		}
		if err != nil {
			return nil, err
		}
		if s.fixed[p], err = newResponse(http.StatusOK, ct, revalidate, body); err != nil {
			return nil, fmt.Errorf("preparing %s: %w", p, err)
		}
		if p == manifestPath || slices.Contains(pageScripts, p) {
			s.keep(p)
		}
	}
	for _, p := range pageScripts {
		s.scripts = append(s.scripts, s.ref(p))
	}
	if err := s.splitWorker(); err != nil {
		return nil, err
	}
	if s.fixed["/robots.txt"], err = newResponse(http.StatusOK, "text/plain; charset=utf-8", revalidate, feed.Robots(s.site.Site)); err != nil {
		return nil, fmt.Errorf("preparing robots.txt: %w", err)
	}
	go s.buildSearch()
	return s, nil
}

// Stop ends the work the site does in the background, for a site that
// is given no more requests: one that a reload of the dataset replaced, or
// made and found the same as the one serving. A search index not built
// yet is not (WaitSearch says so); the requests the site still has are
// answered as before. Without it, such a site's index was built to the
// end, on the cores and in the memory of the site serving.
func (s *Site) Stop() {
	s.stopOnce.Do(func() { close(s.stop) })
}

// stopped reports whether Stop has been called.
func (s *Site) stopped() bool {
	select {
	case <-s.stop:
		return true
	default:
		return false
	}
}

// offlineList is offline.json, made once: when every page is saved
// offline, it lists the search index's files too, so it waits for them.
type offlineList struct {
	once sync.Once
	res  *response
	err  error
}

func (s *Site) offlineJSON() (*response, error) {
	s.offline.once.Do(func() {
		urls, err := s.offlineURLs()
		if err != nil {
			s.offline.err = err
			return
		}
		b, err := json.Marshal(urls)
		if err != nil {
			s.offline.err = fmt.Errorf("encoding the offline list: %w", err)
			return
		}
		s.offline.res, s.offline.err = newResponse(http.StatusOK, "application/json", immutable, b)
	})
	return s.offline.res, s.offline.err
}

// siteOf is the edition as pages show it: the dataset's site object with
// Dateline's defaults, and the sections.
func siteOf(arc *dataset.Archive) *page.Site {
	var sections []page.Named
	for _, g := range arc.Sections() {
		sections = append(sections, page.Named{Name: g.Name, Slug: g.Slug})
	}
	return page.NewSite(&arc.Site, sections)
}

// newHandler configures go-app's handler, used here to generate app.js,
// wasm_exec.js, the manifest and the service worker (firstJSON: its
// list of firstPages; the hashes of the app's files are filled in once
// they are made, fillHashes). Pages are the site's own (document.go).
func (s *Site) newHandler(wasmSize int, siteJSON, firstJSON string) *app.Handler {
	return &app.Handler{
		Name:            s.site.Name,
		ShortName:       s.site.Name,
		Title:           s.site.Name,
		Description:     s.site.Description,
		Lang:            s.site.Lang,
		BackgroundColor: backgroundColor,
		ThemeColor:      themeColor,
		LoadingLabel:    "{progress}",
		Icon: app.Icon{
			Default:  "/web/icons/icon-192.png",
			Large:    "/web/icons/icon-512.png",
			SVG:      "/web/icons/icon.svg",
			Maskable: "/web/icons/maskable-512.png",
		},
		Styles:            []string{"/web/dateline.css"},
		Scripts:           []string{"/web/boot.js defer", "/web/reader.js defer"},
		Resources:         resolver{},
		Version:           s.Version,
		WasmContentLength: strconv.Itoa(wasmSize),
		Env:               map[string]string{"DATELINE_DATA": s.DataBase, "DATELINE_SITE": siteJSON},
		// Pages link the SVG icon, which go-app's worker list leaves out:
		// offline, its fetch would fail on every page.
		CacheableResources: []string{"/web/icons/icon.svg"},
		ServiceWorkerTemplate: strings.NewReplacer(
			"__DATA_BASE__", s.DataBase,
			"__REUSE__", s.reusePath(),
			"__SITE_HEADERS__", siteHeadersJSON,
			"__ARTICLES__", s.OfflineMode(),
			"__FIRST_PAGES__", firstJSON,
			"__NOT_FOUND__", notFoundPath,
			"__OFFLINE__", page.OfflinePath,
			"__SEARCH__", page.SearchPath,
			// ASCII patterns, which Go quotes as JavaScript does.
			"__PAGE_PATTERN__", strconv.Quote(page.PathPattern(page.EscapedSlugPattern)),
			"__LIST_PATTERN__", strconv.Quote(page.ListPattern(page.EscapedSlugPattern)),
			"__FILE_PATTERN__", strconv.Quote(workerFilePattern),
			"__HTML_EXT__", page.HTMLExt,
			"__INDEX_FILE__", page.IndexFile,
		).Replace(workerTemplate),
	}
}

// fillHashes puts into the service worker, go-app's body of it, its
// HASHES: the hash of each app file that pages name by it (ref), by its
// plain path: every file under /web/ (addWeb), and go-app's app.js,
// wasm_exec.js and manifest, made before it (goAppOrder). By them the
// worker tells a page's own files from those of a page of another version,
// which names its own by their hashes: app.js changes with every version,
// since it carries the version, the data path and the sections.
func (s *Site) fillHashes(worker []byte) ([]byte, error) {
	hashes := map[string]string{}
	for p, name := range s.names {
		if p == workerBodyPath {
			continue // not made yet, and no page names it
		}
		hashes[p] = s.named[name].etag
	}
	b, err := json.Marshal(hashes)
	if err != nil {
		return nil, fmt.Errorf("encoding the app files' hashes: %w", err)
	}
	if n := bytes.Count(worker, []byte(hashesMark)); n != 1 {
		return nil, fmt.Errorf("the service worker has %s %d times, want 1", hashesMark, n)
	}
	return bytes.Replace(worker, []byte(hashesMark), b, 1), nil
}

// hashesMark stands in worker.js for its HASHES, which fillHashes puts in.
const hashesMark = "__HASHES__"

// workerFilePattern is the pattern of the paths, as sent (escaped), under
// which the host serves a file that is no page: the feeds, the sitemaps,
// robots.txt, go-app's files (by their hashed names too, ref), and
// anything under /web/, /data/ and MediaPrefix. The service worker tells them from paths that are nothing
// of the site: offline, a file it has no copy of opens the offline page
// rather than the not-found page. TestWorkerKnowsEveryAddress holds it to
// every file an export writes.
var workerFilePattern = func() string {
	files := []string{feedPath, feed.SitemapPath, feed.NewsSitemapPath, "/robots.txt", workerBodyPath}
	for p := range goAppResources {
		files = append(files, p)
	}
	sort.Strings(files)
	alts := make([]string, len(files))
	for i, f := range files {
		alts[i] = regexp.QuoteMeta(f)
		if _, app := goAppResources[f]; (app || f == workerBodyPath) && path.Ext(f) != "" {
			ext := path.Ext(f)
			alts[i] += "|" + regexp.QuoteMeta(strings.TrimSuffix(f, ext)) + `\.[0-9a-f]{` + strconv.Itoa(feed.HashSize) + `}` + regexp.QuoteMeta(ext)
		}
	}
	sitemaps := regexp.QuoteMeta(strings.TrimSuffix(feed.SitemapPath, ".xml")) + `-[1-9][0-9]*\.xml`
	// A section's page's path with feedFile added (feedOf); tags have none.
	sections := strings.TrimSuffix(page.SectionRef("x", 1).Path(), "x")
	sectionFeeds := regexp.QuoteMeta(sections) + page.EscapedSlugPattern + regexp.QuoteMeta(feedFile)
	dirs := regexp.QuoteMeta(MediaPrefix) + "|/web/|" + regexp.QuoteMeta(dataPrefix)
	return strings.Join(alts, "|") + "|" + sitemaps + "|" + sectionFeeds + "|(?:" + dirs + ").+"
}()

// patchManifest gives go-app's web app manifest the edition's language
// and direction, which it leaves out: an installed Arabic or Sorani
// edition's name is then shown right to left. Its icons are named by ref,
// as pages name theirs: Chromium reads the manifest, and fetches an icon
// of it, at each page load. And it gets the id that browsers give it
// without one (its start_url, "/"), said outright: pages name the
// manifest by its content's hash too, and an installed app stays the same
// app whatever address its manifest has.
func patchManifest(body []byte, lang string, ref func(string) string) ([]byte, error) {
	var m map[string]any
	if err := json.Unmarshal(body, &m); err != nil {
		return nil, fmt.Errorf("reading go-app's manifest: %w", err)
	}
	m["lang"], m["dir"] = lang, article.Dir(lang)
	if start, ok := m["start_url"].(string); ok && m["id"] == nil {
		m["id"] = start
	}
	icons, _ := m["icons"].([]any)
	for _, i := range icons {
		if icon, ok := i.(map[string]any); ok {
			if src, ok := icon["src"].(string); ok {
				icon["src"] = ref(src)
			}
		}
	}
	out, err := json.Marshal(m)
	if err != nil {
		return nil, fmt.Errorf("encoding the manifest: %w", err)
	}
	return out, nil
}

// wasmFetchJS and workerStartJS are added to go-app's app.js: how
// app.wasm is fetched, and when the service worker is registered.
var (
	//go:embed wasmfetch.js
	wasmFetchJS []byte
	//go:embed workerstart.js
	workerStartJS []byte
)

// keep names the app's file p, of fixed, by its content's hash (ref): the
// same bytes at that name, kept a year.
func (s *Site) keep(p string) {
	k := *s.fixed[p]
	k.cacheControl = immutable
	k.finish()
	name := feed.HashedName(p, k.etag)
	s.named[name] = &k
	s.names[p] = name
}

// ref is how pages name the app's file p: with its content's hash in its
// name ("/web/dateline.<hash>.css", feed.HashedName), which the Go host,
// nginx, Caddy and the _headers file (feed.Deploy's Hashed) answer as
// kept a year, by browsers and by a CDN in front of the host, since the
// address changes with the bytes. A browser then keeps each file until a
// version changes it, and a page loaded where no service worker answers
// (data saver on, a first visit's next page, a browser without workers)
// takes it from its cache rather than ask the server again: a static
// host sends the app's files at their plain paths without validators, so
// that each page cost them whole (app.wasm 1.5 MB behind Caddy) where no
// worker answered. The service worker keeps the files under their plain
// paths, and answers a hashed name with its version's hash (HASHES,
// fillHashes) with the plain path's copy; another hash, a page of another
// version's, from the network first (worker.js, otherVersion). A path that
// is not one of them is named as it is.
func (s *Site) ref(p string) string {
	if name, ok := s.names[p]; ok {
		return name
	}
	return p
}

// workerPath is the service worker's script, as go-app's app.js
// registers it; workerBodyPath is where the worker itself is served
// (splitWorker).
const (
	workerPath     = "/app-worker.js"
	workerBodyPath = "/dateline-worker.js"
)

// splitWorker serves the service worker go-app made (worker.js filled in)
// at workerBodyPath, named by ref, and as workerPath a script of one line
// that imports it. The browser fetches workerPath at every update check,
// on each page load of a reader whose site is saved, around its cache;
// nginx and Caddy send it without validators (theirs come from mtime and
// size), so the whole worker came each time, 15 kB gzipped at one article
// and growing with the site's lists. The import is checked through the
// browser's cache, where its hashed address stays a year: an update check
// now costs the line, and a new version, whose line names a new hash, is
// found as before.
func (s *Site) splitWorker() error {
	body := s.fixed[workerPath]
	s.fixed[workerBodyPath] = body
	s.keep(workerBodyPath)
	line := "importScripts(" + strconv.Quote(s.ref(workerBodyPath)) + ");\n"
	stub, err := newResponse(http.StatusOK, body.contentType, revalidate, []byte(line))
	if err != nil {
		return fmt.Errorf("preparing %s: %w", workerPath, err)
	}
	s.fixed[workerPath] = stub
	return nil
}

// wasmPath is where app.wasm is served.
const wasmPath = "/web/app.wasm"

// appJSPatches are the places of go-app's app.js (v10.1.11) that
// wasmfetch.js and workerstart.js take over: where it fetches app.wasm,
// the function it compiles and instantiates it with, and its call that
// registers the service worker.
var appJSPatches = []struct{ goApp, dateline string }{
	{`fetchWithProgress("` + wasmPath + `", showProgress)`, `datelineFetchWasm(` + wasmRef + `, showProgress)`},
	{`let instantiateStreaming = WebAssembly.instantiateStreaming;`, `let instantiateStreaming = datelineInstantiate;`},
	{"\ngoappInitServiceWorker();\n", "\ndatelineAfterStart(goappInitServiceWorker);\n"},
}

// wasmRef stands in appJSPatches for app.wasm's address as pages name it
// (ref), which patchAppJS puts in.
const wasmRef = "WASM_REF"

// patchAppJS makes go-app's app.js fetch and compile app.wasm through
// wasmfetch.js, and register the service worker once the app has started
// (workerstart.js). It fails if go-app's script no longer reads as
// expected, rather than ship a loader nobody tested.
func patchAppJS(js []byte, wasmURL string) ([]byte, error) {
	for _, p := range appJSPatches {
		if n := bytes.Count(js, []byte(p.goApp)); n != 1 {
			return nil, fmt.Errorf("go-app's app.js has %q %d times, want 1: was go-app upgraded? (see app/site/wasmfetch.js and workerstart.js)", p.goApp, n)
		}
		js = bytes.Replace(js, []byte(p.goApp), []byte(strings.Replace(p.dateline, wasmRef, strconv.Quote(wasmURL), 1)), 1)
	}
	js = append(js, wasmFetchJS...)
	return append(js, workerStartJS...), nil
}

// workerTemplate is the service worker; go-app fills in {{.Version}} and
// {{.ResourcesToCache}}, the site its data path and offline mode.
//
//go:embed worker.js
var workerTemplate string

// FullOfflineMaxArticles is the largest dataset whose every page the
// service worker saves at install. Past it, the worker saves the app, the
// first page of the home list and of each section, and what is read.
const FullOfflineMaxArticles = 2500

// OfflineMode tells the service worker what it saved at install: "all"
// pages, or the first pages of the lists ("viewed": the rest as read).
func (s *Site) OfflineMode() string {
	if s.arc.Len() <= FullOfflineMaxArticles {
		return "all"
	}
	return "viewed"
}

// offlineURLs are the pages and data files the service worker saves when
// it installs, beyond the app itself: the saved articles' page, every page up to
// FullOfflineMaxArticles articles, and past it firstPages, so that the
// install fetches no more at 100,000 articles than at 2,500.
func (s *Site) offlineURLs() ([]string, error) {
	if s.OfflineMode() != "all" {
		return s.firstPages(), nil
	}
	// The saved articles' and the search page have no data file: the
	// browser fills them.
	urls := []string{page.SavedPath, page.SearchPath}
	add := func(r page.Ref) { urls = append(urls, r.Path(), s.DataBase+"/"+r.DataFile()) }
	for _, r := range s.listRefs(true) {
		add(r)
	}
	s.arc.Slugs(func(slug string) { add(page.ArticleRef(slug)) })
	// The whole search index: offline, every query answers.
	if _, err := s.WaitSearch(); errors.Is(err, errStopped) {
		// Not a list without it, kept a year by browsers: the site
		// is no longer served, and its version may come back.
		return nil, err
	} else if err != nil {
		app.Log("dateline: the offline list leaves out search:", err)
		return urls, nil
	}
	for _, name := range s.search.searchFiles() {
		urls = append(urls, s.DataBase+"/"+page.SearchDir+"/"+name)
	}
	return urls, nil
}

// firstPages are what the service worker saves beyond the app past
// FullOfflineMaxArticles, and with data saver on whatever the site's
// size: the saved articles' and the search page, the first page of the
// home list and of each section, and their data files.
func (s *Site) firstPages() []string {
	urls := []string{page.SavedPath, page.SearchPath}
	for _, r := range s.listRefs(false) {
		urls = append(urls, r.Path(), s.DataBase+"/"+r.DataFile())
	}
	return urls
}

// listRefs returns the pages of the lists: every page of the home list, of
// each section and each tag, or with all false the first of the home list
// and of each section.
func (s *Site) listRefs(all bool) []page.Ref {
	pages := func(g *dataset.Group) int {
		if !all {
			return 1
		}
		return max(1, (g.Len()+page.Size-1)/page.Size)
	}
	var refs []page.Ref
	for n := range pages(s.arc.Home()) {
		refs = append(refs, page.HomeRef(n+1))
	}
	for _, g := range s.arc.Sections() {
		for n := range pages(g) {
			refs = append(refs, page.SectionRef(g.Slug, n+1))
		}
	}
	if all {
		for _, g := range s.arc.Tags() {
			for n := range pages(g) {
				refs = append(refs, page.TagRef(g.Slug, n+1))
			}
		}
	}
	return refs
}

// The colours of the manifest and the browser's UI, matching dateline.css.
const (
	backgroundColor = paperLight
	// The paper of dateline.css's light and dark themes.
	paperLight = "#fbfaf7"
	paperDark  = "#171513"
	themeColor = "#8c1c13"
)

// resolver leaves every path as it is: the site serves /web/ itself.
type resolver struct{}

func (resolver) Resolve(p string) string { return p }

// addWeb prepares a response for every file of web/, and returns a hash of
// them all. A file with .br and .gz siblings is served in those encodings.
func (s *Site) addWeb(web fs.FS) (string, error) {
	h := sha256.New()
	var names []string
	err := fs.WalkDir(web, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			names = append(names, p)
		}
		return nil
	})
	if err != nil {
		return "", fmt.Errorf("listing web files: %w", err)
	}
	sort.Strings(names)
	for _, name := range names {
		if strings.HasSuffix(name, ".br") || strings.HasSuffix(name, ".gz") {
			continue
		}
		body, err := fs.ReadFile(web, name)
		if err != nil {
			return "", fmt.Errorf("reading web/%s: %w", name, err)
		}
		fmt.Fprintf(h, "%s %d\n", name, len(body))
		h.Write(body)
		r := &response{
			status:       http.StatusOK,
			contentType:  contentType(name),
			cacheControl: revalidate,
			body:         body,
		}
		sum := sha256.Sum256(body)
		r.etag = hex.EncodeToString(sum[:12])
		pre := false
		for _, enc := range []struct {
			ext string
			dst *[]byte
		}{{".br", &r.br}, {".gz", &r.gz}} {
			b, err := fs.ReadFile(web, name+enc.ext)
			switch {
			case errors.Is(err, fs.ErrNotExist):
				continue
			case err != nil:
				return "", fmt.Errorf("reading web/%s%s: %w", name, enc.ext, err)
			}
			*enc.dst, pre = b, true
		}
		if pre {
			r.finish()
		} else if r, err = newResponse(http.StatusOK, contentType(name), revalidate, body); err != nil {
			return "", fmt.Errorf("preparing web/%s: %w", name, err)
		}
		s.fixed["/web/"+name] = r
		s.keep("/web/" + name)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

func contentType(name string) string {
	switch path.Ext(name) {
	case ".wasm":
		return "application/wasm"
	case ".css":
		return "text/css; charset=utf-8"
	case ".js":
		return "text/javascript; charset=utf-8"
	case ".json":
		return "application/json"
	case ".svg":
		return "image/svg+xml"
	case ".png":
		return "image/png"
	case ".jpg", ".jpeg":
		return "image/jpeg"
	case ".webp":
		return "image/webp"
	case ".txt":
		return "text/plain; charset=utf-8"
	case ".ico":
		return "image/x-icon"
	}
	return "application/octet-stream"
}

// ServeHTTP answers GET and HEAD requests.
func (s *Site) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	copyHeader(w.Header(), securityHeaders)
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	p := r.URL.Path
	if hasDotSegment(p) {
		// "/a/../articles/x", "/articles/%2e/x": the path a browser would
		// have sent, resolved as nginx and Caddy resolve it before serving
		// the export. Cleaned here, never in place, so that it then meets
		// every rule the clean path meets; path.Clean also joins "//",
		// which would make the Location another host's.
		c := path.Clean(p)
		if cc, ok := page.Canonical(c); ok {
			c = cc
		}
		redirect(w, r, url.URL{Path: c, RawQuery: r.URL.RawQuery})
		return
	}
	if res, ok := s.fixed[p]; ok {
		res.serve(w, r)
		return
	}
	if res, ok := s.named[p]; ok {
		res.serve(w, r)
		return
	}
	if plain, ok := feed.PlainName(p); ok && s.names[plain] != "" {
		// Another version's hash (a page open across an update): the
		// file as it is now, revalidated, as at its plain path.
		s.fixed[plain].serve(w, r)
		return
	}
	if name, ok := strings.CutPrefix(p, MediaPrefix); ok {
		if s.media == nil {
			notFoundData.serve(w, r)
		} else {
			s.media.serve(w, r, name)
		}
		return
	}
	var res *response
	var err error
	name, isData := strings.CutPrefix(p, s.DataBase+"/")
	if p == s.reusePath() {
		res, err = s.reuseJSON()
	} else if isData {
		switch {
		case name == "offline.json":
			res, err = s.offlineJSON()
		case strings.HasPrefix(name, page.SearchDir+"/"):
			res, err = s.searchResponse(strings.TrimPrefix(name, page.SearchDir+"/"))
		default:
			res, err = s.dataFile(name)
		}
	} else if p == page.SearchPath {
		res, err = s.searchPage(r.URL.RawQuery)
	} else if p == page.OfflinePath {
		res, err = s.offlinePage()
	} else if f, isFeed, ferr := s.feedOf(p); isFeed || ferr != nil {
		res, err = f, ferr
	} else if m, isMap, merr := s.sitemap(p); isMap || merr != nil {
		res, err = m, merr
	} else if m, isNews, nerr := s.newsSitemap(p, time.Now()); isNews || nerr != nil {
		res, err = m, nerr
	} else if c, ok := page.Canonical(p); ok {
		// "/page/1", "/articles/x/", "/articles/x.html": the page's own
		// address, for good, as the export's nginx and Caddy give it.
		redirect(w, r, url.URL{Path: c, RawQuery: r.URL.RawQuery})
		return
	} else {
		res, err = s.page(p)
	}
	if err != nil {
		if errors.Is(err, dataset.ErrChanged) {
			if s.changed.first(err) {
				app.Log("dateline: answering 503 for", p+":", err.Error()+"; each article whose bytes changed answers 503 until the dataset is read again (said once for this change)")
			}
			s.serveChanged(w, r, p, isData)
			return
		}
		app.Log("dateline: answering", p, ":", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	res.serve(w, r)
}

// redirect sends the request to another form of its address for good
// (301), revalidated like the pages: as the export's nginx and Caddy
// configurations send their redirects, so that a browser or a CDN keeps
// the same answer wherever the site is served. Without a Cache-Control,
// browsers keep a 301 for as long as they like (Chromium for ever) and a
// CDN for its own default.
func redirect(w http.ResponseWriter, r *http.Request, to url.URL) {
	w.Header().Set("Cache-Control", revalidate)
	http.Redirect(w, r, to.String(), http.StatusMovedPermanently)
}

// hasDotSegment tells whether a request's path, unescaped, has a segment
// "." or "..". Every request asks: a path without "/." (almost all) is
// answered without splitting it.
func hasDotSegment(p string) bool {
	if !strings.Contains(p, "/.") {
		return false
	}
	for seg := range strings.SplitSeq(p, "/") {
		if seg == "." || seg == ".." {
			return true
		}
	}
	return false
}

// notFoundData answers a data file that does not exist.
var notFoundData = func() *response {
	r, err := newResponse(http.StatusNotFound, "text/plain; charset=utf-8", revalidate, []byte("not found\n"))
	if err != nil {
		panic(err) // a fixed, short body: compressing it cannot fail
	}
	return r
}()

// dataFile returns the data file of a page, made on first request. Its path
// changes with the dataset, so browsers may keep it forever.
func (s *Site) dataFile(name string) (*response, error) {
	ref, ok := page.ParseDataFile(name)
	if !ok {
		return notFoundData, nil
	}
	res, err := kept(s.cache.get(s.DataBase+"/"+name, func() (*response, error) {
		d, whole, err := s.load(ref)
		if err != nil {
			return nil, err
		}
		if d.Missing() {
			return nil, errMissing
		}
		b, err := dataJSON(d)
		if err != nil {
			return nil, fmt.Errorf("encoding %s: %w", name, err)
		}
		if !whole {
			res, err := newResponse(http.StatusOK, "application/json", "no-store", b)
			if err != nil {
				return nil, err
			}
			return nil, unkept{res}
		}
		return newResponse(http.StatusOK, "application/json", immutable, b)
	}))
	if errors.Is(err, errMissing) {
		return notFoundData, nil
	}
	return res, err
}

// dataJSON encodes a page's data file.
func dataJSON(d page.Data) ([]byte, error) { return json.Marshal(d) }

// page returns the prerendered page of a path, made on first request; for
// anything that is no page, the not-found page with status 404.
func (s *Site) page(p string) (*response, error) {
	// Parse takes only clean paths (FuzzParse): "/articles/./x" is no page,
	// and ServeHTTP has sent such a path to its clean one.
	ref := page.Parse(p)
	if ref.Kind == page.NotFound {
		return s.notFound()
	}
	if !ref.Kind.HasData() {
		return s.cache.get(p, func() (*response, error) { return s.renderShell(ref) })
	}
	var missing bool
	res, err := kept(s.cache.get(p, func() (*response, error) {
		d, whole, err := s.load(ref)
		if err != nil {
			return nil, err
		}
		if d.Missing() {
			missing = true
			return nil, errMissing
		}
		res, err := s.render(ref, d, http.StatusOK)
		if err == nil && !whole {
			return nil, unkept{res}
		}
		return res, err
	}))
	if missing || errors.Is(err, errMissing) {
		return s.notFound()
	}
	return res, err
}

// renderShell renders a page without a data file, such as the saved
// articles, which the browser fills in.
func (s *Site) renderShell(ref page.Ref) (*response, error) {
	h, err := s.headOf(ref, page.Data{})
	if err != nil {
		return nil, fmt.Errorf("the head of %s: %w", ref.Path(), err)
	}
	return s.render(ref, page.Data{Head: h}, http.StatusOK)
}

// errMissing keeps a page, data file or file of the search index that
// does not exist out of the cache: each address made up would push out a
// response kept for one that does.
var errMissing = errors.New("no such page")

// offlinePage returns the page the service worker shows offline for a page
// it does not have (page.Offline), in the edition's language.
func (s *Site) offlinePage() (*response, error) {
	ref := page.Ref{Kind: page.Offline}
	return s.cache.get(page.OfflinePath, func() (*response, error) { return s.renderShell(ref) })
}

func (s *Site) notFound() (*response, error) {
	return s.cache.get(notFoundPath, func() (*response, error) {
		return s.render(page.Ref{}, page.Data{}, http.StatusNotFound)
	})
}

// Load returns the data of a page from the dataset, with its head; a page
// that does not exist is page.Data{}.
func (s *Site) Load(ref page.Ref) (page.Data, error) {
	d, _, err := s.load(ref)
	return d, err
}

// load is Load, and says whether the page's data is whole: not when its
// head was made without what could not be read (Site.head), which the
// page and its data file are then served without being kept, by the
// host or by browsers.
func (s *Site) load(ref page.Ref) (d page.Data, whole bool, err error) {
	if d, err = s.data(ref); err != nil || d.Missing() {
		return d, true, err
	}
	if d.Head, whole, err = s.head(ref, d); err != nil {
		return page.Data{}, false, fmt.Errorf("the head of %s: %w", ref.Path(), err)
	}
	return d, whole, nil
}

// unkept carries a response that the cache is not to keep (cache.get
// keeps none that comes with an error): a page made while part of it
// could not be read.
type unkept struct{ res *response }

func (unkept) Error() string { return "a response made while part of it could not be read" }

// kept returns the response that get gave, or that it did not keep.
func kept(res *response, err error) (*response, error) {
	if u, ok := errors.AsType[unkept](err); ok {
		return u.res, nil
	}
	return res, err
}

// data returns the data of a page from the dataset.
func (s *Site) data(ref page.Ref) (page.Data, error) {
	var g *dataset.Group
	var ok bool
	switch ref.Kind {
	case page.Home:
		g, ok = s.arc.Home(), true
	case page.Section:
		g, ok = s.arc.Section(ref.Slug)
	case page.Tag:
		g, ok = s.arc.Tag(ref.Slug)
	case page.Article:
		a, ok, err := s.arc.Article(ref.Slug)
		if err != nil || !ok {
			return page.Data{}, err
		}
		story := &page.Story{Article: a}
		newer, older := s.arc.Neighbours(ref.Slug)
		story.Newer, story.Older = teaser(newer), teaser(older)
		return page.Data{Story: story}, nil
	}
	if !ok {
		return page.Data{}, nil
	}
	pages := max(1, (g.Len()+page.Size-1)/page.Size)
	if ref.N < 1 || ref.N > pages {
		return page.Data{}, nil
	}
	lo := (ref.N - 1) * page.Size
	return page.Data{List: &page.List{
		Name:  g.Name,
		Page:  ref.N,
		Pages: pages,
		Total: g.Len(),
		Items: s.arc.Summaries(g, lo, lo+page.Size),
	}}, nil
}

// Cached is Load: the host has every page's data at hand.
func (s *Site) Cached(ref page.Ref) (page.Data, bool) {
	d, err := s.Load(ref)
	return d, err == nil
}

func teaser(sum *article.Summary) *page.Teaser {
	if sum == nil {
		return nil
	}
	return &page.Teaser{Slug: sum.Slug, Lang: sum.Lang, Headline: sum.Headline, Published: sum.Published}
}

// securityHeaders go with every response.
var securityHeaders = http.Header{
	"Content-Security-Policy":    {contentSecurityPolicy},
	"X-Content-Type-Options":     {"nosniff"},
	"Referrer-Policy":            {"strict-origin-when-cross-origin"},
	"Permissions-Policy":         {"camera=(), microphone=(), geolocation=(), payment=(), usb=()"},
	"Cross-Origin-Opener-Policy": {"same-origin"},
}

// siteHeadersJSON names securityHeaders for the service worker, which
// copies a file of an older version only while the host sends them as they
// were (worker.js, copyMasked).
var siteHeadersJSON = func() string {
	names := slices.Sorted(maps.Keys(securityHeaders))
	b, err := json.Marshal(names)
	if err != nil {
		panic(err) // a list of strings
	}
	return string(b)
}()

// contentSecurityPolicy lets app.wasm run ('wasm-unsafe-eval') and nothing
// inline but loader.js, by its hash. Images may come from https hosts named
// in the dataset.
var contentSecurityPolicy = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' " + loaderHash + "; " +
	"style-src 'self'; img-src 'self' https: data:; connect-src 'self'; font-src 'self'; " +
	"manifest-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'none'; " +
	"form-action 'self'; frame-ancestors 'none'"
