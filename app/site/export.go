package site

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strings"
	"sync"

	"dateline/app/feed"
	"dateline/app/page"
)

// Export writes the whole site into dir as static files, for any static
// host or CDN: index.html, page/<n>.html, sections/<slug>.html,
// tags/<slug>.html (and their page/<n>.html), articles/<slug>.html,
// 404.html, the data files, the feeds and sitemaps, robots.txt, web/
// (with the .br and .gz forms of app.wasm), go-app's files, and the
// configuration of static hosts: _headers (Netlify, Cloudflare Pages) and
// _config/nginx.conf and _config/Caddyfile, each with the host's security
// headers and cache policy. The host must serve /x from x.html, 404.html
// for missing paths, and .wasm as application/wasm (the configurations
// do).
//
// Into a directory that does not exist or is empty, the site is written
// beside it and renamed into place when complete, so that a failure leaves
// nothing half-written. Over an earlier export, only the files that
// changed are written (each complete, renamed over the old one), the data
// files first and the service worker last; the data of the version it
// replaces stays, so that a reader with a page of that version open can
// go on reading, and the rest of the old files are removed. A directory
// that holds something else is refused. Once ctx ends, the export stops
// writing and fails.
func (s *Site) Export(ctx context.Context, dir string) (ExportStats, error) {
	entries, err := os.ReadDir(dir)
	switch {
	case errors.Is(err, os.ErrNotExist), err == nil && len(entries) == 0:
		return s.exportFresh(ctx, dir)
	case err != nil:
		return ExportStats{}, fmt.Errorf("exporting: %w", err)
	}
	prev, err := exportedVersion(dir)
	if err != nil {
		return ExportStats{}, err
	}
	w := &exportWriter{ctx: ctx, root: dir, update: true, keep: prev}
	if err := s.exportTo(w); err != nil {
		return w.stats(), err
	}
	err = w.removeOthers()
	return w.stats(), err
}

// ExportStats counts what an export did.
type ExportStats struct {
	Written, Unchanged, Removed int
}

// exportFresh writes the site into a new directory beside dir and renames
// it into place.
func (s *Site) exportFresh(ctx context.Context, dir string) (ExportStats, error) {
	parent := filepath.Dir(filepath.Clean(dir))
	tmp, err := os.MkdirTemp(parent, ".dateline-export-*")
	if err != nil {
		return ExportStats{}, fmt.Errorf("exporting: %w", err)
	}
	defer os.RemoveAll(tmp)                      // gone after the rename; cleans up after a failure
	if err := os.Chmod(tmp, 0o755); err != nil { // MkdirTemp makes it private
		return ExportStats{}, fmt.Errorf("exporting: %w", err)
	}
	w := &exportWriter{ctx: ctx, root: tmp}
	if err := s.exportTo(w); err != nil {
		return w.stats(), err
	}
	if err := os.Remove(dir); err != nil && !errors.Is(err, os.ErrNotExist) {
		return w.stats(), fmt.Errorf("exporting: %w", err)
	}
	if err := os.Rename(tmp, dir); err != nil {
		return w.stats(), fmt.Errorf("exporting: %w", err)
	}
	return w.stats(), nil
}

// workerDataBase finds the data path a service worker names.
var workerDataBase = regexp.MustCompile(`const DATA_BASE = "(/data/[0-9a-f]+)";`)

