/*
 * Helsesider kiosk mode (make kiosk): after a while without input, clear what the visitor
 * typed and return to the front page of the page's language. The front page and the idle time
 * come from <meta name="hs-kiosk-home"> and <meta name="hs-kiosk-idle"> (hooks/kiosk.py).
 * Nothing a visitor types is kept: no storage, no query in the address.
 */
(function () {
  "use strict";
  function meta(name) { var m = document.querySelector("meta[name=" + name + "]"); return m ? m.getAttribute("content") : null; }
  var home = meta("hs-kiosk-home"), idle = Number(meta("hs-kiosk-idle")) || 180, timer = null;
  if (!home) { return; }

  function forget() {
    try { window.localStorage.clear(); window.sessionStorage.clear(); } catch (ignored) { /* file:// may refuse */ }
    var input = document.getElementById("hs-search-input");
    if (input && input.value) { input.value = ""; input.dispatchEvent(new Event("input", { bubbles: true })); }
  }

  function goHome() {
    forget();
    var target = new URL(home, window.location.href).href;
    var here = window.location.href.split("#")[0];
    if (here === target) { window.scrollTo(0, 0); restart(); return; }
    window.location.replace(target);
  }

  function restart() { clearTimeout(timer); timer = setTimeout(goHome, idle * 1000); }

  ["pointerdown", "pointermove", "keydown", "touchstart", "wheel", "input"].forEach(function (name) {
    window.addEventListener(name, restart, { passive: true, capture: true });
  });
  window.HsKiosk = { setIdle: function (seconds) { idle = seconds; restart(); } };
  forget();
  restart();
})();
