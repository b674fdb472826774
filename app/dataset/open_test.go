package dataset

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestOpenFile checks the reader the dataset's files are read with: the
// bytes, the end, errors that name the file and say what went wrong as
// os.Open's do, and a second Close refused.
func TestOpenFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "a.json")
	want := strings.Repeat(`{"articles": []}`, 1000)
	if err := os.WriteFile(path, []byte(want), 0o644); err != nil {
		t.Fatal(err)
	}
	r, err := openFile(path)
	if err != nil {
		t.Fatal(err)
	}
	got, err := io.ReadAll(r)
	if err != nil || string(got) != want {
		t.Errorf("read %d bytes (%v), want the file's %d", len(got), err, len(want))
	}
	if n, err := r.Read(make([]byte, 8)); n != 0 || err != io.EOF {
		t.Errorf("a read past the end = %d, %v; want 0, EOF", n, err)
	}
	if err := r.Close(); err != nil {
		t.Errorf("Close: %v", err)
	}
	if err := r.Close(); !errors.Is(err, os.ErrClosed) {
		t.Errorf("a second Close = %v, want os.ErrClosed", err)
	}

	missing := filepath.Join(dir, "missing.json")
	_, err = openFile(missing)
	_, osErr := os.Open(missing)
	if !errors.Is(err, fs.ErrNotExist) || err == nil || osErr == nil || err.Error() != osErr.Error() {
		t.Errorf("opening a missing file: %v, want os.Open's %v", err, osErr)
	}
	// A folder opens, as with os.Open, and reading it fails with its name.
	d, err := openFile(dir)
	if err != nil {
		t.Fatalf("opening a folder: %v", err)
	}
	defer d.Close()
	if _, err := d.Read(make([]byte, 8)); err == nil || !strings.Contains(err.Error(), dir) {
		t.Errorf("reading a folder = %v, want an error naming it", err)
	}
}
