//go:build unix

package dataset

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/user"
	"strconv"
	"syscall"
)

// keepOwner gives f, a file this process has just made, the owner and
// group of like, an existing file or folder named likeName (the file f
// replaces, or the folder it goes in), when they differ from the ones f was given. A
// process may not be allowed to (only root can give a file away): strict
// then makes it an error that says so, and otherwise f stays as it is.
func keepOwner(f *os.File, like fs.FileInfo, likeName string, strict bool) error {
	want, ok := like.Sys().(*syscall.Stat_t)
	if !ok {
		return nil // no owner to keep
	}
	fi, err := f.Stat()
	if err != nil {
		return fmt.Errorf("reading the owner of %s: %w", f.Name(), err)
	}
	got, ok := fi.Sys().(*syscall.Stat_t)
	if !ok || got.Uid == want.Uid && got.Gid == want.Gid {
		return nil
	}
	err = f.Chown(int(want.Uid), int(want.Gid))
	switch {
	case err == nil:
		return nil
	case !strict && errors.Is(err, fs.ErrPermission):
		return nil
	case errors.Is(err, fs.ErrPermission):
		return &OwnerError{Name: likeName, Owner: owner(want.Uid, want.Gid), Would: owner(got.Uid, got.Gid), User: userName(os.Geteuid())}
	}
	return fmt.Errorf("giving %s the owner %s: %w", f.Name(), owner(want.Uid, want.Gid), err)
}

// owner names a file's owner and group, "nobody:nogroup (65534:65534)",
// or by number alone where the system has no name for them.
func owner(uid, gid uint32) string {
	u, g := strconv.FormatUint(uint64(uid), 10), strconv.FormatUint(uint64(gid), 10)
	un, gn := u, g
	if found, err := user.LookupId(u); err == nil {
		un = found.Username
	}
	if found, err := user.LookupGroupId(g); err == nil {
		gn = found.Name
	}
	if un == u && gn == g {
		return u + ":" + g
	}
	return un + ":" + gn + " (" + u + ":" + g + ")"
}

// userName names the user with the id uid: "editor (1000)".
func userName(uid int) string {
	id := strconv.Itoa(uid)
	if found, err := user.LookupId(id); err == nil {
		return found.Username + " (" + id + ")"
	}
	return id
}
