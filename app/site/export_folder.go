package site

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"syscall"
)

// The export's own entries at the root of its folder.
const (
	// manifestName lists the files the export wrote and the data versions
	// it keeps: the next export removes no file it does not list, and a
	// folder that has one is a complete Dateline export.
	manifestName = ".dateline-export"
	// partialName is the manifest of an export whose files are being
	// moved into place. It stays if that is cut short, so that the next
	// export knows which files there are Dateline's.
	partialName = ".dateline-export.partial"
	// stagingName is the folder, inside the export's, that the site is
	// written into before it is moved into place: on the same file
	// system, so that a rename moves each file.
	stagingName = ".dateline-staging"
)

// ownedDirs are the folders of an export that hold nothing but
// Dateline's files. Over an export made before manifests, they are the
// only ones whose files the new export does not write are removed.
var ownedDirs = []string{"data", "articles", "sections", "tags", "page"}

var (
	// dataPath matches a version's data path.
	dataPath = regexp.MustCompile(`^/data/[0-9a-f]+$`)
	// workerDataBase finds the data path a service worker names.
	workerDataBase = regexp.MustCompile(`const DATA_BASE = "(/data/[0-9a-f]+)";`)
	// tempName matches the temporary files of replaceFile, .NAME.<n>.tmp,
	// and finds NAME.
	tempName = regexp.MustCompile(`^\.(.+)\.[0-9]+\.tmp$`)
)

// manifest is what an export records of itself at its root.
type manifest struct {
	// data is the data path of the export's version, which its pages and
	// service worker use.
	data string
	// keep lists the data paths of older versions kept beside it.
	keep []string
	// files lists every file the export wrote, the kept versions'
	// included, relative, in slash form, sorted.
	files []string
}

const manifestHeader = "dateline-export 1"

func (m manifest) encode() []byte {
	var b bytes.Buffer
	b.WriteString(manifestHeader + "\n")
	b.WriteString("# Written by dateline export: the files it wrote here. The next export replaces or removes\n")
	b.WriteString("# only these; any other file in this folder is left as it is.\n")
	fmt.Fprintf(&b, "data %s\n", m.data)
	for _, k := range m.keep {
		fmt.Fprintf(&b, "keep %s\n", k)
	}
	b.WriteString("files\n")
	for _, f := range m.files {
		b.WriteString(f)
		b.WriteByte('\n')
	}
	return b.Bytes()
}

// readManifest reads the manifest name; ok is false if there is none.
// Every path it lists must be of a file inside the folder, so that a
// damaged manifest removes nothing outside it.
func readManifest(name string) (m manifest, ok bool, err error) {
	b, err := os.ReadFile(name)
	if errors.Is(err, fs.ErrNotExist) {
		return manifest{}, false, nil
	}
	if err != nil {
		return manifest{}, false, fmt.Errorf("reading the record of the last export: %w", err)
	}
	bad := func(line int, problem string) error {
		return fmt.Errorf("%s:%d: %s: this is not a manifest of an export that Dateline can read; "+
			"move it away, and the next export updates the folder as one made before manifests", name, line, problem)
	}
	lines := strings.Split(strings.ReplaceAll(string(b), "\r\n", "\n"), "\n") // CRLF: a checkout made on Windows
	if lines[len(lines)-1] != "" {
		return manifest{}, false, bad(len(lines), "the last line is cut short")
	}
	lines = lines[:len(lines)-1]
	if len(lines) == 0 || lines[0] != manifestHeader {
		return manifest{}, false, bad(1, fmt.Sprintf("the first line is not %q", manifestHeader))
	}
	inFiles := false
	for i, line := range lines[1:] {
		n := i + 2
		if inFiles {
			if !fs.ValidPath(line) || line == "." || strings.ContainsRune(line, '\\') || isOwnEntry(line) { // no backslash: a separator on Windows
				return manifest{}, false, bad(n, fmt.Sprintf("%q is not the path of a file of the site", line))
			}
			m.files = append(m.files, line)
			continue
		}
		key, value, _ := strings.Cut(line, " ")
		switch {
		case strings.HasPrefix(line, "#"):
		case line == "files":
			inFiles = true
		case key == "data" && m.data == "" && dataPath.MatchString(value):
			m.data = value
		case key == "keep" && dataPath.MatchString(value):
			m.keep = append(m.keep, value)
		default:
			return manifest{}, false, bad(n, fmt.Sprintf("unexpected line %q", line))
		}
	}
	if m.data == "" || !inFiles {
		return manifest{}, false, bad(len(lines), "no data version or no list of files")
	}
	return m, true, nil
}

