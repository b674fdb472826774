//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package site

import (
	"errors"
	"fmt"
	"os"
	"syscall"
)

// lockDir holds dir for one export at a time: a second export into the
// folder while one runs would take the first's staging folder for a
// leftover and remove it, and both would then write into the same place.
// The lock is the kernel's (flock) on the folder itself: it goes with the
// process however that ends, and leaves no file behind. The returned
// function releases it.
func lockDir(dir string) (func() error, error) {
	f, err := os.Open(dir)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		cerr := f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, errors.Join(fmt.Errorf("another export is writing %s: wait for it to end, then export again", dir), cerr)
		}
		return nil, errors.Join(fmt.Errorf("locking %s: %w", dir, err), cerr)
	}
	return f.Close, nil // closing the folder releases the lock
}
