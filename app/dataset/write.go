package dataset

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// Replace replaces a dataset file with data: written in full to a
// temporary file in the same directory, then renamed over it, so that a
// reader (or a crash) never sees half a dataset. The file keeps its
// permissions; a symbolic link keeps pointing at the file it named.
func Replace(name string, data []byte) error {
	target, err := filepath.EvalSymlinks(name)
	if err != nil {
		return fmt.Errorf("writing %s: %w", name, err)
	}
	fi, err := os.Stat(target)
	if err != nil {
		return fmt.Errorf("writing %s: %w", name, err)
	}
	tmp, err := writeTemp(target, data, fi.Mode().Perm())
	if err != nil {
		return err
	}
	if err := os.Rename(tmp, target); err != nil {
		return errors.Join(fmt.Errorf("replacing %s: %w", name, err), os.Remove(tmp))
	}
	return nil
}

// Create writes a new dataset file, complete or not at all, and never over
// a file that exists: it is written in full beside its place, then linked
// into it, which fails if the name has been taken meanwhile.
func Create(name string, data []byte) error {
	tmp, err := writeTemp(name, data, 0o644)
	if err != nil {
		return err
	}
	err = os.Link(tmp, name)
	if rmErr := os.Remove(tmp); err == nil && rmErr != nil {
		err = rmErr
	}
	if err != nil {
		return fmt.Errorf("creating %s: %w", name, err)
	}
	return nil
}

// writeTemp writes data to a new temporary file beside target, synced to
// disk, and returns its name.
func writeTemp(target string, data []byte, perm os.FileMode) (name string, err error) {
	tmp, err := os.CreateTemp(filepath.Dir(target), "."+filepath.Base(target)+".*.tmp")
	if err != nil {
		return "", fmt.Errorf("writing %s: %w", target, err)
	}
	closed := false
	defer func() {
		if err == nil {
			return
		}
		if !closed {
			err = errors.Join(err, tmp.Close())
		}
		err = errors.Join(err, os.Remove(tmp.Name()))
	}()
	if _, err := tmp.Write(data); err != nil {
		return "", fmt.Errorf("writing %s: %w", tmp.Name(), err)
	}
	if err := tmp.Chmod(perm); err != nil {
		return "", fmt.Errorf("writing %s: %w", tmp.Name(), err)
	}
	if err := tmp.Sync(); err != nil {
		return "", fmt.Errorf("writing %s: %w", tmp.Name(), err)
	}
	closed = true
	if err := tmp.Close(); err != nil {
		return "", fmt.Errorf("writing %s: %w", tmp.Name(), err)
	}
	return tmp.Name(), nil
}
