package components

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// Route registers the site's pages with go-app. The host and the client both
// call it, so that they render the same component for every path.
func Route() {
	app.Route("/", func() app.Composer { return &Home{} })
	app.RouteWithRegexp(`^/articles/[^/]+$`, func() app.Composer { return &ArticlePage{} })
	app.RouteWithRegexp(`^/`, func() app.Composer { return &NotFoundPage{} })
}
