// Package site is Dateline's host: it prerenders every page with go-app,
// serves the app, its assets and the dataset as versioned data files, and
// exports the same responses as a static site.
package site

import (
	"bytes"
	"crypto/sha256"
	_ "embed"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"path"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"dateline/app/article"
	"dateline/components"
)

// Config is what a Site serves.
type Config struct {
	// Dataset is the validated dataset; DatasetJSON the bytes it came from.
	Dataset     *article.Dataset
	DatasetJSON []byte
	// Web holds the files served under /web/: app.wasm (with its .br and .gz
	// forms), styles, scripts and icons.
	Web fs.FS
	// Build identifies the host program, so that a new host build is a new
	// version even with the same assets and data.
	Build string
}

// Site serves Dateline. It is stateless apart from caches of responses
// that are fixed for its version, so any number of copies can run.
type Site struct {
	// Version is a content hash of everything the site ships.
	Version string
	// DataBase is the path prefix of the versioned data files.
	DataBase string

	handler *app.Handler
	source  *source
	fixed   map[string]*response // every response known at start

	mu   sync.RWMutex
	lazy map[string]*response // pages and data files, made on first request
}

// goAppResources are the files go-app's handler generates.
var goAppResources = map[string]string{
	"/app.js":               "application/javascript; charset=utf-8",
	"/wasm_exec.js":         "application/javascript; charset=utf-8",
	"/app.css":              "text/css; charset=utf-8",
	"/manifest.webmanifest": "application/manifest+json",
	"/app-worker.js":        "application/javascript; charset=utf-8",
}

// notFoundPath is the path the not-found page is prerendered from.
const notFoundPath = "/_not-found"

// New prepares a site. Pages render through go-app's global router and
// components.UseSource, so a process serves one site at a time: the last
// one made.
//
// New prepares a site: it hashes what ships, builds the data files and the
// responses of every asset. Pages are prerendered on first request.
func New(cfg Config) (*Site, error) {
	wasm, err := fs.ReadFile(cfg.Web, "app.wasm")
	if err != nil {
		return nil, fmt.Errorf("reading app.wasm (run make build): %w", err)
	}
	dataSum := sha256.Sum256(cfg.DatasetJSON)
	dataHash := hex.EncodeToString(dataSum[:8])
	s := &Site{
		DataBase: "/data/" + dataHash,
		fixed:    make(map[string]*response),
		lazy:     make(map[string]*response),
	}
	s.source = newSource(cfg.Dataset, s.DataBase)
	components.UseSource(s.source)

	webSum, err := s.addWeb(cfg.Web)
	if err != nil {
		return nil, err
	}
	v := sha256.New()
	fmt.Fprintf(v, "build %s\nweb %s\ndata %s\n", cfg.Build, webSum, dataHash)
	s.Version = hex.EncodeToString(v.Sum(nil)[:10])

	s.handler = s.newHandler(len(wasm))
	for p, ct := range goAppResources {
		rec := httptest.NewRecorder()
		s.handler.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, p, nil))
		if rec.Code != http.StatusOK {
			return nil, fmt.Errorf("go-app resource %s: status %d", p, rec.Code)
		}
		body := rec.Body.Bytes()
		if p == "/app.js" {
			if body, err = patchAppJS(body); err != nil {
				return nil, err
			}
		}
		if s.fixed[p], err = newResponse(http.StatusOK, ct, revalidate, body); err != nil {
			return nil, fmt.Errorf("preparing %s: %w", p, err)
		}
	}
	return s, nil
}

