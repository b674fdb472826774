//go:build !(js && wasm)

package main

import (
	"context"
	"fmt"
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
	wasm := filepath.Join(web, "app.wasm")
	bin := filepath.Join(dir, "floorapp")
	ldflags := "-ldflags=-s -w"
	if cfg.floorNames {
		ldflags = "-ldflags="
	}
	tagFlag := "-tags=" + strings.Join(tags, ",")
	if err := goBuild(ctx, cfg, []string{"GOOS=js", "GOARCH=wasm"}, "-trimpath", ldflags, tagFlag, "-o", wasm, "./bench/floorapp"); err != nil {
		return nil, fmt.Errorf("building go-app's empty app: %w", err)
	}
	if err := goBuild(ctx, cfg, nil, tagFlag, "-o", bin, "./bench/floorapp"); err != nil {
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
	app := make([][]*loadResult, len(benchPages))
	var base []*loadResult
	for i := range cfg.runs {
		// The empty app first in odd runs, last in even ones.
		floorFirst := i%2 == 1
		visitFloor := func() error {
			progress("warm load against go-app's empty app %d/%d: go-app's empty app", i+1, cfg.runs)
			l, err := floorWarmOnce(ctx, cfg, f.proc.URL+"/")
			if err != nil {
				return err
			}
			base = append(base, l)
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
	t.write(r)
	for pi, p := range benchPages {
		rs := ratios(lives[pi], baseLive)
		r.printf("App live, Dateline's %s / go-app's empty app: %s.\n\n", p.name, rs.cell(ratio))
		r.judge("Warm load against go-app's empty app, "+p.name, "≤ 1.25x", rs.median(), 1.25, ratio)
	}
	return nil
}
