//go:build !(js && wasm)

// Package hostproc runs the Dateline host program (bin/dateline) as a child
// process for the benchmark (bench/) and the browser tests (tests/browser/):
// it starts the host, reads its log until the "serving" line says where it
// listens, and stops it again, first politely and then by force.
package hostproc

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"time"
)

// StopGrace is how long Terminate waits after its signal before it kills
// the process.
const StopGrace = 5 * time.Second

// maxLog bounds how much of the host's log a Host keeps.
const maxLog = 1 << 20

// servingLine is the host's ready line: "serving N articles from F,
// version V, on http://ADDR (ready in D)".
var servingLine = regexp.MustCompile(`serving .* version (\S*), on (http://\S+) \(ready in ([^)]+)\)`)

// Host is one running host process, started by Start.
type Host struct {
	URL     string        // where it serves: http://HOST:PORT, no trailing slash
	Version string        // the version its serving line names
	Started time.Duration // from starting the process to its serving line
	ReadyIn time.Duration // the start-up time the host itself reports

	cmd     *exec.Cmd
	done    chan struct{} // closed when the process has exited
	waitErr error         // what Wait returned; set before done is closed
	mu      sync.Mutex
	log     bytes.Buffer
}

// Start runs bin with args (all of them, the listening address included),
// with stdout discarded, stderr kept as its log, and the process tied to
// this one's life (DieWithParent). It returns once the host has printed
// its serving line, or fails if the host exits first, prints none within
// limit, or ctx ends; in the last two cases it stops the host.
func Start(ctx context.Context, bin string, args []string, limit time.Duration) (*Host, error) {
	h := &Host{cmd: exec.Command(bin, args...), done: make(chan struct{})}
	h.cmd.Stdout = io.Discard
	DieWithParent(h.cmd)
	pipe, err := h.cmd.StderrPipe()
	if err != nil {
		return nil, fmt.Errorf("starting %s: %w", bin, err)
	}
	t0 := time.Now()
	if err := h.cmd.Start(); err != nil {
		return nil, fmt.Errorf("starting %s: %w", bin, err)
	}
	type ready struct {
		at                   time.Duration
		version, url, readyS string
	}
	readyc := make(chan ready, 1)
	go func() {
		sc := bufio.NewScanner(pipe)
		sc.Buffer(make([]byte, 64<<10), maxLog)
		for sc.Scan() {
			line := sc.Text()
			at := time.Since(t0)
			h.addLog(line)
			if m := servingLine.FindStringSubmatch(line); m != nil {
				select {
				case readyc <- ready{at, m[1], m[2], m[3]}:
				default:
				}
			}
		}
		if err := sc.Err(); err != nil {
			h.addLog("hostproc: reading the log: " + err.Error())
			// Keep the pipe drained, or the host blocks on its next write.
			if _, err := io.Copy(io.Discard, pipe); err != nil {
				h.addLog("hostproc: reading the log: " + err.Error())
			}
		}
		h.waitErr = h.cmd.Wait()
		close(h.done)
	}()
	command := strings.Join(append([]string{bin}, args...), " ")
	fail := func(err error) (*Host, error) {
		if stopErr := h.Stop(); stopErr != nil {
			err = errors.Join(err, stopErr)
		}
		return nil, err
	}
	select {
	case r := <-readyc:
		h.Started, h.Version, h.URL = r.at, r.version, strings.TrimRight(r.url, "/")
		if h.ReadyIn, err = time.ParseDuration(r.readyS); err != nil {
			return fail(fmt.Errorf("%s: reading the ready time of its serving line: %w", command, err))
		}
		return h, nil
	case <-h.done:
		return nil, fmt.Errorf("%s exited before serving (%s):\n%s", command, h.exitState(), h.Log())
	case <-time.After(limit):
		return fail(fmt.Errorf("%s printed no serving line within %s:\n%s", command, limit, h.Log()))
	case <-ctx.Done():
		return fail(fmt.Errorf("%s: waiting for the serving line: %w", command, ctx.Err()))
	}
}

// exitState describes how the exited process ended: its exit status, and
// any other error of Wait (such as a failed copy of its output).
func (h *Host) exitState() string {
	state := h.cmd.ProcessState.String()
	var exitErr *exec.ExitError
	if h.waitErr != nil && !errors.As(h.waitErr, &exitErr) {
		state += "; " + h.waitErr.Error()
	}
	return state
}

// addLog appends one line to the kept log, up to maxLog bytes.
func (h *Host) addLog(line string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.log.Len() < maxLog {
		h.log.WriteString(line + "\n")
	}
}

// Log returns what the host has written to stderr so far (its first MiB).
func (h *Host) Log() string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.log.String()
}

// Done is closed when the host process has exited.
func (h *Host) Done() <-chan struct{} { return h.done }

// Cmd is the host's command, for its Process (to read the PID, or to kill
// the host abruptly). It has been started and is being waited for: do not
// call its Start, Run or Wait.
func (h *Host) Cmd() *exec.Cmd { return h.cmd }

// Stop ends the host with Terminate and SIGTERM; it returns once the
// process has exited, or with the error that prevented that.
func (h *Host) Stop() error {
	return Terminate(h.cmd, h.done, syscall.SIGTERM)
}

// Terminate ends a started child process whose exit closes done: it sends
// sig, and kills the process if it is still running StopGrace later. It
// returns once done is closed, or with the error that prevented that. A
// process that has already exited is not an error.
func Terminate(cmd *exec.Cmd, done <-chan struct{}, sig os.Signal) error {
	if cmd.Process == nil {
		return nil
	}
	var signalErr error
	if err := cmd.Process.Signal(sig); err != nil && !errors.Is(err, os.ErrProcessDone) {
		signalErr = fmt.Errorf("stopping %s: sending %v: %w", cmd.Path, sig, err)
	}
	select {
	case <-done:
		return signalErr
	case <-time.After(StopGrace):
	}
	if err := cmd.Process.Kill(); err != nil && !errors.Is(err, os.ErrProcessDone) {
		return errors.Join(signalErr, fmt.Errorf("stopping %s: killing it: %w", cmd.Path, err))
	}
	<-done
	return signalErr
}
