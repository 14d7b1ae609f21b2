// Runs Pagefind's own search script, the one readers' browsers run, over a built
// site's bundle under Node: the tests query the real index without a browser, and
// the benchmark counts what a first query fetches.
//
//   node tests/search_query.mjs SITE_DIR < queries.json
//
// Each query is {"term": "words" or null, "filters": {...}, "sort": {...}, "limit": 5}.
// The answer is {"answers": [{"count": n, "results": [{url, title, type, ...}]}, ...],
// "fetched": {"/pagefind/...": bytes, ...}}. The filters' values are loaded once
// before the first query (the dialog loads them only when Filters is opened, so the
// benchmark leaves those files out of a first query's bytes).
import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const site = process.argv[2];
console.log = console.error; // stdout carries the answers only

// Pagefind fetches its chunks by URL; here they come from the site folder.
const fetched = {};
globalThis.fetch = async (url) => {
  const path = decodeURIComponent(new URL(String(url), "http://site/").pathname);
  const data = await readFile(join(site, path));
  fetched[path] = data.length;
  return new Response(data);
};

const pagefind = await import(pathToFileURL(join(site, "pagefind", "pagefind.js")).href);
await pagefind.options({ basePath: "/pagefind/", baseUrl: "/" });
await pagefind.init();
await pagefind.filters();

const answers = [];
for (const query of JSON.parse(readFileSync(0, "utf8"))) {
  const found = await pagefind.search(query.term ?? null, { filters: query.filters || {}, sort: query.sort });
  const pages = await Promise.all(found.results.slice(0, query.limit ?? 5).map((result) => result.data()));
  answers.push({
    count: found.results.length,
    results: pages.map((page) => ({
      url: page.url,
      title: page.meta.title,
      type: page.meta.type,
      date: page.meta.date || null,
      region: page.meta.region || null,
      themes: page.filters.theme || [],
      sections: page.sub_results.map((sub) => sub.url).filter((url) => url.includes("#")),
    })),
  });
}
process.stdout.write(JSON.stringify({ answers, fetched }));
