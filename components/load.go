package components

import (
	"errors"
	"net/url"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"dateline/app/page"
)

// status is where a page's data load stands.
type status int

const (
	neverLoaded status = iota
	loading
	loadingErr
	loaded
)

// pageState is a page's data with the status of its load.
type pageState struct {
	Status status
	Err    error
	Ref    page.Ref
	Data   page.Data
	// gen counts the changes above, so that Page knows when to draw again.
	gen int
	// at is the address (path and query) the data above is for, and frag
	// the fragment it was shown with.
	at, frag string
	// early: the data above came before the address changed to Ref
	// (Page.OnUpdate), and the navigation's OnNav is still to come.
	early bool
}

// offline tells whether the load failed for want of a network, with no
// copy of the data on the device (page.ErrOffline): the page is then the
// offline page, which the service worker gives the same address typed.
func (st *pageState) offline() bool {
	return st.Status == loadingErr && errors.Is(st.Err, page.ErrOffline)
}

// offlineRef is the page shown in place of one that is offline.
var offlineRef = page.Ref{Kind: page.Offline}

// init fills st before the first render in the browser, when the source
// already has the page's data (it has for the page app.wasm starts on,
// a search page's results included, complete or not): go-app renders a
// component once before OnNav, and that render must already be the page,
// not a loading placeholder, or the takeover flashes and the browser loses
// the scroll position.
//
// The window's address is only the component's own on the document's first
// page: during a client-side navigation it still shows the page being left
// (go-app updates it after mounting); the source has that page's data too,
// and OnNav then loads the new one.
func (st *pageState) init(src page.Source) {
	if !app.IsClient || st.Status != neverLoaded || src == nil {
		return
	}
	u := app.Window().URL()
	ref := page.ParseURL(u.Path, u.RawQuery)
	st.Ref, st.at, st.frag = ref, address(u), u.Fragment
	if data, ok := src.Cached(ref); ok {
		st.Status, st.Ref, st.Data = loaded, ref, data
	}
}

// ahead fills st with ref's data, if the source has it at hand, before the
// address changes to ref (Page.OnUpdate): the page is drawn with it at
// once, and load, in the navigation's OnNav, finds it there.
func (st *pageState) ahead(ref page.Ref, src page.Source) {
	data, ok := src.Cached(ref)
	if !ok {
		return
	}
	st.gen++
	st.Status, st.Err, st.Ref, st.Data = loaded, nil, ref, data
	st.early = true
}

// load fills st with the data for the current address: at once when the
// source has it, else in the background. done runs once the data is there,
// or the load has failed (st.Status says which).
func (st *pageState) load(ctx app.Context, src page.Source, done func(app.Context)) {
	u := ctx.Page().URL()
	ref := page.ParseURL(u.Path, u.RawQuery)
	// The page on screen is not drawn again when OnUpdate drew it ahead,
	// or when only the fragment changed (an in-page link such as the skip
	// link's, or a move in the history between fragments of the address):
	// on the document's first page that would replace the page the host
	// drew (kept.go). The same address asked for again (a search submitted
	// again, as a page of incomplete results asks the reader to) and the
	// same page at another address (a query written otherwise) are loaded
	// again.
	at, frag := address(u), u.Fragment
	moved := st.at == at && st.frag != frag
	early := st.early
	st.early, st.at, st.frag = false, at, frag
	if (early || moved) && st.Ref == ref && st.Status == loaded {
		done(ctx)
		return
	}
	st.gen++
	st.Ref = ref
	if data, ok := src.Cached(ref); ok {
		st.Status, st.Err, st.Data = loaded, nil, data
		done(ctx)
		return
	}
	st.Status, st.Err = loading, nil
	ctx.Async(func() {
		data, err := src.Load(ref)
		ctx.Dispatch(func(ctx app.Context) {
			if st.Ref != ref { // the reader has moved on
				return
			}
			st.gen++
			if err != nil {
				st.Status, st.Err = loadingErr, err
				logLoadError(err)
			} else {
				st.Status, st.Data = loaded, data
			}
			done(ctx)
		})
	})
}

// address is u's path and query: a page's address but for its fragment.
func address(u *url.URL) string { return u.Path + "?" + u.RawQuery }
