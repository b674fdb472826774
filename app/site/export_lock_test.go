//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package site_test

import (
	"maps"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestExportOneAtATime holds an export's folder as a running export does
// (flock) and checks that another export into it is refused, leaving the
// folder as it was; once the folder is free, the export runs.
func TestExportOneAtATime(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	if _, err := exportSite(t, "one", "alpha").Export(t.Context(), dir); err != nil {
		t.Fatal(err)
	}
	before := files(t, dir)
	held, err := os.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := syscall.Flock(int(held.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		t.Fatal(err)
	}
	_, err = exportSite(t, "two", "beta").Export(t.Context(), dir)
	if err == nil || !strings.Contains(err.Error(), "another export is writing") {
		t.Errorf("an export while another holds the folder: %v, want it refused", err)
	}
	if after := files(t, dir); !maps.Equal(after, before) {
		t.Error("the refused export changed the folder")
	}
	if err := held.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := exportSite(t, "two", "beta").Export(t.Context(), dir); err != nil {
		t.Errorf("once the folder is free: %v", err)
	}
}
