/* Helsesider: the code lookup page (partials/lookup.html, hooks/code_lookup.py). Loaded on that
   page only.

   A record system, a logged-in service or a QR code links here with a code:
     ?icpc2=R96   ?icd10=J45.9&lang=nn   ?snomed=195967001
     ?mainSearchCriteria.v.c=R96&mainSearchCriteria.v.cs=2.16.578.1.12.4.1.1.7170
       &informationRecipient.languageCode.c=nn   (HL7 Infobutton, the code system by its OID)
   and the form sends ?system=icd10&code=J45.9. A link for another language goes to this page in
   that language. The codes come from scripts beside the search index
   (search/hs-code-<system>-<first character>.js: they load from file:// and under the CSP).
   One article: it opens. Several: they are listed. None (for an ICD-10 subcategory, after its
   category was tried): the page says so, with search and the emergency number.
*/
(function () {
  "use strict";

  var box = document.querySelector("[data-hs-lookup]");
  if (!box) { return; }
  var texts = JSON.parse(box.getAttribute("data-texts"));
  var systems = JSON.parse(box.getAttribute("data-systems"));
  var pages = JSON.parse(box.getAttribute("data-pages"));
  var base = box.getAttribute("data-hs-lookup"), root = box.getAttribute("data-root"), here = box.getAttribute("data-lang");
  var answer = box.querySelector(".hs-lookup__answer"), none = box.querySelector(".hs-lookup__none");
  /* language codes a record system may send: ISO 639-1, -2 and tags like nb-NO */
  var LANGUAGES = { no: "nb", nob: "nb", nno: "nn", eng: "en", sme: "se" };

  function language(value) {
    if (!value) { return null; }
    var first = value.toLowerCase().split(/[-_]/)[0];
    first = LANGUAGES[first] || first;
    return pages[first] !== undefined ? first : null;
  }

  function systemOf(value) {
    if (!value) { return null; }
    var found = systems.filter(function (s) { return s.id === value.toLowerCase() || s.oids.indexOf(value) >= 0; })[0];
    return found ? found.id : null;
  }

  function normalised(system, code) {
    var value = code.trim().toUpperCase().replace(/\s+/g, "");
    var icd = /^([A-Z]\d\d)\.?(\d{1,2})$/.exec(value);
    return system === "icd10" && icd ? icd[1] + "." + icd[2] : value;
  }

  /* what the address asks for: {system, code, lang} (null when it asks nothing) */
  function asked() {
    var q = new URLSearchParams(window.location.search), system = null, code = null;
    systems.forEach(function (s) { if (!code && q.get(s.id)) { system = s.id; code = q.get(s.id); } });
    if (!code && q.get("mainSearchCriteria.v.c")) {
      code = q.get("mainSearchCriteria.v.c");
      system = systemOf(q.get("mainSearchCriteria.v.cs"));
    }
    if (!code && q.get("code")) { code = q.get("code"); system = systemOf(q.get("system")); }
    if (!code) { return null; }
    return { system: system, code: code, lang: language(q.get("lang") || q.get("informationRecipient.languageCode.c")) };
  }

  /* the codes of `system` starting with the code's first character (hs-site.js loads the
     script; none: no article gives a code of that letter) */
  function shard(system, code) {
    var name = "hs-code-" + system + "-" + code.charAt(0) + ".js";
    if (!/^[a-z0-9]+-[A-Z0-9]$/.test(system + "-" + code.charAt(0))) { return Promise.resolve({}); }
    return window.HsSite.scriptData(base + name, "HS_CODES", name).catch(function () { return {}; });
  }

  function show(code, found) {
    answer.textContent = "";
    none.hidden = true;
    if (found.length === 1) {
      answer.textContent = texts.going;
      window.location.replace(root + found[0][1]);
      return;
    }
    if (!found.length) {
      answer.textContent = texts.none.replace("{code}", code);
      none.querySelector(".hs-lookup__search").href = root + "?q=" + encodeURIComponent(code);
      none.hidden = false;
      return;
    }
    var heading = document.createElement("h2"), list = document.createElement("ul");
    heading.textContent = texts.found.replace("{code}", code);
    found.forEach(function (entry) {
      var item = document.createElement("li"), link = document.createElement("a");
      link.href = root + entry[1];
      link.textContent = entry[0];
      item.appendChild(link);
      list.appendChild(item);
    });
    answer.append(heading, list);
  }

  function lookUp(system, raw) {
    var code = normalised(system, raw);
    box.querySelector("#hs-lookup-system").value = system;
    box.querySelector("#hs-lookup-code").value = code;
    return shard(system, code).then(function (entries) {
      var found = entries[system + " " + code];
      if (!found && system === "icd10" && code.indexOf(".") > 0) { found = entries[system + " " + code.split(".")[0]]; }
      show(code, found || []);
    });
  }

  var wanted = asked();
  if (wanted && wanted.lang && wanted.lang !== here) {
    window.location.replace(pages[wanted.lang] + window.location.search);
    return;
  }
  if (wanted && wanted.system) { lookUp(wanted.system, wanted.code); }
  else if (wanted) { show(wanted.code.trim(), []); }
})();
