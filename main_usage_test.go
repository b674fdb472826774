//go:build !(js && wasm)

package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode"

	"dateline/app/dataset"
)

// TestUsageErrors checks that a command line the host does not understand
// is refused as one (exit status 2), never taken for a server to start.
func TestUsageErrors(t *testing.T) {
	for _, tt := range []struct {
		args  []string
		words string // in the message, when the command says it itself
	}{
		{[]string{"valdate", "articles.json"}, `"valdate" is not a command`},
		{[]string{"articles.json"}, `"articles.json" is not a command`},
		{[]string{"-addr", "127.0.0.1:0", "extra"}, `unexpected argument "extra"`},
		{[]string{"serve", "-data", "articles.json", "more.json"}, `unexpected argument "more.json"`},
		{[]string{"validate", "a.json", "b.json"}, "one dataset at a time"},
		{[]string{"export"}, "name one directory"},
		{[]string{"import"}, "give one story file"},
		{[]string{"import"}, "[-published DATE] [-updated DATE]"},
		{[]string{"import", "-o", "out.json", "story.txt"}, "-o takes only -"},
		{[]string{"validate", "-bogus"}, ""},
		{[]string{"serve", "-cache", "-5"}, ""},
		{[]string{"serve", "-cache", "64XB"}, ""},
		{[]string{"validate", "-max-size", "0"}, ""},
	} {
		err := dispatch(tt.args, io.Discard, io.Discard)
		var usage usageError
		if !errors.As(err, &usage) {
			t.Errorf("%q: %v, want a usage error", tt.args, err)
			continue
		}
		if !strings.Contains(err.Error(), tt.words) {
			t.Errorf("%q: %q, want it to say %q", tt.args, err, tt.words)
		}
		if usage.printed != (tt.words == "") {
			t.Errorf("%q: printed by the flag package %v, want %v", tt.args, usage.printed, tt.words == "")
		}
	}
	if err := dispatch([]string{"validate", "-h"}, io.Discard, io.Discard); !errors.Is(err, flag.ErrHelp) {
		t.Errorf("validate -h: %v, want help", err)
	}
}

// TestSizeFlag checks the sizes -cache and -max-size take.
func TestSizeFlag(t *testing.T) {
	for in, want := range map[string]int64{
		"65536": 65536, "64MB": 64 << 20, "64 MB": 64 << 20, "64MiB": 64 << 20, "64M": 64 << 20,
		"512kB": 512 << 10, "512KB": 512 << 10, "2GB": 2 << 30, "100 bytes": 100, "100B": 100,
		"256mb": 256 << 20, "256mib": 256 << 20, "256 Mb": 256 << 20, "1gb": 1 << 30, "1g": 1 << 30, "512kib": 512 << 10,
		"512k": 512 << 10, "100b": 100, "100 BYTES": 100,
	} {
		var s sizeFlag
		if err := s.Set(in); err != nil || int64(s) != want {
			t.Errorf("%q: %d, %v; want %d", in, s, err, want)
		}
	}
	for _, in := range []string{"", "MB", "-1", "0", "1.5GB", "64 XB", "64tb", "lots", "9999999999GB"} {
		var s sizeFlag
		err := s.Set(in)
		switch {
		case err == nil:
			t.Errorf("%q: took %d, want it refused", in, s)
		case strings.Contains(err.Error(), "not a size") && !strings.Contains(err.Error(), "in any case"):
			t.Errorf("%q: %v, want the forms taken named", in, err)
		}
	}
	// The refusal names every unit taken: "256mb" was refused once while
	// its message named only kB, MB and GB.
	var refused sizeFlag
	err := refused.Set("64XB")
	if err == nil {
		t.Fatal("64XB was taken")
	}
	named := map[string]bool{}
	for _, w := range strings.FieldsFunc(strings.ToLower(err.Error()), func(r rune) bool { return !unicode.IsLetter(r) }) {
		named[w] = true
	}
	for _, u := range sizeUnits {
		if !named[u.name] {
			t.Errorf("the refusal %q does not name the unit %q, which is taken", err, u.name)
		}
	}
	s := sizeFlag(64 << 20)
	if s.String() != "64 MB" {
		t.Errorf("64 MB prints as %q", s.String())
	}
}

