package article

import (
	"errors"
	"fmt"
	"math"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
)

// checkOrigin says what keeps u from being an https origin; "" if nothing.
// Every canonical address, sitemap entry and feed link is the origin
// with a path after it, so the origin must be written as one: an empty
// query or fragment ("https://news.example.org?") would make each of them
// the home page's, and an origin written otherwise than a browser writes
// it (a host name in capitals, in a script other than ASCII, with a
// trailing dot; https's own port, a port with leading zeros) would be
// written out as it is, an address no page of the site gives. The form to
// write is the browser's (the URL Standard's serialisation, see
// browserOrigin), without a trailing dot; a port or host that a browser
// refuses has none.
func checkOrigin(u string) string {
	p, err := url.Parse(u)
	switch {
	case err != nil || strings.ContainsAny(u, " \t\r\n<>\"\\"):
		return fmt.Sprintf("%q is not a URL", u)
	case p.Scheme != "https":
		return fmt.Sprintf("%q is not an https address", u)
	case p.User != nil:
		return fmt.Sprintf("%q has a user name before its host: a public address has none", u)
	case p.Hostname() == "":
		return fmt.Sprintf("%q has no host name", u)
	case p.Path != "" && p.Path != "/", p.RawQuery != "", p.Fragment != "", p.Opaque != "":
		return fmt.Sprintf("%q is more than an origin: the site must be served from the root of its host", u)
	}
	origin, err := browserOrigin(p)
	var port badPort
	switch {
	case errors.As(err, &port):
		return fmt.Sprintf("%q: port %s is not a valid port: a port is a number from 0 to 65535", u, string(port))
	case err != nil:
		return fmt.Sprintf("%q: host %q is not a valid host name: %v", u, p.Hostname(), err)
	case strings.TrimSuffix(u, "/") != origin:
		return fmt.Sprintf("%q is not written as an origin: write %q", u, origin)
	}
	return ""
}

// urlFault says why a browser does not open u, an http or https URL
// that IsWebURL takes: a host or a port that it has none of (a link there
// leads nowhere, an image there is never loaded); empty strings when it
// opens it. A host of ASCII letters, digits, hyphens, dots and
// underscores that does not end in a number, as most are, is taken
// without the browser's IDNA mapping.
func urlFault(u string) (msg, hint string) {
	p, err := url.Parse(u)
	if err != nil {
		return "", "" // IsWebURL has parsed it
	}
	const fix = "correct the address: a browser does not open it"
	if host := p.Hostname(); !plainHost(host) || strings.HasPrefix(p.Host, "[") || endsInNumber(host) {
		if _, err := browserHost(p); err != nil {
			return fmt.Sprintf("%q: host %q is not a valid host name: %v", u, host, err), fix
		}
	}
	if port := p.Port(); port != "" {
		if _, err := strconv.ParseUint(port, 10, 16); err != nil {
			return fmt.Sprintf("%q: port %s is not a valid port: a port is a number from 0 to 65535", u, port), fix
		}
	}
	return "", ""
}

// plainHost reports whether host is made of ASCII letters, digits,
// hyphens, dots and underscores only, with a letter or digit in it, and
// no label in punycode ("xn--"), which the browser decodes.
func plainHost(host string) bool {
	if strings.Contains(strings.ToLower(host), "xn--") {
		return false
	}
	alnum := false
	for i := 0; i < len(host); i++ {
		switch c := host[i]; {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
			alnum = true
		case c == '-', c == '.', c == '_':
		default:
			return false
		}
	}
	return alnum
}

