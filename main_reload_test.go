//go:build !(js && wasm)

package main

import (
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// reloadWait bounds how long the host may take to serve a changed dataset:
// its poll (2 s), the settling of a save and the reading of a few articles,
// with a margin for a busy machine.
const reloadWait = 20 * time.Second

var reloadedLine = regexp.MustCompile(`: reloaded (\d+) articles?, version (\w+)`)

// startServing starts the host on the dataset file and returns its address.
func startServing(t *testing.T, dataFile string) (*hostProcess, string) {
	t.Helper()
	p := runHost(t, "-addr", "127.0.0.1:0", "-data", dataFile)
	m := p.log.waitFor(t, servingLine, 20*time.Second)
	return p, "http://" + m[1]
}

// fetched is one answer of the host.
type fetched struct {
	status int
	body   string
	header http.Header
}

func fetch(t *testing.T, url string) fetched {
	t.Helper()
	c := http.Client{Timeout: 10 * time.Second}
	resp, err := c.Get(url)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
	return fetched{resp.StatusCode, string(b), resp.Header}
}

// waitForText fetches url until its answer is 200 with want in it.
func waitForText(t *testing.T, p *hostProcess, url, want string) {
	t.Helper()
	deadline := time.Now().Add(reloadWait)
	for {
		f := fetch(t, url)
		if f.status == http.StatusOK && strings.Contains(f.body, want) {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: status %d without %q after %s; stderr:\n%s", url, f.status, want, reloadWait, p.log)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// watchStatuses fetches the paths over and over until stop is called,
// which returns every answer that was an error other than a 503 with
// Retry-After (the answer while an article changed on disk).
func watchStatuses(t *testing.T, base string, paths []string) (stop func() []string) {
	var (
		mu   sync.Mutex
		bad  []string
		done = make(chan struct{})
		wg   sync.WaitGroup
	)
	c := http.Client{Timeout: 10 * time.Second}
	for _, path := range paths {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-done:
					return
				default:
				}
				resp, err := c.Get(base + path)
				var why string
				switch {
				case err != nil:
					why = err.Error()
				case resp.StatusCode == http.StatusServiceUnavailable && resp.Header.Get("Retry-After") != "":
				case resp.StatusCode >= 400:
					why = resp.Status
				}
				if err == nil {
					io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
				}
				if why != "" {
					mu.Lock()
					bad = append(bad, path+": "+why)
					mu.Unlock()
				}
				time.Sleep(20 * time.Millisecond)
			}
		}()
	}
	return func() []string {
		close(done)
		wg.Wait()
		return bad
	}
}

// editInPlace rewrites the file as an editor saves it: truncated, then
// written again a moment later, the same file throughout.
func editInPlace(t *testing.T, name string, data []byte) {
	t.Helper()
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_TRUNC, 0)
	if err != nil {
		t.Fatal(err)
	}
	time.Sleep(50 * time.Millisecond)
	if _, err := f.Write(data); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

// TestHostReloadsEditedDataset edits the served dataset in place: the host
// serves the new text within seconds, and no page or list answers an error
// at any point (a 503 with Retry-After while the article is changing).
func TestHostReloadsEditedDataset(t *testing.T) {
	t.Parallel()
	dataFile, original := archiveFixture(t, 6)
	p, base := startServing(t, dataFile)
	paths := []string{"/", "/sections/politics", "/articles/synthetic-001", "/articles/synthetic-002", "/articles/synthetic-004"}
	if f := fetch(t, base+"/articles/synthetic-001"); f.status != http.StatusOK || !strings.Contains(f.body, "Synthetic text.") {
		t.Fatalf("before the edit: status %d", f.status)
	}
	stop := watchStatuses(t, base, paths)
	time.Sleep(200 * time.Millisecond)
	editInPlace(t, dataFile, []byte(strings.ReplaceAll(string(original), "Synthetic text.", "Edited synthetic text.")))
	for _, path := range []string{"/articles/synthetic-001", "/articles/synthetic-005"} {
		waitForText(t, p, base+path, "Edited synthetic text.")
	}
	time.Sleep(200 * time.Millisecond)
	if bad := stop(); len(bad) > 0 {
		t.Errorf("%d error answers during the edit, such as %q; stderr:\n%s", len(bad), bad[0], p.log)
	}
	if m := p.log.waitFor(t, reloadedLine, time.Second); m[1] != "6" {
		t.Errorf("reloaded %s articles, want 6", m[1])
	}
}

// TestHostKeepsServingInvalidDataset saves the served dataset half
// written: the host says where it is broken and goes on serving what it
// can, an article that changed on disk as a 503 page with Retry-After;
// the next valid save is served.
func TestHostKeepsServingInvalidDataset(t *testing.T) {
	t.Parallel()
	dataFile, original := archiveFixture(t, 4)
	p, base := startServing(t, dataFile)
	if f := fetch(t, base+"/articles/synthetic-000"); f.status != http.StatusOK {
		t.Fatalf("before the edit: status %d", f.status)
	}
	broken := strings.Replace(string(original), `"headline": "Synthetic test article 1",`, `"headline": "Synthetic test article 1",,`, 1)
	editInPlace(t, dataFile, []byte(broken))
	p.log.waitFor(t, regexp.MustCompile(`not reloaded, still serving version \w+: `+regexp.QuoteMeta(dataFile)+`: 1 problem`), reloadWait)
	p.log.waitFor(t, regexp.MustCompile(`^`+regexp.QuoteMeta(dataFile)+`:2:66: `), time.Second)
	tests := []struct {
		path   string
		status int
		want   string
	}{
		{"/", http.StatusOK, "Synthetic test article 3"},
		{"/articles/synthetic-000", http.StatusOK, "Synthetic text."}, // made before the save
		{"/articles/synthetic-002", http.StatusServiceUnavailable, "This site has been updated"},
	}
	for _, tt := range tests {
		f := fetch(t, base+tt.path)
		if f.status != tt.status || !strings.Contains(f.body, tt.want) {
			t.Errorf("%s: status %d, want %d with %q", tt.path, f.status, tt.status, tt.want)
		}
		if f.status == http.StatusServiceUnavailable && f.header.Get("Retry-After") == "" {
			t.Errorf("%s: 503 without Retry-After", tt.path)
		}
	}
	editInPlace(t, dataFile, []byte(strings.ReplaceAll(string(original), "Synthetic text.", "Fixed synthetic text.")))
	waitForText(t, p, base+"/articles/synthetic-002", "Fixed synthetic text.")
}

// TestHostServesImportedStory imports a story into the served dataset
// (import writes a new file and renames it over the old): the story is at
// its address without a restart.
func TestHostServesImportedStory(t *testing.T) {
	t.Parallel()
	dataFile, _ := archiveFixture(t, 3)
	p, base := startServing(t, dataFile)
	out, err := exec.Command(hostBinary(t), "import", "-data", dataFile, storyFile(t, syntheticStory)).Output()
	if err != nil {
		t.Fatalf("import: %v\n%s", err, out)
	}
	m := regexp.MustCompile(`added "([^"]+)"`).FindStringSubmatch(string(out))
	if m == nil {
		t.Fatalf("import printed %q", out)
	}
	waitForText(t, p, base+"/articles/"+m[1], "Synthetic test headline for the importer")
	waitForText(t, p, base+"/", "Synthetic test headline for the importer")
}

// TestHostReloadsOnSIGHUP changes the dataset so that polling cannot tell
// (the same size and modification time), then sends SIGHUP: the host
// reads it again and keeps running.
func TestHostReloadsOnSIGHUP(t *testing.T) {
	t.Parallel()
	dataFile, original := archiveFixture(t, 3)
	info, err := os.Stat(dataFile)
	if err != nil {
		t.Fatal(err)
	}
	p, base := startServing(t, dataFile)
	// As long as the original: polling sees no change.
	edited := strings.ReplaceAll(string(original), "Synthetic text.", "Signalled text.")
	if len(edited) != len(original) {
		t.Fatalf("the edit changes the size: %d, %d", len(edited), len(original))
	}
	if err := os.WriteFile(dataFile, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(dataFile, info.ModTime(), info.ModTime()); err != nil {
		t.Fatal(err)
	}
	time.Sleep(3 * time.Second) // past a poll
	if err := p.cmd.Process.Signal(syscall.SIGHUP); err != nil {
		t.Fatal(err)
	}
	p.log.waitFor(t, regexp.MustCompile(`SIGHUP: reloaded 3 articles`), reloadWait)
	waitForText(t, p, base+"/articles/synthetic-001", "Signalled text.")
	select {
	case <-p.exited:
		t.Fatalf("the host exited on SIGHUP; stderr:\n%s", p.log)
	default:
	}
}

// TestDatasetStampSeesModes: a file of the dataset made unreadable, then
// readable again (chmod, which changes neither its size nor its time), is
// a change the watcher sees, so that the host reloads the dataset it
// could not read; a folder's file too.
func TestDatasetStampSeesModes(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "a.json")
	if err := os.WriteFile(file, []byte("{}"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{file, dir} {
		before := datasetStamp(path)
		if err := os.Chmod(file, 0o600); err != nil {
			t.Fatal(err)
		}
		if datasetStamp(path) == before {
			t.Errorf("%s: the stamp did not change with the file's mode", path)
		}
		if err := os.Chmod(file, 0o644); err != nil {
			t.Fatal(err)
		}
		if datasetStamp(path) != before {
			t.Errorf("%s: the stamp differs with the file as it was", path)
		}
	}
}
