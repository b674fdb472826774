//go:build !(js && wasm)

package main

import (
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// correctedWithTypo is the dataset of archiveFixture with article 10's
// headline corrected (longer: every byte after it moves) and a typo in
// article 30's date, which the host refuses to reload.
func correctedWithTypo(t *testing.T, original []byte) []byte {
	t.Helper()
	lines := strings.Split(string(original), "\n")
	edit := func(slug, old, new string) {
		for i, l := range lines {
			if strings.Contains(l, `"slug": "`+slug+`"`) {
				re := regexp.MustCompile(old)
				if !re.MatchString(l) {
					t.Fatalf("%s has no %s", slug, old)
				}
				lines[i] = re.ReplaceAllString(l, new)
				return
			}
		}
		t.Fatalf("no article %s", slug)
	}
	edit("synthetic-010", `"Synthetic test article 10"`, `"Synthetic test article 10, corrected"`)
	edit("synthetic-030", `"published": "[^"]*"`, `"published": "2021-02-30"`)
	return []byte(strings.Join(lines, "\n"))
}

// TestHostServesThroughATypo saves a correction with a typo elsewhere in
// the served dataset, by rename and in place: the host refuses the reload
// and goes on serving. Renamed over, the old file is still the site's, and
// every article answers as it was checked; written in place, the articles
// whose bytes only moved are found and served, and only the two whose own
// bytes changed answer 503, the log saying which. A save that checks is
// served, and the old file is closed.
func TestHostServesThroughATypo(t *testing.T) {
	for _, renamed := range []bool{true, false} {
		t.Run(fmt.Sprintf("renamed=%v", renamed), func(t *testing.T) {
			t.Parallel()
			dataFile, original := archiveFixture(t, 40)
			p, base := startServing(t, dataFile)
			save := func(data []byte) {
				if !renamed {
					editInPlace(t, dataFile, data)
					return
				}
				if err := os.WriteFile(dataFile+".new", data, 0o644); err != nil {
					t.Fatal(err)
				}
				if err := os.Rename(dataFile+".new", dataFile); err != nil {
					t.Fatal(err)
				}
			}
			save(correctedWithTypo(t, original))
			p.log.waitFor(t, regexp.MustCompile(`not reloaded, still serving version \w+: `), reloadWait)
			p.log.waitFor(t, regexp.MustCompile(`"2021-02-30" is not a date`), time.Second)
			tests := []struct {
				slug, headline string
				changed        bool // its own bytes changed: 503 when edited in place
			}{
				{"synthetic-005", "Synthetic test article 5", false},
				{"synthetic-010", "Synthetic test article 10", true},
				{"synthetic-011", "Synthetic test article 11", false},
				{"synthetic-029", "Synthetic test article 29", false},
				{"synthetic-030", "Synthetic test article 30", true},
				{"synthetic-039", "Synthetic test article 39", false},
			}
			for _, tt := range tests {
				f := fetch(t, base+"/articles/"+tt.slug)
				switch {
				case tt.changed && !renamed:
					if f.status != http.StatusServiceUnavailable || f.header.Get("Retry-After") == "" {
						t.Errorf("%s: status %d (Retry-After %q), want 503 with Retry-After", tt.slug, f.status, f.header.Get("Retry-After"))
					}
				case f.status != http.StatusOK || !strings.Contains(f.body, "<h1") || !strings.Contains(f.body, tt.headline+"<") || strings.Contains(f.body, "corrected"):
					t.Errorf("%s: status %d, want 200 with the headline %q as checked", tt.slug, f.status, tt.headline)
				}
			}
			if !renamed {
				p.log.waitFor(t, regexp.MustCompile(`answering 503 for /articles/synthetic-010: .*2 of its 40 articles changed \(article 10 "synthetic-010", article 30 "synthetic-030"\), 28 moved and served from their new place`), time.Second)
			}
			if t.Failed() {
				t.Logf("stderr:\n%s", p.log)
			}
			save([]byte(strings.Replace(string(correctedWithTypo(t, original)), `"2021-02-30"`, `"2021-02-28"`, 1)))
			waitForText(t, p, base+"/articles/synthetic-010", "Synthetic test article 10, corrected")
			if renamed {
				// The old file, renamed over, is closed with the old site.
				held := heldFiles(t, p.cmd.Process.Pid, dataFile)
				if len(held) != 1 {
					t.Errorf("the host holds %d descriptors of %s, want 1: %q", len(held), dataFile, held)
				}
			}
		})
	}
}

// heldFiles lists what the process's open descriptors lead to, of those
// named name (or name, deleted); nil where the system does not list them.
func heldFiles(t *testing.T, pid int, name string) []string {
	t.Helper()
	dir := fmt.Sprintf("/proc/%d/fd", pid)
	fds, err := os.ReadDir(dir)
	if err != nil {
		t.Skipf("no %s here", dir)
	}
	var held []string
	for _, fd := range fds {
		target, err := os.Readlink(filepath.Join(dir, fd.Name()))
		if err == nil && strings.HasPrefix(target, name) && !strings.HasPrefix(target, name+".") {
			held = append(held, target)
		}
	}
	return held
}