// unreachableHost says what the host of u, a valid origin (checkOrigin),
// is when no one outside the machine or its network can reach it: "a
// loopback address" (localhost, 127.0.0.1, [::1]), "a private network
// address" (10.0.0.1, 192.168.1.2, fd00::1, the shared 100.64.0.0/10 of
// carrier-grade NAT, link-local ones), "an unspecified address" (0.0.0.0,
// [::]), "a multicast or broadcast address" or "a local network name" (a
// name of one label, printer.local, and the special-use .internal and
// home.arpa, and the common .lan); "" for any other host. The names and
// addresses kept for examples and documentation (.example, 192.0.2.0/24,
// 2001:db8::/32) are not warned of: test data is written with them.
func unreachableHost(u string) string {
	p, err := url.Parse(u)
	if err != nil {
		return ""
	}
	h := strings.TrimSuffix(strings.ToLower(p.Hostname()), ".")
	if a, err := netip.ParseAddr(h); err == nil {
		switch a = a.Unmap(); {
		case a.IsLoopback():
			return "a loopback address"
		case a.IsUnspecified():
			return "an unspecified address"
		case a.IsMulticast(), a == netip.AddrFrom4([4]byte{255, 255, 255, 255}):
			return "a multicast or broadcast address"
		case a.IsPrivate(), a.IsLinkLocalUnicast(), netip.PrefixFrom(netip.AddrFrom4([4]byte{100, 64}), 10).Contains(a):
			// The last, 100.64.0.0/10: carrier-grade NAT's (RFC 6598),
			// reached from inside a provider's network only.
			return "a private network address"
		}
		return ""
	}
	switch {
	case h == "localhost", strings.HasSuffix(h, ".localhost"):
		return "a loopback address"
	case !strings.Contains(h, "."):
		return "a local network name"
	}
	for _, local := range []string{".local", ".internal", ".home.arpa", ".lan"} {
		if strings.HasSuffix("."+h, local) {
			return "a local network name"
		}
	}
	return ""
}

// badPort is a port out of the range 0 to 65535, as written.
type badPort string

func (p badPort) Error() string { return "port " + string(p) + " is out of range" }

// browserOrigin is the origin of the https URL p as a browser writes it
// (the URL Standard's host and port parsers, then its serialisation),
// except that a trailing dot is left out: "news.example." is the same
// site as "news.example" to DNS, but not to a browser, which would keep
// the two apart. The host is in lower case and ASCII, an internationalised
// name in its punycode ("xn--") form (domainToASCII), an IPv4 address in
// dotted decimal and an IPv6 address compressed; the port is left out
// when it is 443, and otherwise written in decimal without leading zeros.
// The error is a badPort, or says why a browser refuses the host.
func browserOrigin(p *url.URL) (string, error) {
	host, err := browserHost(p)
	if err != nil {
		return "", err
	}
	origin := "https://" + host
	if port := p.Port(); port != "" {
		// Go's parser has checked that the port is all digits.
		n, err := strconv.ParseUint(port, 10, 16)
		if err != nil {
			return "", badPort(port)
		}
		if n != 443 {
			origin += ":" + strconv.FormatUint(n, 10)
		}
	}
	return origin, nil
}

// browserHost is p's host as a browser writes it in an origin, with no
// trailing dot (see browserOrigin).
func browserHost(p *url.URL) (string, error) {
	host := p.Hostname() // percent-escapes undone, as a browser does
	if strings.HasPrefix(p.Host, "[") {
		a, err := netip.ParseAddr(host)
		if err != nil || !a.Is6() || a.Zone() != "" {
			return "", errors.New("it is not an IPv6 address")
		}
		return "[" + ipv6String(a) + "]", nil
	}
	ascii, err := domainToASCII(host)
	if err != nil {
		return "", err
	}
	if i := strings.IndexFunc(ascii, func(r rune) bool {
		return r < ' ' || r == 0x7f || strings.ContainsRune(" #%/:<>?@[\\]^|", r)
	}); i >= 0 {
		return "", fmt.Errorf("it has %q, which no host name has", ascii[i])
	}
	if endsInNumber(ascii) {
		return ipv4(ascii)
	}
	if host = strings.TrimRight(ascii, "."); host == "" {
		return "", errors.New("it has nothing but dots")
	}
	return host, nil
}

