//go:build unix

package site

import (
	"io/fs"
	"syscall"
)

// openNonblock opens a named pipe at once, where opening it otherwise
// waits for a writer (for ever, when there is none), so that its type can
// be read from the open file and the pipe refused; it changes nothing
// for a regular file.
const openNonblock = syscall.O_NONBLOCK

// folderKind is what decides whether this process may add and remove
// files in a folder: its file system, owner, group and mode (an ACL
// aside). Folders of one kind are proven writable once (checkWritable).
func folderKind(info fs.FileInfo) (any, bool) {
	st, ok := info.Sys().(*syscall.Stat_t)
	if !ok {
		return nil, false
	}
	return [4]uint64{uint64(st.Dev), uint64(st.Uid), uint64(st.Gid), uint64(info.Mode())}, true
}