// isOwnEntry reports whether the relative path p is in one of the
// export's own entries at the root, which are never the site's files.
func isOwnEntry(p string) bool {
	top, _, _ := strings.Cut(p, "/")
	return top == manifestName || top == partialName || top == stagingName
}

// earlier is what the folder of an export holds of the exports before it.
type earlier struct {
	// fresh is set when the folder holds nothing, leftovers aside.
	fresh bool
	// files are the files that earlier exports wrote there, relative, in
	// slash form.
	files map[string]bool
	// live is the data path of the site there, which its pages and service
	// worker use; "" if there is none.
	live string
	// keep lists the data paths kept beside live, which an export of the
	// same data keeps in turn.
	keep []string
	// unsure lists data paths that pages there may use after an export
	// cut short while moving its files into place.
	unsure []string
	// legacy is set for an export made before manifests.
	legacy bool
}

// readEarlier finds out what dir holds, or refuses a folder that holds
// something other than Dateline's exports. Once it knows the folder is
// an export's or empty, it removes what an export cut short left there:
// the staging folder, and the temporary files of a manifest.
func readEarlier(dir string) (*earlier, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var leftovers []string
	others := 0
	for _, e := range entries {
		name := e.Name()
		m := tempName.FindStringSubmatch(name)
		switch {
		case name == stagingName, m != nil && (m[1] == manifestName || m[1] == partialName):
			leftovers = append(leftovers, name)
		default:
			others++
		}
	}
	prev := &earlier{files: make(map[string]bool)}
	done, ok, err := readManifest(filepath.Join(dir, manifestName))
	if err != nil {
		return nil, err
	}
	part, cut, err := readManifest(filepath.Join(dir, partialName))
	if err != nil {
		return nil, err
	}
	switch {
	case ok:
		prev.live, prev.keep = done.data, done.keep
		for _, f := range done.files {
			prev.files[f] = true
		}
	case cut:
		// A first export, cut short while moving into place.
	case others == 0:
		prev.fresh = true
	default:
		live, err := exportedVersion(dir)
		if err != nil {
			return nil, err
		}
		prev.live, prev.legacy = live, true
	}
	if cut {
		prev.unsure = append(slices.Clone(part.keep), part.data)
		for _, f := range part.files {
			prev.files[f] = true
		}
	}
	for _, name := range leftovers {
		if err := os.RemoveAll(filepath.Join(dir, name)); err != nil {
			return nil, fmt.Errorf("removing what an interrupted export left: %w", err)
		}
	}
	if prev.legacy {
		if err := prev.readLegacy(dir); err != nil {
			return nil, err
		}
	}
	return prev, nil
}

// exportedVersion returns the data path of the Dateline export in dir,
// made before manifests, or refuses a directory that holds something
// else.
func exportedVersion(dir string) (string, error) {
	// The worker, which app-worker.js holds whole in an export made before
	// splitWorker, or imports from its own file.
	worker, err := os.ReadFile(filepath.Join(dir, strings.TrimPrefix(workerPath, "/")))
	if m := workerDataBase.FindSubmatch(worker); err == nil && m == nil {
		worker, err = os.ReadFile(filepath.Join(dir, strings.TrimPrefix(workerBodyPath, "/")))
	}
	m := workerDataBase.FindSubmatch(worker)
	if err != nil || m == nil {
		return "", fmt.Errorf("%s is not empty, and holds no Dateline export to update: choose another directory", dir)
	}
	return string(m[1]), nil
}

