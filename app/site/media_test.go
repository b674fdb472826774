package site_test

import (
	"bytes"
	"maps"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"dateline/app/dataset"
	"dateline/app/site"

	"dateline/internal/testfiles"
)

// mediaFolder makes a media folder inside a temporary directory that also
// holds a file outside it, secret.png, and returns the folder.
func mediaFolder(t testing.TB) string {
	t.Helper()
	top := t.TempDir()
	pic := testfiles.PNG(t)
	testfiles.Write(t, top, map[string][]byte{
		"secret.png":                   pic,
		"media/photo.png":              pic,
		"media/photo.JPG":              pic,
		"media/sub/photo.webp":         pic,
		"media/photo.avif":             pic,
		"media/photo.gif":              pic,
		"media/logo.svg":               []byte(`<svg xmlns="http://www.w3.org/2000/svg" width="2" height="2"/>`),
		"media/.hidden.png":            pic,
		"media/.private/photo.png":     pic,
		"media/notes.txt":              []byte("synthetic notes\n"),
		"media/sub.png/not-a-file.png": pic,
		"media/colon:.png":             pic,
		"media/12:30/photo.png":        pic,
	})
	dir := filepath.Join(top, "media")
	if err := os.Symlink("photo.png", filepath.Join(dir, "link-in.png")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(top, "secret.png"), filepath.Join(dir, "link-out.png")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(top, filepath.Join(dir, "up")); err != nil {
		t.Fatal(err)
	}
	return dir
}

// mediaSite is the site of a dataset's bytes with the media folder dir
// ("" for none).
func mediaSite(t *testing.T, data []byte, dir string) *site.Site {
	t.Helper()
	arc, err := dataset.LoadBytes("articles.json", data)
	if err != nil {
		t.Fatal(err)
	}
	var media *site.Media
	if dir != "" {
		if media, err = site.OpenMedia(dir); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { media.Close() })
	}
	s, err := site.New(site.Config{Archive: arc, Web: testWeb(t, nil), Build: "test", Media: media})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// newMediaServer serves the test dataset with the media folder dir.
func newMediaServer(t *testing.T, dir string) *testServer {
	t.Helper()
	data := testDataset(t)
	s := mediaSite(t, data, dir)
	srv := httptest.NewServer(s)
	t.Cleanup(srv.Close)
	return &testServer{Site: s, ds: decodeDataset(t, data), url: srv.URL, client: &http.Client{
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}}
}

// TestMedia checks what the host serves of the media folder: pictures with
// their types, and for anything else the plain 404 of a missing data file,
// never a file outside the folder.
func TestMedia(t *testing.T) {
	dir := mediaFolder(t)
	ts := newMediaServer(t, dir)
	pic := testfiles.PNG(t)
	for _, tt := range []struct {
		target string
		status int
		typ    string // the Content-Type of a 200, the Location of a 301
	}{
		{"/media/photo.png", 200, "image/png"},
		{"/media/photo.JPG", 200, "image/jpeg"},
		{"/media/sub/photo.webp", 200, "image/webp"},
		{"/media/sub%2fphoto.webp", 200, "image/webp"},
		{"/media/photo.avif", 200, "image/avif"},
		{"/media/photo.gif", 200, "image/gif"},
		{"/media/logo.svg", 200, "image/svg+xml"},
		{"/media/link-in.png", 200, "image/png"},
		{"/media/photo.png?v=2", 200, "image/png"},
		// A colon in a name, as it is or escaped: a file like any other.
		{"/media/colon:.png", 200, "image/png"},
		{"/media/colon%3A.png", 200, "image/png"},
		{"/media/12%3a30/photo.png", 200, "image/png"},
		{"/media/missing.png", 404, ""},
		{"/media/.hidden.png", 404, ""},
		{"/media/.private/photo.png", 404, ""},
		{"/media/notes.txt", 404, ""},
		{"/media/sub.png", 404, ""},
		{"/media/sub", 404, ""},
		{"/media/", 404, ""},
		// Dot segments: the clean path, which leaves the folder for the
		// site's own pages, never for the folder's parent.
		{"/media/../secret.png", 301, "/secret.png"},
		{"/media/%2e%2e/secret.png", 301, "/secret.png"},
		{"/media/sub/../../secret.png", 301, "/secret.png"},
		{"/secret.png", 404, ""},
		{"/media/sub//photo.webp", 404, ""},
		{"/media/./photo.png", 301, "/media/photo.png"},
		{"/media/link-out.png", 404, ""},
		{"/media/up/secret.png", 404, ""},
		{"/media/..%5csecret.png", 404, ""},
	} {
		t.Run(tt.target, func(t *testing.T) {
			r := ts.do(t, http.MethodGet, tt.target, nil)
			if r.status != tt.status {
				t.Fatalf("status %d, want %d", r.status, tt.status)
			}
			if err := checkSecurityHeaders(r.header); err != nil {
				t.Error(err)
			}
			if tt.status == http.StatusMovedPermanently {
				if got := r.header.Get("Location"); got != tt.typ {
					t.Errorf("Location %q, want %q", got, tt.typ)
				}
				return
			}
			if tt.status != 200 {
				if tt.target == "/secret.png" { // the site's not-found page
					if bytes.Contains(r.raw, pic) {
						t.Error("the file above the folder was served")
					}
					return
				}
				if got := r.header.Get("Content-Type"); got != "text/plain; charset=utf-8" || string(r.raw) != "not found\n" {
					t.Errorf("%s %q, want the plain not found of a data file", got, r.raw)
				}
				return
			}
			if got := r.header.Get("Content-Type"); got != tt.typ {
				t.Errorf("Content-Type %q, want %q", got, tt.typ)
			}
			if got := r.header.Get("Cache-Control"); got != "no-cache" {
				t.Errorf("Cache-Control %q, want no-cache", got)
			}
			if tt.typ == "image/png" && !bytes.Equal(r.raw, pic) {
				t.Errorf("body is not the picture")
			}
		})
	}
	t.Run("HEAD and conditional GET", func(t *testing.T) {
		first := ts.do(t, http.MethodGet, "/media/photo.png", nil)
		etag := first.header.Get("ETag")
		if etag == "" {
			t.Fatal("no ETag")
		}
		head := ts.do(t, http.MethodHead, "/media/photo.png", nil)
		if head.status != 200 || len(head.raw) != 0 || head.header.Get("ETag") != etag || head.header.Get("Content-Length") != first.header.Get("Content-Length") {
			t.Errorf("HEAD: status %d, %d bytes, ETag %q, length %q; want GET's headers and no body",
				head.status, len(head.raw), head.header.Get("ETag"), head.header.Get("Content-Length"))
		}
		for _, tt := range []struct {
			scenario, ifNoneMatch string
			want                  int
		}{
			{"same ETag", etag, http.StatusNotModified},
			{"in a list", `"stale", ` + etag, http.StatusNotModified},
			{"other ETag", `"0123"`, http.StatusOK},
		} {
			r := ts.do(t, http.MethodGet, "/media/photo.png", http.Header{"If-None-Match": {tt.ifNoneMatch}})
			if r.status != tt.want {
				t.Errorf("%s: status %d, want %d", tt.scenario, r.status, tt.want)
			}
		}
		// A photo replaced in place is a new ETag.
		if err := os.WriteFile(filepath.Join(dir, "photo.png"), append(pic, 0), 0o644); err != nil {
			t.Fatal(err)
		}
		if r := ts.do(t, http.MethodGet, "/media/photo.png", http.Header{"If-None-Match": {etag}}); r.status != http.StatusOK {
			t.Errorf("after the photo changed: status %d, want 200", r.status)
		}
	})
}

// TestMediaWithoutFolder checks that /media/ is a plain 404 when the host
// has no media folder, not a page.
func TestMediaWithoutFolder(t *testing.T) {
	ts := newMediaServer(t, "")
	r := ts.do(t, http.MethodGet, "/media/photo.png", nil)
	if r.status != 404 || r.header.Get("Content-Type") != "text/plain; charset=utf-8" {
		t.Errorf("status %d, %s; want the plain 404", r.status, r.header.Get("Content-Type"))
	}
}

// TestExportMedia checks that an export copies what the media folder
// serves into media/, lists it in its manifest, and that an update
// removes a photo taken out of the folder but not a publisher's own file
// beside them.
func TestExportMedia(t *testing.T) {
	dir := mediaFolder(t)
	out := filepath.Join(t.TempDir(), "site")
	if _, err := mediaSite(t, exportData("one", "alpha"), dir).Export(t.Context(), out); err != nil {
		t.Fatal(err)
	}
	got := files(t, out)
	listed := manifestFiles(t, out)
	pic := string(testfiles.PNG(t))
	served := []string{"photo.png", "photo.JPG", "sub/photo.webp", "photo.avif", "photo.gif", "logo.svg", "link-in.png", "sub.png/not-a-file.png", "colon:.png", "12:30/photo.png"}
	for _, name := range served {
		if _, ok := got["media/"+name]; !ok {
			t.Errorf("the export lacks media/%s", name)
		}
		if !listed["media/"+name] {
			t.Errorf("the manifest does not list media/%s", name)
		}
	}
	if !regexp.MustCompile(`location \^~ /media/ \{\n(?:    .*\n)*    etag on;`).MatchString(got["_config/nginx.conf"]) || !strings.Contains(got["_config/Caddyfile"], "@dateline_validated path /media/*") {
		t.Error("the static hosts' configurations do not keep the photos' validators")
	}
	if got["media/photo.png"] != pic || got["media/link-in.png"] != pic {
		t.Errorf("media/photo.png or the link to it is not the picture")
	}
	for name := range got {
		if rest, ok := strings.CutPrefix(name, "media/"); ok && !slices.Contains(served, rest) {
			t.Errorf("the export copied %s, which the host does not serve", name)
		}
	}

	// The publisher's own file in media/, then a photo taken out.
	testfiles.Write(t, out, map[string][]byte{"media/publisher.png": []byte("synthetic publisher file")})
	if err := os.Remove(filepath.Join(dir, "photo.gif")); err != nil {
		t.Fatal(err)
	}
	st, err := mediaSite(t, exportData("one", "alpha"), dir).Export(t.Context(), out)
	if err != nil {
		t.Fatal(err)
	}
	got = files(t, out)
	if _, ok := got["media/photo.gif"]; ok {
		t.Error("the update left media/photo.gif, taken out of the media folder")
	}
	if manifestFiles(t, out)["media/photo.gif"] {
		t.Error("the manifest still lists media/photo.gif")
	}
	if _, ok := got["media/publisher.png"]; !ok {
		t.Error("the update removed the publisher's own media/publisher.png")
	}
	if st.Removed != 1 || st.Written != 1 {
		t.Errorf("stats %+v, want 1 removed and only the manifest written", st)
	}
}

// TestExportRefusesWhatStandsInTheWay updates an export where a folder
// stands at a file's path, or a file at a folder's: refused before any
// file moves, naming it and what to do, the site as it was; moved away,
// the export goes through. A photo that was a folder's name in the last
// export once stopped the move partway ("rename ... file exists", the
// site partly updated and "export again to finish", which failed again).
func TestExportRefusesWhatStandsInTheWay(t *testing.T) {
	pic := testfiles.PNG(t)
	for _, tt := range []struct {
		scenario string
		// first and then are the media folder's files at the first
		// export and at the update; publisher's are put in the export.
		first, then, publisher map[string][]byte
		inTheWay, want         string
	}{
		{"a photo whose name was a folder's", map[string][]byte{"a.png/b.png": pic}, map[string][]byte{"a.png": pic}, nil,
			"media/a.png", "is a folder, where the site has a file"},
		{"a photo in a folder whose name is a file's", map[string][]byte{"c.png": pic}, map[string][]byte{"x/y/z.png": pic}, map[string][]byte{"media/x": []byte("synthetic")},
			"media/x", "is a file, where the site has a folder"},
	} {
		t.Run(tt.scenario, func(t *testing.T) {
			media, out := filepath.Join(t.TempDir(), "media"), filepath.Join(t.TempDir(), "site")
			testfiles.Write(t, media, tt.first)
			if _, err := mediaSite(t, exportData("one", "alpha"), media).Export(t.Context(), out); err != nil {
				t.Fatal(err)
			}
			testfiles.Write(t, out, tt.publisher)
			if err := os.RemoveAll(media); err != nil {
				t.Fatal(err)
			}
			testfiles.Write(t, media, tt.then)
			before := files(t, out)
			// The articles change too: a move stopped partway would leave
			// some pages new and some old.
			_, err := mediaSite(t, exportData("two", "alpha"), media).Export(t.Context(), out)
			inTheWay := filepath.Join(out, filepath.FromSlash(tt.inTheWay))
			if err == nil || !strings.Contains(err.Error(), inTheWay+" "+tt.want) || !strings.Contains(err.Error(), "move it away") ||
				!strings.Contains(err.Error(), "nothing in "+out+" was changed") {
				t.Fatalf("export: %v; want %s named: %s, and nothing changed", err, inTheWay, tt.want)
			}
			if after := files(t, out); !maps.Equal(after, before) {
				t.Errorf("the refused export changed the site: %d files, were %d", len(after), len(before))
			}
			noLeftovers(t, out)
			if err := os.RemoveAll(inTheWay); err != nil {
				t.Fatal(err)
			}
			if _, err := mediaSite(t, exportData("two", "alpha"), media).Export(t.Context(), out); err != nil {
				t.Fatalf("moved away, the export still fails: %v", err)
			}
			got := files(t, out)
			for name := range tt.then {
				if got["media/"+name] != string(pic) {
					t.Errorf("the export lacks media/%s", name)
				}
			}
		})
	}
}

// TestExportStaleFileUnderAFile updates an export whose publisher put a
// file where a folder of the last export's was, a folder the update no
// longer has: its stale files are gone with it, and the update goes
// through, the publisher's file kept. checkWritable once refused it as
// "a file, where the site has a folder", which the site no longer had,
// and every later export the same.
func TestExportStaleFileUnderAFile(t *testing.T) {
	pic := testfiles.PNG(t)
	media, out := filepath.Join(t.TempDir(), "media"), filepath.Join(t.TempDir(), "site")
	testfiles.Write(t, media, map[string][]byte{"x/y.png": pic})
	if _, err := mediaSite(t, exportData("one", "alpha"), media).Export(t.Context(), out); err != nil {
		t.Fatal(err)
	}
	if err := os.RemoveAll(filepath.Join(out, "media", "x")); err != nil {
		t.Fatal(err)
	}
	testfiles.Write(t, out, map[string][]byte{"media/x": []byte("synthetic")})
	if err := os.RemoveAll(media); err != nil {
		t.Fatal(err)
	}
	testfiles.Write(t, media, map[string][]byte{"c.png": pic})
	if _, err := mediaSite(t, exportData("two", "alpha"), media).Export(t.Context(), out); err != nil {
		t.Fatalf("export: %v", err)
	}
	got := files(t, out)
	if got["media/c.png"] != string(pic) || got["media/x"] != "synthetic" {
		t.Errorf("media/c.png %d bytes, media/x %q; want the photo and the publisher's file", len(got["media/c.png"]), got["media/x"])
	}
	noLeftovers(t, out)
}

// TestOpenMediaMissing: a -media folder that is not there says so, and one
// that is a link to nothing (a disk of photos not mounted) names the link
// and where it leads; both said "stat DIR: no such file or directory",
// of a name that ls shows when it is a link.
func TestOpenMediaMissing(t *testing.T) {
	parent := t.TempDir()
	link := filepath.Join(parent, "photos")
	if err := os.Symlink(filepath.Join(parent, "mnt", "photos"), link); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ dir, want string }{
		{filepath.Join(parent, "nowhere"), "opening the media folder: " + filepath.Join(parent, "nowhere") + " does not exist: check the path given with -media"},
		{link, "opening the media folder: " + link + " is a link to " + filepath.Join(parent, "mnt", "photos") + ", which does not exist (a disk not mounted?): make the folder it leads to, or give -media another"},
	} {
		m, err := site.OpenMedia(tt.dir)
		if err == nil {
			m.Close()
		}
		if err == nil || err.Error() != tt.want {
			t.Errorf("OpenMedia(%s): %v, want %q", tt.dir, err, tt.want)
		}
	}
}
