package components

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"
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
	Path   string
	Data   PageData
}

// init fills st before the first render in the browser, when the source
// already has the page's data (it always has for the page app.wasm starts
// on): go-app renders a component once before OnNav, and that render must
// already be the page, not a loading placeholder, or the takeover flashes
// and the browser loses the scroll position.
//
// The window's address is only the component's own on the document's first
// page: during a client-side navigation it still shows the page being left
// (go-app updates it after mounting), so init keeps to paths of the kind
// the component shows.
func (st *pageState) init(kind Kind) {
	if !app.IsClient || st.Status != neverLoaded {
		return
	}
	path := app.Window().URL().Path
	if KindOf(path) != kind {
		return
	}
	if data, ok := source.Cached(path); ok {
		st.Status, st.Path, st.Data = loaded, path, data
	}
}

// load fills st with the data for the current path: at once when the source
// has it (always on the host, and for the first page in the client), else
// in the background. done runs once the data is there.
func (st *pageState) load(ctx app.Context, done func(app.Context)) {
	path := ctx.Page().URL().Path
	st.Path = path
	if data, ok := source.Cached(path); ok {
		st.Status, st.Err, st.Data = loaded, nil, data
		done(ctx)
		return
	}
	st.Status, st.Err = loading, nil
	ctx.Async(func() {
		data, err := source.Load(path)
		ctx.Dispatch(func(ctx app.Context) {
			if st.Path != path { // the reader has moved on
				return
			}
			if err != nil {
				st.Status, st.Err = loadingErr, err
				setMeta(ctx, "Cannot load this page", "")
				return
			}
			st.Status, st.Data = loaded, data
			done(ctx)
		})
	})
}

// SiteName is the product's name, shown in the header and in page titles.
const SiteName = "Dateline"

// SiteDescription describes the site for the home page and the manifest.
const SiteDescription = "News articles, fast on any phone and readable offline."

// setMeta sets the document title and description.
func setMeta(ctx app.Context, title, description string) {
	if title == "" {
		ctx.Page().SetTitle(SiteName)
	} else {
		ctx.Page().SetTitle(title + " · " + SiteName)
	}
	if description == "" {
		description = SiteDescription
	}
	ctx.Page().SetDescription(description)
}
