//go:build !(js && wasm)

package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestValidateNameOnOneLine checks validate's line for a good dataset whose
// file name holds a line break: one line, the name quoted with Go's
// escapes, as the problems of such a file are (app/dataset, FileName).
func TestValidateNameOnOneLine(t *testing.T) {
	file := filepath.Join(t.TempDir(), "ok\nname.json")
	data := `{"articles": [{"slug": "synthetic", "headline": "Synthetic", "body": [{"type": "paragraph", "text": "Synthetic text."}]}]}`
	if err := os.WriteFile(file, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	var stdout strings.Builder
	if err := dispatch([]string{"validate", file}, &stdout, &strings.Builder{}); err != nil {
		t.Fatal(err)
	}
	want := `"` + filepath.Dir(file) + `/ok\nname.json": ok, 1 article` + "\n"
	if got := stdout.String(); got != want {
		t.Errorf("validate printed %q, want %q", got, want)
	}
}
