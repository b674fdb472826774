//go:build !(js && wasm)

package chromium

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// ErrNavigation is a navigation the browser refused or could not make
// (net::ERR_..., or a document request that failed); the tab then shows
// the browser's error page.
var ErrNavigation = errors.New("navigation failed")

// chromedp's navigations (Navigate, NavigateResponse, Reload,
// NavigateBack, NavigateForward) end at the first same-document
// navigation they see, which they take for the navigation asked for. A
// page that rewrites its own history entry is one too: reader.js keys its
// entry with a replaceState in a task of its own, after the page is drawn
// and at its start, which comes after the load event as often as not. A
// test that loaded, reloaded or went back at once could then go on before
// the new document had come (a CI failure: "loading ...: no response").
// Load, Reload and Go follow the document by its loader, and tell a move
// in the history within the document from the page's own history calls
// by the kind of move Chromium reports.

// Load navigates the tab in ctx to url and waits for that document's load
// event, returning the response it was given.
func Load(ctx context.Context, url string) (*network.Response, error) {
	w, err := watchTab(ctx)
	if err != nil {
		return nil, fmt.Errorf("loading %s: %w", url, err)
	}
	defer w.stop()
	res, err := chromedp.Call(ctx, page.Navigate, page.NavigateParams{URL: url})
	switch {
	case err != nil:
		return nil, fmt.Errorf("loading %s: %w", url, err)
	case res.ErrorText != "":
		return nil, fmt.Errorf("loading %s: %w: %s", url, ErrNavigation, res.ErrorText)
	case res.LoaderID == "":
		return nil, fmt.Errorf("loading %s: a navigation within the document, not a load", url)
	}
	var resp *network.Response
	err = w.until(ctx, func(events []any) (bool, error) {
		var done bool
		var err error
		resp, done, err = loaded(res.LoaderID, events)
		return done, err
	})
	if err != nil {
		return nil, fmt.Errorf("loading %s: %w", url, err)
	}
	return resp, nil
}

// Reload reloads the tab's document and waits for the new document's
// load event.
func Reload(ctx context.Context) error {
	frame, err := mainFrame(ctx)
	if err != nil {
		return fmt.Errorf("reloading: %w", err)
	}
	w, err := watchTab(ctx)
	if err != nil {
		return fmt.Errorf("reloading: %w", err)
	}
	defer w.stop()
	if _, err := chromedp.Call(ctx, page.Reload, page.ReloadParams{}); err != nil {
		return fmt.Errorf("reloading: %w", err)
	}
	err = w.until(ctx, func(events []any) (bool, error) {
		loader := newDocument(frame, events)
		if loader == "" {
			return false, nil
		}
		_, done, err := loaded(loader, events)
		return done, err
	})
	if err != nil {
		return fmt.Errorf("reloading: %w", err)
	}
	return nil
}

// Go moves delta entries in the tab's history (-1 is Back, 1 Forward)
// and waits until the entry is on screen: a document loaded for it (its
// load event), one restored from the back/forward cache, or the same
// document with that entry current.
func Go(ctx context.Context, delta int) error {
	what := fmt.Sprintf("going %+d in the history", delta)
	hist, err := chromedp.Call(ctx, page.GetNavigationHistory, cdp.Empty{})
	if err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	at := int(hist.CurrentIndex) + delta
	if at < 0 || at >= len(hist.Entries) {
		return fmt.Errorf("%s: no entry there (entry %d of %d)", what, hist.CurrentIndex, len(hist.Entries))
	}
	target := hist.Entries[at]
	frame, err := mainFrame(ctx)
	if err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	w, err := watchTab(ctx)
	if err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	defer w.stop()
	_, err = chromedp.Call(ctx, page.NavigateToHistoryEntry, page.NavigateToHistoryEntryParams{EntryID: target.ID})
	if err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	err = w.until(ctx, func(events []any) (bool, error) {
		within := false
		for _, ev := range events {
			switch ev := ev.(type) {
			case *page.EventFrameNavigated:
				if ev.Frame.ParentID == "" && ev.Type == page.NavigationTypeBackForwardCacheRestore {
					return true, nil
				}
			case *page.EventNavigatedWithinDocument:
				// A move in the history within the document comes as
				// "fragment"; the page's own pushState or replaceState
				// as "historyApi".
				within = within || ev.FrameID == frame && ev.NavigationType != page.NavigatedWithinDocumentNavigationTypeHistoryAPI
			}
		}
		if loader := newDocument(frame, events); loader != "" {
			_, done, err := loaded(loader, events)
			return done, err
		}
		return within, nil
	})
	if err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	return nil
}

