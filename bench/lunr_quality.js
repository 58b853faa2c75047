/*
 * lunr 2.3.9 (the search library of MkDocs' stock theme) with lunr-languages 1.22.0 on the same
 * documents and queries as Helsesider's own search, for `make bench` (bench/search_bench.py).
 * Configured as lunr's documentation recommends: one index per language, the language's
 * stemmer and stop words where lunr-languages has them (Norwegian for nb and nn, lunr's own
 * English; Northern Sámi has none, so its index has no stemmer or stop words), field boosts
 * like ours (title 10, aliases 8, description 3, headings 2, text 1), and `index.search(q)` on
 * the query as typed (a query lunr cannot parse gives no results).
 *
 * Reads JSON on stdin: {lang, docs: [{url, title, alias, description, heading, body}], queries};
 * writes JSON: the first 20 result addresses of each query.
 */
"use strict";
const lunr = require("lunr");
require("lunr-languages/lunr.stemmer.support")(lunr);
require("lunr-languages/lunr.no")(lunr);

const input = JSON.parse(require("fs").readFileSync(0, "utf8"));
const language = { nb: "no", nn: "no" }[input.lang];
const index = lunr(function () {
  if (language) { this.use(lunr[language]); }
  else if (input.lang !== "en") { this.pipeline.reset(); this.searchPipeline.reset(); this.pipeline.add(lunr.trimmer); }
  this.ref("url");
  this.field("title", { boost: 10 });
  this.field("alias", { boost: 8 });
  this.field("description", { boost: 3 });
  this.field("heading", { boost: 2 });
  this.field("body");
  input.docs.forEach((doc) => this.add(doc));
});
const out = input.queries.map((q) => {
  try { return index.search(q).slice(0, 20).map((r) => r.ref); } catch (error) { return []; }
});
process.stdout.write(JSON.stringify(out));
