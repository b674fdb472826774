package site

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"dateline/app/feed"
	"dateline/app/page"
	"dateline/internal/dirlock"
)

// Export writes the whole site into dir as static files, for any static
// host or CDN: index.html, page/<n>.html, sections/<slug>.html,
// tags/<slug>.html (and their page/<n>.html), articles/<slug>.html,
// 404.html, the data files, the feeds and sitemaps, robots.txt, web/
// (with the .br and .gz forms of app.wasm), media/ (every picture the
// media folder serves, used or not), go-app's files, and the
// configuration of static hosts: _headers and _redirects (Netlify,
// Cloudflare Pages), _config/nginx.conf and _config/Caddyfile, with the
// host's security headers, cache policy and redirects. The host must serve /x from x.html, 404.html
// for missing paths, and .wasm as application/wasm; it should send /x.html
// to /x for good, so that a page has one address (the configurations do
// all of that).
//
// dir may not exist yet (it is made), be empty, or hold an earlier
// export; a folder that holds something else is refused. dir itself is
// kept (its owner and mode, a symbolic link to it, a mount point on it):
// the site is written into a hidden staging folder inside it, then moved
// up into place, so that a failure, or ctx ending, while the site is
// being made leaves dir as it was. Over an earlier export, only the files
// that changed are written, and moved into place the data files first and
// the service worker last.
//
// An export records the files it wrote in the manifest .dateline-export
// at the root. The next one removes only files listed there that it does
// not write again, and the folders that leaves empty, so that files of
// anyone else (a .git folder, a CNAME) stay; over an export made before
// manifests, only files in the folders Dateline alone writes into. It
// keeps the data of the version it replaces, so that a reader with a page
// of that version open can go on reading; an export of the same data
// keeps the version the last one kept. What an export killed outright
// leaves (its staging folder, the manifest of a move cut short) the next
// one cleans up. One export at a time writes a folder: a second is
// refused while the first runs (dirlock; on Linux, macOS and the BSDs).
func (s *Site) Export(ctx context.Context, dir string) (ExportStats, error) {
	made, err := makeDir(dir)
	if err != nil {
		return ExportStats{}, fmt.Errorf("exporting: %w", err)
	}
	unlock, err := dirlock.Lock(dir, 0)
	if errors.Is(err, dirlock.ErrBusy) {
		err = fmt.Errorf("another export is writing %s: wait for it to end, then export again", dir)
	}
	if err != nil {
		return ExportStats{}, errors.Join(fmt.Errorf("exporting: %w", err), removeDirs(made))
	}
	st, err := s.export(ctx, dir, made)
	if uerr := unlock(); uerr != nil && err == nil {
		err = fmt.Errorf("exporting: releasing the folder: %w", uerr)
	}
	return st, err
}

// export is Export with dir made and held.
func (s *Site) export(ctx context.Context, dir string, made []string) (ExportStats, error) {
	untouched := fmt.Sprintf("nothing in %s was changed", dir)
	if len(made) > 0 {
		untouched = fmt.Sprintf("nothing was written (%s does not exist)", dir)
	}
	prev, err := readEarlier(dir)
	if err == nil {
		if err = os.Mkdir(filepath.Join(dir, stagingName), 0o755); err != nil {
			err = fmt.Errorf("%w; %s", notWritable(dir, err), untouched)
		}
	}
	if err != nil {
		return ExportStats{}, errors.Join(fmt.Errorf("exporting: %w", err), removeDirs(made))
	}
	w := &exportWriter{ctx: ctx, root: dir, stage: filepath.Join(dir, stagingName), compare: !prev.fresh, names: s.versionNames()}
	if err := s.exportTo(w); err != nil {
		cleanup := errors.Join(os.RemoveAll(w.stage), removeDirs(made))
		if cerr := ctx.Err(); cerr != nil {
			err = &interruptedError{msg: "export interrupted: " + untouched, cause: cerr}
		} else {
			err = fmt.Errorf("%w; %s", err, untouched)
		}
		if cleanup != nil {
			return ExportStats{}, errors.Join(err, fmt.Errorf("removing the export's staging folder: %w", cleanup))
		}
		return ExportStats{}, err
	}
	if prev.fresh {
		err = w.moveUp(s.DataBase, untouched)
		if err != nil {
			err = errors.Join(err, removeDirs(made))
		}
	} else {
		err = w.moveIn(prev, s.DataBase)
	}
	return w.stats(), err
}

// ExportStats counts what an export did: the files written and those
// already there as they would be written, the manifest included, and the
// files of an earlier export removed.
type ExportStats struct {
	Written, Unchanged, Removed int
}

// interruptedError reports an export stopped by its context, and what
// state it left the folder in.
type interruptedError struct {
	msg   string
	cause error
}

