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

// Load navigates the tab in ctx to url and waits for that document's load
// event, returning the response it was given.
//
// chromedp's NavigateResponse takes the first same-document navigation it
// sees as the end of a fragment navigation: a history.replaceState by the
// page being left (reader.js keys its history entry in a task of its own)
// ended it before the new document had come, with no response. Load
// follows the navigation by its loader, which Page.navigate returns, and
// only that loader's events.
func Load(ctx context.Context, url string) (*network.Response, error) {
	lctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var (
		mu     sync.Mutex
		events []any
	)
	changed := make(chan struct{}, 1)
	err := chromedp.Listen(lctx, func(ev any) {
		switch ev.(type) {
		case *network.EventRequestWillBeSent, *network.EventResponseReceived,
			*network.EventLoadingFailed, *page.EventLifecycleEvent:
		default:
			return
		}
		mu.Lock()
		events = append(events, ev)
		mu.Unlock()
		select {
		case changed <- struct{}{}:
		default:
		}
	})
	if err != nil {
		return nil, fmt.Errorf("loading %s: listening to the tab: %w", url, err)
	}
	res, err := chromedp.Call(ctx, page.Navigate, page.NavigateParams{URL: url})
	switch {
	case err != nil:
		return nil, fmt.Errorf("loading %s: %w", url, err)
	case res.ErrorText != "":
		return nil, fmt.Errorf("loading %s: %w: %s", url, ErrNavigation, res.ErrorText)
	case res.LoaderID == "":
		return nil, fmt.Errorf("loading %s: a navigation within the document, not a load", url)
	}
	for {
		mu.Lock()
		seen := events // appends go past its end: what it holds stays
		mu.Unlock()
		resp, done, err := loaded(res.LoaderID, seen)
		if err != nil {
			return nil, fmt.Errorf("loading %s: %w", url, err)
		}
		if done {
			return resp, nil
		}
		select {
		case <-changed:
		case <-ctx.Done():
			return nil, fmt.Errorf("loading %s: waiting for the load event: %w", url, ctx.Err())
		}
	}
}

// loaded reads what the events so far say of the document of loader: its
// (last, after redirects) response, and whether it has loaded.
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
