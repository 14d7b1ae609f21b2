/* Site search, with Pagefind's index (hooks/ishub/search.py writes it after each build).
 *
 * The header's Search button, or Ctrl+K / Cmd+K, opens a dialog. Only then is
 * Pagefind's script imported, from the site's own pagefind/ folder; it fetches
 * the few chunks of the index each query needs. The site's root is two folders
 * above this file, so search works from any folder of a host. Results are built
 * as elements and text, never from HTML strings, and show the type, date and
 * themes each page gives Pagefind (overrides/partials/hub-search/fields.html).
 * A page opened from disk (file://) cannot fetch the index: the dialog says how
 * to serve the site instead.
 */
(function () {
  "use strict";

  var ROOT = new URL("../../", document.currentScript.src);
  var BATCH = 10; // results drawn at a time
  var QUIET_MS = 250; // typing pause before a query runs
  var FACETS = [
    { key: "type", legend: "Type", order: ["Blog post", "Case study", "Guidance", "Page"] },
    { key: "theme", legend: "Theme" },
    { key: "region", legend: "Region (case studies)" },
  ];
  var SERVE =
    "Search needs the site to be served: run python -m http.server -d site " +
    "and open http://127.0.0.1:8000/";
  var UNAVAILABLE = "Search could not be loaded. Check your connection and try again.";
  var DATES = new Intl.DateTimeFormat("en-GB", {
    day: "numeric", month: "long", year: "numeric", timeZone: "UTC",
  });
  var ENTITIES = { "&lt;": "<", "&gt;": ">", "&amp;": "&", "&quot;": "\"", "&#39;": "'", "&#x27;": "'" };

  var ui = {};
  var api = null; // a promise of Pagefind's API, made when the dialog first opens
  var starting = null; // the first opening's loading of the index and filters
  var ready = false;
  var found = []; // the current query's results, drawn BATCH at a time
  var drawn = 0;
  var run = 0; // each query's number: answers to older ones are dropped
  var timer = 0;
  var preloaded = ""; // the finished words last fetched ahead (see later)
  var facetsDrawn = null; // the filters' values, fetched when Filters is first opened

  function load() {
    if (!api) {
      api = import(new URL("pagefind/pagefind.js", ROOT).href).then(function (pagefind) {
        return pagefind
          .options({ basePath: new URL("pagefind/", ROOT).pathname, baseUrl: ROOT.pathname, excerptLength: 24 })
          .then(function () { return pagefind.init(); })
          .then(function () { return pagefind; });
      });
      api.catch(function () { api = null; }); // the next opening tries again
    }
    return api;
  }

  function element(tag, className, text) {
    var el = document.createElement(tag);
    if (className) el.className = className;
    if (text) el.textContent = text;
    return el;
  }

  function say(message) {
    ui.status.textContent = message;
  }

  // The results list is busy from a keystroke until the answer is drawn.
  function busy(yes) {
    ui.list.setAttribute("aria-busy", yes ? "true" : "false");
  }

  // --- Opening and closing --------------------------------------------------

  function open(query) {
    if (!ui.dialog.open) {
      ui.dialog.showModal();
      document.documentElement.classList.add("hub-search-is-open");
    }
    if (typeof query === "string") ui.input.value = query;
    ui.input.focus();
    ui.input.select();
    if (location.protocol === "file:") {
      say(SERVE);
      return;
    }
    if (ready) {
      if (typeof query === "string") search();
      return;
    }
    if (!starting) {
      say("Loading search…");
      starting = load()
        .then(function () {
          ready = true;
          ui.tools.hidden = false;
          say("");
          search();
        })
        .catch(function (error) {
          starting = null;
          failed(error);
        });
    }
  }

  function close() {
    if (ui.dialog.open) ui.dialog.close();
  }

  function closed() {
    document.documentElement.classList.remove("hub-search-is-open");
    ui.button.focus();
  }

  function failed(error) {
    busy(false);
    say(UNAVAILABLE);
    if (window.console) console.error(error);
  }

  // --- Filters and sorting --------------------------------------------------

  // The filters' values are fetched when the reader first opens Filters: they list
  // every page under each value (25 KB at 4,000 items), and most searches use none.
  function openFacets() {
    if (!ui.filters.open || facetsDrawn) return;
    facetsDrawn = load()
      .then(function (pagefind) {
        ui.facets.setAttribute("aria-busy", "true");
        return pagefind.filters();
      })
      .then(drawFacets)
      .catch(function (error) {
        facetsDrawn = null; // closing and opening Filters tries again
        ui.facets.textContent = "";
        ui.facets.appendChild(element("p", "", UNAVAILABLE));
        if (window.console) console.error(error);
      })
      .then(function () { ui.facets.setAttribute("aria-busy", "false"); });
  }

  function drawFacets(counts) {
    ui.facets.textContent = "";
    FACETS.forEach(function (facet) {
      var values = Object.keys(counts[facet.key] || {});
      if (values.length) ui.facets.appendChild(facetSet(facet, values));
    });
  }

  function facetSet(facet, values) {
    var set = element("fieldset", "hub-search__facet hub-search__facet--" + facet.key);
    set.appendChild(element("legend", "", facet.legend));
    var order = facet.order || [];
    values.sort(function (a, b) {
      var i = order.indexOf(a), j = order.indexOf(b);
      if (i !== j) return (i < 0 ? order.length : i) - (j < 0 ? order.length : j);
      return a.localeCompare(b, "en-GB");
    });
    var list = element("ul", "hub-search__options");
    values.forEach(function (value, n) {
      var item = element("li");
      var box = element("input");
      box.type = "checkbox";
      box.id = "hub-search-" + facet.key + "-" + n;
      box.name = facet.key;
      box.value = value;
      var label = element("label", "", value);
      label.htmlFor = box.id;
      item.appendChild(box);
      item.appendChild(label);
      list.appendChild(item);
    });
    set.appendChild(list);
    return set;
  }

  // Values within a facet are OR-ed, facets AND-ed, as in the case-study library.
  function chosenFilters() {
    var filters = {};
    ui.facets.querySelectorAll("input:checked").forEach(function (box) {
      (filters[box.name] = filters[box.name] || { any: [] }).any.push(box.value);
    });
    return filters;
  }

  function showChosen(filters) {
    var count = Object.keys(filters).reduce(function (n, key) { return n + filters[key].any.length; }, 0);
    ui.chosen.textContent = count ? "(" + count + " chosen)" : "";
    ui.clear.hidden = !count;
  }

  // --- Queries and results --------------------------------------------------

  function search() {
    clearTimeout(timer);
    var mine = ++run;
    busy(true);
    var term = ui.input.value.trim();
    var filters = chosenFilters();
    var filtered = Object.keys(filters).length > 0;
    var options = { filters: filters };
    if (ui.sort.value === "newest") options.sort = { date: "desc" };
    showChosen(filters);
    if (!term && !filtered) {
      found = [];
      ui.list.textContent = "";
      ui.more.hidden = true;
      say("");
      busy(false);
      return Promise.resolve();
    }
    return load()
      .then(function (pagefind) { return pagefind.search(term || null, options); })
      .then(function (answer) {
        if (mine !== run) return;
        found = answer.results;
        drawn = 0;
        return drawMore(mine, true).then(function () {
          if (mine !== run) return;
          say(summary(found.length, term, filtered));
          busy(false);
        });
      })
      .catch(failed);
  }

  // Pagefind matches each word as a prefix and fetches every chunk of the index
  // the prefix spans: "c" spans a dozen, "consent" one. So only the words already
  // finished (followed by a space) are fetched ahead while the reader types; the
  // word being typed waits for the pause. Preloading each keystroke's prefix
  // fetched nearly twice what the query itself needs.
  function later() {
    clearTimeout(timer);
    busy(true);
    if (!ready) return; // the search that follows loading reads the field
    var value = ui.input.value;
    var finished = value.slice(0, value.search(/\S*$/)).trim();
    if (finished && finished !== preloaded) {
      preloaded = finished;
      load().then(function (pagefind) { pagefind.preload(finished); });
    }
    timer = setTimeout(search, QUIET_MS);
  }

  function summary(count, term, filtered) {
    var text = count === 0 ? "No results" : count === 1 ? "1 result" : count + " results";
    if (term) text += " for “" + term + "”";
    return text + (filtered ? ", with the filters chosen." : ".");
  }

  // A new answer replaces the old list only once its first batch is ready, in
  // one step with "Show more", so the arrow keys never meet a half-drawn list.
  function drawMore(mine, fresh) {
    var batch = found.slice(drawn, drawn + BATCH);
    return Promise.all(batch.map(function (result) { return result.data(); })).then(function (pages) {
      if (mine !== run) return;
      if (fresh) ui.list.textContent = "";
      pages.forEach(function (page) { ui.list.appendChild(entry(page)); });
      drawn += batch.length;
      ui.more.hidden = drawn >= found.length;
    });
  }

  function entry(page) {
    var meta = page.meta || {};
    var item = element("li", "hub-search__result");
    var title = element("h3", "hub-search__title");
    var link = element("a", "hub-search__link", meta.title || page.url);
    link.href = page.url;
    title.appendChild(link);
    item.appendChild(title);
    item.appendChild(facts(meta, (page.filters || {}).theme || []));
    if (page.excerpt) item.appendChild(excerpt(page.excerpt));
    var sections = (page.sub_results || [])
      .filter(function (sub) { return sub.url.indexOf("#") > 0 && sub.title; })
      .sort(function (a, b) { return (b.locations || []).length - (a.locations || []).length; })
      .slice(0, 3);
    if (sections.length) {
      var list = element("ul", "hub-search__sections");
      list.setAttribute("aria-label", "Sections that match");
      sections.forEach(function (sub) {
        var li = element("li");
        var a = element("a", "", sub.title);
        a.href = sub.url;
        li.appendChild(a);
        list.appendChild(li);
      });
      item.appendChild(list);
    }
    return item;
  }

  // "Case study · 1 March 2022 · Wales · Themes: Culture, Governance"
  function facts(meta, themes) {
    var line = element("p", "hub-search__meta");
    var parts = [element("span", "hub-search__type", meta.type || "Page")];
    if (meta.date) {
      var when = element("time", "", longDate(meta.date));
      when.dateTime = meta.date;
      parts.push(when);
    }
    if (meta.region) parts.push(element("span", "", meta.region));
    if (themes.length) {
      var list = element("span", "hub-search__themes");
      list.appendChild(element("span", "hub-visually-hidden", "Themes: "));
      themes.forEach(function (theme, n) {
        list.appendChild(element("span", "hub-search__theme", theme));
        if (n < themes.length - 1) list.appendChild(element("span", "hub-visually-hidden", ", "));
      });
      parts.push(list);
    }
    parts.forEach(function (part, n) {
      if (n) line.appendChild(document.createTextNode(" · "));
      line.appendChild(part);
    });
    return line;
  }

  function longDate(iso) {
    var day = new Date(iso + "T00:00:00Z");
    return isNaN(day.getTime()) ? iso : DATES.format(day);
  }

  // Pagefind's excerpt is text with <mark> around the words found (and < > escaped).
  function excerpt(marked) {
    var para = element("p", "hub-search__excerpt");
    var inMark = false;
    marked.split(/(<\/?mark>)/).forEach(function (part) {
      if (part === "<mark>" || part === "</mark>") {
        inMark = part === "<mark>";
        return;
      }
      var text = part.replace(/&(lt|gt|amp|quot|#39|#x27);/g, function (entity) { return ENTITIES[entity]; });
      if (text) para.appendChild(inMark ? element("mark", "", text) : document.createTextNode(text));
    });
    return para;
  }

  // --- Keyboard ---------------------------------------------------------------

  // Arrow keys move from the field through the results (and "Show more") and back.
  function onDialogKey(event) {
    if (event.key === "Escape") {
      event.preventDefault();
      close();
      return;
    }
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    var stops = Array.prototype.slice.call(ui.list.querySelectorAll("a"));
    if (!ui.more.hidden) stops.push(ui.more);
    var at = event.target === ui.input ? -1 : stops.indexOf(event.target);
    if (!stops.length || (at < 0 && event.target !== ui.input)) return;
    event.preventDefault();
    if (event.key === "ArrowDown") (stops[at + 1] || stops[at]).focus();
    else if (at > 0) stops[at - 1].focus();
    else ui.input.focus();
  }

  function onWindowKey(event) {
    var k = event.key === "k" || event.key === "K";
    if (k && (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey) {
      event.preventDefault();
      open();
    }
  }

  function showMore() {
    var first = drawn;
    drawMore(run).then(function () {
      var links = ui.list.querySelectorAll(".hub-search__link");
      if (links[first]) links[first].focus();
    });
  }

  // --- Setting up -------------------------------------------------------------

  function byId(name) {
    return document.getElementById(name ? "hub-search-" + name : "hub-search");
  }

  function setUp() {
    ui = {
      button: byId("open"), dialog: byId(""), form: byId("form"), input: byId("input"),
      close: byId("close"), tools: byId("tools"), sort: byId("sort"), filters: byId("filters"),
      facets: byId("facets"),
      chosen: byId("chosen"), clear: byId("clear"), status: byId("status"), list: byId("results"),
      more: byId("more"),
    };
    if (!ui.button || !ui.dialog || typeof ui.dialog.showModal !== "function") return;
    // The dialog lives in the header's markup; out of it, it takes none of the header's styles.
    document.body.appendChild(ui.dialog);
    if (/Mac|iPhone|iPad/.test(navigator.platform || "")) {
      ui.button.querySelector(".hub-search-open__keys").textContent = "⌘ K";
    }
    ui.button.addEventListener("click", function () { open(); });
    ui.close.addEventListener("click", close);
    ui.dialog.addEventListener("close", closed);
    ui.dialog.addEventListener("keydown", onDialogKey);
    ui.dialog.addEventListener("click", function (event) {
      var box = ui.dialog.getBoundingClientRect();
      var outside = event.clientX < box.left || event.clientX > box.right ||
        event.clientY < box.top || event.clientY > box.bottom;
      if (event.target === ui.dialog && outside) close(); // a click on the backdrop
    });
    ui.form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (ready) search();
    });
    ui.input.addEventListener("input", later);
    ui.sort.addEventListener("change", search);
    ui.filters.addEventListener("toggle", openFacets);
    ui.facets.addEventListener("change", search);
    ui.clear.addEventListener("click", function () {
      ui.facets.querySelectorAll("input:checked").forEach(function (box) { box.checked = false; });
      search();
      ui.input.focus();
    });
    ui.more.addEventListener("click", showMore);
    window.addEventListener("keydown", onWindowKey);
    // A link to /?q=words (as search engines and readers share them) opens search with its words.
    var asked = new URLSearchParams(location.search).get("q");
    if (asked) open(asked);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setUp);
  else setUp();
})();
