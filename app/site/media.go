package site

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
	"golang.org/x/text/unicode/norm"

	"dateline/app/dataset"
)

// MediaPrefix is where the files of the media folder are served: a
// figure's "/media/photos/x.jpg" is photos/x.jpg in the folder.
const MediaPrefix = "/media/"

// mediaTypes are the kinds of file the media folder serves, by extension
// (in lower case): the pictures a figure shows. Any other file in the
// folder is not served, nor exported.
var mediaTypes = map[string]string{
	".jpg":  "image/jpeg",
	".jpeg": "image/jpeg",
	".png":  "image/png",
	".webp": "image/webp",
	".avif": "image/avif",
	".gif":  "image/gif",
	".svg":  "image/svg+xml",
}

// Media is the newsroom's folder of photos, served under MediaPrefix
// from the disk as they are at each request. Every path is opened inside
// the folder (os.Root): none leads out of it, by "..", nor by a symbolic
// link. Hidden files and folders (a name starting with ".") are not
// served.
type Media struct {
	dir  string
	root *os.Root
}

// OpenMedia opens the media folder dir.
func OpenMedia(dir string) (*Media, error) {
	info, err := os.Stat(dir)
	if errors.Is(err, fs.ErrNotExist) {
		if target, lerr := os.Readlink(dir); lerr == nil {
			return nil, fmt.Errorf("opening the media folder: %s is a link to %s, which does not exist (a disk not mounted?): make the folder it leads to, or give -media another", dir, target)
		}
		return nil, fmt.Errorf("opening the media folder: %s does not exist: check the path given with -media", dir)
	}
	if err != nil {
		return nil, fmt.Errorf("opening the media folder: %w", err)
	}
	if !info.IsDir() {
		return nil, fmt.Errorf("opening the media folder: %s is not a folder", dir)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, fmt.Errorf("opening the media folder: %w", err)
	}
	return &Media{dir: dir, root: root}, nil
}

// Dir is the folder, as it was given.
func (m *Media) Dir() string { return m.dir }

// Close closes the folder.
func (m *Media) Close() error { return m.root.Close() }

// mediaName says why name, a path in slash form relative to the media
// folder, is never served; "" if it may be. A backslash is a separator to
// Windows, and to a browser, which asks for /media/a\b.png as
// /media/a/b.png. A colon is an ordinary character of a file name (a
// camera's "12:30.jpg"), and nginx, Caddy and the host serve it, but on
// Windows it names a drive or a file's data stream, and no file has one.
func mediaName(name string) string {
	if !fs.ValidPath(name) || name == "." || strings.ContainsRune(name, '\\') || runtime.GOOS == "windows" && strings.ContainsRune(name, ':') {
		return "is not a plain path inside the media folder"
	}
	for _, part := range strings.Split(name, "/") {
		if strings.HasPrefix(part, ".") {
			return "is hidden (a name starting with \".\"), and hidden files are not served"
		}
	}
	if _, ok := mediaTypes[strings.ToLower(path.Ext(name))]; !ok {
		return "is not a picture the site serves (.jpg, .jpeg, .png, .webp, .avif, .gif or .svg)"
	}
	return ""
}

// stat returns the file name, a path in slash form relative to the
// folder, if the folder serves it.
func (m *Media) stat(name string) (fs.FileInfo, error) {
	if why := mediaName(name); why != "" {
		return nil, fmt.Errorf("%s %s: %w", name, why, fs.ErrNotExist)
	}
	info, err := m.root.Stat(filepath.FromSlash(name))
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, &notRegular{name: name, mode: info.Mode()}
	}
	return info, nil
}

// alike returns the file of the media folder whose name is name's but for
// its letters' case or its Unicode form (é composed, or as e and a
// combining accent), in name's folder; "" when there is none. A laptop's
// file system may take the one for the other; the site's does not.
func (m *Media) alike(name string) string {
	dir, base := path.Split(name)
	d := "."
	if dir != "" {
		d = filepath.FromSlash(strings.TrimSuffix(dir, "/"))
	}
	f, err := m.root.Open(d)
	if err != nil {
		return ""
	}
	defer f.Close()
	names, err := f.Readdirnames(-1)
	if err != nil {
		return ""
	}
	key := strings.ToLower(norm.NFC.String(base))
	for _, n := range names {
		if n != base && strings.ToLower(norm.NFC.String(n)) == key {
			return dir + n
		}
	}
	return ""
}

