//go:build !(js && wasm)

package chromium

import (
	"context"
	"fmt"
	"strings"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// EmulateNetwork sets the network of the target in ctx: cond's throttle
// for every request, and offline (requests fail), with the service
// worker's own requests when the target is one.
//
// Network.emulateNetworkConditionsByRule changed between the Chromium
// versions Debian's apt gives: newer ones (156) take offline in each
// condition and emulateOfflineServiceWorker; older ones (148, Debian 12's
// security release of December 2026) refuse those parameters without a
// top-level offline, and a machine gets whichever its mirror has. The
// newer form is tried first, then the older, with the newer's fields too.
func EmulateNetwork(ctx context.Context, cond network.Conditions, offline bool) error {
	cond.Offline = offline
	p := network.EmulateNetworkConditionsByRuleParams{MatchedNetworkConditions: []*network.Conditions{&cond}}
	if offline {
		p.EmulateOfflineServiceWorker = &offline
	}
	_, err := chromedp.Call(ctx, network.EmulateNetworkConditionsByRule, p)
	if err == nil || !strings.Contains(err.Error(), "Invalid parameters") {
		return wrapNetwork(err)
	}
	_, err = chromedp.Call(ctx, olderEmulateByRule, olderByRuleParams{p, offline})
	return wrapNetwork(err)
}

// olderByRuleParams is emulateNetworkConditionsByRule's parameters as the
// older Chromium takes them: a top-level offline beside the newer ones.
type olderByRuleParams struct {
	network.EmulateNetworkConditionsByRuleParams
	Offline bool `json:"offline"`
}

var olderEmulateByRule = cdp.Command[olderByRuleParams, network.EmulateNetworkConditionsByRuleResult]{
	Method: network.CommandEmulateNetworkConditionsByRule,
}

func wrapNetwork(err error) error {
	if err != nil {
		return fmt.Errorf("emulating the network: %w", err)
	}
	return nil
}
