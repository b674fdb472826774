//go:build !(js && wasm)

package main

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/chromedp/chromedp"
)

// searchFloorPieces are the markup of Dateline's search page as its app
// drew it, cut into what bench/floorapp/search.go draws: the skip link, the
// header, <main>'s content without a query and with the cached query's
// results, and the footer.
type searchFloorPieces [5]string

// drawnPieces reads the page as drawn (the element go-app renders into)
// in four of the pieces: content is <main>'s one element.
const drawnPieces = `(() => {
  const app = document.querySelector("body > div.app");
  const kids = app ? [...app.children] : [];
  const main = kids[2];
  if (kids.length !== 4 || kids[0].localName !== "a" || kids[1].localName !== "header" || main.localName !== "main" ||
      kids[3].localName !== "footer" || main.childNodes.length !== 1 || main.firstChild.nodeType !== 1) {
    return JSON.stringify({error: "the page is not a skip link, a header, a <main> of one element and a footer: " +
      (app ? app.outerHTML.slice(0, 400) : "no div.app")});
  }
  return JSON.stringify({skip: kids[0].outerHTML, header: kids[1].outerHTML, content: main.firstChild.outerHTML,
    footer: kids[3].outerHTML});
})()`

// drawnPage is one reading of drawnPieces.
type drawnPage struct {
	Error                         string
	Skip, Header, Content, Footer string
}

// readDrawn reads the page on screen as drawnPieces cuts it.
func readDrawn(ctx context.Context) (drawnPage, error) {
	var d drawnPage
	raw, err := chromedp.Run(ctx, chromedp.Evaluate[string](drawnPieces))
	if err != nil {
		return d, fmt.Errorf("reading the page as drawn: %w", err)
	}
	if err := json.Unmarshal([]byte(raw), &d); err != nil {
		return d, fmt.Errorf("reading the page as drawn: %w", err)
	}
	if d.Error != "" {
		return d, fmt.Errorf("reading the page as drawn: %s", d.Error)
	}
	return d, nil
}

// searchFloorSession opens the search floor's /search in a fresh Chromium
// and times the cached query the way a Dateline session does (datelineQuery:
// typed into the header's box, the form submitted, drawn when the heading
// and the list show it, laid out), cachedRepeats times after clearing the
// search each time, and returns those times. One query before them, not
// counted, leaves the page on the results the first clearing leaves.
func searchFloorSession(ctx context.Context, cfg *config, url, q string) (samples, error) {
	b, err := newBrowser(ctx, cfg)
	if err != nil {
		return nil, err
	}
	defer b.close()
	tctx, cancel := context.WithTimeout(b.ctx, 2*time.Minute)
	defer cancel()
	if err := chromedp.Do(tctx, chromedp.EmulateViewport(viewportWidth, viewportHeight, chromedp.EmulateMobile)); err != nil {
		return nil, fmt.Errorf("preparing the tab: %w", err)
	}
	if err := chromedp.Do(tctx, chromedp.Navigate(url+"/search")); err != nil {
		return nil, fmt.Errorf("loading %s: %w", url, err)
	}
	if err := waitAppLive(tctx, 20*time.Millisecond); err != nil {
		return nil, fmt.Errorf("%s: waiting for the app to be live: %w", url, err)
	}
	if _, err := chromedp.Run(tctx, chromedp.Evaluate[string](
		`window.__emptyNote = (document.querySelector(".search-note") || {}).textContent || ""`)); err != nil {
		return nil, fmt.Errorf("%s: reading the search page: %w", url, err)
	}
	ask := func(q string) (queryResult, error) {
		var res queryResult
		raw, err := chromedp.Run(tctx, chromedp.Evaluate[string]("("+datelineQuery+")("+jsString(q)+")", chromedp.EvalAwaitPromise))
		if err != nil {
			return res, fmt.Errorf("%s: query %q: %w", url, q, err)
		}
		if err := json.Unmarshal([]byte(raw), &res); err != nil {
			return res, fmt.Errorf("%s: query %q: decoding %s: %w", url, q, raw, err)
		}
		if !res.Sync && q != "" {
			return res, fmt.Errorf("%s: query %q: not drawn in the search's own task", url, q)
		}
		return res, sleep(tctx, 100*time.Millisecond)
	}
	if _, err := ask(q); err != nil {
		return nil, err
	}
	var times samples
	for range cachedRepeats {
		if _, err := ask(""); err != nil {
			return nil, err
		}
		res, err := ask(q)
		if err != nil {
			return nil, err
		}
		times = append(times, res.MS)
	}
	return times, nil
}