// linkAlong says which symbolic link on the way to name, a path in slash
// form relative to the folder, the folder does not follow, and what to
// do: one that leads out of it (a photo there is the editor's to see at
// name, and never the site's to serve), or one that leads to nothing;
// "" when there is none.
func (m *Media) linkAlong(name string) (link, hint string) {
	parts := strings.Split(name, "/")
	for i := range parts {
		rel := filepath.FromSlash(path.Join(parts[:i+1]...))
		full := filepath.Join(m.dir, rel)
		info, err := os.Lstat(full)
		if err != nil {
			return "", "" // no such file: no link to blame
		}
		if info.Mode()&fs.ModeSymlink == 0 {
			continue
		}
		target, err := os.Readlink(full)
		if err != nil {
			return "", ""
		}
		if _, err := os.Stat(full); errors.Is(err, fs.ErrNotExist) {
			return fmt.Sprintf("%s is a link to %s, which does not exist", rel, target),
				fmt.Sprintf("make %s lead to a file or folder that exists, or correct the path", rel)
		}
		if _, err := m.root.Stat(rel); err != nil {
			return fmt.Sprintf("%s is a link to %s, outside the folder, and the site serves nothing outside it", rel, target),
				"put the photo itself in the folder (a copy, or a folder mounted there), or correct the path"
		}
	}
	return "", ""
}

// notRegular is a path of the media folder that is there, but not a
// regular file: a folder, or a named pipe, a socket or a device, which
// the site never serves (a pipe's reader waits for a writer, for ever
// when there is none).
type notRegular struct {
	name string
	mode fs.FileMode
}

func (e *notRegular) Error() string {
	what := dataset.FileKind(e.mode)
	switch {
	case what == "":
		what = "not a regular file"
	case e.mode.IsDir():
		what += ", not a file"
	default:
		what += ", not a regular file"
	}
	return e.name + " is " + what
}

// open opens the file name, a path in slash form relative to the folder,
// if it is a regular file: a *notRegular error otherwise. It is opened
// without waiting (openNonblock), then its type read from the open file:
// a named pipe is refused, never read, and a file swapped for one
// between a check and the open cannot slip through.
func (m *Media) open(name string) (*os.File, fs.FileInfo, error) {
	f, err := m.root.OpenFile(filepath.FromSlash(name), os.O_RDONLY|openNonblock, 0)
	if err != nil {
		return nil, nil, err
	}
	info, err := f.Stat()
	switch {
	case err != nil:
		err = errors.Join(err, f.Close())
	case !info.Mode().IsRegular():
		err = errors.Join(&notRegular{name: name, mode: info.Mode()}, f.Close())
	default:
		return f, info, nil
	}
	return nil, nil, err
}

