package site

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
)

// stagingName is the folder, inside the export's, that the site is
// written into before it is moved into place: on the same file system,
// so that a rename moves each file.
const stagingName = ".dateline-staging"

// workerDataBase finds the data path a service worker names.
var workerDataBase = regexp.MustCompile(`const DATA_BASE = "(/data/[0-9a-f]+)";`)

// earlier is what the folder of an export holds of the exports before it.
type earlier struct {
	// fresh is set when the folder holds nothing, leftovers aside.
	fresh bool
	// live is the data path of the site there, which its pages and service
	// worker use; "" if there is none.
	live string
}

// readEarlier finds out what dir holds, or refuses a folder that holds
// something other than Dateline's exports. Once it knows the folder is
// an export's or empty, it removes the staging folder an export cut
// short left there.
func readEarlier(dir string) (*earlier, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	leftover, others := false, 0
	for _, e := range entries {
		if e.Name() == stagingName {
			leftover = true
		} else {
			others++
		}
	}
	prev := &earlier{fresh: others == 0}
	if !prev.fresh {
		if prev.live, err = exportedVersion(dir); err != nil {
			return nil, err
		}
	}
	if leftover {
		if err := os.RemoveAll(filepath.Join(dir, stagingName)); err != nil {
			return nil, fmt.Errorf("removing what an interrupted export left: %w", err)
		}
	}
	return prev, nil
}

// exportedVersion returns the data path of the Dateline export in dir,
// or refuses a directory that holds something else.
func exportedVersion(dir string) (string, error) {
	worker, err := os.ReadFile(filepath.Join(dir, "app-worker.js"))
	m := workerDataBase.FindSubmatch(worker)
	if err != nil || m == nil {
		return "", fmt.Errorf("%s is not empty, and holds no Dateline export to update: choose another directory", dir)
	}
	return string(m[1]), nil
}

// moveUp moves a first export from its staging folder up into its
// folder, an entry at the top at a time (the data first, the service
// worker last). A failure moves them back, so that the folder is left as
// untouched says.
func (w *exportWriter) moveUp(untouched string) error {
	entries, err := os.ReadDir(w.stage)
	if err != nil {
		return w.moveBack(nil, fmt.Errorf("exporting: %w", err), untouched)
	}
	rank := func(name string) int {
		switch name {
		case "data":
			return 0
		case "app-worker.js":
			return 2
		}
		return 1
	}
	sort.SliceStable(entries, func(i, j int) bool { return rank(entries[i].Name()) < rank(entries[j].Name()) })
	var moved []string
	for _, e := range entries {
		if err := os.Rename(filepath.Join(w.stage, e.Name()), filepath.Join(w.root, e.Name())); err != nil {
			return w.moveBack(moved, fmt.Errorf("exporting: moving the site into %s: %w", w.root, err), untouched)
		}
		moved = append(moved, e.Name())
	}
	if err := os.Remove(w.stage); err != nil {
		return fmt.Errorf("exporting: the site is in place, but its staging folder stays: %w", err)
	}
	return nil
}

// moveBack undoes moveUp after err: the entries moved go back into the
// staging folder, which goes.
func (w *exportWriter) moveBack(moved []string, err error, untouched string) error {
	var undo []error
	for i := len(moved) - 1; i >= 0; i-- {
		undo = append(undo, os.Rename(filepath.Join(w.root, moved[i]), filepath.Join(w.stage, moved[i])))
	}
	undo = append(undo, os.RemoveAll(w.stage))
	if uerr := errors.Join(undo...); uerr != nil {
		return fmt.Errorf("%w; undoing it failed, and %s holds part of the site: %w", err, w.root, uerr)
	}
	return fmt.Errorf("%w; %s", err, untouched)
}

// moveIn moves the files an update staged into place, the data files
// first and the service worker last, then removes the files it did not
// write but those of the version it replaces, whose data path is keep.
func (w *exportWriter) moveIn(keep string) error {
	partly := func(err error) error {
		return errors.Join(fmt.Errorf("exporting: %w; the site in %s is partly updated: export again to finish", err, w.root),
			os.RemoveAll(w.stage))
	}
	order := slices.Clone(w.staged)
	sort.SliceStable(order, func(i, j int) bool {
		return strings.HasPrefix(order[i], "data/") && !strings.HasPrefix(order[j], "data/")
	})
	made := make(map[string]bool)
	for _, f := range order {
		dst := filepath.Join(w.root, filepath.FromSlash(f))
		if dir := filepath.Dir(dst); !made[dir] {
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return partly(err)
			}
			made[dir] = true
		}
		if err := os.Rename(filepath.Join(w.stage, filepath.FromSlash(f)), dst); err != nil {
			return partly(err)
		}
	}
	if err := os.RemoveAll(w.stage); err != nil {
		return fmt.Errorf("exporting: the site is updated, but its staging folder stays: %w", err)
	}
	if err := w.removeOthers(keep); err != nil {
		return partly(err)
	}
	return nil
}

// removeOthers removes, after an update, the files the export did not
// write: pages and data of articles that are gone, and the data of older
// versions; the data of the version just replaced, under keep, stays.
func (w *exportWriter) removeOthers(keep string) error {
	keepDir := filepath.Join(w.root, filepath.FromSlash(strings.TrimPrefix(keep, "/")))
	var dirs []string
	removed := 0
	err := filepath.WalkDir(w.root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if p == keepDir {
				return filepath.SkipDir
			}
			dirs = append(dirs, p)
			return nil
		}
		rel, err := filepath.Rel(w.root, p)
		if err != nil || w.files[filepath.ToSlash(rel)] {
			return err
		}
		removed++
		return os.Remove(p)
	})
	if err != nil {
		return fmt.Errorf("removing the files of the last export: %w", err)
	}
	// Folders left empty go too, deepest first.
	for i := len(dirs) - 1; i > 0; i-- {
		if entries, err := os.ReadDir(dirs[i]); err == nil && len(entries) == 0 {
			if err := os.Remove(dirs[i]); err != nil {
				return err
			}
		}
	}
	w.mu.Lock()
	w.removed = removed
	w.mu.Unlock()
	return nil
}

// makeDir makes dir if it does not exist, and returns the folders it
// made, deepest first, for removeDirs to undo.
func makeDir(dir string) ([]string, error) {
	info, err := os.Stat(dir)
	switch {
	case err == nil && info.IsDir():
		return nil, nil
	case err == nil:
		return nil, fmt.Errorf("%s is not a folder", dir)
	case !errors.Is(err, fs.ErrNotExist):
		return nil, err
	}
	var made []string
	for d := filepath.Clean(dir); ; d = filepath.Dir(d) {
		if _, err := os.Lstat(d); err == nil {
			break
		}
		made = append(made, d)
		if filepath.Dir(d) == d {
			break
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	return made, nil
}

// removeDirs removes the folders makeDir made, if they are still empty.
func removeDirs(made []string) error {
	for _, d := range made {
		if err := os.Remove(d); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("removing the folder the export made: %w", err)
		}
	}
	return nil
}
