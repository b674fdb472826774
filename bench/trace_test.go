//go:build !(js && wasm)

package main

import (
	"encoding/json"
	"maps"
	"strings"
	"testing"
)

// traceOf writes a trace of one renderer main thread that loaded url at
// 1,000 µs and was live at 100,000 µs, with events as given.
func traceOf(t *testing.T, url string, evs ...map[string]any) []byte {
	t.Helper()
	all := []map[string]any{
		{"name": "thread_name", "ph": "M", "pid": 1, "tid": 1, "args": map[string]any{"name": "CrRendererMain"}},
		{"name": "navigationStart", "ph": "R", "pid": 1, "tid": 1, "ts": 1000, "args": map[string]any{"data": map[string]any{"documentLoaderURL": url}}},
		{"name": "ParseHTML", "ph": "X", "pid": 1, "tid": 1, "ts": 2000, "dur": 100, "args": map[string]any{"beginData": map[string]any{"url": url}}},
		{"name": "bench:live", "ph": "R", "pid": 1, "tid": 1, "ts": 100000},
	}
	for _, e := range evs {
		e["ph"], e["pid"], e["tid"] = "X", 1, 1
		all = append(all, e)
	}
	b, err := json.Marshal(map[string]any{"traceEvents": all})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func script(name string, ts, dur float64, url string) map[string]any {
	return map[string]any{"name": name, "ts": ts, "dur": dur, "args": map[string]any{"data": map[string]any{"url": url}}}
}

func TestReadTraceScripts(t *testing.T) {
	const page = "http://127.0.0.1:8080/articles/x"
	for _, c := range []struct {
		scenario string
		evs      []map[string]any
		want     map[string]float64
	}{{
		scenario: "NestedCallsCountOnce",
		evs: []map[string]any{
			script("EvaluateScript", 3000, 4000, "http://127.0.0.1:8080/web/reader.0123456789abcdef01234567.js"),
			script("FunctionCall", 3500, 1000, "http://127.0.0.1:8080/wasm_exec.js"),
			script("FunctionCall", 10000, 2000, "http://127.0.0.1:8080/wasm_exec.0123456789abcdef01234567.js?v=1"),
			script("FunctionCall", 10500, 500, "http://127.0.0.1:8080/app.js"),
			script("EvaluateScript", 20000, 1000, page),
		},
		want: map[string]float64{"reader.js": 4, "wasm_exec.js": 2, "(the page)": 1},
	}, {
		scenario: "CallWithoutArgs",
		evs: []map[string]any{
			{"name": "FunctionCall", "ts": 3000, "dur": 1000},
			script("FunctionCall", 5000, 1000, ""),
		},
		want: map[string]float64{"(none)": 2},
	}} {
		t.Run(c.scenario, func(t *testing.T) {
			mt, err := readTrace(traceOf(t, page, c.evs...), page)
			if err != nil {
				t.Fatal(err)
			}
			if !maps.Equal(mt.scripts, c.want) {
				t.Errorf("scripts = %v, want %v", mt.scripts, c.want)
			}
		})
	}
}

// TestReadTraceBadArgs reads events whose args the trace cannot use: the
// error names the event and where it is.
func TestReadTraceBadArgs(t *testing.T) {
	const page = "http://127.0.0.1:8080/"
	for _, e := range []map[string]any{
		{"name": "FunctionCall", "ts": 4000, "dur": 10, "args": map[string]any{"data": "x"}},
		{"name": "wasm.CompileLazy", "ts": 4000, "dur": 10, "args": map[string]any{"func_name": "f"}},
	} {
		_, err := readTrace(traceOf(t, page, e), page)
		if err == nil || !strings.Contains(err.Error(), e["name"].(string)) || !strings.Contains(err.Error(), "3.0 ms") {
			t.Errorf("%s: err = %v, want one naming the event and where it is (3.0 ms from the navigation)", e["name"], err)
		}
	}
}
