//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package dataset

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestNamedPipe checks that a named pipe, given as the dataset, found in a
// dataset's folder or reached by a link there, is refused by name rather
// than read: reading one waits for a writer, and validate fifo.json once
// waited for ever.
func TestNamedPipe(t *testing.T) {
	dir := writeFiles(t, map[string]string{"a.json": `{"articles": [` + story("a", `"colour": "red"`) + `]}`})
	fifo := filepath.Join(dir, "fifo.json")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skipf("no named pipes here: %v", err)
	}
	if err := os.Symlink("fifo.json", filepath.Join(dir, "link.json")); err != nil {
		t.Fatal(err)
	}
	const hint = " (a dataset is read from ordinary files: save the data in one)"

	_, err := loadWithin(t, fifo, 10*time.Second)
	if e := problemsOf(t, err); e.Count != 1 || e.Problems[0].String() != fifo+": is a named pipe (FIFO), not a file"+hint {
		t.Errorf("the pipe as the dataset: %v", err)
	}

	_, err = loadWithin(t, dir, 10*time.Second)
	e := problemsOf(t, err)
	want := []string{
		filepath.Join(dir, "a.json") + ":1:29: /articles/0/colour: ",
		fifo + ": is a named pipe (FIFO), not a file" + hint,
		filepath.Join(dir, "link.json") + ": is a link to a named pipe (FIFO), not to a file" + hint,
	}
	if e.Count != len(want) {
		t.Fatalf("%d problems, want %d:\n%s", e.Count, len(want), listOf(e.Problems))
	}
	for i, w := range want {
		if got := e.Problems[i].String(); !strings.HasPrefix(got, w) {
			t.Errorf("problem %d:\n got %s\nwant %s", i, got, w)
		}
	}

	// A file listed as a regular one and then replaced by a pipe is
	// refused when it is open, without waiting.
	done := make(chan error, 1)
	go func() {
		_, err := read(fifo, []*file{{name: fifo, path: fifo, size: -1}}, DefaultMaxSize, true)
		done <- err
	}()
	select {
	case err := <-done:
		if e := problemsOf(t, err); e.Count != 1 || !strings.HasPrefix(e.Problems[0].String(), fifo+": is a named pipe (FIFO), not a file") {
			t.Errorf("a pipe found once open: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("opening a named pipe waits for a writer")
	}
}
