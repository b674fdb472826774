//go:build !unix

package site

import "io/fs"

// openNonblock is no flag where the system has no named pipes to open.
const openNonblock = 0

// folderKind has nothing to tell folders apart by here: each is tried.
func folderKind(fs.FileInfo) (any, bool) { return nil, false }

// stickyKeeps is false where folders have no sticky bit to keep a file.
func stickyKeeps(dir, file fs.FileInfo) bool { return false }
