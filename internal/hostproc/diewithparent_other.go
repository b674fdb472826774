//go:build !linux && !(js && wasm)

package hostproc

import "os/exec"

// DieWithParent does nothing on this system: only Linux can tie a child's
// life to its parent's. Processes are stopped with Stop or Terminate
// instead.
func DieWithParent(*exec.Cmd) {}
