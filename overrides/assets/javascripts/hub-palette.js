// Applies the colour scheme a reader chose earlier, before the page is drawn.
(function () {
  var palette = window.__md_get && window.__md_get("__palette");
  if (!palette || !palette.color) return;
  if (palette.color.media === "(prefers-color-scheme)") {
    var light = matchMedia("(prefers-color-scheme: light)").matches;
    var wanted = light ? "(prefers-color-scheme: light)" : "(prefers-color-scheme: dark)";
    var input = document.querySelector("[data-md-color-media='" + wanted + "']");
    if (input) {
      ["media", "scheme", "primary", "accent"].forEach(function (name) {
        palette.color[name] = input.getAttribute("data-md-color-" + name);
      });
    }
  }
  Object.keys(palette.color).forEach(function (name) {
    document.body.setAttribute("data-md-color-" + name, palette.color[name]);
  });
})();
