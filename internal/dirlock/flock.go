//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

// Package dirlock holds a folder for one writer at a time: an export into
// its folder, an import into a dataset. The lock is the kernel's (flock)
// on the folder itself: it goes with the process however that ends, and
// leaves no file behind, as a lock file would (and a dataset's file, which
// an import replaces, cannot carry it).
package dirlock

import (
	"errors"
	"fmt"
	"os"
	"syscall"
	"time"
)

// Supported tells whether Lock holds anything on this system.
const Supported = true

// ErrBusy is Lock's error when another process held dir for all of wait.
var ErrBusy = errors.New("held by another process")

// Lock holds dir, waiting up to wait for another process to let it go (0:
// not at all). The returned function releases it.
func Lock(dir string, wait time.Duration) (func() error, error) {
	f, err := os.Open(dir)
	if err != nil {
		return nil, err
	}
	deadline := time.Now().Add(wait)
	for {
		err = syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		if !errors.Is(err, syscall.EWOULDBLOCK) || !time.Now().Before(deadline) {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	if err != nil {
		cerr := f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, errors.Join(fmt.Errorf("%s: %w", dir, ErrBusy), cerr)
		}
		return nil, errors.Join(fmt.Errorf("locking %s: %w", dir, err), cerr)
	}
	return f.Close, nil // closing the folder releases the lock
}
