//go:build unix

package main

import (
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// TestPipeAsDataset checks the commands with a named pipe given as the
// dataset, as a shell's <(...) gives one: validate, export and import -o -
// read it once, to its end; import into it is refused, unread, as it has
// nowhere to write the dataset back. A pipe was once refused everywhere,
// as one inside a dataset folder is.
func TestPipeAsDataset(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "articles.pipe")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skipf("no named pipes here: %v", err)
	}
	// run runs the command, feeding the pipe the bundled dataset when
	// feed is set, and fails the test if either side is still waiting
	// after a while.
	run := func(t *testing.T, feed bool, args ...string) (string, error) {
		t.Helper()
		written := make(chan error, 1)
		if feed {
			go func() {
				w, err := os.OpenFile(fifo, os.O_WRONLY, 0)
				if err != nil {
					written <- err
					return
				}
				_, err = w.Write(defaultDataset)
				if cerr := w.Close(); err == nil {
					err = cerr
				}
				written <- err
			}()
		}
		type result struct {
			out string
			err error
		}
		done := make(chan result, 1)
		go func() {
			var stdout bytes.Buffer
			err := dispatch(args, &stdout, io.Discard)
			done <- result{stdout.String(), err}
		}()
		var r result
		select {
		case r = <-done:
		case <-time.After(10 * time.Second):
			t.Fatalf("%q did not return", args)
		}
		if feed {
			select {
			case err := <-written:
				if err != nil {
					t.Errorf("writing the pipe: %v", err)
				}
			case <-time.After(10 * time.Second):
				t.Fatal("the pipe's writer is still waiting")
			}
		}
		return r.out, r.err
	}

	t.Run("validate", func(t *testing.T) {
		out, err := run(t, true, "validate", fifo)
		if want := fifo + ": ok, 1 article\n"; err != nil || out != want {
			t.Errorf("got %q, %v; want %q", out, err, want)
		}
	})
	t.Run("export", func(t *testing.T) {
		dir := filepath.Join(t.TempDir(), "site")
		if _, err := run(t, true, "export", "-data", fifo, dir); err != nil {
			t.Fatal(err)
		}
		if _, err := os.Stat(filepath.Join(dir, "index.html")); err != nil {
			t.Errorf("the export wrote no home page: %v", err)
		}
	})
	t.Run("import -o -", func(t *testing.T) {
		out, err := run(t, true, "import", "-data", fifo, "-copy", "-o", "-", seedStory)
		if err != nil || !strings.Contains(out, `"slug": "us-sec-def-to-pm-barzani-there-is-a-special-relationship-2"`) {
			t.Errorf("got %q, %v; want the entry with a slug the piped dataset leaves free", out, err)
		}
	})
	t.Run("import refused", func(t *testing.T) {
		_, err := run(t, false, "import", "-data", fifo, seedStory)
		if err == nil || !strings.Contains(err.Error(), fifo+" is a named pipe: import adds the story by writing the dataset back") ||
			!strings.Contains(err.Error(), "-o -") || !strings.Contains(strings.ToLower(err.Error()), "nothing was changed") {
			t.Errorf("got %v, want a refusal that says why and what to do", err)
		}
	})
	t.Run("validate /dev/stdin", func(t *testing.T) {
		cmd := exec.Command(hostBinary(t), "validate", "/dev/stdin")
		cmd.Stdin = bytes.NewReader(defaultDataset) // given through a pipe
		out, err := cmd.CombinedOutput()
		if want := "/dev/stdin: ok, 1 article\n"; err != nil || string(out) != want {
			t.Errorf("got %q, %v; want %q", out, err, want)
		}
	})
}

// TestImportStoryFromEndlessPipe gives import, as its story, a pipe that
// goes on and on (`yes | dateline import /dev/stdin`, or /dev/zero given
// by mistake): refused once it has given more than a story may hold,
// with nothing changed, and no more of it read. It was read to its end
// into memory, and /dev/zero ran the machine out of memory (a Go crash
// with a stack trace).
func TestImportStoryFromEndlessPipe(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "story.pipe")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skipf("no named pipes here: %v", err)
	}
	data := filepath.Join(dir, "news.json")
	original := []byte(`{"site": {"name": "Synthetic Pipe Times"}, "articles": []}` + "\n")
	if err := os.WriteFile(data, original, 0o644); err != nil {
		t.Fatal(err)
	}
	// The writer stops at cap, so that an import that reads everything
	// ends too; it counts what the pipe took.
	const limit = 64 << 20
	var took atomic.Int64
	wrote := make(chan struct{})
	w, err := os.OpenFile(fifo, os.O_RDWR, 0) // open without waiting for a reader
	if err != nil {
		t.Fatal(err)
	}
	go func() {
		defer close(wrote)
		defer w.Close() // the end of the story, for an import that reads it all
		line := []byte(strings.Repeat("Zorb flibber quax ", 3640) + "\n")
		for took.Load() < limit {
			n, err := w.Write(line)
			took.Add(int64(n))
			if err != nil {
				return
			}
		}
	}()
	done := make(chan error, 1)
	go func() { done <- dispatch([]string{"import", "-data", data, fifo}, io.Discard, io.Discard) }()
	select {
	case err = <-done:
	case <-time.After(30 * time.Second):
		t.Fatal("import still reads the pipe after 30 s")
	}
	read := took.Load()
	w.Close()
	<-wrote
	if err == nil || !strings.Contains(err.Error(), "more than 4 MB") || !strings.Contains(strings.ToLower(err.Error()), "nothing was changed") {
		t.Errorf("import of an endless story: %v, want a refusal naming the 4 MB limit, with nothing changed", err)
	}
	if read >= limit {
		t.Errorf("import read the whole %d bytes the pipe gave, not stopping past the story's limit", read)
	}
	assertUnchanged(t, data, original)
}
