//go:build !(js && wasm)

package main

import (
	"context"
	"encoding/base64"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"

	"dateline/internal/hostproc"
)

// floorCached is true once go-app's worker controls the page and its cache
// holds app.wasm. go-app's worker caches without waitUntil and sends no
// message, so the page asks Cache Storage itself, poll after poll.
const floorCached = `(() => {
  caches.keys()
    .then((ks) => Promise.all(ks.map((k) => caches.open(k).then((c) => c.match("/web/app.wasm")))))
    .then((rs) => { window.__floorCached = rs.some(Boolean) && !!navigator.serviceWorker.controller; });
  return window.__floorCached === true;
})()`

// floor is go-app's empty app (bench/floorapp), built and running.
type floor struct {
	dir      string // its web/ directory's parent, removed by stop
	wasmSize float64
	proc     *hostproc.Host
}

// startFloor builds bench/floorapp (app.wasm with the Makefile's flags:
// -trimpath, stripped) into a new directory and serves it.
func startFloor(ctx context.Context, cfg *config, tags ...string) (f *floor, err error) {
	return buildFloor(ctx, cfg, tags, "", "")
}

// startFloorShowing is startFloor for an app whose one page shows markup
// with Dateline's style sheet: -tags contentfloor.
func startFloorShowing(ctx context.Context, cfg *config, markup string) (f *floor, err error) {
	return buildFloor(ctx, cfg, []string{"contentfloor"}, "main.contentB64", markup)
}

// startSearchFloor is startFloor for an app with a search page showing
// Dateline's markup with its style sheet, without a query and with a
// query's results: -tags searchfloor (bench/floorapp/search.go, which
// says what the pieces are).
func startSearchFloor(ctx context.Context, cfg *config, pieces searchFloorPieces) (f *floor, err error) {
	for i, p := range pieces {
		if p == "" || strings.Contains(p, "\x00") {
			return nil, fmt.Errorf("go-app's search floor: piece %d of the markup is empty or holds a NUL", i)
		}
	}
	return buildFloor(ctx, cfg, []string{"searchfloor"}, "main.searchB64", strings.Join(pieces[:], "\x00"))
}

// buildFloor builds bench/floorapp with tags, and with the string variable
// named v set to data (base64, so that markup survives the flag's quoting)
// in both builds, the host's prerendering what app.wasm draws, and Dateline's
// style sheet beside it; v "" for neither.
func buildFloor(ctx context.Context, cfg *config, tags []string, v, data string) (f *floor, err error) {
	dir, err := os.MkdirTemp("", "dateline-floor-")
	if err != nil {
		return nil, fmt.Errorf("go-app's empty app: %w", err)
	}
	defer func() {
		if err != nil {
			if rmErr := os.RemoveAll(dir); rmErr != nil {
				progress("warning: removing %s: %v", dir, rmErr)
			}
		}
	}()
	web := filepath.Join(dir, "web")
	if err := os.Mkdir(web, 0o755); err != nil {
		return nil, fmt.Errorf("go-app's empty app: %w", err)
	}
	icon, err := os.ReadFile(filepath.Join(cfg.root, "web", "icons", "icon-192.png"))
	if err != nil {
		return nil, fmt.Errorf("go-app's empty app's icon: %w", err)
	}
	if err := os.WriteFile(filepath.Join(web, "icon.png"), icon, 0o644); err != nil {
		return nil, fmt.Errorf("go-app's empty app's icon: %w", err)
	}
	ldflags := "-ldflags=-s -w"
	if cfg.floorNames {
		ldflags = "-ldflags="
	}
	var hostFlags []string
	if v != "" {
		css, err := os.ReadFile(filepath.Join(cfg.root, "web", "dateline.css"))
		if err != nil {
			return nil, fmt.Errorf("go-app's empty app with Dateline's markup: %w", err)
		}
		if err := os.WriteFile(filepath.Join(web, "dateline.css"), css, 0o644); err != nil {
			return nil, fmt.Errorf("go-app's empty app with Dateline's markup: %w", err)
		}
		x := "-X " + v + "=" + base64.StdEncoding.EncodeToString([]byte(data))
		ldflags += " " + x
		hostFlags = append(hostFlags, "-ldflags="+x)
	}
	wasm := filepath.Join(web, "app.wasm")
	bin := filepath.Join(dir, "floorapp")
	tagFlag := "-tags=" + strings.Join(tags, ",")
	if err := goBuild(ctx, cfg, []string{"GOOS=js", "GOARCH=wasm"}, "-trimpath", ldflags, tagFlag, "-o", wasm, "./bench/floorapp"); err != nil {
		return nil, fmt.Errorf("building go-app's empty app: %w", err)
	}
	if err := goBuild(ctx, cfg, nil, append(hostFlags, tagFlag, "-o", bin, "./bench/floorapp")...); err != nil {
		return nil, fmt.Errorf("building go-app's empty app: %w", err)
	}
	st, err := os.Stat(wasm)
	if err != nil {
		return nil, fmt.Errorf("go-app's empty app: %w", err)
	}
	p, err := hostproc.Start(ctx, bin, []string{"-addr", "127.0.0.1:0", "-dir", dir}, hostStartLimit)
	if err != nil {
		return nil, fmt.Errorf("go-app's empty app: %w", err)
	}
	return &floor{dir: dir, wasmSize: float64(st.Size()), proc: p}, nil
}

