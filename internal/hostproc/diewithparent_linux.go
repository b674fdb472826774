//go:build linux

package hostproc

import (
	"os/exec"
	"syscall"
)

// DieWithParent makes the kernel kill cmd's process when this one dies
// first (a panic, or go test's timeout), so that no server is left behind.
// Call it before cmd.Start.
func DieWithParent(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
}
