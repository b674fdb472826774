//go:build !(js && wasm)

package main

import (
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// serve serves the app with go-app's Handler on -addr, from -dir.
func serve() {
	addr := flag.String("addr", "127.0.0.1:0", "address to listen on")
	dir := flag.String("dir", ".", "directory holding web/app.wasm and web/icon.png, and web/dateline.css with -tags contentfloor (go-app serves /web/ from the working directory)")
	flag.Parse()
	start := time.Now()
	if err := os.Chdir(*dir); err != nil {
		log.Fatalf("floorapp: %v", err)
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		log.Fatalf("floorapp: %v", err)
	}
	// The bench reads this line the way it reads Dateline's.
	fmt.Fprintf(os.Stderr, "serving go-app's empty app, version floor, on http://%s (ready in %s)\n",
		ln.Addr(), time.Since(start))
	// Local icons: go-app's defaults are on another host, which the
	// worker's precache would have to reach.
	icon := "/web/icon.png"
	h := &app.Handler{Name: "Floor", Title: "Floor", Description: "An empty go-app app.",
		Icon: app.Icon{Default: icon, Large: icon, Maskable: icon, SVG: icon}, Styles: styles, RawHeaders: rawHeaders}
	if err := http.Serve(ln, h); err != nil {
		log.Fatalf("floorapp: %v", err)
	}
}