func (e *interruptedError) Error() string { return e.msg }
func (e *interruptedError) Unwrap() error { return e.cause }

// exportTo writes every file of the site, in the order that keeps a site
// being updated whole for its readers: the data files with the pages (a
// page of the new version finds its data), then the feeds and sitemaps,
// then the assets and the app, and the service worker, which tells open
// pages of the new version, last.
func (s *Site) exportTo(w *exportWriter) error {
	// The search index may still be in the making: a large one takes
	// a while, which an interruption need not wait for.
	searched := make(chan error, 1)
	go func() {
		_, err := s.WaitSearch()
		searched <- err
	}()
	select {
	case <-w.ctx.Done():
		return w.ctx.Err()
	case err := <-searched:
		if err != nil {
			return fmt.Errorf("exporting the search index: %w", err)
		}
	}
	// The photos before the pages that show them.
	if err := s.exportMedia(w); err != nil {
		return err
	}
	refs := s.listRefs(true)
	s.arc.Slugs(func(slug string) { refs = append(refs, page.ArticleRef(slug)) })
	sx, err := s.newSearchExport()
	if err != nil {
		return err
	}
	if err := parallel(refs, func(ref page.Ref) error { return s.exportPage(w, ref, sx) }); err != nil {
		return err
	}
	saved, err := s.renderShell(page.Ref{Kind: page.Saved})
	if err != nil {
		return fmt.Errorf("exporting %s: %w", page.SavedPath, err)
	}
	if err := w.write(page.SavedPath+page.HTMLExt, saved.body); err != nil {
		return err
	}
	// Search: the index's files, and a page that a static host serves for
	// any query, which the app answers once it has loaded.
	if err := sx.finish(w); err != nil {
		return err
	}
	searchRef := page.SearchRef("", 1)
	h, err := s.headOf(searchRef, page.Data{})
	if err != nil {
		return fmt.Errorf("exporting %s: %w", page.SearchPath, err)
	}
	// That one file answers every query, so it says noindex itself, as
	// the host's results of a query do (feed.HeadTags), to crawlers that
	// run no script too. A static host cannot add it by query: _headers
	// matches no query string, and nginx's snippet, inside a server
	// block, can have no map, while an add_header inside an "if" drops
	// the security headers. The search page without a query, a box to
	// type in, loses nothing by it. It says it in place of what the page
	// says on the host (page.Ref.Robots): one robots meta.
	h.Meta = slices.DeleteFunc(h.Meta, func(m page.Meta) bool { return m.Name == "robots" })
	h.Meta = append(h.Meta, page.Meta{Name: "robots", Content: page.NoIndex})
	sp, err := s.render(searchRef, page.Data{Head: h, Found: &page.Found{Static: true}}, http.StatusOK)
	if err != nil {
		return fmt.Errorf("exporting %s: %w", page.SearchPath, err)
	}
	if err := w.write(page.SearchPath+page.HTMLExt, sp.body); err != nil {
		return err
	}
	offline, err := s.offlineJSON()
	if err != nil {
		return fmt.Errorf("exporting the offline list: %w", err)
	}
	if err := w.write(s.DataBase+"/offline.json", offline.body); err != nil {
		return err
	}
	// After every file it lists: their hashes are of the files written.
	reuse, err := s.reuseHashes(w.hashOf)
	if err != nil {
		return fmt.Errorf("exporting %s: %w", s.reusePath(), err)
	}
	if err := w.write(s.reusePath(), reuse); err != nil {
		return err
	}
	nf, err := s.notFound()
	if err != nil {
		return fmt.Errorf("exporting the not-found page: %w", err)
	}
	if err := w.write(feed.NotFoundPage, nf.body); err != nil {
		return err
	}
	off, err := s.offlinePage()
	if err != nil {
		return fmt.Errorf("exporting the offline page: %w", err)
	}
	if err := w.write(page.OfflinePath+page.HTMLExt, off.body); err != nil {
		return err
	}
	feeds := []string{feedPath}
	for _, g := range s.arc.Sections() {
		feeds = append(feeds, page.SectionRef(g.Slug, 1).Path()+feedFile)
	}
	for _, p := range feeds {
		res, _, err := s.feedOf(p)
		if err != nil {
			return fmt.Errorf("exporting %s: %w", p, err)
		}
		if err := w.write(p, res.body); err != nil {
			return err
		}
	}
	err = feed.WriteSitemaps(s.site.Site, s.pageURLs(), func(p string, body []byte) error { return w.write(p, body) })
	if err != nil && !errors.Is(err, feed.ErrNoSiteURL) {
		return fmt.Errorf("exporting the sitemaps: %w", err)
	}
	// The news sitemap as of the export: the articles of the two days
	// before it (a newsroom exports again as it publishes).
	if res, ok, err := s.newsSitemap(feed.NewsSitemapPath, time.Now()); err != nil {
		return fmt.Errorf("exporting %s: %w", feed.NewsSitemapPath, err)
	} else if ok {
		if err := w.write(feed.NewsSitemapPath, res.body); err != nil {
			return err
		}
	}

	paths := make([]string, 0, len(s.fixed))
	for p := range s.fixed {
		paths = append(paths, p)
	}
	// The service worker last: its update check is what tells open pages
	// that a new version is there.
	sort.Slice(paths, func(i, j int) bool {
		if wi, wj := paths[i] == "/app-worker.js", paths[j] == "/app-worker.js"; wi != wj {
			return wj
		}
		return paths[i] < paths[j]
	})
	// Not the site's: the configuration, and the export's own entries,
	// whose manifest lists every file and the data version.
	hidden := []string{feed.ConfigDir, feed.HeadersPath, feed.RedirectsPath, "/" + manifestName, "/" + partialName, "/" + stagingName + "/"}
	// The photos keep the static host's validators: a check is a 304.
	// The app's files, which pages name by their content (ref), are
	// written under both names: the hashed one is kept a year.
	var hashed, named []string
	for p, name := range s.names {
		hashed = append(hashed, p)
		named = append(named, name)
	}
	sort.Strings(hashed)
	sort.Strings(named)
	deploy := feed.Deploy{Header: securityHeaders, Hidden: hidden, Validated: []string{MediaPrefix}, Hashed: hashed, HashedNames: named}
	for _, c := range []struct {
		path string
		make func(feed.Deploy) ([]byte, error)
	}{
		{feed.HeadersPath, feed.HeadersFile},
		{feed.RedirectsPath, feed.RedirectsFile},
		{feed.NginxConfPath, feed.NginxConf},
		{feed.CaddyfilePath, feed.Caddyfile},
	} {
		b, err := c.make(deploy)
		if err != nil {
			return fmt.Errorf("exporting %s: %w", c.path, err)
		}
		if err := w.write(c.path, b); err != nil {
			return err
		}
	}
	for _, p := range paths {
		r := s.fixed[p]
		// Precompressed forms of the large files, for hosts that serve them
		// (nginx gzip_static, Caddy precompressed).
		pre := strings.HasPrefix(p, "/web/")
		if name, ok := s.names[p]; ok {
			if err := writeAppFile(w, name, r, pre); err != nil {
				return err
			}
		}
		if err := writeAppFile(w, p, r, pre); err != nil {
			return err
		}
	}
	return nil
}