// TestBinaryExitStatus runs the binary as a script would: a mistyped
// command fails at once with status 2, help succeeds, and a port in use
// is said before the dataset is read.
func TestBinaryExitStatus(t *testing.T) {
	bin := os.Getenv("DATELINE_BIN")
	if bin == "" {
		t.Fatal("DATELINE_BIN is not set: run make test, which builds bin/dateline and sets it")
	}
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	for _, tt := range []struct {
		args   []string
		status int
		words  string
	}{
		{[]string{"valdate", "articles.json"}, 2, "is not a command"},
		{[]string{"validate", "-h"}, 0, "-max-size"},
		{[]string{"help"}, 0, "dateline validate"},
		{[]string{"help"}, 0, "[-published DATE] [-updated DATE]"},
		{[]string{"import", "-h"}, 0, "-updated DATE"},
		{[]string{"validate", "-bogus"}, 2, "flag provided but not defined: -bogus"},
		// A dataset that is not there: the busy port is what is said.
		{[]string{"-addr", busy.Addr().String(), "-data", "no-such-dataset.json"}, 1, "address already in use"},
	} {
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		var out bytes.Buffer
		cmd := exec.CommandContext(ctx, bin, tt.args...)
		cmd.Stdout, cmd.Stderr = &out, &out
		err := cmd.Run()
		cancel()
		status := 0
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			status = exit.ExitCode()
		} else if err != nil {
			t.Fatalf("%q: %v", tt.args, err)
		}
		if status != tt.status || !strings.Contains(out.String(), tt.words) {
			t.Errorf("%q: status %d, output:\n%s\nwant status %d and %q", tt.args, status, out.String(), tt.status, tt.words)
		}
		if n := strings.Count(out.String(), "-bogus"); n > 1 && strings.Contains(tt.words, "-bogus") {
			t.Errorf("%q: the problem is said %d times:\n%s", tt.args, n, out.String())
		}
	}
}

// TestEmptyPathsRefused gives every command a path or address as "", as
// a script with an unset variable does (-data "$DATA"): refused as a
// usage error naming it, never taken for the flag left out (export -data
// "" wrote the bundled example over a real site), and nothing is written.
func TestEmptyPathsRefused(t *testing.T) {
	dataFile, original := archiveFixture(t, 3)
	site := filepath.Join(t.TempDir(), "site")
	if err := dispatch([]string{"export", "-data", dataFile, site}, io.Discard, io.Discard); err != nil {
		t.Fatal(err)
	}
	exported := snapshot(t, site)
	story := storyFile(t, syntheticStory)
	for _, tt := range []struct {
		scenario string
		args     []string
		words    string
	}{
		{"serve -data", []string{"serve", "-addr", "127.0.0.1:0", "-data", ""}, "serve: -data is empty"},
		{"serve -media", []string{"serve", "-addr", "127.0.0.1:0", "-media", ""}, "serve: -media is empty"},
		{"serve -addr", []string{"serve", "-addr", ""}, "serve: -addr is empty"},
		{"export -data", []string{"export", "-data", "", site}, "export: -data is empty"},
		{"export -media", []string{"export", "-data", dataFile, "-media", "", site}, "export: -media is empty"},
		{"export DIR", []string{"export", "-data", dataFile, ""}, "export: the directory to write the site into given is empty"},
		{"validate PATH", []string{"validate", ""}, "validate: the dataset path given is empty"},
		{"validate -media", []string{"validate", "-media", "", dataFile}, "validate: -media is empty"},
		{"import -data", []string{"import", "-data", "", story}, "import: -data is empty"},
		{"import -o", []string{"import", "-data", dataFile, "-o", "", story}, "import: -o is empty"},
		{"import STORY", []string{"import", "-data", dataFile, ""}, "import: the story file given is empty"},
	} {
		t.Run(tt.scenario, func(t *testing.T) {
			err := dispatch(tt.args, io.Discard, io.Discard)
			var usage usageError
			if !errors.As(err, &usage) || !strings.Contains(err.Error(), tt.words) || !strings.Contains(err.Error(), "nothing was done") {
				t.Errorf("%q: %v, want a usage error saying %q and that nothing was done", tt.args, err, tt.words)
			}
			assertUnchanged(t, dataFile, original)
			if !reflect.DeepEqual(snapshot(t, site), exported) {
				t.Errorf("the export in %s changed", site)
			}
		})
	}
}

