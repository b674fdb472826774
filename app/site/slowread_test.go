package site

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

// smallBuffers gives each accepted connection a small send buffer, as a
// slow network's few packets in flight would: the server's writes then
// wait for the reader, where loopback's buffers would take a whole
// response at once.
type smallBuffers struct{ net.Listener }

func (l smallBuffers) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	if err := c.(*net.TCPConn).SetWriteBuffer(32 << 10); err != nil {
		c.Close()
		return nil, fmt.Errorf("setting the send buffer: %w", err)
	}
	return c, nil
}

// slowGet asks for the response over a connection with a small receive
// buffer and reads its body 32 kB at a time at most, pausing after each
// read; after
// stopAt bytes it stops reading for stopFor. It returns the body it got,
// and the error that ended it (nil when the body came whole).
func slowGet(t *testing.T, addr string, pause time.Duration, stopAt int, stopFor time.Duration) ([]byte, error) {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if err := c.(*net.TCPConn).SetReadBuffer(32 << 10); err != nil {
		t.Fatal(err)
	}
	if _, err := io.WriteString(c, "GET /big HTTP/1.1\r\nHost: test\r\n\r\n"); err != nil {
		t.Fatal(err)
	}
	res, err := http.ReadResponse(bufio.NewReaderSize(c, 32<<10), nil)
	if err != nil {
		t.Fatalf("reading the response's head: %v", err)
	}
	defer res.Body.Close()
	var got bytes.Buffer
	piece := make([]byte, 32<<10)
	for {
		if got.Len() >= stopAt && stopFor > 0 {
			time.Sleep(stopFor)
			stopFor = 0
		}
		n, err := res.Body.Read(piece)
		got.Write(piece[:n])
		if err == io.EOF {
			return got.Bytes(), nil
		}
		if err != nil {
			return got.Bytes(), err
		}
		time.Sleep(pause)
	}
}

// TestSlowReader checks that a reader on a slow network gets a large body
// whole, long after the server's WriteTimeout has passed, as long as it
// keeps reading; and that one that stops reading is cut off. Before
// writeBody, the first was cut off at the WriteTimeout: app.wasm, 30 s
// into its download at 40 kB/s.
func TestSlowReader(t *testing.T) {
	defer func(d time.Duration) { writeStall = d }(writeStall)
	// Two seconds a piece: a steady reader on a loaded machine (a load of
	// 28 on two cores) took more than one for a piece of 256 kB.
	writeStall = 2 * time.Second

	body := bytes.Repeat([]byte("plainly synthetic bytes, sent slowly. "), 6*writePiece/38) // six pieces
	res, err := newResponse(http.StatusOK, "application/octet-stream", immutable, body)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewUnstartedServer(http.HandlerFunc(res.serve))
	srv.Listener = smallBuffers{srv.Listener}
	srv.Config.WriteTimeout = 200 * time.Millisecond
	srv.Start()
	defer srv.Close()
	addr := srv.Listener.Addr().String()

	// A read of up to 32 kB every 20 ms: the whole body takes some five
	// WriteTimeouts, each piece a fraction of writeStall.
	start := time.Now()
	got, err := slowGet(t, addr, 20*time.Millisecond, 0, 0)
	took := time.Since(start)
	if err != nil || !bytes.Equal(got, body) {
		t.Fatalf("a steady slow reader got %d of %d bytes in %s (%v); want the whole body", len(got), len(body), took, err)
	}
	if took <= srv.Config.WriteTimeout {
		t.Fatalf("the body came in %s, within the WriteTimeout (%s): the test did not read slowly", took, srv.Config.WriteTimeout)
	}

	// Stopping for three stalls after 64 kB: the connection is cut.
	got, err = slowGet(t, addr, 0, 64<<10, 3*writeStall)
	if err == nil {
		t.Fatalf("a reader that stopped for %s got the whole body; want it cut off after %s", 3*writeStall, writeStall)
	}
	if len(got) >= len(body) {
		t.Fatalf("a reader that stopped got %d bytes of %d", len(got), len(body))
	}
}