// endsInNumber reports whether the host name's last label (before a
// trailing dot) is a number, which makes a browser read it as an IPv4
// address (the URL Standard's "ends in a number checker").
func endsInNumber(host string) bool {
	labels := strings.Split(host, ".")
	if labels[len(labels)-1] == "" {
		if len(labels) == 1 {
			return false
		}
		labels = labels[:len(labels)-1]
	}
	last := labels[len(labels)-1]
	if last != "" && strings.Trim(last, "0123456789") == "" {
		return true
	}
	_, err := ipv4Number(last)
	return err == nil
}

// ipv4 reads host, which ends in a number, as a browser reads an IPv4
// address (the URL Standard's IPv4 parser: up to four numbers, each
// decimal, hexadecimal after "0x" or octal after "0", the last filling
// the bytes left), and writes it in dotted decimal.
func ipv4(host string) (string, error) {
	const notIPv4 = "it ends in a number, which makes it an IPv4 address to a browser, and is not one"
	parts := strings.Split(host, ".")
	if len(parts) > 1 && parts[len(parts)-1] == "" {
		parts = parts[:len(parts)-1]
	}
	if len(parts) > 4 {
		return "", errors.New(notIPv4 + ": it has more than four parts")
	}
	var addr uint64
	for i, part := range parts {
		n, err := ipv4Number(part)
		if err != nil {
			return "", fmt.Errorf("%s: %w", notIPv4, err)
		}
		last := i == len(parts)-1
		if !last && n > 255 || last && n >= 1<<(8*(5-len(parts))) {
			return "", fmt.Errorf("%s: %s is too large", notIPv4, part)
		}
		if last {
			addr += n
		} else {
			addr += n << (8 * (3 - i))
		}
	}
	return fmt.Sprintf("%d.%d.%d.%d", byte(addr>>24), byte(addr>>16), byte(addr>>8), byte(addr)), nil
}

// ipv4Number reads one part of an IPv4 address as a browser does:
// hexadecimal after "0x" or "0X", octal after "0", decimal otherwise; a
// number too large for 64 bits reads as math.MaxUint64, which no part
// may be.
func ipv4Number(s string) (uint64, error) {
	if s == "" {
		return 0, errors.New("it has an empty part")
	}
	base := 10
	switch {
	case len(s) >= 2 && (s[:2] == "0x" || s[:2] == "0X"):
		s, base = s[2:], 16
	case len(s) >= 2 && s[0] == '0':
		s, base = s[1:], 8
	}
	if s == "" {
		return 0, nil
	}
	n, err := strconv.ParseUint(s, base, 64)
	if errors.Is(err, strconv.ErrRange) {
		return math.MaxUint64, nil
	}
	if err != nil {
		return 0, fmt.Errorf("%q is not a number", s)
	}
	return n, nil
}

// ipv6String writes a, an IPv6 address, as a browser does: eight groups
// of lower-case hexadecimal, the first longest run of two or more zero
// groups written "::". Unlike netip's String, an IPv4 address within an
// IPv6 one is written in hexadecimal too ("::ffff:102:304").
func ipv6String(a netip.Addr) string {
	b := a.As16()
	var groups [8]uint16
	for i := range groups {
		groups[i] = uint16(b[2*i])<<8 | uint16(b[2*i+1])
	}
	start, length := -1, 1
	for i := 0; i < len(groups); {
		j := i
		for j < len(groups) && groups[j] == 0 {
			j++
		}
		if j-i > length {
			start, length = i, j-i
		}
		i = j + 1
	}
	var s strings.Builder
	for i := 0; i < len(groups); i++ {
		if i == start {
			s.WriteString("::")
			i += length - 1
			continue
		}
		if i > 0 && i != start+length {
			s.WriteByte(':')
		}
		s.WriteString(strconv.FormatUint(uint64(groups[i]), 16))
	}
	return s.String()
}