// readLegacy takes, in an export made before manifests, every file of
// the folders only Dateline writes into as Dateline's, and every data
// version there but the live one as kept (which the last export kept is
// not known). It removes the temporary files an update cut short left
// there.
func (e *earlier) readLegacy(dir string) error {
	versions := make(map[string]bool)
	for _, top := range ownedDirs {
		root := filepath.Join(dir, top)
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if p == root && errors.Is(err, fs.ErrNotExist) {
				return nil
			}
			if err != nil {
				return err
			}
			if p == root && !d.IsDir() {
				return nil // not a folder an export made
			}
			rel, err := filepath.Rel(dir, p)
			if err != nil {
				return err
			}
			rel = filepath.ToSlash(rel)
			switch {
			case d.IsDir():
				if path.Dir(rel) == "data" && dataPath.MatchString("/"+rel) {
					versions["/"+rel] = true
				}
			case tempName.MatchString(d.Name()):
				return os.Remove(p)
			default:
				e.files[rel] = true
			}
			return nil
		})
		if err != nil {
			return fmt.Errorf("reading the last export: %w", err)
		}
	}
	delete(versions, e.live)
	e.keep = sortedKeys(versions)
	return nil
}

// kept returns the data paths whose files an export of the version with
// data path now keeps: the live one's, or if that is now, those the last
// export kept; and any a page may use after an export cut short.
func (e *earlier) kept(now string) []string {
	set := make(map[string]bool)
	if e.live != now {
		set[e.live] = true
	} else {
		for _, k := range e.keep {
			set[k] = true
		}
	}
	for _, u := range e.unsure {
		set[u] = true
	}
	delete(set, now)
	delete(set, "")
	return sortedKeys(set)
}

// list returns every file of the site and the files extra, sorted.
func (w *exportWriter) list(extra []string) []string {
	w.mu.Lock()
	files := make([]string, 0, len(w.files)+len(extra))
	for f := range w.files {
		files = append(files, f)
	}
	w.mu.Unlock()
	files = append(files, extra...)
	sort.Strings(files)
	return slices.Compact(files)
}

// moveUp moves a first export from its staging folder up into its
// folder, an entry at the top at a time in moveRank's order (the data
// first, the service worker last), then the manifest. A failure moves them back, so that
// the folder is left as untouched says.
func (w *exportWriter) moveUp(data, untouched string) error {
	partial := filepath.Join(w.root, partialName)
	if err := replaceFile(partial, manifest{data: data, files: w.list(nil)}.encode()); err != nil {
		return errors.Join(fmt.Errorf("exporting: %w; %s", err, untouched), os.RemoveAll(w.stage))
	}
	entries, err := os.ReadDir(w.stage)
	if err != nil {
		return w.moveBack(nil, fmt.Errorf("exporting: %w", err), untouched)
	}
	sort.SliceStable(entries, func(i, j int) bool { return moveRank(entries[i].Name()) < moveRank(entries[j].Name()) })
	var moved []string
	for _, e := range entries {
		if err := os.Rename(filepath.Join(w.stage, e.Name()), filepath.Join(w.root, e.Name())); err != nil {
			return w.moveBack(moved, fmt.Errorf("exporting: moving the site into %s: %w", w.root, err), untouched)
		}
		moved = append(moved, e.Name())
	}
	if err := os.Rename(partial, filepath.Join(w.root, manifestName)); err != nil {
		return w.moveBack(moved, fmt.Errorf("exporting: %w", err), untouched)
	}
	w.manifest = 1
	if err := os.Remove(w.stage); err != nil {
		return fmt.Errorf("exporting: the site is in place, but its staging folder stays: %w", err)
	}
	return nil
}

// moveBack undoes moveUp after err: the entries moved go back into the
// staging folder, which goes with the manifest of the move.
func (w *exportWriter) moveBack(moved []string, err error, untouched string) error {
	var undo []error
	for i := len(moved) - 1; i >= 0; i-- {
		undo = append(undo, os.Rename(filepath.Join(w.root, moved[i]), filepath.Join(w.stage, moved[i])))
	}
	undo = append(undo, os.RemoveAll(w.stage), os.Remove(filepath.Join(w.root, partialName)))
	if uerr := errors.Join(undo...); uerr != nil {
		return fmt.Errorf("%w; undoing it failed, and %s holds part of the site: %w", err, w.root, uerr)
	}
	return fmt.Errorf("%w; %s", err, untouched)
}

