//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package dataset

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestNamedPipe checks that a named pipe found in a dataset's folder or
// reached by a link there is refused by name rather than read: reading one
// waits for a writer, and validate fifo.json once waited for ever. (One
// given as the dataset is read: TestNamedPipeGiven.)
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

	_, err := loadWithin(t, dir, 10*time.Second)
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
		_, err := read(fifo, []*file{{name: fifo, path: fifo, size: -1}}, DefaultMaxSize, Options{CheckOnly: true})
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

// TestNamedPipeGiven checks that a named pipe given as the dataset, as
// validate <(gunzip -c articles.json.gz) gives one, is read to its end as
// a file would be: its articles served, its problems placed by line and
// column, and more than the size limit refused. Such a pipe was once
// refused as a pipe in a folder is.
func TestNamedPipeGiven(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skipf("no named pipes here: %v", err)
	}
	good := `{"articles": [` + story("a", "") + ",\n" + story("b", "") + `]}`
	broken := "{\"articles\": [\n" + story("a", "") + ",\n" + story("b", `"colour": "red"`) + "\n]}"
	tests := []struct {
		scenario string
		data     string
		max      int64
		want     string // the error's start; "" for none
	}{
		{"a valid dataset", good, 0, ""},
		{"problems placed", broken, 0, fifo + ":3:15: /articles/1/colour: "},
		{"a syntax error placed, streamed", strings.Replace(broken, `"red"`, `red`, 1), 0, fifo + ":3:25: /articles/1/colour: JSON syntax error"},
		{"over the limit", good, int64(len(good) - 1), fifo + ": the pipe gives more than the " + ByteSize(int64(len(good)-1)) + " limit"},
		{"at the limit", good, int64(len(good)), ""},
	}
	defer func(n int64) { wholeFile = n }(wholeFile)
	for _, tt := range tests {
		t.Run(tt.scenario, func(t *testing.T) {
			wholeFile = 1 << 20
			if strings.Contains(tt.scenario, "streamed") {
				wholeFile = 0
			}
			written := make(chan error, 1)
			go func() {
				w, err := os.OpenFile(fifo, os.O_WRONLY, 0)
				if err != nil {
					written <- err
					return
				}
				_, err = w.WriteString(tt.data)
				if cerr := w.Close(); err == nil {
					err = cerr
				}
				written <- err
			}()
			type loaded struct {
				a   *Archive
				err error
			}
			done := make(chan loaded, 1)
			go func() {
				a, err := Load(fifo, Options{MaxSize: tt.max})
				done <- loaded{a, err}
			}()
			var r loaded
			select {
			case r = <-done:
			case <-time.After(10 * time.Second):
				t.Fatal("reading the pipe did not end")
			}
			if tt.want == "" {
				if r.err != nil {
					t.Fatal(r.err)
				}
				if r.a.Len() != 2 {
					t.Errorf("%d articles, want 2", r.a.Len())
				}
				if art, ok, err := r.a.Article("b"); err != nil || !ok || art.Headline != "Synthetic b" {
					t.Errorf("article b read again: %v, %v, %v", art, ok, err)
				}
			} else {
				var e *Error
				var got string
				if errors.As(r.err, &e) && e.Count > 0 {
					got = e.Problems[0].String()
				} else if r.err != nil {
					got = r.err.Error()
				}
				if !strings.HasPrefix(got, tt.want) {
					t.Errorf("got %v\nwant %s...", r.err, tt.want)
				}
			}
			// The writer is done, or sees the reader gone.
			select {
			case err := <-written:
				if tt.max == 0 && err != nil {
					t.Errorf("writing the pipe: %v", err)
				}
			case <-time.After(10 * time.Second):
				t.Fatal("the writer is still waiting")
			}
		})
	}
}