// newHandler configures go-app's handler, used here to render pages and to
// generate app.js, wasm_exec.js, the manifest and the service worker.
func (s *Site) newHandler(wasmSize int) *app.Handler {
	return &app.Handler{
		Name:            components.SiteName,
		ShortName:       components.SiteName,
		Title:           components.SiteName,
		Description:     components.SiteDescription,
		Lang:            "en",
		BackgroundColor: backgroundColor,
		ThemeColor:      themeColor,
		LoadingLabel:    "{progress}",
		Icon: app.Icon{
			Default:  "/web/icons/icon-192.png",
			Large:    "/web/icons/icon-512.png",
			SVG:      "/web/icons/icon.svg",
			Maskable: "/web/icons/maskable-512.png",
		},
		Styles:             []string{"/web/dateline.css"},
		Scripts:            []string{"/web/boot.js defer"},
		Resources:          resolver{},
		Version:            s.Version,
		WasmContentLength:  strconv.Itoa(wasmSize),
		Env:                map[string]string{"DATELINE_DATA": s.DataBase},
		CacheableResources: []string{s.DataBase + "/index.json"},
		ServiceWorkerTemplate: strings.NewReplacer(
			"__DATA_BASE__", s.DataBase,
			"__ARTICLES__", s.OfflineMode(),
		).Replace(workerTemplate),
	}
}

// wasmFetchJS is added to go-app's app.js: how app.wasm is fetched.
//
//go:embed wasmfetch.js
var wasmFetchJS []byte

// goAppWasmFetch is where go-app's app.js (v10.1.11) fetches app.wasm.
const goAppWasmFetch = `fetchWithProgress("/web/app.wasm", showProgress)`

// patchAppJS makes go-app's app.js fetch app.wasm through wasmfetch.js. It
// fails if go-app's script no longer reads as expected, rather than ship a
// loader nobody tested.
func patchAppJS(js []byte) ([]byte, error) {
	if n := bytes.Count(js, []byte(goAppWasmFetch)); n != 1 {
		return nil, fmt.Errorf("go-app's app.js calls %s %d times, want 1: was go-app upgraded? (see app/site/wasmfetch.js)", goAppWasmFetch, n)
	}
	js = bytes.Replace(js, []byte(goAppWasmFetch), []byte(`datelineFetchWasm("/web/app.wasm", showProgress)`), 1)
	return append(js, wasmFetchJS...), nil
}

// workerTemplate is the service worker; go-app fills in {{.Version}} and
// {{.ResourcesToCache}}, the site its data paths and offline mode.
//
//go:embed worker.js
var workerTemplate string

// FullOfflineMaxArticles is the largest dataset whose every article the
// service worker saves at install. Past it, articles are saved as they are
// read, or all at once when the reader asks.
const FullOfflineMaxArticles = 2500

// OfflineMode tells the service worker what to save at install: "all"
// articles, or those "viewed".
func (s *Site) OfflineMode() string {
	if len(s.source.ds.Articles) <= FullOfflineMaxArticles {
		return "all"
	}
	return "viewed"
}