// moveIn moves the files an update staged into place, in moveRank's
// order (the data first, the service worker last), and writes the
// manifest; then it
// removes the files of the earlier exports that this one did not write
// (but those of the versions it keeps) and the folders that leaves
// empty. While it moves files, a manifest of the move lists the files of
// both, so that the next export can finish an update cut short.
func (w *exportWriter) moveIn(prev *earlier, data string) error {
	keep := prev.kept(data)
	isKept := func(f string) bool {
		for _, k := range keep {
			if strings.HasPrefix("/"+f, k+"/") {
				return true
			}
		}
		return false
	}
	var keptFiles, stale []string
	for f := range prev.files {
		switch {
		case w.files[f]:
		case isKept(f):
			keptFiles = append(keptFiles, f)
		default:
			stale = append(stale, f)
		}
	}
	if prev.legacy {
		if err := w.sweepLegacyTemps(); err != nil {
			return errors.Join(fmt.Errorf("exporting: %w; nothing in %s was changed", err, w.root), os.RemoveAll(w.stage))
		}
	}
	// Before the first file moves: a folder it may not write into would
	// stop the move partway, with the site partly updated.
	if err := w.checkWritable(w.staged, stale); err != nil {
		return errors.Join(fmt.Errorf("exporting: %w; nothing in %s was changed", err, w.root), os.RemoveAll(w.stage))
	}
	partial := filepath.Join(w.root, partialName)
	if len(w.staged) > 0 || len(stale) > 0 {
		unsure := map[string]bool{prev.live: true}
		for _, v := range slices.Concat(keep, prev.keep, prev.unsure) {
			unsure[v] = true
		}
		delete(unsure, data)
		delete(unsure, "")
		m := manifest{data: data, keep: sortedKeys(unsure), files: w.list(sortedKeys(prev.files))} // the kept files among them
		if err := replaceFile(partial, m.encode()); err != nil {
			return errors.Join(fmt.Errorf("exporting: %w; nothing in %s was changed", err, w.root), os.RemoveAll(w.stage))
		}
	}
	partly := func(err error) error {
		return errors.Join(fmt.Errorf("exporting: %w; the site in %s is partly updated: export again to finish", err, w.root),
			os.RemoveAll(w.stage))
	}
	order := moveOrder(w.staged)
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
	m := manifest{data: data, keep: keep, files: w.list(keptFiles)}.encode()
	name := filepath.Join(w.root, manifestName)
	if old, err := os.ReadFile(name); err == nil && bytes.Equal(old, m) {
		w.manifest = -1
	} else if err := replaceFile(name, m); err != nil {
		return partly(err)
	} else {
		w.manifest = 1
	}
	removed, err := removeFiles(w.root, stale)
	w.mu.Lock()
	w.removed = removed
	w.mu.Unlock()
	if err != nil {
		return partly(fmt.Errorf("removing the files of the last export: %w", err))
	}
	if err := os.Remove(partial); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("exporting: the site is updated, but %w", err)
	}
	if err := os.RemoveAll(w.stage); err != nil {
		return fmt.Errorf("exporting: the site is updated, but its staging folder stays: %w", err)
	}
	return nil
}

// probeName is the name, in the folders an update writes into, of the
// file that checkWritable makes and removes at once.
const probeName = ".dateline-probe-*"

