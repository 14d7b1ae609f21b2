/* Where links lead, for print.
 *
 * A printed page cannot be clicked, so the print style sheet (hub.css, "Print")
 * writes each content link's address after it. Addresses on other sites are
 * in the link already (a[href^="http"]); links within the hub are relative
 * ("../sharing-lawfully/"), which means nothing on paper, so this script gives
 * each one its path from the site's root ("/guidance/sharing-lawfully/") in
 * data-hub-path. Links within the page, badges and the hub's own navigation
 * parts are left alone.
 */
(function () {
  "use strict";

  var SKIP = ".headerlink, .hub-badge, .hub-breadcrumbs a, .footnote-ref, .footnote-backref, .md-button";

  function mark() {
    var article = document.querySelector("article.md-content__inner");
    if (!article) return;
    var here = window.location;
    Array.prototype.forEach.call(article.querySelectorAll("a[href]"), function (link) {
      var href = link.getAttribute("href");
      if (/^(https?:|mailto:|tel:|#)/i.test(href) || link.matches(SKIP)) return;
      if (link.origin !== here.origin) return;
      if (link.pathname === here.pathname && link.search === here.search) return;
      link.setAttribute("data-hub-path", link.pathname + link.search + link.hash);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", mark);
  } else {
    mark();
  }
})();
