//go:build !(js && wasm)

package main

import (
	"fmt"
	"io"
	"math"
	"slices"
	"strings"
)

// report is the markdown the bench prints, and the targets it has judged.
type report struct {
	w       io.Writer
	targets []verdict
}

func (r *report) printf(format string, args ...any) {
	fmt.Fprintf(r.w, format, args...)
}

// verdict is one target, met or missed. Targets are reported, never
// asserted: the bench does not fail on a miss.
type verdict struct {
	name     string // what is measured
	goal     string // the target, as a reader reads it
	measured string
	met      bool
	margin   string // how far from the goal, either way
}

// judge records a target where smaller is better: measured <= limit.
// unit formats a value of the measure.
func (r *report) judge(name, goal string, measured, limit float64, unit func(float64) string) {
	r.record(name, goal, measured, limit-measured, unit)
}

// judgeAtLeast records a target where larger is better: measured >= limit.
func (r *report) judgeAtLeast(name, goal string, measured, limit float64, unit func(float64) string) {
	r.record(name, goal, measured, measured-limit, unit)
}

// record adds a verdict; spare is how far measured is on the good side of
// the limit (negative: by how much it missed).
func (r *report) record(name, goal string, measured, spare float64, unit func(float64) string) {
	v := verdict{name: name, goal: goal, measured: unit(measured), met: spare >= 0}
	switch {
	case math.IsNaN(measured):
		v.measured, v.met = "not measured", false
	case spare > 0:
		v.margin = unit(spare) + " to spare"
	case spare < 0:
		v.margin = "by " + unit(-spare)
	}
	r.targets = append(r.targets, v)
}

// note records a target judged by hand: met or not, with a margin text.
func (r *report) note(name, goal, measured string, met bool, margin string) {
	r.targets = append(r.targets, verdict{name: name, goal: goal, measured: measured, met: met, margin: margin})
}

func (r *report) writeTargets() {
	if len(r.targets) == 0 {
		return
	}
	r.printf("\n### Targets\n\nReported, never asserted. Medians of the runs above.\n\n")
	t := newTable("Target", "Goal", "Measured", "Status")
	for _, v := range r.targets {
		status := "**missed**"
		if v.met {
			status = "met"
		}
		if v.margin != "" {
			status += " (" + v.margin + ")"
		}
		t.add(v.name, v.goal, v.measured, status)
	}
	t.write(r)
}

// table is a markdown table.
type table struct {
	head []string
	rows [][]string
}

func newTable(head ...string) *table { return &table{head: head} }

func (t *table) add(cells ...string) { t.rows = append(t.rows, cells) }

func (t *table) write(r *report) {
	line := func(cells []string) {
		r.printf("| %s |\n", strings.Join(cells, " | "))
	}
	line(t.head)
	sep := make([]string, len(t.head))
	for i := range sep {
		sep[i] = "---"
	}
	line(sep)
	for _, row := range t.rows {
		line(row)
	}
	r.printf("\n")
}

// samples are the values of one measure over the runs.
type samples []float64

func (s samples) sorted() []float64 {
	c := slices.Clone([]float64(s))
	c = slices.DeleteFunc(c, math.IsNaN)
	slices.Sort(c)
	return c
}

// median is the middle value, NaN when there is none.
func (s samples) median() float64 {
	c := s.sorted()
	switch n := len(c); {
	case n == 0:
		return math.NaN()
	case n%2 == 1:
		return c[n/2]
	default:
		return (c[n/2-1] + c[n/2]) / 2
	}
}

func (s samples) min() float64 {
	c := s.sorted()
	if len(c) == 0 {
		return math.NaN()
	}
	return c[0]
}

func (s samples) max() float64 {
	c := s.sorted()
	if len(c) == 0 {
		return math.NaN()
	}
	return c[len(c)-1]
}

// percentile is the nearest-rank p-th percentile (0 < p ≤ 100): the
// smallest value that at least p% of the values do not exceed. NaN when
// there is no value.
func (s samples) percentile(p float64) float64 {
	c := s.sorted()
	if len(c) == 0 {
		return math.NaN()
	}
	k := int(math.Ceil(p/100*float64(len(c)))) - 1
	return c[max(0, min(k, len(c)-1))]
}

// cell formats the median with the range of the runs: "812 ms (790–850)".
func (s samples) cell(unit func(float64) string) string {
	if len(s.sorted()) == 0 {
		return "–"
	}
	if len(s.sorted()) == 1 {
		return unit(s.median())
	}
	return fmt.Sprintf("%s (%s–%s)", unit(s.median()), bare(unit(s.min())), bare(unit(s.max())))
}

// bare drops the unit from a formatted value, for ranges: "790 ms" -> "790".
func bare(s string) string {
	if strings.HasSuffix(s, "x") {
		return strings.TrimSuffix(s, "x")
	}
	if i := strings.LastIndexByte(s, ' '); i > 0 {
		return s[:i]
	}
	return s
}

// ratios divides a by b run by run: the pairs were measured side by side.
func ratios(a, b samples) samples {
	var out samples
	for i := range min(len(a), len(b)) {
		if b[i] > 0 && !math.IsNaN(a[i]) && !math.IsNaN(b[i]) {
			out = append(out, a[i]/b[i])
		} else {
			out = append(out, math.NaN())
		}
	}
	return out
}

// Units.

func ms(v float64) string {
	if math.IsNaN(v) {
		return "–"
	}
	if math.Abs(v) >= 100 {
		return fmt.Sprintf("%.0f ms", v)
	}
	return fmt.Sprintf("%.1f ms", v)
}

// formatted is a unit: v printed with format, "–" when there is no value.
func formatted(format string) func(float64) string {
	return func(v float64) string {
		if math.IsNaN(v) {
			return "–"
		}
		return fmt.Sprintf(format, v)
	}
}

var (
	seconds      = formatted("%.2f s")
	ratio        = formatted("%.2fx")
	score        = formatted("%.3f")
	integer      = formatted("%.0f")
	perSecond    = formatted("%.0f req/s")
	microseconds = formatted("%.1f µs")
)

// kB formats bytes in decimal kilobytes (1 kB = 1000 bytes), or megabytes
// from 1 MB.
func kB(v float64) string {
	switch {
	case math.IsNaN(v):
		return "–"
	case math.Abs(v) >= 1e6:
		return fmt.Sprintf("%.3f MB", v/1e6)
	default:
		return fmt.Sprintf("%.1f kB", v/1e3)
	}
}

// mB formats bytes in decimal megabytes.
func mB(v float64) string {
	if math.IsNaN(v) {
		return "–"
	}
	return fmt.Sprintf("%.1f MB", v/1e6)
}

// byteCount formats an exact byte count with thousands separators.
func byteCount(v float64) string {
	if math.IsNaN(v) {
		return "–"
	}
	s := fmt.Sprintf("%.0f", v)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if neg {
		return "-" + b.String() + " B"
	}
	return b.String() + " B"
}