// checkWritable makes sure, before an update moves any file into place,
// that nothing in the site's folder will stop the move partway, the site
// partly updated, and again at the next export:
//   - this process may add and remove files in each folder of the site
//     that files (relative, in slash form) are moved into or removed
//     from: one made read-only, or left by an export run as another user
//     (sudo), would not let it. A folder still to be made is checked in
//     the nearest one that exists, which it is made in. A folder is tried
//     with a file made in it and removed at once; one of a kind already
//     tried (folderKind: an old data version's thousands of folders, all
//     alike) is not tried again.
//   - no folder is where a file is moved, nor a file where a folder of
//     one is made (a photo whose name was a folder's in the last export).
//   - no file replaced or removed is kept by its folder's sticky bit
//     (stickyKeeps), which the file made by the try does not meet.
//
// Each list is taken in the order of its names, so that of several
// files in the way the same is named at every try (the files are
// staged, and the last export's listed, in no set order).
func (w *exportWriter) checkWritable(moved, removed []string) error {
	moved, removed = slices.Sorted(slices.Values(moved)), slices.Sorted(slices.Values(removed))
	all := slices.Concat(moved, removed)
	tried := make(map[string]bool)
	proven := make(map[any]bool)
	for i, f := range all {
		for dir := path.Dir(f); !tried[dir]; dir = path.Dir(dir) {
			tried[dir] = true
			name := filepath.Join(w.root, filepath.FromSlash(dir))
			info, err := os.Stat(name)
			if (errors.Is(err, fs.ErrNotExist) || errors.Is(err, syscall.ENOTDIR)) && dir != "." {
				continue // made in its parent, or under a file in the way, which a parent is
			}
			if err != nil {
				return notWritable(name, err)
			}
			if !info.IsDir() {
				if i >= len(moved) {
					// A file removed, under a file now: gone with its
					// folder (removeFiles passes it by). A file moved
					// under it came first, and was refused.
					break
				}
				return fmt.Errorf("%s is a file, where the site has a folder: move it away, then export again", name)
			}
			kind, known := folderKind(info)
			if known && proven[kind] {
				break
			}
			probe, err := os.CreateTemp(name, probeName)
			if err == nil {
				err = errors.Join(probe.Close(), os.Remove(probe.Name()))
			}
			if err != nil {
				return notWritable(name, err)
			}
			if known {
				proven[kind] = true
			}
			break
		}
	}
	folders := make(map[string]fs.FileInfo)
	for i, f := range all {
		name := filepath.Join(w.root, filepath.FromSlash(f))
		info, err := os.Lstat(name)
		if errors.Is(err, fs.ErrNotExist) || errors.Is(err, syscall.ENOTDIR) {
			continue
		}
		if err != nil {
			return fmt.Errorf("checking %s: %w", name, err)
		}
		if info.IsDir() {
			if i < len(moved) {
				return fmt.Errorf("%s is a folder, where the site has a file: move it away, then export again", name)
			}
			continue // removeFiles leaves a folder
		}
		dir := filepath.Dir(name)
		folder, ok := folders[dir]
		if !ok {
			if folder, err = os.Stat(dir); err != nil {
				return fmt.Errorf("checking %s: %w", dir, err)
			}
			folders[dir] = folder
		}
		if stickyKeeps(folder, info) {
			return fmt.Errorf("this user may not replace or remove %s: its folder has the sticky bit, and the file belongs to another user; "+
				"run the export as the file's owner, or give the files to this user, then export again", name)
		}
	}
	return nil
}

// notWritable is the error of a file or folder that could not be made in
// the folder dir: it names dir, which the publisher knows, rather than
// the export's own hidden entry, and with permission denied says what
// to do.
func notWritable(dir string, err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	if errors.Is(err, fs.ErrPermission) {
		return fmt.Errorf("this user may not write into the folder %s (%w): make it writable for this user, or run the export as its owner, then export again", dir, err)
	}
	return fmt.Errorf("cannot write into the folder %s (%w)", dir, err)
}

// moveRank is where a file, or a folder at the top of the site, comes in
// the order an export moves its files into place: before the files that
// name it, so that a reader or crawler who gets a new page while an
// update is moved in finds what it names. First the data and the photos;
// then the app's files (named by their content, and their unhashed
// copies, the fallback of a page whose hashed file is missing); the
// articles; the pages that list them; the feeds, sitemaps, robots.txt and
// the static hosts' configurations, which name both; and the service
// worker last, which takes the new version for every page once it is in
// place. Pages and feeds also name each other: an article its section's
// and tags' pages, a page its feed. Of those cycles the order serves the
// way readers and crawlers come, from the lists and feeds to the
// articles; the section or tag page or the feed an article names is there
// already, unless this update makes it. f may be a folder at the top
// (moveUp): "articles" ranks as its pages, "sections" as its lists (its
// feeds go with them).
func moveRank(f string) int {
	top, _, nested := strings.Cut(f, "/")
	switch {
	case top == "data" || top == "media":
		return 0
	case f == "app-worker.js":
		return 5
	case strings.HasSuffix(f, ".xml") || f == "robots.txt" || strings.HasPrefix(f, "_") && !strings.HasSuffix(f, ".html"):
		return 4
	case top == "web" || !nested && strings.Contains(f, ".") && !strings.HasSuffix(f, ".html"):
		return 1 // a file of the app at the top, named with its extension
	case top == "articles":
		return 2
	}
	return 3
}

