/* Helsesider: the header's buttons and the search, on every page (plain JavaScript, no library).

   - A button with data-hs-toggle="id" opens and closes that element (the menu, the language list,
     the search field), says so with aria-expanded, closes with Esc (focus back on the button) and
     when another opens or the reader clicks elsewhere. Without script these buttons are hidden and
     links to the footer's lists stand in their place (overrides/partials/header.html).
   - The search engine (hs-search.js) is loaded when a search starts: the field is focused, a
     query is sent, or the address asks for one (?q=). A page nobody searches from loads none of it.
*/
(function () {
  "use strict";

  var toggles = [];

  function target(button) { return document.getElementById(button.getAttribute("data-hs-toggle")); }

  function isOpen(button) { return button.getAttribute("aria-expanded") === "true"; }

  function set(button, open) {
    var element = target(button);
    if (!element) { return; }
    button.setAttribute("aria-expanded", open ? "true" : "false");
    if (element.classList.contains("hs-search-panel")) {
      element.classList.toggle("hs-open", open);
      if (open) { var field = element.querySelector("input"); if (field) { field.focus(); } }
    } else {
      element.hidden = !open;
    }
  }

  function closeAll(except) {
    toggles.forEach(function (button) { if (button !== except && isOpen(button)) { set(button, false); } });
  }

  function setupToggles() {
    toggles = Array.prototype.slice.call(document.querySelectorAll("[data-hs-toggle]"));
    toggles.forEach(function (button) {
      button.addEventListener("click", function (event) {
        event.stopPropagation();
        var open = !isOpen(button);
        closeAll(button);
        set(button, open);
      });
    });
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Escape") { return; }
      toggles.forEach(function (button) {
        if (isOpen(button) && target(button).contains(document.activeElement) || isOpen(button) && document.activeElement === button) {
          set(button, false);
          button.focus();
        }
      });
    });
    document.addEventListener("click", function (event) {
      toggles.forEach(function (button) {
        var element = target(button);
        if (isOpen(button) && element && !element.contains(event.target) && !element.classList.contains("hs-search-panel")) {
          set(button, false);
        }
      });
    });
  }

  /* ---- the search engine, loaded when a search starts ------------------------------- */

  function loadSearch(box) {
    if (document.getElementById("hs-search-engine")) { return; }
    var script = document.createElement("script");
    script.id = "hs-search-engine";
    script.src = box.getAttribute("data-script");
    document.head.appendChild(script);
  }

  function setupSearch() {
    var box = document.querySelector("[data-hs-search]");
    if (!box) { return; }
    var input = box.querySelector("input"), form = box.querySelector("form");
    if (/[?&]q=./.test(window.location.search)) {
      loadSearch(box);
      /* the stylesheet shows the header's field while the results are shown: say so */
      var toggle = document.querySelector("[data-hs-toggle=hs-search-panel]"), panel = document.getElementById("hs-search-panel");
      if (toggle && panel) { toggle.setAttribute("aria-expanded", "true"); panel.classList.add("hs-open"); }
      return;
    }
    input.addEventListener("focus", function () { loadSearch(box); });
    form.addEventListener("submit", function (event) {
      if (box.hsSearch) { return; }  /* the engine's own handler takes it */
      event.preventDefault();
      box.setAttribute("data-submit", "true");
      loadSearch(box);
    });
  }

  function start() {
    setupToggles();
    setupSearch();
  }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
  window.HsSite = { closeAll: function () { closeAll(null); } };
})();
