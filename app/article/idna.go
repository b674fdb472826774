//go:build !js

package article

import (
	"errors"
	"fmt"
	"strings"

	"golang.org/x/net/idna"
)

// browserIDNA converts a host name as a browser does (the URL Standard's
// "domain to ASCII": UTS #46 with nontransitional processing, the bidi
// and joiner checks, and neither the hyphen, DNS length nor STD3 checks,
// so that "r3---sn-x" and "a_b" pass as they do in a browser).
var browserIDNA = idna.New(
	idna.MapForLookup(),
	idna.BidiRule(),
	idna.Transitional(false),
	idna.StrictDomainName(false),
	idna.CheckHyphens(false),
	idna.VerifyDNSLength(false),
)

// domainToASCII is the host name as a browser writes it: mapped (to lower
// case, among others) and each label not in ASCII written in punycode
// ("مثال.example" is "xn--mgbh0fb.example"). app.wasm has its own
// (idna_js.go), which asks the browser, without these tables.
func domainToASCII(host string) (string, error) {
	ascii, err := browserIDNA.ToASCII(host)
	if err != nil {
		return "", fmt.Errorf("a browser refuses it (%w)", err)
	}
	if ascii == "" {
		return "", errors.New("it is empty once mapped")
	}
	// x/net/idna writes a label "xn--" with nothing after it as an empty
	// label ("xn--.example" as ".example"); a browser refuses it.
	for _, label := range strings.FieldsFunc(host, isLabelSeparator) {
		if a, err := browserIDNA.ToASCII(label); err == nil && a == "" {
			return "", fmt.Errorf("its label %q is empty once decoded", label)
		}
	}
	return ascii, nil
}

// isLabelSeparator reports whether UTS #46 maps r to the dot between
// labels: the full stop, and its ideographic, fullwidth and halfwidth
// forms.
func isLabelSeparator(r rune) bool {
	return r == '.' || r == '\u3002' || r == '\uff0e' || r == '\uff61'
}