// The colours of the manifest and the browser's UI, matching dateline.css.
const (
	backgroundColor = "#fbfaf7"
	themeColor      = "#8c1c13"
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
	}
	if robots, ok := s.fixed["/web/robots.txt"]; ok {
		s.fixed["/robots.txt"] = robots
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
		return "application/javascript; charset=utf-8"
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

// dataFile returns the versioned data file at p, built on first request:
// the index of articles, or one article. Their paths change with the
// dataset, so browsers may keep them forever.
func (s *Site) dataFile(p string) (*response, bool, error) {
	rest, ok := strings.CutPrefix(p, s.DataBase+"/")
	if !ok {
		return nil, false, nil
	}
	var v any
	switch slug, isArticle := strings.CutPrefix(rest, "articles/"); {
	case rest == "index.json":
		v = s.source.summaries
	case isArticle && strings.HasSuffix(slug, ".json"):
		a, ok := s.source.bySlug[strings.TrimSuffix(slug, ".json")]
		if !ok {
			return nil, false, nil
		}
		v = a
	default:
		return nil, false, nil
	}
	res, err := s.cached(p, func() (*response, error) {
		b, err := json.Marshal(v)
		if err != nil {
			return nil, fmt.Errorf("encoding %s: %w", p, err)
		}
		return newResponse(http.StatusOK, "application/json", immutable, b)
	})
	return res, true, err
}

// cached returns the response stored under key, making it once with make.
// Only a bounded set of keys reaches here: the site's pages and data files.
func (s *Site) cached(key string, make func() (*response, error)) (*response, error) {
	s.mu.RLock()
	res, ok := s.lazy[key]
	s.mu.RUnlock()
	if ok {
		return res, nil
	}
	res, err := make()
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	s.lazy[key] = res
	s.mu.Unlock()
	return res, nil
}

// ServeHTTP answers GET and HEAD requests from memory.
func (s *Site) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	copyHeader(w.Header(), securityHeaders)
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	p := r.URL.Path
	if res, ok := s.fixed[p]; ok {
		res.serve(w, r)
		return
	}
	res, isData, err := s.dataFile(p)
	if !isData && err == nil {
		res, err = s.page(p)
	}
	if err != nil {
		app.Log("dateline: rendering", p, ":", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	res.serve(w, r)
}

// Paths lists every page of the site: the home page and each article.
func (s *Site) Paths() []string {
	paths := []string{"/"}
	for _, a := range s.source.ds.Articles {
		paths = append(paths, article.Path(a.Slug))
	}
	return paths
}

// page returns the prerendered page of a path: the home page, an article,
// or for anything else the not-found page with status 404.
func (s *Site) page(p string) (*response, error) {
	status := http.StatusOK
	if d, _ := s.source.Cached(p); d.Kind == components.NotFoundKind || path.Clean(p) != p {
		p, status = notFoundPath, http.StatusNotFound
	}
	return s.cached(p, func() (*response, error) {
		rec := httptest.NewRecorder()
		s.handler.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, p, nil))
		if rec.Code != http.StatusOK {
			return nil, fmt.Errorf("go-app answered %d", rec.Code)
		}
		// The client fetches the page's data file before it takes over
		// the page; the loader preloads it, so that the download runs
		// beside app.wasm's.
		page, err := tidyHead(rec.Body.Bytes(), s.source.DataURL(p))
		if err != nil {
			return nil, fmt.Errorf("prerendering %s: %w", p, err)
		}
		return newResponse(status, "text/html; charset=utf-8", revalidate, page)
	})
}

// emptyMeta matches the head tags go-app always writes even when they have
// nothing to say: an empty author, and og:url and og:image under
// "https://" with no domain. Attribute order varies.
var emptyMeta = regexp.MustCompile(`\s*<meta (?:name="author"|[^>]*content="https://(?:/[^"]*)?"[^>]*)>`)

// goQuotedAttr matches an attribute value as go-app v10 writes it: quoted
// with strconv.Quote, Go's string syntax, not HTML's. Text nodes are
// HTML-escaped, so a raw `="` only ever starts an attribute value.
var goQuotedAttr = regexp.MustCompile(`="((?:[^"\\]|\\.)*)"`)

// goAppStyles matches the <link> to go-app's /app.css. It holds only the
// styles of go-app's full-screen loader and not-found page, which this app
// does not show (dateline.css draws the loader as a bar), yet it blocks the
// first paint for one more request: on a slow link, a round trip or more.
// (go-app writes attributes in no fixed order.)
var goAppStyles = regexp.MustCompile(`\s*<link [^>]*href="/app\.css"[^>]*>`)

// loaderIcon matches go-app's loader icon, which dateline.css hides. A
// hidden <img> is still downloaded unless it is lazy.
var loaderIcon = regexp.MustCompile(`<img ([^>]*id="app-wasm-loader-icon")`)

// tidyHead repairs a page prerendered by go-app: it removes empty and
// broken meta tags and the link to go-app's unused styles, keeps the
// hidden loader icon from loading, and rewrites attribute values in HTML's
// syntax. Go quoting turns a quotation mark into \" (which ends the
// attribute in HTML) and a zero-width non-joiner, common in Persian and
// Kurdish text, into a visible \u200c. Then deferLoad hands the scripts,
// and the preload of dataURL (if any), to loader.js.
func tidyHead(page []byte, dataURL string) ([]byte, error) {
	page = emptyMeta.ReplaceAll(page, nil)
	page = goAppStyles.ReplaceAll(page, nil)
	page = loaderIcon.ReplaceAll(page, []byte(`<img loading="lazy" $1`))
	page = goQuotedAttr.ReplaceAllFunc(page, func(m []byte) []byte {
		v, err := strconv.Unquote(string(m[1:]))
		if err != nil {
			return m // not Go syntax after all: leave it as written
		}
		return []byte(`="` + html.EscapeString(v) + `"`)
	})
	return deferLoad(page, dataURL)
}