// moveOrder returns files, slash paths relative to the site, in the order
// moveRank gives, each rank in the order of files.
func moveOrder(files []string) []string {
	var ranks [6][]string
	for _, f := range files {
		r := moveRank(f)
		ranks[r] = append(ranks[r], f)
	}
	return slices.Concat(ranks[:]...)
}

// sweepLegacyTemps removes, over an export made before manifests, the
// temporary files that an update cut short left beside the files this
// export writes outside ownedDirs (readLegacy removes those in them).
func (w *exportWriter) sweepLegacyTemps() error {
	names := make(map[string]map[string]bool) // by folder
	for f := range w.files {
		dir, name := path.Split(f)
		if top, _, _ := strings.Cut(f, "/"); dir != "" && slices.Contains(ownedDirs, top) {
			continue
		}
		if names[dir] == nil {
			names[dir] = make(map[string]bool)
		}
		names[dir][name] = true
	}
	for dir, files := range names {
		entries, err := os.ReadDir(filepath.Join(w.root, filepath.FromSlash(dir)))
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return err
		}
		for _, e := range entries {
			if m := tempName.FindStringSubmatch(e.Name()); m != nil && files[m[1]] && !e.IsDir() {
				if err := os.Remove(filepath.Join(w.root, filepath.FromSlash(dir), e.Name())); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// removeFiles removes the files under root, relative and in slash form,
// that are still there, and then the folders that leaves empty. It
// returns how many files it removed. A folder that holds anything stays,
// as does a path that is now a folder. Every path is taken inside root
// (os.Root): one that a link in the folder would lead out of is refused,
// so that a manifest edited by hand never removes a file elsewhere.
func removeFiles(root string, files []string) (int, error) {
	r, err := os.OpenRoot(root)
	if err != nil {
		return 0, err
	}
	defer r.Close()
	n := 0
	dirs := make(map[string]bool)
	for _, f := range files {
		name := filepath.FromSlash(f)
		info, err := r.Lstat(name)
		if errors.Is(err, fs.ErrNotExist) || errors.Is(err, syscall.ENOTDIR) {
			continue // gone, or a file now stands where its folder was
		}
		if err != nil {
			return n, err
		}
		if info.IsDir() {
			continue
		}
		if err := r.Remove(name); err != nil {
			return n, err
		}
		n++
		dirs[path.Dir(f)] = true
	}
	// Deepest first, each then its parents, up to root itself.
	list := sortedKeys(dirs)
	sort.SliceStable(list, func(i, j int) bool { return strings.Count(list[i], "/") > strings.Count(list[j], "/") })
	for _, d := range list {
		for ; d != "."; d = path.Dir(d) {
			name := filepath.FromSlash(d)
			empty, err := emptyDir(r, name)
			if errors.Is(err, fs.ErrNotExist) {
				break
			}
			if err != nil {
				return n, err
			}
			if !empty {
				break
			}
			if err := r.Remove(name); err != nil {
				return n, err
			}
		}
	}
	return n, nil
}

// emptyDir reports whether the folder name inside r holds nothing.
func emptyDir(r *os.Root, name string) (bool, error) {
	d, err := r.Open(name)
	if err != nil {
		return false, err
	}
	entries, err := d.ReadDir(1)
	if cerr := d.Close(); err == nil && cerr != nil {
		return false, cerr
	}
	if err == io.EOF {
		return true, nil
	}
	return len(entries) == 0, err
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
		if info, err := os.Lstat(d); err == nil {
			if info.Mode()&fs.ModeSymlink != 0 {
				if _, err := os.Stat(d); errors.Is(err, fs.ErrNotExist) {
					// A link to nothing (its folder removed, a disk
					// not mounted), which MkdirAll refuses as "file
					// exists".
					target, err := os.Readlink(d)
					if err != nil {
						return nil, err
					}
					return nil, fmt.Errorf("%s is a link to %s, which does not exist: make the folder it leads to, or choose another directory", d, target)
				}
			}
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

// replaceFile writes name whole beside it, then renames it into place.
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

func sortedKeys(set map[string]bool) []string {
	keys := make([]string, 0, len(set))
	for k := range set {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