// writeAppFile writes r's body at p, and with pre its compressed forms
// beside it (p.br and p.gz) where compression paid.
func writeAppFile(w *exportWriter, p string, r *response, pre bool) error {
	if pre {
		for _, c := range []struct {
			ext  string
			body []byte
		}{{".br", r.br}, {".gz", r.gz}} {
			if c.body == nil {
				continue // compression did not pay
			}
			if err := w.write(p+c.ext, c.body); err != nil {
				return err
			}
		}
	}
	return w.write(p, r.body)
}

// exportMedia copies every file the media folder serves into media/,
// whether an article shows it or not: the folder is the newsroom's to
// fill, and a photo about to be used is in place before its article. A
// photo is read whole, one at a time.
func (s *Site) exportMedia(w *exportWriter) error {
	if s.media == nil {
		return nil
	}
	names, err := s.media.files()
	if err != nil {
		return fmt.Errorf("exporting: %w", err)
	}
	for _, name := range names {
		body, err := s.media.readFile(name)
		if err != nil {
			return fmt.Errorf("exporting the media folder's %s: %w", name, err)
		}
		if err := w.write(MediaPrefix+name, body); err != nil {
			return err
		}
	}
	return nil
}

// parallel runs do for each ref on every core, and returns the first error.
func parallel(refs []page.Ref, do func(page.Ref) error) error {
	jobs := make(chan page.Ref)
	errc := make(chan error, 1)
	var wg sync.WaitGroup
	// A worker per core: rendering the pages is most of the work.
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ref := range jobs {
				if err := do(ref); err != nil {
					select {
					case errc <- err:
					default:
					}
				}
			}
		}()
	}
	for _, ref := range refs {
		if len(errc) > 0 {
			break
		}
		jobs <- ref
	}
	close(jobs)
	wg.Wait()
	select {
	case err := <-errc:
		return err
	default:
		return nil
	}
}

