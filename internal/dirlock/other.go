//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly)

package dirlock

import (
	"errors"
	"time"
)

// Supported tells whether Lock holds anything on this system: not here,
// where Go has no flock (Windows among them). One writer at a time is then
// the publisher's to keep (README).
const Supported = false

// ErrBusy is Lock's error when another process held dir for all of wait.
var ErrBusy = errors.New("held by another process")

// Lock holds nothing here.
func Lock(string, time.Duration) (func() error, error) {
	return func() error { return nil }, nil
}