// mainFrame is the id of the tab's top frame.
func mainFrame(ctx context.Context) (cdp.FrameID, error) {
	tree, err := chromedp.Call(ctx, page.GetFrameTree, cdp.Empty{})
	if err != nil {
		return "", fmt.Errorf("reading the frame tree: %w", err)
	}
	return tree.FrameTree.Frame.ID, nil
}

// newDocument is the loader of the first document that the events saw
// start in frame (its "init" lifecycle event), or "".
func newDocument(frame cdp.FrameID, events []any) cdp.LoaderID {
	for _, ev := range events {
		if ev, ok := ev.(*page.EventLifecycleEvent); ok && ev.FrameID == frame && ev.Name == "init" {
			return ev.LoaderID
		}
	}
	return ""
}

// loaded reads what the events say of the document of loader: its (last,
// after redirects) response, and whether it has loaded.
func loaded(loader cdp.LoaderID, events []any) (*network.Response, bool, error) {
	var resp *network.Response
	requests := map[network.RequestID]bool{}
	for _, ev := range events {
		switch ev := ev.(type) {
		case *network.EventRequestWillBeSent:
			if ev.LoaderID == loader && ev.Type == network.ResourceTypeDocument {
				requests[ev.RequestID] = true
			}
		case *network.EventResponseReceived:
			if ev.LoaderID == loader && ev.Type == network.ResourceTypeDocument {
				resp = ev.Response
			}
		case *network.EventLoadingFailed:
			if requests[ev.RequestID] {
				return nil, false, fmt.Errorf("%w: %s", ErrNavigation, ev.ErrorText)
			}
		case *page.EventLifecycleEvent:
			if ev.LoaderID == loader && ev.Name == "load" {
				if resp == nil {
					return nil, false, errors.New("the document loaded without a response")
				}
				return resp, true, nil
			}
		}
	}
	return nil, false, nil
}

// watch keeps the navigation events of a tab from the moment it starts.
type watch struct {
	mu      sync.Mutex
	events  []any
	changed chan struct{}
	stop    context.CancelFunc
}

func watchTab(ctx context.Context) (*watch, error) {
	lctx, cancel := context.WithCancel(ctx)
	w := &watch{changed: make(chan struct{}, 1), stop: cancel}
	err := chromedp.Listen(lctx, func(ev any) {
		switch ev.(type) {
		case *network.EventRequestWillBeSent, *network.EventResponseReceived, *network.EventLoadingFailed,
			*page.EventLifecycleEvent, *page.EventFrameNavigated, *page.EventNavigatedWithinDocument:
		default:
			return
		}
		w.mu.Lock()
		w.events = append(w.events, ev)
		w.mu.Unlock()
		select {
		case w.changed <- struct{}{}:
		default:
		}
	})
	if err != nil {
		cancel()
		return nil, fmt.Errorf("listening to the tab: %w", err)
	}
	return w, nil
}

// until calls done with the events so far each time more come, until it
// says the navigation is over or fails, or ctx ends.
func (w *watch) until(ctx context.Context, done func(events []any) (bool, error)) error {
	for {
		w.mu.Lock()
		seen := w.events // appends go past its end: what it holds stays
		w.mu.Unlock()
		ok, err := done(seen)
		if err != nil || ok {
			return err
		}
		select {
		case <-w.changed:
		case <-ctx.Done():
			return fmt.Errorf("waiting for the page: %w", ctx.Err())
		}
	}
}
