//go:build !unix

package site

// openNonblock is no flag where the system has no named pipes to open.
const openNonblock = 0
