// Dateline: turns go-app's full-screen wasm loader into a thin progress bar.
// go-app writes the download percentage into #app-wasm-loader-label; this
// mirrors it into the --progress custom property that dateline.css draws.
(function () {
  "use strict";
  var loader = document.getElementById("app-wasm-loader");
  var label = document.getElementById("app-wasm-loader-label");
  if (!loader || !label) {
    return;
  }
  loader.setAttribute("role", "progressbar");
  loader.setAttribute("aria-label", "Loading the app");
  loader.setAttribute("aria-valuemin", "0");
  loader.setAttribute("aria-valuemax", "100");
  function update() {
    var p = parseInt(label.textContent, 10);
    if (isNaN(p)) {
      return;
    }
    p = Math.max(0, Math.min(100, p));
    loader.style.setProperty("--progress", p + "%");
    loader.setAttribute("aria-valuenow", String(p));
  }
  new MutationObserver(update).observe(label, { childList: true, characterData: true, subtree: true });
  update();
})();
