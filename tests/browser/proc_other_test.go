//go:build !linux && !(js && wasm)

package browser

import "os/exec"

// dieWithParent does nothing here: only Linux can tie a child's life to its
// parent's.
func dieWithParent(cmd *exec.Cmd) {}
