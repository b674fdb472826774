//go:build js

package article

import (
	"fmt"
	"syscall/js"
)

// domainToASCII is the host name as the browser writes it in a URL, by
// the browser's own URL parser: the host's domainToASCII (idna.go) uses
// golang.org/x/net/idna, whose tables app.wasm need not carry. app.wasm
// does not check a dataset; this keeps the check the same if it did.
func domainToASCII(host string) (ascii string, err error) {
	defer func() {
		if r := recover(); r != nil {
			ascii, err = "", fmt.Errorf("the browser refuses it (%v)", r)
		}
	}()
	// host has no "/", "?", "#" nor "@": Go's URL parser has taken those
	// as ending the host.
	return js.Global().Get("URL").New("https://" + host).Get("hostname").String(), nil
}
