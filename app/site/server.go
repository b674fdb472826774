package site

import (
	"net/http"
	"time"
)

// NewServer is the HTTP server the host serves h with: net/http with the
// deadlines a server open to the public needs, so that a client that
// sends its request slowly, or stops reading, or keeps a connection idle,
// does not hold it for ever. make bench (section d) runs Go's floor with
// the same server, to tell the cost of these deadlines from the site's.
func NewServer(h http.Handler) *http.Server {
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       10 * time.Second,
		// A response's deadline, from its request. A large body gets a
		// deadline per piece instead (writeBody), so that a slow network
		// gets app.wasm whole.
		WriteTimeout:   30 * time.Second,
		IdleTimeout:    120 * time.Second,
		MaxHeaderBytes: 64 << 10,
	}
}