// exportedVersion returns the data path of the Dateline export in dir,
// or refuses a directory that holds something else.
func exportedVersion(dir string) (string, error) {
	worker, err := os.ReadFile(filepath.Join(dir, "app-worker.js"))
	m := workerDataBase.FindSubmatch(worker)
	if err != nil || m == nil {
		return "", fmt.Errorf("exporting: %s is not empty, and holds no Dateline export to update: choose another directory", dir)
	}
	return string(m[1]), nil
}

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
	if err := w.write(page.SavedPath+".html", saved.body); err != nil {
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
	sp, err := s.render(searchRef, page.Data{Head: h, Found: &page.Found{Static: true}}, http.StatusOK)
	if err != nil {
		return fmt.Errorf("exporting %s: %w", page.SearchPath, err)
	}
	if err := w.write(page.SearchPath+".html", sp.body); err != nil {
		return err
	}
	offline, err := s.offlineJSON()
	if err != nil {
		return fmt.Errorf("exporting the offline list: %w", err)
	}
	if err := w.write(s.DataBase+"/offline.json", offline.body); err != nil {
		return err
	}
	nf, err := s.notFound()
	if err != nil {
		return fmt.Errorf("exporting the not-found page: %w", err)
	}
	if err := w.write(feed.NotFoundPage, nf.body); err != nil {
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
	deploy := feed.Deploy{Header: securityHeaders, Hidden: []string{"/_config/", "/_headers"}}
	for _, c := range []struct {
		path string
		make func(feed.Deploy) ([]byte, error)
	}{
		{"/_headers", feed.HeadersFile},
		{"/_config/nginx.conf", feed.NginxConf},
		{"/_config/Caddyfile", feed.Caddyfile},
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
		if strings.HasPrefix(p, "/web/") && r.br != nil {
			if err := w.write(p+".br", r.br); err != nil {
				return err
			}
			if err := w.write(p+".gz", r.gz); err != nil {
				return err
			}
		}
		if err := w.write(p, r.body); err != nil {
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
	name := ref.Path() + ".html"
	if ref.Path() == "/" {
		name = "/index.html"
	}
	return w.write(name, doc)
}

// exportWriter writes an export's files under root: in a fresh export,
// each as it comes; over an earlier one, only those that changed, each
// complete before it replaces the old one. It remembers what it wrote.
// Once ctx ends, it writes nothing more.
type exportWriter struct {
	ctx    context.Context
	root   string
	update bool
	// keep is the data path of the version an update replaces, whose
	// files stay.
	keep string

	mu                          sync.Mutex
	files                       map[string]bool
	dirs                        map[string]bool // made already
	written, unchanged, removed int
}

func (w *exportWriter) write(p string, body []byte) error {
	if err := w.ctx.Err(); err != nil {
		return err
	}
	name := filepath.Join(w.root, filepath.FromSlash(strings.TrimPrefix(p, "/")))
	w.mu.Lock()
	if w.files == nil {
		w.files = make(map[string]bool)
	}
	w.files[name] = true
	w.mu.Unlock()
	if w.update {
		if old, err := os.ReadFile(name); err == nil && bytes.Equal(old, body) {
			w.mu.Lock()
			w.unchanged++
			w.mu.Unlock()
			return nil
		}
	}
	if err := w.mkdir(filepath.Dir(name)); err != nil {
		return fmt.Errorf("exporting %s: %w", p, err)
	}
	if w.update {
		if err := replaceFile(name, body); err != nil {
			return fmt.Errorf("exporting %s: %w", p, err)
		}
	} else if err := os.WriteFile(name, body, 0o644); err != nil {
		return fmt.Errorf("exporting %s: %w", p, err)
	}
	w.mu.Lock()
	w.written++
	w.mu.Unlock()
	return nil
}

// replaceFile writes name whole beside it, then renames it into place.
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

func replaceFile(name string, body []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(name), "."+filepath.Base(name)+".*.tmp")
	if err != nil {
		return err
	}
	_, werr := tmp.Write(body)
	cerr := tmp.Close()
	if err := errors.Join(werr, cerr, os.Chmod(tmp.Name(), 0o644)); err != nil {
		return errors.Join(err, os.Remove(tmp.Name()))
	}
	if err := os.Rename(tmp.Name(), name); err != nil {
		return errors.Join(err, os.Remove(tmp.Name()))
	}
	return nil
}

func (w *exportWriter) stats() ExportStats {
	w.mu.Lock()
	defer w.mu.Unlock()
	return ExportStats{Written: w.written, Unchanged: w.unchanged, Removed: w.removed}
}

// removeOthers removes, after an update, the files the export did not
// write: pages and data of articles that are gone, and the data of older
// versions; the data of the version just replaced stays.
func (w *exportWriter) removeOthers() error {
	keep := filepath.Join(w.root, filepath.FromSlash(strings.TrimPrefix(w.keep, "/")))
	var dirs []string
	removed := 0
	err := filepath.WalkDir(w.root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if p == keep {
				return filepath.SkipDir
			}
			dirs = append(dirs, p)
			return nil
		}
		if w.files[p] {
			return nil
		}
		removed++
		return os.Remove(p)
	})
	if err != nil {
		return fmt.Errorf("exporting: removing the files of the last export: %w", err)
	}
	// Folders left empty go too, deepest first.
	for i := len(dirs) - 1; i > 0; i-- {
		if entries, err := os.ReadDir(dirs[i]); err == nil && len(entries) == 0 {
			if err := os.Remove(dirs[i]); err != nil {
				return fmt.Errorf("exporting: %w", err)
			}
		}
	}
	w.mu.Lock()
	w.removed = removed
	w.mu.Unlock()
	return nil
}
