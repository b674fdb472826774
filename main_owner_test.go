//go:build unix

package main

import (
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// otherID is the user and group a test as root gives the dataset: nobody
// and nogroup on Debian, a fixed number whether or not it has a name.
const otherID = 65534

// ownerOf returns the owner and group of the file name.
func ownerOf(t *testing.T, name string) (uid, gid uint32, mode os.FileMode) {
	t.Helper()
	fi, err := os.Stat(name)
	if err != nil {
		t.Fatal(err)
	}
	st := fi.Sys().(*syscall.Stat_t)
	return st.Uid, st.Gid, fi.Mode().Perm()
}

// chownAll gives every file and folder under root the user and group id.
func chownAll(t *testing.T, root string, id int) {
	t.Helper()
	err := filepath.Walk(root, func(p string, _ os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		return os.Lchown(p, id, id)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// toolsForOther makes a folder that another user may read, with a copy of
// the program in it: tests as root run the program as otherID there.
func toolsForOther(t *testing.T) (tools, bin string) {
	t.Helper()
	tools = t.TempDir()
	for _, d := range []string{filepath.Dir(tools), tools} {
		if err := os.Chmod(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	bin = filepath.Join(tools, "dateline")
	copyFile(t, hostBinary(t), bin, 0o755)
	return tools, bin
}

// copyFile copies the file from to the new file to, with the mode perm.
func copyFile(t *testing.T, from, to string, perm os.FileMode) {
	t.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, b, perm); err != nil {
		t.Fatal(err)
	}
}

// TestImportKeepsOwner imports as root (sudo dateline import) into a
// dataset that another user owns, as a host running as a service user
// does: the dataset file replaced, a new file in a dataset folder and a
// new folder keep or take that user and group, so that the host can
// still read them. Not run as root, the files stay the user's own, with
// their mode, and nothing fails.
func TestImportKeepsOwner(t *testing.T) {
	root := os.Geteuid() == 0
	want := uint32(os.Geteuid())
	wantGid := uint32(os.Getegid())
	if root {
		want, wantGid = otherID, otherID
	} else {
		t.Log("not root: checking that the files stay this user's, with their mode")
	}
	tests := []struct {
		scenario string
		// setup makes the dataset in dir and returns -data's path and
		// the file import is to write.
		setup func(t *testing.T, dir string) (data, written string)
		mode  os.FileMode
	}{
		{"a dataset file, replaced", func(t *testing.T, dir string) (string, string) {
			name := filepath.Join(dir, "news.json")
			if err := os.WriteFile(name, []byte(`{"site": {"name": "Synthetic Owner Times"}, "articles": []}`+"\n"), 0o640); err != nil {
				t.Fatal(err)
			}
			return name, name
		}, 0o640},
		{"a new file in a dataset folder", func(t *testing.T, dir string) (string, string) {
			name := filepath.Join(dir, "first.json")
			if err := os.WriteFile(name, []byte(`{"articles": [{"slug": "first", "headline": "Synthetic first", "body": [{"type": "paragraph", "text": "One."}]}]}`+"\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			return dir, filepath.Join(dir, "us-sec-def-to-pm-barzani-there-is-a-special-relationship.json")
		}, 0o644},
		{"a new dataset folder", func(t *testing.T, dir string) (string, string) {
			return filepath.Join(dir, "news") + "/", filepath.Join(dir, "news", "us-sec-def-to-pm-barzani-there-is-a-special-relationship.json")
		}, 0o644},
	}
	for _, tt := range tests {
		t.Run(tt.scenario, func(t *testing.T) {
			dir := t.TempDir()
			data, written := tt.setup(t, dir)
			if root {
				chownAll(t, dir, otherID)
			}
			var stdout bytes.Buffer
			if err := dispatch([]string{"import", "-data", data, seedStory}, &stdout, io.Discard); err != nil {
				t.Fatal(err)
			}
			uid, gid, mode := ownerOf(t, written)
			if uid != want || gid != wantGid || mode != tt.mode {
				t.Errorf("%s is %d:%d %v, want %d:%d %v", written, uid, gid, mode, want, wantGid, tt.mode)
			}
			if uid, gid, _ := ownerOf(t, filepath.Dir(written)); uid != want || gid != wantGid {
				t.Errorf("its folder is %d:%d, want %d:%d", uid, gid, want, wantGid)
			}
		})
	}
}

// TestImportRefusedAsOtherUser runs import as a user who may not replace
// the dataset, though the file is writable by all: refused, saying why and
// what to do, and the dataset is left as it was, with no file beside it.
//   - The user may write into the dataset's folder but cannot give a new
//     file the dataset's owner (root's).
//   - The user may not write into the folder, where the new copy is made:
//     the message once named only the hidden temporary file ("open
//     DIR/.news.json.123.tmp: permission denied").
func TestImportRefusedAsOtherUser(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("needs root, to make a dataset that the user running import does not own")
	}
	for _, tt := range []struct {
		scenario    string
		folderOwned bool // the dataset's folder is the other user's
		want        func(name, data string) []string
	}{
		{"owner it cannot keep", true, func(name, data string) []string {
			return []string{name + " belongs to root:root (0:0)", "cannot give its new copy that owner and group", "run the command as the file's owner, or as root"}
		}},
		{"folder it cannot write", false, func(name, data string) []string {
			return []string{"may not write into its folder " + data + " (permission denied)", "make the folder writable for this user"}
		}},
	} {
		t.Run(tt.scenario, func(t *testing.T) {
			// The program and the story where the other user can read them.
			tools, bin := toolsForOther(t)
			story := filepath.Join(tools, "story.txt")
			copyFile(t, seedStory, story, 0o644)
			data := filepath.Join(tools, "data")
			if err := os.Mkdir(data, 0o755); err != nil {
				t.Fatal(err)
			}
			name := filepath.Join(data, "news.json")
			original := []byte(`{"site": {"name": "Synthetic Owner Times"}, "articles": []}` + "\n")
			if err := os.WriteFile(name, original, 0o666); err != nil {
				t.Fatal(err)
			}
			if err := os.Chmod(name, 0o666); err != nil {
				t.Fatal(err)
			}
			if tt.folderOwned {
				if err := os.Chown(data, otherID, otherID); err != nil {
					t.Fatal(err)
				}
			}
			cmd := exec.Command(bin, "import", "-data", name, story)
			cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: otherID, Gid: otherID}}
			out, err := cmd.CombinedOutput()
			if err == nil {
				t.Fatalf("import succeeded:\n%s", out)
			}
			for _, want := range append(tt.want(name, data), "nothing was changed") {
				if !strings.Contains(string(out), want) {
					t.Errorf("the message lacks %q:\n%s", want, out)
				}
			}
			if strings.Contains(string(out), ".tmp") {
				t.Errorf("the message names a temporary file:\n%s", out)
			}
			assertUnchanged(t, name, original)
			assertOnlyFile(t, data, "news.json")
			if uid, gid, mode := ownerOf(t, name); uid != 0 || gid != 0 || mode != 0o666 {
				t.Errorf("the dataset is now %d:%d %v", uid, gid, mode)
			}
		})
	}
}

// TestExportIntoFolderItCannotWriteLeavesSiteWhole updates an earlier
// export one of whose folders the user running the export may not write
// into (made read-only, or left by an export run as another user, as
// `sudo dateline export` once did): refused before any file is moved,
// saying which folder and what to do, the site exactly as it was and no
// manifest of a move left behind. It once moved the data and the app's
// files into place, then stopped at articles/ with "permission denied",
// the site partly updated and "export again to finish", which failed
// again the same way. As root, the export runs as another user.
func TestExportIntoFolderItCannotWriteLeavesSiteWhole(t *testing.T) {
	root := os.Geteuid() == 0
	tools, bin := toolsForOther(t)
	dataset := func(name, text string) string {
		t.Helper()
		p := filepath.Join(tools, name)
		body := `{"site": {"name": "Synthetic Zorb Times"}, "articles": [` +
			`{"slug": "zorb-flibber", "headline": "Zorb flibbers the quax", "section": "Blorp", "body": [{"type": "paragraph", "text": "` + text + `"}]},` +
			`{"slug": "mork-plop", "headline": "Mork plops", "body": [{"type": "paragraph", "text": "Plop plop mork."}]}]}` + "\n"
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	first, second := dataset("first.json", "Wibble wobble zindle."), dataset("second.json", "Wobble wibble zandle.")
	target := filepath.Join(tools, "site")
	if err := os.Mkdir(target, 0o755); err != nil {
		t.Fatal(err)
	}
	if root {
		chownAll(t, target, otherID)
	}
	export := func(data string) (string, error) {
		cmd := exec.Command(bin, "export", "-data", data, target)
		if root {
			cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: otherID, Gid: otherID}}
		}
		out, err := cmd.CombinedOutput()
		return string(out), err
	}
	if out, err := export(first); err != nil {
		t.Fatalf("the first export: %v\n%s", err, out)
	}
	// One of its folders, then the export's folder itself, which a first
	// mkdir of the staging folder met with "mkdir DIR/.dateline-staging:
	// permission denied", naming a folder the publisher never made; then
	// a folder shared with the sticky bit (as /tmp is), whose files are
	// root's: the user may make and remove a file of its own there, but
	// not replace root's, which the move once met partway ("rename ...:
	// operation not permitted", the site partly updated).
	for _, tt := range []struct {
		scenario string
		lock     func(t *testing.T) (want []string, undo func())
	}{
		{"articles", func(t *testing.T) ([]string, func()) { return readOnly(t, filepath.Join(target, "articles")) }},
		{".", func(t *testing.T) ([]string, func()) { return readOnly(t, target) }},
		{"a sticky folder of another user's files", func(t *testing.T) ([]string, func()) {
			if !root {
				t.Skip("needs root, to give the files to another user")
			}
			shared := filepath.Join(target, "articles")
			chownAll(t, shared, 0)
			if err := os.Chmod(shared, 0o777|os.ModeSticky); err != nil {
				t.Fatal(err)
			}
			// The first of root's files by name, at every try.
			return []string{"may not replace or remove " + filepath.Join(shared, "mork-plop.html"), "sticky bit", "belongs to another user"}, func() {
				os.Chmod(shared, 0o755)
				chownAll(t, shared, otherID)
			}
		}},
	} {
		t.Run(tt.scenario, func(t *testing.T) {
			wants, undo := tt.lock(t)
			defer undo()
			before := snapshot(t, target)
			out, err := export(second)
			if err == nil {
				t.Fatalf("the export into a folder it cannot write succeeded:\n%s", out)
			}
			for _, want := range append(wants, "nothing in "+target+" was changed") {
				if !strings.Contains(out, want) {
					t.Errorf("the message lacks %q:\n%s", want, out)
				}
			}
			for _, not := range []string{"partly updated", ".dateline-staging"} {
				if strings.Contains(out, not) {
					t.Errorf("the message says %q:\n%s", not, out)
				}
			}
			after := snapshot(t, target)
			for name, sum := range after {
				if before[name] != sum {
					t.Errorf("%s was changed or added by the failed export", name)
				}
			}
			for name := range before {
				if _, ok := after[name]; !ok {
					t.Errorf("%s was removed by the failed export", name)
				}
			}
		})
	}
}

// readOnly makes the folder read-only, and returns what the export's
// message must say of it and how to undo it.
func readOnly(t *testing.T, folder string) ([]string, func()) {
	t.Helper()
	if err := os.Chmod(folder, 0o555); err != nil {
		t.Fatal(err)
	}
	return []string{"folder " + filepath.Clean(folder) + " (permission denied)", "make it writable"}, func() { os.Chmod(folder, 0o755) }
}
