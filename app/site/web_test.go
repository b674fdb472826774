package site_test

import (
	"dateline/internal/htmltest"
	"fmt"
	"net/http"
	"os"
	"strings"
	"testing"
)

// TestWeb runs the HTTP expectations of testdata/web.txt against a site
// served over real HTTP. The file's first lines describe its format.
func TestWeb(t *testing.T) {
	ts := newTestServer(t, testDataset(t), testWeb(t, nil))
	text, err := os.ReadFile("testdata/web.txt")
	if err != nil {
		t.Fatal(err)
	}
	cases, err := parseWebCases(string(text))
	if err != nil {
		t.Fatal(err)
	}
	expand := strings.NewReplacer("{data}", ts.DataBase, "{version}", ts.Version).Replace
	for _, c := range cases {
		t.Run(fmt.Sprintf("%d_%s_%s", c.line, c.method, c.target), func(t *testing.T) {
			r := ts.do(t, c.method, expand(c.target), c.header)
			if err := checkSecurityHeaders(r.header); err != nil {
				t.Errorf("web.txt:%d: %v", c.line, err)
			}
			var root *htmltest.Node
			for _, ch := range c.checks {
				if ch.verb == "html" && root == nil {
					body, err := r.decoded()
					if err != nil {
						t.Fatalf("web.txt:%d: %v", ch.line, err)
					}
					root = htmltest.Parse(t, string(body))
				}
				if err := ch.run(r, root, expand); err != nil {
					t.Errorf("web.txt:%d: %s: %v", ch.line, ch.text, err)
				}
			}
		})
	}
}

// webCase is one request of web.txt with the checks on its response.
type webCase struct {
	line           int
	method, target string
	header         http.Header
	checks         []webCheck
}

// webCheck is one line of expectations.
type webCheck struct {
	line int
	text string
	verb string   // code, header, body, rawbody, html
	args []string // the words before the operator
	op   string   // ==, contains, !contains, absent, empty
	want string
}

func parseWebCases(text string) ([]webCase, error) {
	var cases []webCase
	var cur *webCase
	for i, line := range strings.Split(text, "\n") {
		n := i + 1
		line = strings.TrimSpace(line)
		switch {
		case line == "":
			cur = nil
			continue
		case strings.HasPrefix(line, "#"):
			continue
		case cur == nil:
			method, target, ok := strings.Cut(line, " ")
			if !ok || method != strings.ToUpper(method) {
				return nil, fmt.Errorf("web.txt:%d: want a request line such as GET /path, found %q", n, line)
			}
			cases = append(cases, webCase{line: n, method: method, target: strings.TrimSpace(target), header: http.Header{}})
			cur = &cases[len(cases)-1]
			continue
		}
		if rest, ok := strings.CutPrefix(line, "req "); ok {
			name, value, ok := strings.Cut(rest, ":")
			if !ok {
				return nil, fmt.Errorf("web.txt:%d: want req Name: value", n)
			}
			cur.header.Add(strings.TrimSpace(name), strings.TrimSpace(value))
			continue
		}
		ch, err := parseWebCheck(line)
		if err != nil {
			return nil, fmt.Errorf("web.txt:%d: %v", n, err)
		}
		ch.line = n
		cur.checks = append(cur.checks, ch)
	}
	return cases, nil
}

func parseWebCheck(line string) (webCheck, error) {
	ch := webCheck{text: line}
	words := strings.Fields(line)
	ch.verb = words[0]
	for i := 1; i < len(words); i++ {
		switch w := words[i]; w {
		case "==", "contains", "!contains":
			ch.op = w
			// The value is the rest of the line as written.
			_, ch.want, _ = strings.Cut(line, " "+w+" ")
			return ch, ch.valid()
		case "absent", "empty":
			ch.op = w
			return ch, ch.valid()
		default:
			ch.args = append(ch.args, w)
		}
	}
	return ch, fmt.Errorf("no operator (==, contains, !contains, absent, empty) in %q", line)
}

func (ch webCheck) valid() error {
	n := len(ch.args)
	ok := false
	switch ch.verb {
	case "code":
		ok = n == 0 && ch.op == "=="
	case "header":
		ok = n == 1
	case "body", "rawbody":
		ok = n == 0
	case "html":
		ok = n >= 1 && ch.op != "absent"
	}
	if !ok {
		return fmt.Errorf("malformed check %q", ch.text)
	}
	return nil
}

func (ch webCheck) run(r reply, root *htmltest.Node, expand func(string) string) error {
	want := expand(ch.want)
	switch ch.verb {
	case "code":
		if got := fmt.Sprint(r.status); got != want {
			return fmt.Errorf("status %s", got)
		}
		return nil
	case "header":
		values, present := r.header[http.CanonicalHeaderKey(ch.args[0])]
		if ch.op == "absent" {
			if present {
				return fmt.Errorf("present: %q", values)
			}
			return nil
		}
		return compare(ch.op, strings.Join(values, ", "), want)
	case "rawbody":
		return compare(ch.op, string(r.raw), want)
	case "body":
		body, err := r.decoded()
		if err != nil {
			return err
		}
		return compare(ch.op, string(body), want)
	case "html":
		return ch.runHTML(root, want)
	}
	return fmt.Errorf("unknown check")
}

// runHTML checks "html TAG [key=value...] [ATTR] OP VALUE": exactly one
// element matches the tag and filters (and has ATTR, when given), and its
// attribute ATTR (or its text, white space collapsed, without ATTR)
// compares to VALUE.
func (ch webCheck) runHTML(root *htmltest.Node, want string) error {
	tag, attr := ch.args[0], ""
	type filter struct{ key, value string }
	var filters []filter
	for _, a := range ch.args[1:] {
		if k, v, ok := strings.Cut(a, "="); ok {
			filters = append(filters, filter{k, v})
		} else {
			attr = a
		}
	}
	var found []*htmltest.Node
	for _, e := range root.All(tag) {
		match := true
		for _, f := range filters {
			match = match && e.Attrs[f.key] == f.value
		}
		if _, has := e.Attrs[attr]; attr != "" && !has {
			match = false
		}
		if match {
			found = append(found, e)
		}
	}
	if len(found) != 1 {
		return fmt.Errorf("%d matching elements, want 1", len(found))
	}
	got := found[0].TextContent()
	if attr != "" {
		v, ok := found[0].Attrs[attr]
		if !ok {
			return fmt.Errorf("no attribute %s", attr)
		}
		got = v
	}
	return compare(ch.op, got, want)
}

func compare(op, got, want string) error {
	var ok bool
	switch op {
	case "==":
		ok = got == want
	case "contains":
		ok = strings.Contains(got, want)
	case "!contains":
		ok = !strings.Contains(got, want)
	case "empty":
		ok = got == ""
	}
	if ok {
		return nil
	}
	const max = 300
	if len(got) > max {
		got = got[:max] + "…"
	}
	return fmt.Errorf("got %q", got)
}
