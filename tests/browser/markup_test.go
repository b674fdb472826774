//go:build !(js && wasm)

package browser

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"dateline/app/article"
)

// vnuPath is the W3C Nu Html Checker, installed by npm ci in tests/browser
// (package.json pins vnu-jar 26.9.27); it runs on Debian's Java.
var vnuPath = filepath.Join("node_modules", "vnu-jar", "build", "dist", "vnu.jar")

// TestMarkupValid checks every prerendered page of the bundled dataset
// and of the test editions (an archive with sections and tags, the
// Sorani and Arabic editions, an edition with a public URL, its head tags
// and a link to another edition, hostile text) with the Nu Html Checker: no error.
func TestMarkupValid(t *testing.T) {
	t.Parallel()
	if _, err := os.Stat(vnuPath); err != nil {
		t.Fatalf("run make test (npm ci in tests/browser installs vnu-jar): %v", err)
	}
	java, err := exec.LookPath("java")
	if err != nil {
		t.Fatal("install a Java runtime: apt-get install default-jre-headless")
	}
	withURL := archiveDataset(40)
	withURL.Site.URL = "https://news.example.org"
	withURL.Site.Publisher = "Synthetic Media"
	withURL.Site.Editions = []article.Edition{{Lang: "ckb", Name: "Synthetic Sorani edition", URL: "https://ckb.news.example.org/"}}
	withURL.Articles[0].Figures = []article.Figure{{Caption: "A synthetic caption.", Credit: "Photo: test",
		Image: &article.Image{Src: "/web/icons/icon-512.png", Alt: "A synthetic picture", Width: 512, Height: 512}}}
	dirs := []string{
		exportSite(t),
		exportSite(t, "-data", writeDataset(t, "markup-archive.json", withURL)),
		exportSite(t, "-data", writeDataset(t, "markup-hostile.json", hostileDataset())),
	}
	for _, ed := range editions {
		dirs = append(dirs, exportSite(t, "-data", writeDataset(t, "markup-"+ed.lang+".json", editionDataset(ed.lang, ed.mark, ed.word))))
	}
	var pages []string
	for _, dir := range dirs {
		err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && strings.HasSuffix(p, ".html") {
				pages = append(pages, p)
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	// The host's search pages, which no export holds: results with marked
	// words, none, and no query.
	h := searchHost(t)
	for i, q := range []string{"?q=story+1", "?q=zzqqxx", "", "?q=%3Cb%3Ehostile%3C%2Fb%3E"} {
		resp, err := http.Get(h.URL + "/search" + q)
		if err != nil {
			t.Fatal(err)
		}
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil || resp.StatusCode != http.StatusOK {
			t.Fatalf("GET /search%s: %d, %v", q, resp.StatusCode, err)
		}
		file := filepath.Join(t.TempDir(), fmt.Sprintf("search-%d.html", i))
		if err := os.WriteFile(file, body, 0o644); err != nil {
			t.Fatal(err)
		}
		pages = append(pages, file)
	}
	if len(pages) < 60 {
		t.Fatalf("only %d pages to check", len(pages))
	}
	cmd := exec.Command(java, append([]string{"-jar", vnuPath, "--errors-only", "--format", "json"}, pages...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr // the JSON report
	runErr := cmd.Run()
	var report struct {
		Messages []struct {
			URL, Type, Message, Extract string
			LastLine                    int
		}
	}
	if err := json.Unmarshal(stderr.Bytes(), &report); err != nil {
		t.Fatalf("the checker's report (%v): %v\n%s", runErr, err, stderr.String())
	}
	for _, m := range report.Messages {
		t.Errorf("%s:%d: %s: %s\n  %s", m.URL, m.LastLine, m.Type, m.Message, m.Extract)
	}
	if runErr != nil && len(report.Messages) == 0 {
		t.Errorf("the checker failed: %v", runErr)
	}
	t.Logf("checked %d pages", len(pages))
}
