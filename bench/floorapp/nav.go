//go:build navfloor

package main

import "github.com/maxence-charriere/go-app/v10/pkg/app"

// A second route to the same component, so that a navigation between / and
// /next updates the component on screen, as Dateline's pages do.
func init() {
	app.Route("/next", func() app.Composer { return &page{} })
}

// OnNav sets the heading to the new path. go-app calls it in a dispatch
// and draws the change at its next frame: the state a navigation brings
// is on screen no sooner than that.
func (p *page) OnNav(ctx app.Context) {
	heading = ctx.Page().URL().Path
}
