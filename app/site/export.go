package site

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"

	"dateline/app/page"
)

// Export writes the whole site into dir as static files, for any static
// host or CDN: index.html, page/<n>.html, sections/<slug>.html,
// tags/<slug>.html (and their page/<n>.html), articles/<slug>.html,
// 404.html, the data files, web/ (with the .br and .gz forms of app.wasm)
// and go-app's files. The host must serve /x from x.html, 404.html for
// missing paths, and .wasm as application/wasm (see README).
//
// dir must not exist yet, or be empty: Export never mixes two sites. It
// writes into a temporary directory beside dir and renames it into place
// when complete, so a failure leaves nothing half-written.
func (s *Site) Export(dir string) error {
	if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
		return fmt.Errorf("exporting: %s is not empty", dir)
	} else if err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("exporting: %w", err)
	}
	parent := filepath.Dir(filepath.Clean(dir))
	tmp, err := os.MkdirTemp(parent, ".dateline-export-*")
	if err != nil {
		return fmt.Errorf("exporting: %w", err)
	}
	defer os.RemoveAll(tmp)                      // gone after the rename; cleans up after a failure
	if err := os.Chmod(tmp, 0o755); err != nil { // MkdirTemp makes it private
		return fmt.Errorf("exporting: %w", err)
	}

	paths := make([]string, 0, len(s.fixed))
	for p := range s.fixed {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	for _, p := range paths {
		r := s.fixed[p]
		if err := writeFile(tmp, p, r.body); err != nil {
			return err
		}
		// Precompressed forms of the large files, for hosts that serve them
		// (nginx gzip_static, brotli_static).
		if strings.HasPrefix(p, "/web/") && r.br != nil {
			if err := writeFile(tmp, p+".br", r.br); err != nil {
				return err
			}
			if err := writeFile(tmp, p+".gz", r.gz); err != nil {
				return err
			}
		}
	}
	nf, err := s.notFound()
	if err != nil {
		return fmt.Errorf("exporting the not-found page: %w", err)
	}
	if err := writeFile(tmp, "/404.html", nf.body); err != nil {
		return err
	}

	// Every page and its data file, rendered on all cores; the responses
	// are made for the export and not kept, so that a large archive does
	// not fill the memory.
	refs := s.listRefs(true)
	s.arc.Slugs(func(slug string) { refs = append(refs, page.ArticleRef(slug)) })
	jobs := make(chan page.Ref)
	errc := make(chan error, 1)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ref := range jobs {
				if err := s.exportPage(tmp, ref); err != nil {
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
	}

	if err := os.Remove(dir); err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("exporting: %w", err)
	}
	if err := os.Rename(tmp, dir); err != nil {
		return fmt.Errorf("exporting: %w", err)
	}
	return nil
}

// exportPage writes one page and its data file.
func (s *Site) exportPage(root string, ref page.Ref) error {
	d, err := s.Load(ref)
	if err != nil {
		return fmt.Errorf("exporting %s: %w", ref.Path(), err)
	}
	res, err := s.render(ref, d, 200)
	if err != nil {
		return fmt.Errorf("exporting %s: %w", ref.Path(), err)
	}
	name := ref.Path() + ".html"
	if ref.Path() == "/" {
		name = "/index.html"
	}
	if err := writeFile(root, name, res.body); err != nil {
		return err
	}
	data, err := dataJSON(d)
	if err != nil {
		return fmt.Errorf("exporting %s: %w", ref.Path(), err)
	}
	return writeFile(root, s.DataBase+"/"+ref.DataFile(), data)
}

func writeFile(root, p string, body []byte) error {
	name := filepath.Join(root, filepath.FromSlash(strings.TrimPrefix(p, "/")))
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return fmt.Errorf("exporting %s: %w", p, err)
	}
	if err := os.WriteFile(name, body, 0o644); err != nil {
		return fmt.Errorf("exporting %s: %w", p, err)
	}
	return nil
}
