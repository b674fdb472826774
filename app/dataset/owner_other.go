//go:build !unix

package dataset

import (
	"io/fs"
	"os"
)

// keepOwner keeps nothing where files have no Unix owner and group.
func keepOwner(*os.File, fs.FileInfo, string, bool) error { return nil }
