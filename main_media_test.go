//go:build !(js && wasm)

package main

import (
	"bytes"
	"context"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"dateline/internal/testfiles"
)

// mediaDataset writes a dataset of one article whose figures show the
// images srcs, one per line from line 6 on, and a media folder holding
// photo.png; it returns their paths.
func mediaDataset(t *testing.T, srcs ...string) (data, media string) {
	t.Helper()
	dir := t.TempDir()
	media = filepath.Join(dir, "media")
	if err := os.MkdirAll(filepath.Join(media, ".private"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"photo.png", ".private/photo.png"} {
		if err := os.WriteFile(filepath.Join(media, filepath.FromSlash(name)), testfiles.PNG(t), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var b strings.Builder
	b.WriteString("{\"articles\": [\n  {\n    \"slug\": \"synthetic-photo-story\",\n    \"headline\": \"Synthetic photo story\",\n    \"figures\": [\n")
	for i, src := range srcs {
		sep := ","
		if i == len(srcs)-1 {
			sep = ""
		}
		b.WriteString(`      {"image": {"src": "` + src + `", "alt": "Synthetic test image", "width": 2, "height": 2}}` + sep + "\n")
	}
	b.WriteString("    ],\n    \"body\": [{\"type\": \"paragraph\", \"text\": \"Synthetic text.\"}]\n  }\n]}\n")
	data = filepath.Join(dir, "articles.json")
	if err := os.WriteFile(data, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return data, media
}

// TestValidateImages checks that validate, the host and export refuse a
// figure image at a path on the site that the site would not serve, each
// problem placed at its src.
func TestValidateImages(t *testing.T) {
	data, media := mediaDataset(t,
		"/media/photo.png",                 // line 6: served
		"https://images.example.org/x.jpg", // line 7: not the site's to check
		"/media/missing.png",               // line 8
		"/images/photo.png",                // line 9
		"/web/images/photo.jpg",            // line 10
		"/web/icons/icon.svg",              // line 11: embedded, served
		"/media/.private/photo.png",        // line 12
		"/media/../photo.png",              // line 13
		"/media/photo.png?size=small",      // line 14: served
	)
	col := `      {"image": {"src": `
	at := func(line, fig int) string {
		return data + ":" + itoa(line) + ":" + itoa(len(col)+1) + ": /articles/0/figures/" + itoa(fig) + "/image/src: "
	}
	want := []struct{ place, words string }{
		{at(8, 2), "image /media/missing.png is not in the media folder"},
		{at(9, 3), "image /images/photo.png is a path the site never serves a file at"},
		{at(10, 4), "image /web/images/photo.jpg is not a file of the app's web folder"},
		{at(12, 6), "is hidden"},
		{at(13, 7), "is not a plain path inside the media folder"},
	}
	for _, args := range [][]string{
		{"validate", "-media", media, data},
		{"export", "-data", data, "-media", media, filepath.Join(t.TempDir(), "out")},
	} {
		t.Run(args[0], func(t *testing.T) {
			var stdout bytes.Buffer
			err := dispatch(args, &stdout, io.Discard)
			if err == nil {
				t.Fatalf("accepted: %s", stdout.String())
			}
			if !strings.Contains(err.Error(), ": 5 problems\n") {
				t.Errorf("want 5 problems:\n%v", err)
			}
			for _, w := range want {
				i := strings.Index(err.Error(), "\n"+w.place)
				if i < 0 {
					t.Errorf("no line starts with %q:\n%v", w.place, err)
					continue
				}
				line, _, _ := strings.Cut(err.Error()[i+1:], "\n")
				if !strings.Contains(line, w.words) {
					t.Errorf("line %q lacks %q", line, w.words)
				}
			}
		})
	}
	t.Run("serve", func(t *testing.T) {
		// The binary, so that a host that starts is stopped.
		bin := os.Getenv("DATELINE_BIN")
		if bin == "" {
			t.Fatal("DATELINE_BIN is not set: run make test, which builds bin/dateline and sets it")
		}
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		defer cancel()
		cmd := exec.CommandContext(ctx, bin, "-addr", "127.0.0.1:0", "-data", data, "-media", media)
		out, err := cmd.CombinedOutput()
		if strings.Contains(string(out), "serving") || ctx.Err() != nil {
			t.Fatalf("the host started serving:\n%s", out)
		}
		if exit, ok := err.(*exec.ExitError); !ok || exit.ExitCode() != 1 {
			t.Errorf("exit: %v, want status 1", err)
		}
		for _, w := range want {
			if !strings.Contains(string(out), w.place) {
				t.Errorf("output lacks %q:\n%s", w.place, out)
			}
		}
	})
	t.Run("without -media", func(t *testing.T) {
		data, _ := mediaDataset(t, "/media/photo.png")
		err := dispatch([]string{"validate", data}, io.Discard, io.Discard)
		if err == nil || !strings.Contains(err.Error(), data+":6:") || !strings.Contains(err.Error(), "-media DIR") {
			t.Errorf("error %v, want the image placed and -media DIR named", err)
		}
	})
	t.Run("good", func(t *testing.T) {
		data, media := mediaDataset(t, "/media/photo.png", "/web/icons/icon.svg")
		var stdout bytes.Buffer
		if err := dispatch([]string{"validate", "-media", media, data}, &stdout, io.Discard); err != nil {
			t.Fatal(err)
		}
		if want := data + ": ok, 1 article\n"; stdout.String() != want {
			t.Errorf("printed %q, want %q", stdout.String(), want)
		}
	})
	// A newsroom's photo named with a ":" is in the folder: validate
	// finds it, as it is written or escaped, and export copies it.
	t.Run("a colon in a name", func(t *testing.T) {
		data, media := mediaDataset(t, "/media/2024/colon%3A.png", "/media/2024/colon:.png")
		testfiles.Write(t, media, map[string][]byte{"2024/colon:.png": testfiles.PNG(t)})
		var stdout bytes.Buffer
		if err := dispatch([]string{"validate", "-media", media, data}, &stdout, io.Discard); err != nil {
			t.Fatal(err)
		}
		out := filepath.Join(t.TempDir(), "out")
		if err := dispatch([]string{"export", "-data", data, "-media", media, out}, &stdout, io.Discard); err != nil {
			t.Fatal(err)
		}
		if got, err := os.ReadFile(filepath.Join(out, "media", "2024", "colon:.png")); err != nil || !bytes.Equal(got, testfiles.PNG(t)) {
			t.Errorf("the export's media/2024/colon:.png: %d bytes, %v; want the photo", len(got), err)
		}
	})
	t.Run("no such folder", func(t *testing.T) {
		data, media := mediaDataset(t, "/media/photo.png")
		err := dispatch([]string{"validate", "-media", media + "-none", data}, io.Discard, io.Discard)
		if err == nil || !strings.Contains(err.Error(), "media folder") {
			t.Errorf("error %v, want the media folder named", err)
		}
	})
}

func itoa(n int) string { return strconv.Itoa(n) }

// TestExportRefusesMediaFolder checks that export writes neither into the
// media folder nor into a folder that holds it.
func TestExportRefusesMediaFolder(t *testing.T) {
	inside, media := mediaDataset(t, "/media/photo.png")
	// The dataset elsewhere: a folder that holds it is refused for that.
	b, err := os.ReadFile(inside)
	if err != nil {
		t.Fatal(err)
	}
	data := filepath.Join(t.TempDir(), "articles.json")
	if err := os.WriteFile(data, b, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ scenario, target, want string }{
		{"the media folder", media, "is the media folder"},
		{"inside it", filepath.Join(media, "site"), "is the media folder"},
		{"a folder that holds it", filepath.Dir(media), "holds the media folder"},
	} {
		t.Run(tt.scenario, func(t *testing.T) {
			err := dispatch([]string{"export", "-data", data, "-media", media, tt.target}, io.Discard, io.Discard)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want one saying %s", err, tt.want)
			}
		})
	}
	if _, err := os.Stat(filepath.Join(media, "site")); err == nil {
		t.Error("the export wrote into the media folder")
	}
	var stdout bytes.Buffer
	if err := dispatch([]string{"export", "-data", data, "-media", media, filepath.Join(t.TempDir(), "out")}, &stdout, io.Discard); err != nil {
		t.Errorf("exporting elsewhere: %v", err)
	}
}

// TestValidateImageNearName names, for an image not in the media folder,
// the file there whose name differs only in its letters' case or in how
// its accents are written (macOS writes é as e and a combining mark): a
// laptop finds either, a Linux server answers 404. validate said only to
// add the file, which the editor could see in the folder.
func TestValidateImageNearName(t *testing.T) {
	data, media := mediaDataset(t, "/media/Photo.PNG", "/media/caf%C3%A9.png", "/media/elsewhere.png")
	if err := os.WriteFile(filepath.Join(media, "cafe\u0301.png"), testfiles.PNG(t), 0o644); err != nil {
		t.Fatal(err)
	}
	err := validateRefuses(t, media, data)
	for _, want := range []string{
		"image /media/Photo.PNG is not in the media folder " + media + ", which has photo.png, a name that differs in its letters' case (write the path as the file is named, or rename the file to Photo.PNG)",
		"which has cafe\u0301.png, a name that differs in how its accents are written (\"cafe\\u0301.png\" against \"caf\\u00e9.png\"",
		"image /media/elsewhere.png is not in the media folder " + media + " (add elsewhere.png to",
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("the problems lack %q:\n%v", want, err)
		}
	}
}

// TestValidateImageThroughLink names the symbolic link on the way to an
// image that the media folder does not follow: one out of the folder (a
// folder of photos linked in from another disk, or a photo), whose
// photo the editor sees at its path, and one to nothing. validate said
// "path escapes from parent" with the system call's name, or that the
// image was not in the folder, with the name there to see.
func TestValidateImageThroughLink(t *testing.T) {
	data, media := mediaDataset(t, "/media/2024/photo.png", "/media/outside.png", "/media/gone.png", "/media/in/photo.png")
	top := filepath.Dir(media)
	testfiles.Write(t, top, map[string][]byte{"elsewhere/2024/photo.png": testfiles.PNG(t), "elsewhere/photo.png": testfiles.PNG(t)})
	for link, target := range map[string]string{
		"2024":        filepath.Join(top, "elsewhere", "2024"),
		"outside.png": filepath.Join("..", "elsewhere", "photo.png"),
		"gone.png":    "photo-removed.png",
		"in":          ".", // a link inside the folder, followed
	} {
		if err := os.Symlink(target, filepath.Join(media, link)); err != nil {
			t.Fatal(err)
		}
	}
	err := validateRefuses(t, media, data)
	for _, want := range []string{
		": 3 problems\n",
		"image /media/2024/photo.png cannot be served from the media folder " + media + ": 2024 is a link to " + filepath.Join(top, "elsewhere", "2024") +
			", outside the folder, and the site serves nothing outside it (put the photo itself in the folder",
		"image /media/outside.png cannot be served from the media folder " + media + ": outside.png is a link to " + filepath.Join("..", "elsewhere", "photo.png") + ", outside the folder",
		"image /media/gone.png cannot be served from the media folder " + media + ": gone.png is a link to photo-removed.png, which does not exist (make gone.png lead to a file or folder that exists",
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("the problems lack %q:\n%v", want, err)
		}
	}
	for _, wrong := range []string{"escapes", "statat", "is not in the media folder", "/media/in/photo.png"} {
		if strings.Contains(err.Error(), wrong) {
			t.Errorf("the problems say %q:\n%v", wrong, err)
		}
	}
}

// validateRefuses runs validate on data with the media folder media, and
// returns the problems it refused the dataset for: the test fails if it
// accepts it.
func validateRefuses(t *testing.T, media, data string) error {
	t.Helper()
	var stdout bytes.Buffer
	err := dispatch([]string{"validate", "-media", media, data}, &stdout, io.Discard)
	if err == nil {
		t.Fatalf("validate -media %s %s accepted the dataset: %s", media, data, stdout.String())
	}
	return err
}
