//go:build !unix

package dataset

import (
	"io/fs"
	"os"
)

// openFile opens path for reading.
func openFile(path string) (openedFile, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	return osFile{f}, nil
}

type osFile struct{ *os.File }

// Stat returns the file's size and type.
func (f osFile) Stat() (int64, fs.FileMode, error) {
	fi, err := f.File.Stat()
	if err != nil {
		return 0, 0, err
	}
	return fi.Size(), fi.Mode().Type(), nil
}

// keep holds no file open here: on Windows an open file cannot be
// replaced by a rename or removed, which is how editors and import save a
// dataset. Articles are read at their paths.
func keep(r openedFile) *os.File { return nil }
