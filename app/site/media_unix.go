//go:build unix

package site

import (
	"io/fs"
	"os"
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

// stickyKeeps reports whether the folder dir, by its sticky bit, keeps
// this process from replacing or removing file in it: then only the
// file's owner, the folder's or root may.
func stickyKeeps(dir, file fs.FileInfo) bool {
	d, dok := dir.Sys().(*syscall.Stat_t)
	f, fok := file.Sys().(*syscall.Stat_t)
	uid := uint32(os.Geteuid())
	return dir.Mode()&fs.ModeSticky != 0 && dok && fok && uid != 0 && d.Uid != uid && f.Uid != uid
}
