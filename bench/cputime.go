//go:build !(js && wasm)

package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"time"
)

// cpuTime is the CPU time, user and system, that the processes have used
// so far (utime and stime of /proc/PID/stat, all threads included).
func cpuTime(pids []int) (time.Duration, error) {
	tick, err := clockTick()
	if err != nil {
		return 0, err
	}
	var total time.Duration
	for _, pid := range pids {
		f, err := procStat(pid)
		if err != nil {
			return 0, err
		}
		// Fields 14 and 15 of stat(5), counted from 1; f starts at 3.
		for _, i := range []int{14 - 3, 15 - 3} {
			n, err := strconv.ParseInt(f[i], 10, 64)
			if err != nil {
				return 0, fmt.Errorf("/proc/%d/stat, field %d: %w", pid, i+3, err)
			}
			total += time.Duration(n) * tick
		}
	}
	return total, nil
}

// procStat returns the fields of /proc/PID/stat after the command's name
// (which may hold spaces), starting with field 3, the state.
func procStat(pid int) ([]string, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return nil, fmt.Errorf("reading the CPU time of process %d: %w", pid, err)
	}
	i := bytes.LastIndexByte(b, ')')
	if i < 0 {
		return nil, fmt.Errorf("/proc/%d/stat: no command name in %q", pid, b)
	}
	f := strings.Fields(string(b[i+1:]))
	if len(f) < 13 {
		return nil, fmt.Errorf("/proc/%d/stat: %d fields after the name, want at least 13", pid, len(f))
	}
	return f, nil
}

// childrenOf returns the processes whose parent is pid: nginx's workers.
func childrenOf(pid int) ([]int, error) {
	entries, err := os.ReadDir("/proc")
	if err != nil {
		return nil, fmt.Errorf("listing processes: %w", err)
	}
	var out []int
	for _, e := range entries {
		child, err := strconv.Atoi(e.Name())
		if err != nil {
			continue // not a process
		}
		f, err := procStat(child)
		if err != nil {
			continue // it ended meanwhile
		}
		if f[1] == strconv.Itoa(pid) { // field 4, the parent
			out = append(out, child)
		}
	}
	return out, nil
}

// clockTick is the unit of /proc's CPU times (getconf CLK_TCK).
var clockTick = sync.OnceValues(func() (time.Duration, error) {
	out, err := exec.Command("getconf", "CLK_TCK").Output()
	if err != nil {
		return 0, fmt.Errorf("getconf CLK_TCK: %w", err)
	}
	hz, err := strconv.Atoi(strings.TrimSpace(string(out)))
	if err != nil || hz <= 0 {
		return 0, fmt.Errorf("getconf CLK_TCK: %q is no tick rate", out)
	}
	return time.Second / time.Duration(hz), nil
})
