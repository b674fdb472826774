//go:build !linux && !(js && wasm)

package main

import "os/exec"

// dieWithParent has no portable equivalent: the bench stops its servers
// itself.
func dieWithParent(*exec.Cmd) {}
