//go:build linux

package browser

import (
	"os/exec"
	"syscall"
)

// dieWithParent makes the kernel end the host if the test binary dies first
// (a panic or go test's timeout), so no server is left behind.
func dieWithParent(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
}
