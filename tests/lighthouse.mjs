// Lighthouse's accessibility audits (its default mobile emulation) over a served
// site, in one Chromium reused for every page: starting a browser is what costs.
//
//   CHROME_PATH=/usr/bin/chromium node tests/lighthouse.mjs BASE_URL light|dark < pages.json
//
// pages.json is [{"name": "post", "path": "/blog/.../", "links": false}, ...]. The
// answer, on stdout, is [{"name", "path", "scheme", "shown", "results", "score",
// "failing": [{id, title, nodes}], "error"}]: score is 0-100 (null if Lighthouse
// could not audit the page; error says why), shown is the scheme Material drew, and
// results (for entries with "links": true, else null) how many search results the
// page showed when it was audited. Lighthouse has no setting for the reader's colour
// preference: for dark, Chromium starts with --force-dark-mode, which makes
// prefers-color-scheme report dark, as on a dark desktop. Run once per scheme; the
// two runs can go side by side (each has its own browser).
import { readFileSync } from "node:fs";
import * as chromeLauncher from "chrome-launcher";
import lighthouse, { defaultConfig } from "lighthouse";
import { pageFunctions } from "lighthouse/core/lib/page-functions.js";
import puppeteer from "puppeteer-core";

const FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
  "--disable-sync",
];
const SCHEMES = { light: [], dark: ["--force-dark-mode"] };
// The default configuration cut down to its accessibility category and audits:
// resolving all of Lighthouse's audits, for each page, takes longer than auditing it.
const ACCESSIBILITY = defaultConfig.categories.accessibility;
const AUDITED = new Set(ACCESSIBILITY.auditRefs.map((ref) => ref.id));
const CONFIG = {
  artifacts: defaultConfig.artifacts,
  audits: defaultConfig.audits.filter((path) => AUDITED.has(path.split("/").pop())),
  categories: { accessibility: ACCESSIBILITY },
  groups: defaultConfig.groups,
  settings: {
    disableFullPageScreenshot: true,
    // The pages are local and static: short quiet periods are enough, and still let
    // the search page draw the results that /?q=words asks for. (Lighthouse's
    // simulated throttling changes no timing; any other method lengthens these.)
    pauseAfterFcpMs: 100,
    pauseAfterLoadMs: 100,
    networkQuietThresholdMs: 300,
    cpuQuietThresholdMs: 300,
  },
};
// For an entry with "links": true, one unscored audit more, for the links it gathers
// as they were when the page was audited: they show whether search results were drawn.
// (Lighthouse runs only the audits a category names; gathering links costs a few
// seconds a page, so only where asked.)
const WITH_LINKS = {
  ...CONFIG,
  audits: [...CONFIG.audits, "seo/crawlable-anchors"],
  categories: {
    ...CONFIG.categories,
    links: { title: "Links", auditRefs: [{ id: "crawlable-anchors", weight: 0 }] },
  },
};
// Before each page Lighthouse rates the machine by keeping a core busy for a second;
// the rating only qualifies performance scores, never accessibility, and over dozens
// of pages on a shared machine it would cost more than the audits. It is given a
// fixed rating instead (that of a fast desktop).
if (typeof pageFunctions.computeBenchmarkIndex === "function") {
  pageFunctions.computeBenchmarkIndex = function computeBenchmarkIndex() {
    return 2000;
  };
}
const UNSCORED = new Set(["notApplicable", "manual", "informative"]);

const [base, scheme] = process.argv.slice(2);
if (!(scheme in SCHEMES)) throw new Error(`scheme: ${scheme}; expected one of ${Object.keys(SCHEMES)}`);
const pages = JSON.parse(readFileSync(0, "utf8"));
console.log = console.error; // stdout carries the answer only

function failing(lhr) {
  return lhr.categories.accessibility.auditRefs
    .map((ref) => lhr.audits[ref.id])
    .filter((audit) => !UNSCORED.has(audit.scoreDisplayMode) && audit.score !== 1)
    .map((audit) => ({
      id: audit.id,
      title: audit.title,
      nodes: ((audit.details && audit.details.items) || []).map((item) =>
        item.node ? `${item.node.selector} ${item.node.snippet}` : JSON.stringify(item),
      ),
    }));
}

async function audit(browser, scheme, { name, path, links: gather }) {
  const page = await browser.newPage();
  try {
    const url = new URL(path, base).href;
    const config = gather ? WITH_LINKS : CONFIG;
    const result = await lighthouse(url, { logLevel: "error", output: "json" }, config, page);
    const lhr = result.lhr;
    const score = lhr.categories.accessibility.score;
    const shown = await page.evaluate(() => document.body.getAttribute("data-md-color-scheme"));
    const links = result.artifacts.AnchorElements || [];
    const drawn = links.filter((link) => /\bhub-search__link\b/.test(link.node.snippet));
    const results = gather ? drawn.length : null;
    return {
      name,
      path,
      scheme,
      shown,
      results,
      score: score === null ? null : Math.round(score * 100),
      failing: failing(lhr),
      error: lhr.runtimeError ? lhr.runtimeError.message : null,
    };
  } finally {
    await page.close();
  }
}

const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROME_PATH,
  chromeFlags: [...FLAGS, ...SCHEMES[scheme]],
  logLevel: "error",
});
// If this process ends early (a closed pipe, an uncaught error), its browser goes too.
process.on("exit", () => {
  try {
    process.kill(chrome.pid);
  } catch {
    // already gone
  }
});
const answer = [];
try {
  const browser = await puppeteer.connect({ browserURL: `http://127.0.0.1:${chrome.port}` });
  for (const entry of pages) answer.push(await audit(browser, scheme, entry));
  await browser.disconnect();
} finally {
  chrome.kill();
}
process.stdout.write(JSON.stringify(answer));
