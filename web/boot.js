// Dateline: what runs before app.wasm has loaded.
//
// 1. go-app's wasm loader becomes a thin progress bar: go-app writes the
//    download percentage into #app-wasm-loader-label; this mirrors it into
//    the --progress custom property that dateline.css draws.
// 2. The service worker's reports (caching progress, done, failed) are kept
//    from the start, so the app's status bar can show them even when they
//    came before app.wasm was running.
// 3. datelineShowQuery puts a search page's query in the header's box, for
//    app.wasm (components/search.go, showQuery), which draws the box without
//    one: here, it costs app.wasm no code.
(function () {
  "use strict";
  var loader = document.getElementById("app-wasm-loader");
  var label = document.getElementById("app-wasm-loader-label");
  if (loader && label) {
    // The label (visually hidden) carries the progress semantics: an
    // <aside> may not take the progressbar role.
    label.setAttribute("role", "progressbar");
    label.setAttribute("aria-label", label.getAttribute("data-label") || "Loading the app");
    label.setAttribute("aria-valuemin", "0");
    label.setAttribute("aria-valuemax", "100");
    var update = function () {
      var p = parseInt(label.textContent, 10);
      if (isNaN(p)) {
        return;
      }
      p = Math.max(0, Math.min(100, p));
      loader.style.setProperty("--progress", p + "%");
      label.setAttribute("aria-valuenow", String(p));
    };
    new MutationObserver(update).observe(label, { childList: true, characterData: true, subtree: true });
    update();
  }

  window.datelineWorkerReport = null;
  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.addEventListener("message", function (event) {
      var msg = event.data && event.data.dateline;
      if (msg && msg.type !== "status" && msg.type !== "activated") {
        window.datelineWorkerReport = msg;
      }
    });
  }

  // A box given this query once (the search page shown while its results
  // load, or another page of the same results) is the reader's since:
  // what they typed in it after is kept, not wiped when the results come.
  window.datelineShowQuery = function (q) {
    var box = document.getElementById("search-input");
    if (box && box.datelineQuery !== q) {
      box.datelineQuery = q;
      box.value = q; // the same value again moves nothing
      if (window.datelineBoxDir) {
        window.datelineBoxDir(); // reader.js: the box's direction
      }
      if (window.datelineBoxBack) {
        window.datelineBoxBack(); // reader.js: the focus of the host's box
      }
    }
  };
})();
