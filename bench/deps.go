//go:build !(js && wasm)

package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"time"
)

// debianPackages maps each tool the bench runs to the Debian package
// that provides it.
var debianPackages = map[string]string{
	"chromium": "chromium",
	"wrk":      "wrk",
	"nginx":    "nginx",
}

// ensureTools installs the missing tools with apt-get when the bench runs
// as root on a Debian-like system, and otherwise stops with what to do.
func ensureTools(ctx context.Context, cfg *config, tools []string) error {
	var missing []string
	for _, tool := range tools {
		if !haveTool(cfg, tool) {
			missing = append(missing, debianPackages[tool])
		}
	}
	if len(missing) == 0 {
		return nil
	}
	list := strings.Join(missing, " ")
	if _, err := exec.LookPath("apt-get"); err != nil || os.Geteuid() != 0 {
		return fmt.Errorf("missing Debian packages: %s; install them (apt-get install %s) and run the bench again", list, list)
	}
	progress("installing %s with apt-get", list)
	ctx, cancel := context.WithTimeout(ctx, 10*time.Minute)
	defer cancel()
	for _, args := range [][]string{
		{"update", "-qq"},
		append([]string{"install", "-y", "-qq", "--no-install-recommends"}, missing...),
	} {
		cmd := exec.CommandContext(ctx, "apt-get", args...)
		cmd.Env = append(os.Environ(), "DEBIAN_FRONTEND=noninteractive")
		if out, err := cmd.CombinedOutput(); err != nil {
			return fmt.Errorf("apt-get %s: %w\n%s", strings.Join(args, " "), err, out)
		}
	}
	for _, tool := range tools {
		if !haveTool(cfg, tool) {
			return fmt.Errorf("%s is still missing after apt-get install %s", tool, list)
		}
	}
	return nil
}

func haveTool(cfg *config, tool string) bool {
	if tool == "chromium" {
		fi, err := os.Stat(cfg.chromium)
		return err == nil && !fi.IsDir()
	}
	if _, err := exec.LookPath(tool); err == nil {
		return true
	}
	// nginx lives in /usr/sbin, which a non-root PATH may lack.
	if tool == "nginx" {
		if _, err := os.Stat("/usr/sbin/nginx"); err == nil {
			return true
		}
	}
	return false
}

// toolPath is the program to run for a tool.
func toolPath(tool string) string {
	if p, err := exec.LookPath(tool); err == nil {
		return p
	}
	if tool == "nginx" {
		return "/usr/sbin/nginx"
	}
	return tool
}
