//go:build linux

package main

import (
	"os/exec"
	"syscall"
)

// dieWithParent makes the kernel end a server the bench started if the
// bench dies first, so that none is left behind.
func dieWithParent(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
}
