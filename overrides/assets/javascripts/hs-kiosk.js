/*
 * Helsesider kiosk mode (make kiosk): after a while without input, forget what the visitor did
 * and start again for the next one: clear what was typed and the browser's storage, close every
 * menu, and open the kiosk's front page (data/site.yml kiosk_language, else the default
 * language) whatever language the visitor chose. The front page and the idle time come from
 * <meta name="hs-kiosk-home"> and <meta name="hs-kiosk-idle"> (hooks/kiosk.py).
 *
 * A page cannot delete the browser's history, so each history entry is stamped with the
 * visitor's session (history.state); Back into an entry of an earlier session goes to the front
 * page instead of showing the last visitor's page. Nothing a visitor types is kept: no storage,
 * no query in the address.
 */
(function () {
  "use strict";
  var KEY = "hs-kiosk-session";
  function meta(name) { var m = document.querySelector("meta[name=" + name + "]"); return m ? m.getAttribute("content") : null; }
  var home = meta("hs-kiosk-home"), idle = Number(meta("hs-kiosk-idle")) || 180, timer = null;
  if (!home) { return; }
  var target = new URL(home, window.location.href).href;

  function storage() { try { return window.sessionStorage; } catch (refused) { return null; } }

  function newSession() {
    var id = String(Date.now()) + "-" + Math.random().toString(36).slice(2);
    var store = storage();
    if (store) { store.setItem(KEY, id); }
    return id;
  }

  function session() {
    var store = storage();
    return (store && store.getItem(KEY)) || newSession();
  }

  function forget() {
    var store = storage(), keep = store ? store.getItem(KEY) : null;
    try { window.localStorage.clear(); if (store) { store.clear(); } } catch (ignored) { /* file:// may refuse */ }
    if (store && keep) { store.setItem(KEY, keep); }
    var input = document.getElementById("hs-search-input");
    if (input && input.value) { input.value = ""; input.dispatchEvent(new Event("input", { bubbles: true })); }
  }

  function closeMenus() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-hs-toggle][aria-expanded=true]"), function (button) {
      button.click();
    });
  }

  function cameBack() {
    var entries = window.performance && performance.getEntriesByType ? performance.getEntriesByType("navigation") : [];
    return entries.length > 0 && entries[0].type === "back_forward";
  }

  /* An entry of an earlier visitor's session (Back after a reset) goes to the front page; so does
     one reached by Back that was never stamped (left before its script ran). */
  function guard() {
    var mine = session(), stamped = window.history.state && window.history.state.hsKiosk;
    if ((stamped && stamped !== mine) || (!stamped && cameBack())) { window.location.replace(target); return false; }
    if (!stamped) {
      try { window.history.replaceState({ hsKiosk: mine }, ""); } catch (ignored) { /* a sandboxed frame */ }
    }
    return true;
  }

  function goHome() {
    forget();
    closeMenus();
    newSession();
    var here = window.location.href.split("#")[0];
    if (here === target) {
      try { window.history.replaceState({ hsKiosk: session() }, ""); } catch (ignored) { /* as above */ }
      window.scrollTo(0, 0);
      restart();
      return;
    }
    window.location.replace(target);
  }

  function restart() { clearTimeout(timer); timer = setTimeout(goHome, idle * 1000); }

  if (!guard()) { return; }
  window.addEventListener("pageshow", function (event) { if (event.persisted) { guard(); } });
  ["pointerdown", "pointermove", "keydown", "touchstart", "wheel", "input"].forEach(function (name) {
    window.addEventListener(name, restart, { passive: true, capture: true });
  });
  window.HsKiosk = { setIdle: function (seconds) { idle = seconds; restart(); } };
  forget();
  restart();
})();
