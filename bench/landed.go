//go:build !(js && wasm)

package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// landedCommit is the landed code before the archive work (datasets as
// folders, paginated lists, a bounded cache): section e's other side.
const landedCommit = "c193c64"

// landedMaxSize is the -max-size the landed host and validate need for
// 100,000 articles (their default stops at 64 MB).
const landedMaxSize = "2000000000"

// landedBuild is the landed code checked out in a git worktree and built.
type landedBuild struct {
	dir string // the worktree
	bin string // its host, built by its own make build
	gen string // its tools/gendata, which writes the format it reads
}

// checkoutLanded checks landedCommit out into the new directory wt (a git
// worktree, so that the repository's own files are untouched) and builds
// its dataset generator; makeLanded then builds its host. removeWorktree
// undoes the checkout.
func checkoutLanded(ctx context.Context, cfg *config, wt string) (*landedBuild, error) {
	if out, err := exec.CommandContext(ctx, "git", "-C", cfg.root, "worktree", "add", "--detach", wt, landedCommit).CombinedOutput(); err != nil {
		return nil, fmt.Errorf("git worktree add %s %s: %w\n%s", wt, landedCommit, err, out)
	}
	l := &landedBuild{dir: wt, bin: filepath.Join(wt, "bin", "dateline"), gen: filepath.Join(wt, "gendata")}
	if err := goBuildIn(ctx, wt, nil, "-o", l.gen, "./tools/gendata"); err != nil {
		return nil, fmt.Errorf("the landed code's gendata: %w", err)
	}
	return l, nil
}

// makeLanded builds the landed host with its own Makefile: app.wasm, its
// precompressed forms, then the host.
func makeLanded(ctx context.Context, l *landedBuild) error {
	mk := exec.CommandContext(ctx, "make", "-C", l.dir, "build", "GO="+goCommand())
	if out, err := mk.CombinedOutput(); err != nil {
		return fmt.Errorf("make build in the landed code (%s): %w\n%s", landedCommit, err, tail(out, 4<<10))
	}
	return nil
}

// removeWorktree removes the worktree wt made by checkoutLanded, if it was
// made; failures are reported on stderr, as the bench's other clean-ups.
func removeWorktree(cfg *config, wt string) {
	if _, err := os.Stat(wt); errors.Is(err, fs.ErrNotExist) {
		return
	}
	// The bench's context may be over (a timeout, a signal): clean up on a
	// context of its own.
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	out, err := exec.CommandContext(ctx, "git", "-C", cfg.root, "worktree", "remove", "--force", wt).CombinedOutput()
	if err == nil {
		return
	}
	progress("warning: git worktree remove %s: %v: %s", wt, err, strings.TrimSpace(string(out)))
	if err := os.RemoveAll(wt); err != nil {
		progress("warning: removing %s: %v", wt, err)
	}
	if out, err := exec.CommandContext(ctx, "git", "-C", cfg.root, "worktree", "prune").CombinedOutput(); err != nil {
		progress("warning: git worktree prune: %v: %s", err, strings.TrimSpace(string(out)))
	}
}

// tail is the end of a command's output, at most n bytes.
func tail(out []byte, n int) []byte {
	if len(out) > n {
		return out[len(out)-n:]
	}
	return out
}

// goCommand is the go command: $GO, as the Makefile has it, or go.
func goCommand() string {
	if g := os.Getenv("GO"); g != "" {
		return g
	}
	return "go"
}

// goBuild runs go build in the repository, with env added to the
// environment.
func goBuild(ctx context.Context, cfg *config, env []string, args ...string) error {
	return goBuildIn(ctx, cfg.root, env, args...)
}

// goBuildIn runs go build in dir, with env added to the environment.
func goBuildIn(ctx context.Context, dir string, env []string, args ...string) error {
	cmd := exec.CommandContext(ctx, goCommand(), append([]string{"build"}, args...)...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("%s go build %s (in %s): %w\n%s", strings.Join(env, " "), strings.Join(args, " "), dir, err, out)
	}
	return nil
}

// generate runs a gendata program for n articles into out: one file, or
// with folder a folder dataset (gendata -dir); extra are more of its
// flags.
func generate(ctx context.Context, gen string, n int, out string, folder bool, extra ...string) error {
	args := append([]string{"-n", fmt.Sprint(n)}, extra...)
	if folder {
		args = append(args, "-dir", out)
	}
	cmd := exec.CommandContext(ctx, gen, args...)
	var stderr limitedBuffer
	cmd.Stderr = &stderr
	if folder {
		cmd.Stdout = &stderr
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("%s %s: %w\n%s", gen, strings.Join(args, " "), err, stderr.b)
		}
		return nil
	}
	f, err := os.Create(out)
	if err != nil {
		return fmt.Errorf("writing a dataset: %w", err)
	}
	cmd.Stdout = f
	err = cmd.Run()
	if cerr := f.Close(); err == nil && cerr != nil {
		err = fmt.Errorf("writing %s: %w", out, cerr)
	}
	if err != nil {
		return fmt.Errorf("%s %s > %s: %w\n%s", gen, strings.Join(args, " "), out, err, stderr.b)
	}
	return nil
}

// limitedBuffer keeps the first 64 kB written to it.
type limitedBuffer struct{ b []byte }

func (l *limitedBuffer) Write(p []byte) (int, error) {
	if room := 64<<10 - len(l.b); room > 0 {
		l.b = append(l.b, p[:min(room, len(p))]...)
	}
	return len(p), nil
}

// datasetBytes is the size of a dataset: its file, or every file of its
// folder.
func datasetBytes(path string) (float64, error) {
	var total int64
	err := filepath.WalkDir(path, func(_ string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		fi, err := d.Info()
		if err != nil {
			return err
		}
		total += fi.Size()
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("measuring the dataset %s: %w", path, err)
	}
	return float64(total), nil
}
