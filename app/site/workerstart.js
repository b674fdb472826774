
// Dateline (added by the host to go-app's app.js): when the service worker
// is registered.
//
// go-app registers it as soon as app.js runs, while app.wasm is still
// downloading and compiling. A worker's first install saves the app and,
// up to 2,500 articles, every page, data file and search shard of the
// site: at 1,000 articles some 6,500 requests and their cache writes,
// which competed with the app's start for the network and the CPU
// (Lighthouse's mobile Total Blocking Time of a section page, 1,948 ms
// against 1,231 ms with this: BENCHMARKS.md). So the worker is registered
// once the page has started: when the app is live, or when it has stopped
// trying and the prerendered page stays (main_wasm.go marks <html
// data-app> either way). A second visit's worker is already in charge:
// registering again only checks for an update.
function datelineAfterStart(register) {
  const root = document.documentElement;
  let done = false;
  const started = () => {
    if (done || !root.hasAttribute("data-app")) {
      return;
    }
    done = true;
    watch.disconnect();
    register();
  };
  const watch = new MutationObserver(started);
  watch.observe(root, { attributes: true, attributeFilter: ["data-app"] });
  started();
}
