
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
// once the page has started: when the app is live, or when it has given
// up and the prerendered page stays (main_wasm.go marks <html data-app>
// "live" or "stayed"), or when app.wasm could not be had at all ("failed",
// wasmfetch.js). Where none of those comes (go-app does not load app.wasm
// for what it takes for a bot, or with ?wasm=false; the Go program
// stopped), it is registered when the reader leaves the page or puts it in
// the background, or 30 seconds after the page has loaded. A second
// visit's worker is already in charge: registering again only checks for
// an update. Saving an article registers it at once (web/reader.js,
// workerReady): this then finds it there, and follows its install.
//
// A first install that fails (the network drops while it saves) leaves no
// worker and no registration behind. web/reader.js tries again
// (window.datelineSaveOffline), and follows each try, this first one
// included (window.datelineInstalling, announced by a "dateline:installing"
// event), to the end of its install.
function datelineAfterStart(register) {
  const root = document.documentElement;
  let done = false;
  let timer = 0;
  let tries = 0;
  window.datelineSaveOffline = () => {
    const attempt = datelineInstall(register, tries++ > 0);
    window.datelineInstalling = attempt;
    document.dispatchEvent(new Event("dateline:installing"));
    return attempt;
  };
  const started = () => {
    if (done) {
      return;
    }
    done = true;
    watch.disconnect();
    document.removeEventListener("visibilitychange", hidden);
    clearTimeout(timer);
    window.datelineSaveOffline();
  };
  const hidden = () => {
    if (document.visibilityState === "hidden") {
      started();
    }
  };
  const watch = new MutationObserver(() => {
    if (root.hasAttribute("data-app")) {
      started();
    }
  });
  watch.observe(root, { attributes: true, attributeFilter: ["data-app"] });
  document.addEventListener("visibilitychange", hidden);
  const later = () => {
    timer = setTimeout(started, 30000);
  };
  if (document.readyState === "complete") {
    later();
  } else {
    window.addEventListener("load", later, { once: true });
  }
  if (root.hasAttribute("data-app")) {
    started();
  }
}

// datelineInstall registers the service worker with go-app's function
// (which logs its own failure) and resolves, once the install has ended,
// to whether a worker is in place: false when the registration failed
// (the host or the network gone: no worker ran) or the install did (the
// worker reports why, "cache-failed", before it becomes redundant). A try
// after the first that finds a registration asks it for an update
// instead: registering the same script again starts no install, and
// go-app's function would add its listeners once more.
async function datelineInstall(register, again) {
  const sw = navigator.serviceWorker;
  if (!sw) {
    return false;
  }
  let reg = again ? await sw.getRegistration() : null;
  if (reg) {
    await reg.update();
  } else {
    await register();
    reg = await sw.getRegistration();
  }
  if (!reg) {
    return false;
  }
  const w = reg.installing;
  if (!w) {
    return !!(reg.waiting || reg.active);
  }
  await new Promise((resolve) => {
    const ended = () => {
      if (w.state !== "installing") {
        w.removeEventListener("statechange", ended);
        resolve();
      }
    };
    w.addEventListener("statechange", ended);
    ended();
  });
  return w.state !== "redundant";
}
