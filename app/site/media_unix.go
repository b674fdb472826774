//go:build unix

package site

import "syscall"

// openNonblock opens a named pipe at once, where opening it otherwise
// waits for a writer (for ever, when there is none), so that its type can
// be read from the open file and the pipe refused; it changes nothing
// for a regular file.
const openNonblock = syscall.O_NONBLOCK