// exportPage writes one page and its data file, and an article's search
// parts. They are made for the export and not kept, so that a large
// archive does not fill the memory.
func (s *Site) exportPage(w *exportWriter, ref page.Ref, sx *searchExport) error {
	d, err := s.Load(ref)
	if err != nil {
		return fmt.Errorf("exporting %s: %w", ref.Path(), err)
	}
	if d.Story != nil && d.Story.Article != nil {
		if err := sx.article(w, d.Story.Article); err != nil {
			return err
		}
	}
	data, err := dataJSON(d)
	if err != nil {
		return fmt.Errorf("exporting %s: %w", ref.Path(), err)
	}
	if err := w.write(s.DataBase+"/"+ref.DataFile(), data); err != nil {
		return err
	}
	// The page as written, not compressed: a static host compresses it.
	doc, err := s.document(ref, d)
	if err != nil {
		return fmt.Errorf("exporting %s: %w", ref.Path(), err)
	}
	name := ref.Path() + page.HTMLExt
	if ref.Path() == "/" {
		name = page.IndexFile
	}
	return w.write(name, doc)
}

// exportWriter writes an export's files into its staging folder: in a
// first export every file, over an earlier one only those that differ
// from the file in place. It remembers every file of the site, and the
// order in which it staged them. Once ctx ends, it writes nothing more.
type exportWriter struct {
	ctx   context.Context
	root  string // the export's folder
	stage string // the staging folder inside it
	// compare is set over an earlier export, whose files are compared
	// with the new ones.
	compare bool
	// names are the site's version's, for the masked hash of each page
	// and data file (the reuse list).
	names versionNames

	// mu guards what follows while the site is written; once exportTo
	// returns, only one goroutine moves it into place.
	mu                 sync.Mutex
	files              map[string]bool   // every file of the site, relative, in slash form
	hashes             map[string]string // the masked hash of each page and data file, by the same name
	staged             []string          // the files written into stage, in order
	dirs               map[string]bool   // made already
	unchanged, removed int
	// manifest counts the manifest once the export has written it: +1 as
	// written, -1 as unchanged.
	manifest int
}

func (w *exportWriter) write(p string, body []byte) error {
	if err := w.ctx.Err(); err != nil {
		return err
	}
	rel := strings.TrimPrefix(p, "/")
	// Only what offline.json can list (pages, data files) is hashed for
	// the reuse list: not app.wasm, its compressed forms, nor the photos.
	h := ""
	if strings.HasSuffix(p, ".html") || strings.HasPrefix(p, dataPrefix+w.names.data+"/") {
		h = maskedHash(body, w.names)
	}
	w.mu.Lock()
	if w.files == nil {
		w.files = make(map[string]bool)
		w.hashes = make(map[string]string)
	}
	w.files[rel] = true
	if h != "" {
		w.hashes[rel] = h
	}
	w.mu.Unlock()
	if w.compare {
		if old, err := os.ReadFile(filepath.Join(w.root, filepath.FromSlash(rel))); err == nil && bytes.Equal(old, body) {
			w.mu.Lock()
			w.unchanged++
			w.mu.Unlock()
			return nil
		}
	}
	name := filepath.Join(w.stage, filepath.FromSlash(rel))
	if err := w.mkdir(filepath.Dir(name)); err != nil {
		return fmt.Errorf("exporting %s: %w", p, err)
	}
	if err := os.WriteFile(name, body, 0o644); err != nil {
		return fmt.Errorf("exporting %s: %w", p, err)
	}
	w.mu.Lock()
	w.staged = append(w.staged, rel)
	w.mu.Unlock()
	return nil
}

// hashOf returns the masked hash of the file written for url, a path of
// offline.json: a page's file is url.html, the home page's index.html.
func (w *exportWriter) hashOf(url string) (string, error) {
	rel := strings.TrimPrefix(url, "/")
	if !strings.HasPrefix(url, dataPrefix) {
		rel += ".html"
		if url == "/" {
			rel = "index.html"
		}
	}
	w.mu.Lock()
	h, ok := w.hashes[rel]
	w.mu.Unlock()
	if !ok {
		return "", fmt.Errorf("%s was not written", rel)
	}
	return h, nil
}

// mkdir makes dir and its parents once per export: most files share
// their directory with thousands of others.
func (w *exportWriter) mkdir(dir string) error {
	w.mu.Lock()
	done := w.dirs[dir]
	w.mu.Unlock()
	if done {
		return nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	w.mu.Lock()
	if w.dirs == nil {
		w.dirs = make(map[string]bool)
	}
	w.dirs[dir] = true
	w.mu.Unlock()
	return nil
}

func (w *exportWriter) stats() ExportStats {
	w.mu.Lock()
	defer w.mu.Unlock()
	st := ExportStats{Written: len(w.staged), Unchanged: w.unchanged, Removed: w.removed}
	switch {
	case w.manifest > 0:
		st.Written++
	case w.manifest < 0:
		st.Unchanged++
	}
	return st
}