// TestBundledNote: serve and export without -data say that they use the
// example built into the program, and name ./articles.json when it is
// there and holds another dataset, which import and validate would use.
func TestBundledNote(t *testing.T) {
	const bundled = "no -data given: using the bundled example dataset"
	const other = "./articles.json, which import and validate use without -data, is not this dataset: give -data articles.json to use it"
	if note := (&dataFlags{path: "news.json"}).bundledNote(); note != "" {
		t.Errorf("with -data: %q", note)
	}
	t.Chdir(t.TempDir())
	for _, tt := range []struct {
		scenario string
		here     []byte // ./articles.json; nil for none
		other    bool
	}{
		{"none here", nil, false},
		{"the same here", defaultDataset, false},
		{"another here", append([]byte(`{"articles": []}`), bytes.Repeat([]byte(" "), len(defaultDataset)-16)...), true},
	} {
		t.Run(tt.scenario, func(t *testing.T) {
			if err := os.RemoveAll("articles.json"); err != nil {
				t.Fatal(err)
			}
			if tt.here != nil {
				if err := os.WriteFile("articles.json", tt.here, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			note := (&dataFlags{}).bundledNote()
			if !strings.Contains(note, bundled) || strings.Contains(note, other) != tt.other {
				t.Errorf("note %q: want %q, and %q %v", note, bundled, other, tt.other)
			}
		})
	}
}

// TestFlagsAfterArguments gives every command its flags after its file
// or folder, as git and the GNU tools take them: the same as before it,
// where the message blamed the file ("give one story file"). After "--",
// everything is an argument.
func TestFlagsAfterArguments(t *testing.T) {
	dataFile, _ := archiveFixture(t, 3)
	story := storyFile(t, syntheticStory)
	site := filepath.Join(t.TempDir(), "site")
	media := t.TempDir()
	for _, tt := range []struct {
		scenario string
		args     []string
		stdout   string // in what the command prints
	}{
		{"import", []string{"import", "-data", dataFile, story, "-published", "2025-07-01", "-section", "Politics"}, `added "synthetic-test-headline-for-the-importer"`},
		{"validate", []string{"validate", dataFile, "-media", media}, "news.json: ok, 4 articles"},
		{"export", []string{"export", site, "-data", dataFile, "-media", media}, "exported 4 articles from " + dataFile},
	} {
		t.Run(tt.scenario, func(t *testing.T) {
			var stdout bytes.Buffer
			if err := dispatch(tt.args, &stdout, io.Discard); err != nil {
				t.Fatalf("%q: %v", tt.args, err)
			}
			if !strings.Contains(stdout.String(), tt.stdout) {
				t.Errorf("%q printed %q, want %q", tt.args, stdout.String(), tt.stdout)
			}
		})
	}
	arc, err := dataset.Load(dataFile, dataset.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if s, ok := arc.Summary("synthetic-test-headline-for-the-importer"); !ok || s.Published != "2025-07-01" || s.Section != "Politics" {
		t.Errorf("the story imported with flags after it: %+v, want published 2025-07-01 in Politics", s)
	}

	// After "--", a flag's name is an argument; too many arguments are
	// still refused, wherever the flags are.
	for _, tt := range []struct {
		args  []string
		words string
	}{
		{[]string{"validate", "--", "-media"}, "-media"},
		{[]string{"validate", dataFile, "-media", media, "other.json"}, "one dataset at a time, got 2"},
		{[]string{"import", "-data", dataFile, story, "-copy", story}, "give one story file"},
		{[]string{"serve", "-addr", "127.0.0.1:0", "extra", "-data", dataFile}, `unexpected argument "extra"`},
	} {
		if err := dispatch(tt.args, io.Discard, io.Discard); err == nil || !strings.Contains(err.Error(), tt.words) {
			t.Errorf("%q: %v, want an error saying %q", tt.args, err, tt.words)
		}
	}
}
