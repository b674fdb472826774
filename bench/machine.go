//go:build !(js && wasm)

package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"time"
)

// machine describes where and how the figures were taken.
type machine struct {
	cpu, memory, os         string
	goVersion, chromium     string
	nginx, wrk              string
	hostVersion, hostBinary string
	commit                  string
}

func describeMachine(ctx context.Context, cfg *config, servers bool) (*machine, error) {
	m := &machine{
		cpu:       cpuModel(),
		memory:    memTotal(),
		os:        osName(),
		goVersion: runtime.Version(),
		chromium:  firstLine(ctx, cfg.chromium, "--version"),
		commit:    gitCommit(ctx, cfg.root),
	}
	if servers {
		m.nginx = firstLine(ctx, toolPath("nginx"), "-v")
		m.wrk = firstLine(ctx, toolPath("wrk"), "-v")
	}
	m.hostBinary = cfg.hostBin
	if rel, ok := strings.CutPrefix(cfg.hostBin, cfg.root+string(os.PathSeparator)); ok {
		m.hostBinary = rel
	}
	h, err := startHost(ctx, cfg.hostBin)
	if err != nil {
		return nil, err
	}
	m.hostVersion = h.version
	h.stop()
	return m, nil
}

// write prints the machine table, with the command that was run.
func (m *machine) write(r *report, command string, args []string) {
	if len(args) > 0 {
		command += " " + strings.Join(args, " ")
	}
	r.printf("### Machine and run\n\n")
	t := newTable("", "")
	t.add("CPU", m.cpu)
	t.add("Memory", m.memory)
	t.add("OS", m.os)
	t.add("Go", m.goVersion)
	t.add("Chromium", m.chromium)
	if m.nginx != "" {
		t.add("nginx", m.nginx)
		t.add("wrk", m.wrk)
	}
	t.add("Host", fmt.Sprintf("%s, version %s", m.hostBinary, m.hostVersion))
	t.add("Command", "`"+command+"`")
	t.add("Date", time.Now().UTC().Format("2006-01-02 15:04 UTC"))
	t.add("Commit", m.commit)
	t.write(r)
}

// cpuModel is "model name × logical CPUs" from /proc/cpuinfo.
func cpuModel() string {
	n := runtime.NumCPU()
	f, err := os.Open("/proc/cpuinfo")
	if err != nil {
		return fmt.Sprintf("%d CPUs", n)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if k, v, ok := strings.Cut(sc.Text(), ":"); ok && strings.TrimSpace(k) == "model name" {
			return fmt.Sprintf("%s, %d logical CPUs (nproc)", strings.TrimSpace(v), n)
		}
	}
	return fmt.Sprintf("%d logical CPUs (nproc)", n)
}

// memTotal is MemTotal from /proc/meminfo, in GiB.
func memTotal() string {
	b, err := os.ReadFile("/proc/meminfo")
	if err != nil {
		return "unknown"
	}
	m := regexp.MustCompile(`MemTotal:\s+(\d+) kB`).FindSubmatch(b)
	if m == nil {
		return "unknown"
	}
	kb, err := strconv.ParseFloat(string(m[1]), 64)
	if err != nil {
		return "unknown"
	}
	return fmt.Sprintf("%.1f GiB", kb/(1<<20))
}

func osName() string {
	b, err := os.ReadFile("/etc/os-release")
	if err != nil {
		return runtime.GOOS
	}
	if m := regexp.MustCompile(`(?m)^PRETTY_NAME="?([^"\n]+)"?`).FindSubmatch(b); m != nil {
		return string(m[1])
	}
	return runtime.GOOS
}

// firstLine runs a program for its version and returns the first line it
// prints that is not a shell warning.
func firstLine(ctx context.Context, name string, args ...string) string {
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil && out.Len() == 0 {
		return "unknown (" + err.Error() + ")"
	}
	for _, line := range strings.Split(out.String(), "\n") {
		line = strings.TrimSpace(line)
		// Debian's chromium wrapper can print a shell complaint first.
		if line != "" && !strings.Contains(line, "unexpected operator") {
			return line
		}
	}
	return "unknown"
}

// gitCommit is the short commit, marked when the work tree has changes.
func gitCommit(ctx context.Context, root string) string {
	run := func(args ...string) (string, error) {
		ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
		defer cancel()
		cmd := exec.CommandContext(ctx, "git", args...)
		cmd.Dir = root
		out, err := cmd.Output()
		return strings.TrimSpace(string(out)), err
	}
	commit, err := run("rev-parse", "--short", "HEAD")
	if err != nil {
		return "unknown (not a git checkout?)"
	}
	if status, err := run("status", "--porcelain", "--untracked-files=no"); err == nil && status != "" {
		commit += " (with uncommitted changes)"
	}
	return commit
}
