//go:build unix

package site_test

import (
	"context"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"dateline/app/site"
)

// TestMediaNamedPipe puts a named pipe (FIFO) in the media folder, with
// no writer, and a link to it: each answers the plain 404 at once, where
// opening the pipe waited for a writer for ever (a hung request, an OS
// thread pinned, a shutdown that never ended). Every request has a
// deadline, so that a regression fails instead of hanging. validate
// says what the file is, not that it is missing.
func TestMediaNamedPipe(t *testing.T) {
	dir := mediaFolder(t)
	pipe := filepath.Join(dir, "pipe.jpg")
	if err := syscall.Mkfifo(pipe, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("pipe.jpg", filepath.Join(dir, "link-pipe.png")); err != nil {
		t.Fatal(err)
	}
	ts := newMediaServer(t, dir)
	t.Cleanup(func() {
		// Were a request waiting to open the pipe, the server's Close
		// would wait with it: a writer, come and gone, ends the wait.
		f, err := os.OpenFile(pipe, os.O_RDWR, 0)
		if err != nil {
			t.Error(err)
			return
		}
		if err := f.Close(); err != nil {
			t.Error(err)
		}
	})
	client := &http.Client{Timeout: 5 * time.Second}
	for _, target := range []string{"/media/pipe.jpg", "/media/link-pipe.png"} {
		for _, method := range []string{http.MethodGet, http.MethodHead} {
			t.Run(method+" "+target, func(t *testing.T) {
				ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
				defer cancel()
				req, err := http.NewRequestWithContext(ctx, method, ts.url+target, nil)
				if err != nil {
					t.Fatal(err)
				}
				res, err := client.Do(req)
				if err != nil {
					t.Fatalf("%v (a request for a named pipe must not wait for a writer)", err)
				}
				res.Body.Close()
				if res.StatusCode != http.StatusNotFound {
					t.Errorf("status %d, want 404", res.StatusCode)
				}
			})
		}
	}

	media, err := site.OpenMedia(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer media.Close()
	check := site.ImageCheck(testWeb(t, nil), media)
	for _, src := range []string{"/media/pipe.jpg", "/media/link-pipe.png"} {
		msg, hint := check(src)
		if !strings.Contains(msg, "is a named pipe (FIFO), not a regular file") || strings.Contains(msg, "not in the media folder") || !strings.Contains(hint, "replace") {
			t.Errorf("%s: %q (%q), want it said to be a named pipe", src, msg, hint)
		}
	}
}