// readFile reads the file name, as open opens it.
func (m *Media) readFile(name string) ([]byte, error) {
	f, _, err := m.open(name)
	if err != nil {
		return nil, err
	}
	body, err := io.ReadAll(f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return body, err
}

// serve answers a request for name, relative to the folder: the file with
// its type, or the plain 404 of a missing data file. The ETag is the
// file's size and modification time to the nanosecond: strong enough for
// a photo replaced in place, and known without reading the file, which
// may be large. Cache-Control is no-cache, as for pages: a photo may be
// replaced under its name, and a check costs a 304.
func (m *Media) serve(w http.ResponseWriter, r *http.Request, name string) {
	if mediaName(name) != "" {
		notFoundData.serve(w, r)
		return
	}
	// Opened without waiting (openNonblock), then its type read from the
	// open file: a named pipe is refused, never read, and a file swapped
	// for one between a check and the open cannot slip through.
	f, info, err := m.open(name)
	if err != nil {
		var odd *notRegular
		if !errors.Is(err, fs.ErrNotExist) && !errors.As(err, &odd) {
			// Unreadable, or a link out of the folder: the operator's to see.
			app.Log("dateline: media:", err)
		}
		notFoundData.serve(w, r)
		return
	}
	defer f.Close()
	h := w.Header()
	h.Set("Content-Type", mediaTypes[strings.ToLower(path.Ext(name))])
	h.Set("Cache-Control", revalidate)
	h.Set("Etag", `"m`+strconv.FormatInt(info.Size(), 16)+"-"+strconv.FormatInt(info.ModTime().UnixNano(), 16)+`"`)
	http.ServeContent(w, r, name, info.ModTime(), f)
}

// files lists the files the folder serves, relative, in slash form,
// sorted: what an export copies. Hidden folders are not entered; a
// link is listed when it leads to a file inside the folder, which the
// host serves.
func (m *Media) files() ([]string, error) {
	var names []string
	err := fs.WalkDir(m.root.FS(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p != "." && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() || mediaName(p) != "" {
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			if _, err := m.stat(p); err != nil {
				return nil // leads out of the folder, or to no file: not served
			}
		} else if !d.Type().IsRegular() {
			return nil
		}
		names = append(names, p)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("listing the media folder %s: %w", m.dir, err)
	}
	sort.Strings(names)
	return names, nil
}

// ImageCheck returns a check of a figure's image whose src is a path on
// the site: it says what is wrong, and how to fix it, when the site
// would not serve the file (empty strings when it would). Under /web/, a
// file of web; under MediaPrefix, a file of media, which may be nil (no
// media folder given); any other path is never a file.
func ImageCheck(web fs.FS, media *Media) func(src string) (msg, hint string) {
	return func(src string) (string, string) {
		u, err := url.Parse(src)
		if err != nil {
			return fmt.Sprintf("image src %q is not a valid path: %v", src, err), "write the path as it appears in the address, such as /media/photo.jpg"
		}
		p := u.Path
		switch {
		case strings.HasPrefix(p, MediaPrefix):
			name := strings.TrimPrefix(p, MediaPrefix)
			if media == nil {
				return fmt.Sprintf("image %s is in the media folder, and none was given", src), "give the folder of photos with -media DIR"
			}
			if why := mediaName(name); why != "" {
				return fmt.Sprintf("image %s %s", src, why), "put the photo in the media folder as a .jpg, .png, .webp, .avif, .gif or .svg file"
			}
			if _, err := media.stat(name); err != nil {
				var odd *notRegular
				if errors.As(err, &odd) {
					return fmt.Sprintf("image %s cannot be served: in the media folder %s, %s", src, media.dir, odd), fmt.Sprintf("replace %s with the photo's file", filepath.FromSlash(name))
				}
				if link, hint := media.linkAlong(name); link != "" {
					// The editor sees the name in the folder: "not in the
					// folder" would read as untrue, and "path escapes
					// from parent" names no link.
					return fmt.Sprintf("image %s cannot be served from the media folder %s: %s", src, media.dir, link), hint
				}
				if errors.Is(err, fs.ErrNotExist) {
					if near := media.alike(name); near != "" {
						// Found on a laptop that does not tell them apart,
						// a 404 on a Linux server.
						how := "its letters' case"
						if norm.NFC.String(near) == norm.NFC.String(name) {
							how = fmt.Sprintf("how its accents are written (%+q against %+q: macOS may write é as e and a combining mark)", path.Base(near), path.Base(name))
						}
						return fmt.Sprintf("image %s is not in the media folder %s, which has %s, a name that differs in %s", src, media.dir, filepath.FromSlash(near), how),
							fmt.Sprintf("write the path as the file is named, or rename the file to %s", filepath.FromSlash(name))
					}
					return fmt.Sprintf("image %s is not in the media folder %s", src, media.dir), fmt.Sprintf("add %s to %s, or correct the path", filepath.FromSlash(name), media.dir)
				}
				return fmt.Sprintf("image %s cannot be served from the media folder: %v", src, err), "make it a readable file inside the folder, not a link out of it"
			}
		case strings.HasPrefix(p, "/web/"):
			name := strings.TrimPrefix(p, "/web/")
			info, err := fs.Stat(web, name)
			if !fs.ValidPath(name) || err != nil || !info.Mode().IsRegular() {
				return fmt.Sprintf("image %s is not a file of the app's web folder", src), "put the newsroom's photos in a media folder (-media DIR) and write /media/NAME"
			}
		default:
			return fmt.Sprintf("image %s is a path the site never serves a file at", src), "put the photo in the media folder (-media DIR) and write /media/NAME, or give an https URL"
		}
		return "", ""
	}
}
