package site

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Export writes the whole site into dir as static files, for any static
// host or CDN: index.html, articles/<slug>.html, 404.html, the data files,
// web/ (with the .br and .gz forms of app.wasm) and go-app's files. The host
// must serve /articles/<slug> from articles/<slug>.html, 404.html for
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

	files := make(map[string]*response)
	for p, r := range s.fixed {
		files[p] = r
	}
	for _, p := range s.Paths() {
		r, err := s.page(p)
		if err != nil {
			return fmt.Errorf("exporting %s: %w", p, err)
		}
		if p == "/" {
			files["/index.html"] = r
		} else {
			files[p+".html"] = r
		}
		if a, ok := s.dataPathOf(p); ok {
			res, _, err := s.dataFile(a)
			if err != nil {
				return fmt.Errorf("exporting %s: %w", a, err)
			}
			files[a] = res
		}
	}
	nf, err := s.page(notFoundPath)
	if err != nil {
		return fmt.Errorf("exporting the not-found page: %w", err)
	}
	files["/404.html"] = nf

	paths := make([]string, 0, len(files))
	for p := range files {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	for _, p := range paths {
		r := files[p]
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
	if err := os.Remove(dir); err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("exporting: %w", err)
	}
	if err := os.Rename(tmp, dir); err != nil {
		return fmt.Errorf("exporting: %w", err)
	}
	return nil
}

// dataPathOf returns the data file of a page path.
func (s *Site) dataPathOf(p string) (string, bool) {
	u := s.source.DataURL(p)
	return u, u != ""
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