// loaderJS starts the app's scripts after the first paint (see the file).
//
//go:embed loader.js
var loaderJS string

// loaderScript is loader.js as pages carry it inline, without its comment
// lines; loaderHash is the hash the Content-Security-Policy allows it by.
var loaderScript, loaderHash = func() (string, string) {
	lines := strings.Split(strings.TrimSpace(loaderJS), "\n")
	for len(lines) > 0 && strings.HasPrefix(lines[0], "//") {
		lines = lines[1:]
	}
	script := strings.Join(lines, "\n")
	sum := sha256.Sum256([]byte(script))
	return script, "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
}()

// scriptTag and srcAttr find go-app's script tags, which deferLoad moves
// (go-app writes attributes in no fixed order).
var (
	scriptTag = regexp.MustCompile(`(?s)\s*<script\b([^>]*)>(.*?)</script>`)
	srcAttr   = regexp.MustCompile(`\bsrc="([^"]+)"`)
)

// pageScripts are the scripts every page runs, in go-app's order.
var pageScripts = []string{"/wasm_exec.js", "/app.js", "/web/boot.js"}

// deferLoad replaces the page's script tags with loader.js, inline after
// the title, which asks for them, and preloads dataURL, once the page has
// been painted (on a first visit). It fails on a page whose scripts are
// not the expected ones, rather than serve one that never starts the app.
func deferLoad(page []byte, dataURL string) ([]byte, error) {
	// Only the head is searched: the home page of a large dataset runs to
	// megabytes, and regexp scans are not free.
	end := bytes.Index(page, []byte("</head>"))
	if end < 0 {
		return nil, errors.New("go-app's page has no </head>")
	}
	head, rest := page[:end], page[end:]
	var srcs []string
	for _, m := range scriptTag.FindAllSubmatch(head, -1) {
		src := srcAttr.FindSubmatch(m[1])
		if src == nil || len(bytes.TrimSpace(m[2])) > 0 {
			return nil, fmt.Errorf("an inline <script%s> in go-app's page: only loader.js may be inline", m[1])
		}
		srcs = append(srcs, string(src[1]))
	}
	if !slices.Equal(srcs, pageScripts) {
		return nil, fmt.Errorf("go-app's page loads the scripts %q, want %q: was go-app upgraded? (see app/site/loader.js)", srcs, pageScripts)
	}
	head = scriptTag.ReplaceAll(head, nil)
	var preload string
	if dataURL != "" {
		preload = ` data-preload="` + html.EscapeString(dataURL) + `"`
	}
	// Before the stylesheet, so that it runs at once: an inline script
	// waits for the stylesheets above it.
	at := bytes.Index(head, []byte("</title>"))
	if at < 0 {
		return nil, errors.New("go-app's page has no </title>")
	}
	at += len("</title>")
	tag := "\n    <script data-scripts=\"" + strings.Join(srcs, " ") + "\"" + preload + ">" + loaderScript + "</script>"
	return slices.Concat(head[:at], []byte(tag), head[at:], rest), nil
}

// securityHeaders go with every response.
var securityHeaders = http.Header{
	"Content-Security-Policy":    {contentSecurityPolicy},
	"X-Content-Type-Options":     {"nosniff"},
	"Referrer-Policy":            {"strict-origin-when-cross-origin"},
	"Permissions-Policy":         {"camera=(), microphone=(), geolocation=(), payment=(), usb=()"},
	"Cross-Origin-Opener-Policy": {"same-origin"},
}

// contentSecurityPolicy lets app.wasm run ('wasm-unsafe-eval') and nothing
// inline but loader.js, by its hash. Images may come from https hosts named
// in the dataset.
var contentSecurityPolicy = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' " + loaderHash + "; " +
	"style-src 'self'; img-src 'self' https: data:; connect-src 'self'; font-src 'self'; " +
	"manifest-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'none'; " +
	"form-action 'self'; frame-ancestors 'none'"
