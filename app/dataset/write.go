package dataset

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// Replace replaces a dataset file with data: written in full to a
// temporary file in the same directory, then renamed over it, so that a
// reader (or a crash) never sees half a dataset. The file keeps its
// permissions, its owner and its group (a host that runs as another user
// than the one replacing it must still read it): when this process may
// not give the new file the owner and group, it is an *OwnerError, and
// the file is left as it was. A symbolic link keeps pointing at the file
// it named.
func Replace(name string, data []byte) error { return ReplaceUnchanged(name, data, nil) }

// ErrChangedMeanwhile is ReplaceUnchanged's error when the file no longer
// holds what it was given as holding.
var ErrChangedMeanwhile = errors.New("the file changed meanwhile")

// ReplaceUnchanged is Replace, which replaces the file only if it still
// holds was (unless was is nil), read again once data is written in full
// beside it, right before the rename: a save from an editor in the
// meantime is not written over, and the error wraps ErrChangedMeanwhile.
func ReplaceUnchanged(name string, data, was []byte) error {
	target, err := filepath.EvalSymlinks(name)
	if err != nil {
		return fmt.Errorf("writing %s: %w", name, err)
	}
	fi, err := os.Stat(target)
	if err != nil {
		return fmt.Errorf("writing %s: %w", name, err)
	}
	tmp, err := writeTemp(target, data, fi.Mode().Perm(), fi, name, true)
	if err != nil {
		return err
	}
	if was != nil {
		if now, err := os.ReadFile(target); err != nil || !bytes.Equal(now, was) {
			return errors.Join(fmt.Errorf("replacing %s: %w", name, ErrChangedMeanwhile), err, os.Remove(tmp))
		}
	}
	if err := os.Rename(tmp, target); err != nil {
		return errors.Join(fmt.Errorf("replacing %s: %w", name, err), os.Remove(tmp))
	}
	return nil
}

// Create writes a new dataset file, complete or not at all, and never over
// a file that exists: it is written in full beside its place, then linked
// into it, which fails if the name has been taken meanwhile. It is
// readable by all (0644), and owned as the folder it is in is, like the
// files others put there, when this process may give it that owner (run
// as root); otherwise it is this process's own.
func Create(name string, data []byte) error {
	dir := filepath.Dir(name)
	fi, err := os.Stat(dir)
	if err != nil {
		return fmt.Errorf("creating %s: %w", name, err)
	}
	tmp, err := writeTemp(name, data, 0o644, fi, dir, false)
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

// CreateFolder makes the folder dir, for a new dataset, in a folder that
// exists, and owned as that folder is when this process may give it that
// owner, as Create does a file.
func CreateFolder(dir string) (err error) {
	parent := filepath.Dir(filepath.Clean(dir))
	fi, err := os.Stat(parent)
	if err != nil {
		return fmt.Errorf("creating the folder %s: %w", dir, err)
	}
	if err := os.Mkdir(dir, 0o755); err != nil {
		return fmt.Errorf("creating the folder %s: %w", dir, err)
	}
	defer func() {
		if err != nil {
			err = errors.Join(err, os.Remove(dir))
		}
	}()
	f, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("creating the folder %s: %w", dir, err)
	}
	err = keepOwner(f, fi, parent, false)
	if cerr := f.Close(); err == nil && cerr != nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("creating the folder %s: %w", dir, err)
	}
	return nil
}

// OwnerError is a file that cannot be replaced, as the new file would not
// have its owner and group: only root may give a file to another user.
type OwnerError struct {
	Name  string // the file
	Owner string // its owner and group
	Would string // those the new file would have
	User  string // the user this process runs as
}

func (e *OwnerError) Error() string {
	return fmt.Sprintf("%s belongs to %s, and this user, %s, cannot give its new copy that owner and group: the copy would belong to %s, and a program that reads the file as its owner or group (such as the host serving it) might no longer be allowed to; run the command as the file's owner, or as root (sudo), which keeps them",
		e.Name, e.Owner, e.User, e.Would)
}

// writeTemp writes data to a new temporary file beside target, synced to
// disk, and returns its name. The file has the mode perm, and the owner
// and group of like, the file or folder likeName (keepOwner, which strict
// is passed to).
func writeTemp(target string, data []byte, perm os.FileMode, like fs.FileInfo, likeName string, strict bool) (name string, err error) {
	dir := filepath.Dir(target)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(target)+".*.tmp")
	if err != nil {
		// Named by the folder the publisher knows, not by the hidden
		// temporary file's name.
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		if errors.Is(err, fs.ErrPermission) {
			return "", fmt.Errorf("writing %s: this user may not write into its folder %s (%w): make the folder writable for this user, or run the command as its owner", target, dir, err)
		}
		return "", fmt.Errorf("writing %s: cannot write into its folder %s (%w)", target, dir, err)
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
	// The owner first: a file that cannot have it is not written.
	if err := keepOwner(tmp, like, likeName, strict); err != nil {
		return "", err
	}
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
