//go:build !(js && wasm)

package main

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/chromedp/chromedp"
)

// navFloorSteps is how many navigations each session of the floor times,
// after navFloorWarm uncounted ones.
const (
	navFloorSteps = 12
	navFloorWarm  = 2
)

// navFloorScript navigates go-app's empty app (built with -tags navfloor)
// between / and /next with goappNav, the function reader.js sends
// Dateline's search form to, and times each from the call until the
// heading shows the new path, laid out: what a navigation that brings new
// state costs in go-app before any of the page's own work.
const navFloorScript = `(async (steps) => {
  const h1 = document.querySelector("h1");
  const out = [];
  for (let i = 0; i < steps; i++) {
    const path = i % 2 === 0 ? "/next" : "/";
    const ms = await new Promise((resolve, reject) => {
      const timer = setTimeout(() => { mo.disconnect(); reject(new Error("the heading did not become " + path + " within 5 s")); }, 5000);
      const mo = new MutationObserver(() => {
        if (h1.textContent !== path) return;
        void document.documentElement.offsetHeight; // laid out, as the searches are
        const now = performance.now();
        mo.disconnect();
        clearTimeout(timer);
        resolve(now - start);
      });
      mo.observe(h1, {subtree: true, childList: true, characterData: true});
      const start = performance.now();
      goappNav(path);
    });
    out.push(ms);
    await new Promise((r) => setTimeout(r, 100));
  }
  return JSON.stringify(out);
})`

// navigationFloor times navigations in go-app's empty app, runs sessions
// of a fresh Chromium each: the floor under a cached search's time, which
// goes through go-app's navigation the same way.
func navigationFloor(ctx context.Context, cfg *config, runs int) (samples, error) {
	f, err := startFloor(ctx, cfg, "navfloor")
	if err != nil {
		return nil, err
	}
	defer f.stop()
	var all samples
	for i := range runs {
		progress("search: go-app's navigation floor, session %d/%d", i+1, runs)
		got, err := navFloorSession(ctx, cfg, f.proc.URL)
		if err != nil {
			return nil, fmt.Errorf("go-app's navigation floor: %w", err)
		}
		all = append(all, got...)
	}
	return all, nil
}

func navFloorSession(ctx context.Context, cfg *config, url string) (samples, error) {
	b, err := newBrowser(ctx, cfg)
	if err != nil {
		return nil, err
	}
	defer b.close()
	tctx, cancel := context.WithTimeout(b.ctx, time.Minute)
	defer cancel()
	if err := chromedp.Do(tctx, chromedp.EmulateViewport(viewportWidth, viewportHeight, chromedp.EmulateMobile)); err != nil {
		return nil, fmt.Errorf("preparing the tab: %w", err)
	}
	if err := chromedp.Do(tctx, chromedp.Navigate(url+"/")); err != nil {
		return nil, fmt.Errorf("loading %s: %w", url, err)
	}
	if err := waitAppLive(tctx, 20*time.Millisecond); err != nil {
		return nil, fmt.Errorf("%s: waiting for the app to be live: %w", url, err)
	}
	raw, err := chromedp.Run(tctx, chromedp.Evaluate[string](fmt.Sprintf("(%s)(%d)", navFloorScript, navFloorWarm+navFloorSteps), chromedp.EvalAwaitPromise))
	if err != nil {
		return nil, fmt.Errorf("%s: navigating: %w", url, err)
	}
	var ms []float64
	if err := json.Unmarshal([]byte(raw), &ms); err != nil {
		return nil, fmt.Errorf("%s: decoding %s: %w", url, raw, err)
	}
	return samples(ms[navFloorWarm:]), nil
}
