//go:build !(js && wasm)

package browser

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"dateline/internal/hostproc"
)

// TestBrokenDatasetStopsHost checks that the host refuses a bad dataset
// before it listens: it exits non-zero, names the file with line and column
// (and the JSON pointer when the JSON itself is valid), and never says
// "serving".
func TestBrokenDatasetStopsHost(t *testing.T) {
	for _, tc := range []struct {
		name string
		data string
		want string // regexp after the file name
	}{
		{
			name: "missing comma on line 3",
			data: "{\n  \"articles\": [\n    {\"slug\": \"a\" \"headline\": \"A\", \"body\": [{\"type\": \"paragraph\", \"text\": \"x\"}]}\n  ]\n}\n",
			want: `:3:\d+: `,
		},
		{
			name: "article without headline",
			data: "{\"articles\": [\n  {\"slug\": \"a\", \"body\": [{\"type\": \"paragraph\", \"text\": \"x\"}]}\n]}\n",
			want: `:2:\d+: /articles/0\S*: .*headline`,
		},
		{
			name: "empty file",
			data: "",
			want: `:1:1: `,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			file := filepath.Join(t.TempDir(), "broken.json")
			if err := os.WriteFile(file, []byte(tc.data), 0o644); err != nil {
				t.Fatal(err)
			}
			out := hostRefuses(t, file)
			re := regexp.MustCompile(regexp.QuoteMeta(file) + tc.want)
			if !re.MatchString(out) {
				t.Errorf("stderr does not match %s:\n%s", re, out)
			}
		})
	}
}

// hostRefuses runs the host on a dataset it must refuse: it has to exit
// non-zero within 20 s without ever saying it is serving. It returns what
// the host printed.
func hostRefuses(t *testing.T, file string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, hostBinary(t), "-addr", "127.0.0.1:0", "-data", file)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	hostproc.DieWithParent(cmd)
	err := cmd.Run()
	out := stderr.String()
	if ctx.Err() != nil {
		t.Fatalf("the host was still running after 20s with the dataset %s:\n%s", file, out)
	}
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() == 0 {
		t.Errorf("exit: %v, want a non-zero status", err)
	}
	if strings.Contains(out, "serving") {
		t.Errorf("the host said it was serving:\n%s", out)
	}
	return out
}