func (f *floor) stop() {
	if err := f.proc.Stop(); err != nil {
		progress("warning: go-app's empty app: %v", err)
	}
	if err := os.RemoveAll(f.dir); err != nil {
		progress("warning: removing %s: %v", f.dir, err)
	}
}

// floorWarmOnce is warmOnce for go-app's empty app: its first visit waits
// for go-app's worker to have cached app.wasm instead of Dateline's
// cache-done message.
func floorWarmOnce(ctx context.Context, cfg *config, url string) (*loadResult, error) {
	b, err := newBrowser(ctx, cfg)
	if err != nil {
		return nil, err
	}
	defer b.close()
	if err := cacheSite(b, url, true); err != nil {
		return nil, err
	}
	return reopen(b, url)
}

// warmFloor compares the second visits of Dateline's pages (`/` and the
// seed article) with go-app's empty app's, alternating, and prints the
// table.
func warmFloor(ctx context.Context, cfg *config, r *report, h *host, wasmSize float64) error {
	progress("building go-app's empty app")
	f, err := startFloor(ctx, cfg)
	if err != nil {
		return err
	}
	defer f.stop()
	markup, err := appMarkup(ctx, h.url+seedPath)
	if err != nil {
		return err
	}
	progress("building go-app's empty app with the seed article's markup")
	fc, err := startFloorShowing(ctx, cfg, markup)
	if err != nil {
		return err
	}
	defer fc.stop()
	app := make([][]*loadResult, len(benchPages))
	var base, withPage []*loadResult
	for i := range cfg.runs {
		// The empty apps first in odd runs, last in even ones.
		floorFirst := i%2 == 1
		visitFloor := func() error {
			progress("warm load against go-app's empty app %d/%d: go-app's empty app", i+1, cfg.runs)
			l, err := floorWarmOnce(ctx, cfg, f.proc.URL+"/")
			if err != nil {
				return err
			}
			base = append(base, l)
			progress("warm load against go-app's empty app %d/%d: the same, showing the seed article's markup", i+1, cfg.runs)
			if l, err = floorWarmOnce(ctx, cfg, fc.proc.URL+"/"); err != nil {
				return err
			}
			withPage = append(withPage, l)
			return nil
		}
		if floorFirst {
			if err := visitFloor(); err != nil {
				return err
			}
		}
		for pi, p := range benchPages {
			progress("warm load against go-app's empty app %d/%d: Dateline, %s", i+1, cfg.runs, p.path)
			w, err := warmOnce(ctx, cfg, h.url+p.path)
			if err != nil {
				return err
			}
			app[pi] = append(app[pi], w.again)
		}
		if !floorFirst {
			if err := visitFloor(); err != nil {
				return err
			}
		}
	}

	r.printf("#### Against go-app's floor\n\n")
	r.printf("The same second visit, run by run, of Dateline's `/` and seed article and of an empty go-app app: "+
		"`bench/floorapp`, one route and one component that marks the page live when mounted, a split build "+
		"like Dateline's (app.wasm built with the Makefile's flags), served by go-app's own `Handler`, "+
		"`app.js` and service worker, unchanged. Its first visit waits until go-app's worker has app.wasm in "+
		"its cache; it goes first in odd runs and last in even ones. %d runs each; the ratios are taken run by run.\n\n", cfg.runs)
	t := newTable("App", "app.wasm (raw)", "App live, second visit", "FCP", "DOMContentLoaded",
		"app.wasm received", "app.wasm compiled", "Controlled by the worker")
	row := func(name string, size float64, ls []*loadResult) (live samples) {
		var fcp, dcl, wasm, ready samples
		controlled := 0
		for _, l := range ls {
			live = append(live, l.live)
			fcp = append(fcp, l.fcp)
			dcl = append(dcl, l.dcl)
			wasm = append(wasm, l.wasmEnd)
			ready = append(ready, l.wasmReady)
			if l.controlled {
				controlled++
			}
		}
		t.add(name, kB(size), live.cell(ms), fcp.cell(ms), dcl.cell(ms), wasm.cell(ms), ready.cell(ms),
			fmt.Sprintf("%d of %d", controlled, len(ls)))
		return live
	}
	var lives []samples
	for pi, p := range benchPages {
		lives = append(lives, row("Dateline, "+p.name, wasmSize, app[pi]))
	}
	baseLive := row("go-app's empty app", f.wasmSize, base)
	pageLive := row("go-app's empty app, showing the seed article's markup", fc.wasmSize, withPage)
	t.write(r)
	for pi, p := range benchPages {
		rs := ratios(lives[pi], baseLive)
		r.printf("App live, Dateline's %s / go-app's empty app: %s.\n\n", p.name, rs.cell(ratio))
		r.judge("Warm load against go-app's empty app, "+p.name, "≤ 1.25x", rs.median(), 1.25, ratio)
	}
	r.printf("The third app is the empty app showing what Dateline's components draw for the seed article (its "+
		"prerendered `<div class=\"app\">`, taken from the host, %.1f kB) with Dateline's style sheet, as `app.Raw`: "+
		"no data, no components, no reader.js. go-app prerenders it and its first render replaces it, as for "+
		"Dateline. It is the floor of a real page: laying out and drawing the article, twice.\n\n", float64(len(markup))/1000)
	r.printf("App live, go-app's empty app showing the seed article's markup / go-app's empty app: %s.\n\n",
		ratios(pageLive, baseLive).cell(ratio))
	for pi, p := range benchPages {
		if p.path == seedPath {
			r.printf("App live, Dateline's seed article / go-app's empty app showing its markup: %s.\n\n",
				ratios(lives[pi], pageLive).cell(ratio))
		}
	}
	return nil
}

// appMarkup returns what the components drew on the page at url: the
// element go-app takes over, which the host writes on one line after
// <body>.
func appMarkup(ctx context.Context, url string) (string, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return "", err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return "", fmt.Errorf("fetching %s: %w", url, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return "", fmt.Errorf("fetching %s: %w", url, err)
	}
	if resp.StatusCode != http.StatusOK {
		return "", fmt.Errorf("fetching %s: %s", url, resp.Status)
	}
	_, after, ok := strings.Cut(string(body), "<body>\n")
	line, _, _ := strings.Cut(after, "\n")
	if !ok || !strings.HasPrefix(line, `<div class="app">`) || !strings.HasSuffix(line, "</div>") {
		return "", fmt.Errorf("%s: no <div class=\"app\"> on the line after <body>", url)
	}
	return line, nil
}
