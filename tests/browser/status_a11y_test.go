//go:build !(js && wasm)

package browser

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/accessibility"
	"github.com/chromedp/chromedp"
)

// axNode is a node of Chromium's accessibility tree, what a screen reader
// is given of the page: its role and name, the politeness of the live
// region it is in ("" outside one) and, for a control that has it, its
// expanded state ("true" or "false").
type axNode struct {
	Role, Name, Description, Live, Expanded string
}

// axTree returns the nodes of the page's accessibility tree that are
// given to assistive technology (not ignored: aria-hidden, display:
// none...), in the tree's order.
func axTree(tb *tab) []axNode {
	tb.t.Helper()
	res, err := chromedp.Call(tb.ctx, accessibility.GetFullAXTree, accessibility.GetFullAXTreeParams{})
	if err != nil {
		tb.t.Fatalf("reading the accessibility tree: %v", err)
	}
	value := func(v *accessibility.Value) string {
		if v == nil || len(v.Value) == 0 {
			return ""
		}
		var x any
		if err := json.Unmarshal(v.Value, &x); err != nil {
			tb.t.Fatalf("an accessibility value %s: %v", v.Value, err)
		}
		return fmt.Sprint(x)
	}
	byID := make(map[accessibility.NodeID]*accessibility.Node, len(res.Nodes))
	for _, n := range res.Nodes {
		byID[n.NodeID] = n
	}
	property := func(n *accessibility.Node, name accessibility.PropertyName) string {
		for _, p := range n.Properties {
			if p.Name == name {
				return value(p.Value)
			}
		}
		return ""
	}
	var out []axNode
	for _, n := range res.Nodes {
		if n.Ignored {
			continue
		}
		a := axNode{Role: value(n.Role), Name: value(n.Name), Description: value(n.Description), Expanded: property(n, accessibility.PropertyNameExpanded)}
		// A live region's root carries its politeness, not the texts in it.
		for m := n; m != nil && a.Live == ""; m = byID[m.ParentID] {
			a.Live = property(m, accessibility.PropertyNameLive)
		}
		out = append(out, a)
	}
	return out
}

// poll calls cond until it is true, for five seconds at most, and tells
// whether it was: the accessibility tree follows the page a frame or two
// later.
func poll(cond func() bool) bool {
	for end := time.Now().Add(5 * time.Second); !cond(); time.Sleep(50 * time.Millisecond) {
		if time.Now().After(end) {
			return false
		}
	}
	return true
}

// readOut is the text a screen reader reads of nodes, browsing: each
// text's name, one a line.
func readOut(nodes []axNode) string {
	var b strings.Builder
	for _, n := range nodes {
		if n.Role == "StaticText" {
			b.WriteString(n.Name + "\n")
		}
	}
	return b.String()
}

// TestStatusReadOnce reads the status line as a screen reader does, in
// Chromium's accessibility tree, once app.wasm has drawn the page anew
// and at each change of state: it is read once (the line on screen and
// its live copy were both read: "Available offline, Available offline"),
// and that once is in a polite live region, so that a change is
// announced. While the site is saved, the copy says so in words: its
// changing figure, out of date as soon as read, is not read.
func TestStatusReadOnce(t *testing.T) {
	t.Parallel()
	h := privateHost(t, "-data", writeDataset(t, "status-once.json", headerDataset()))
	tb := newTab(t, 412, 800)
	tb.do("setting the viewport", viewport(412, 800))
	tb.mustLoad(h.URL+"/", http.StatusOK)
	tb.waitLive()
	tb.waitFor(`"Available offline"`, statusText+`.includes("Available offline")`, 30*time.Second)
	worker := func(msg string) string {
		return `navigator.serviceWorker.dispatchEvent(new MessageEvent("message", {data: {dateline: ` + msg + `}}))`
	}
	for _, step := range []struct {
		what, words, unread string
		// shown is what the line on screen says once tell has run. The
		// worker's own reports can still come (a first visit's last
		// ones, the answer to the page's question once it controls
		// it): tell is run again while the line says otherwise.
		shown, tell string
	}{
		{what: "the site saved, the page drawn anew by app.wasm", words: "Available offline", shown: "Available offline"},
		{what: "saving, at 30%", words: "Saving for offline", unread: "30", shown: "Saving for offline 30%",
			tell: worker(`{type: "cache-progress", done: 30, total: 100}`)},
		{what: "saving, at 60%", words: "Saving for offline", unread: "60", shown: "Saving for offline 60%",
			tell: worker(`{type: "cache-progress", done: 60, total: 100}`)},
		{what: "saved again", words: "Available offline", shown: "Available offline", tell: worker(`{type: "cache-done"}`)},
		{what: "offline", words: "Offline", shown: "Offline", tell: `window.dispatchEvent(new Event("offline"))`},
	} {
		var said []axNode
		var text string
		poll(func() bool {
			if step.tell != "" && eval[string](tb, statusText) != step.shown {
				eval[chromedp.Void](tb, step.tell)
			}
			said = said[:0]
			nodes := axTree(tb)
			text = readOut(nodes)
			for _, n := range nodes {
				if n.Role == "StaticText" && strings.Contains(n.Name, step.words) {
					said = append(said, n)
				}
			}
			return len(said) == 1 && said[0].Live == "polite" && (step.unread == "" || !strings.Contains(text, step.unread+"%"))
		})
		switch {
		case len(said) != 1:
			t.Errorf("%s: %q is read %d times, want once; the page reads:\n%s", step.what, step.words, len(said), text)
		case said[0].Live != "polite":
			t.Errorf("%s: %q is read from outside a polite live region (live %q): a change would not be announced", step.what, step.words, said[0].Live)
		}
		if step.unread != "" && strings.Contains(text, step.unread+"%") {
			t.Errorf("%s: the figure %s%% is read; the page reads:\n%s", step.what, step.unread, text)
		}
	}
	tb.checkConsole(nil)
}
