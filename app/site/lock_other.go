//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly)

package site

// lockDir is a no-op where Go has no flock: one export at a time into a
// folder is then the publisher's to keep (README).
func lockDir(string) (func() error, error) {
	return func() error { return nil }, nil
}
