/* Case-study library filters.
 *
 * The page works without this script: every facet value links to a static
 * page listing its case studies, and the filters sit in a details element
 * that opens without it. With it, the checkboxes narrow the list in place
 * (and the links, which would repeat them, are hidden): values within one
 * facet are OR-ed, facets are AND-ed. The ticked values live in the query
 * string (?region=wales&theme=culture,governance), so a filtered view can be
 * shared and survives a reload. The disclosure's summary counts the ticked
 * values ("Filters (2 active)"); on wide screens, where the filters stand
 * beside the results, it starts open.
 */
(function () {
  "use strict";

  function plural(n) {
    return n === 1 ? "case study" : "case studies";
  }

  function setUp(form) {
    var results = document.getElementById("hub-results");
    var cases = Array.prototype.slice.call(document.querySelectorAll("#hub-cases > .hub-case"));
    var boxes = Array.prototype.slice.call(form.querySelectorAll("input[type=checkbox]"));
    var clear = document.getElementById("hub-clear");
    var keys = [];
    boxes.forEach(function (box) {
      if (keys.indexOf(box.name) < 0) keys.push(box.name);
    });

    var disclosure = document.getElementById("hub-filter-box");
    var count = document.getElementById("hub-filter-count");

    // Show the checkboxes in place of the links to the static facet pages.
    boxes.forEach(function (box) {
      var label = form.querySelector("label[for='" + box.id + "']");
      var link = box.parentNode.querySelector("a.hub-facet-link");
      box.hidden = false;
      if (label) label.hidden = false;
      if (link && label) link.hidden = true;
    });
    if (clear) clear.hidden = false;
    openWhenWide(disclosure);

    function chosen() {
      var picked = {};
      boxes.forEach(function (box) {
        if (box.checked) (picked[box.name] = picked[box.name] || []).push(box.value);
      });
      return picked;
    }

    function matches(item, picked) {
      return keys.every(function (key) {
        if (!picked[key]) return true;
        var has = (item.getAttribute("data-" + key) || "").split(" ");
        return picked[key].some(function (value) {
          return has.indexOf(value) >= 0;
        });
      });
    }

    function writeUrl(picked) {
      var params = new URLSearchParams(window.location.search);
      keys.forEach(function (key) {
        params.delete(key);
      });
      var parts = params.toString() ? [params.toString()] : [];
      keys.forEach(function (key) {
        if (picked[key]) parts.push(key + "=" + picked[key].map(encodeURIComponent).join(","));
      });
      var query = parts.length ? "?" + parts.join("&") : "";
      var url = window.location.pathname + query + window.location.hash;
      if (url !== window.location.pathname + window.location.search + window.location.hash) {
        window.history.replaceState(window.history.state, "", url);
      }
    }

    function apply() {
      var picked = chosen();
      var shown = 0;
      cases.forEach(function (item) {
        var ok = matches(item, picked);
        item.hidden = !ok;
        if (ok) shown += 1;
      });
      var total = cases.length;
      var text;
      if (!Object.keys(picked).length) {
        text = "Showing all " + total + " " + plural(total) + ".";
      } else if (shown === 0) {
        text = "Showing 0 of " + total + " " + plural(total) +
          ": no case study matches all the ticked filters. Untick some, or clear all filters.";
      } else {
        text = "Showing " + shown + " of " + total + " " + plural(total) + ".";
      }
      if (results && results.textContent !== text) results.textContent = text;
      if (count) {
        var ticked = boxes.filter(function (box) {
          return box.checked;
        }).length;
        count.textContent = ticked ? " (" + ticked + " active)" : "";
      }
      writeUrl(picked);
    }

    function readUrl() {
      var params = new URLSearchParams(window.location.search);
      boxes.forEach(function (box) {
        var wanted = params.getAll(box.name).join(",").split(",");
        box.checked = wanted.indexOf(box.value) >= 0;
      });
    }

    form.addEventListener("change", apply);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
    });
    if (clear) {
      clear.addEventListener("click", function () {
        boxes.forEach(function (box) {
          box.checked = false;
        });
        apply();
      });
    }
    readUrl();
    apply();
  }

  // Wide screens show the filters beside the results (hub.css): open them there,
  // and again whenever the window grows that wide; a reader may still close them.
  function openWhenWide(disclosure) {
    if (!disclosure || !window.matchMedia) return;
    var wide = window.matchMedia("(min-width: 60em)");
    if (wide.matches) disclosure.open = true;
    var grown = function (event) {
      if (event.matches) disclosure.open = true;
    };
    if (wide.addEventListener) wide.addEventListener("change", grown);
    else if (wide.addListener) wide.addListener(grown);
  }

  function start() {
    var form = document.getElementById("hub-filters");
    if (form && window.URLSearchParams && window.history.replaceState) setUp(form);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
