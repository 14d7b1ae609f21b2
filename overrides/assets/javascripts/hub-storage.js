// Storage helpers the theme's bundle expects as globals. Settings (such as the
// colour scheme) are kept per site, under the site's root path; the root is
// two folders above this file, which works at any page depth and on any host.
(function () {
  var root = new URL("../../", document.currentScript.src);
  window.__md_scope = root;
  window.__md_hash = function (text) {
    var hash = 0;
    for (var i = 0; i < text.length; i++) hash = ((hash << 5) - hash + text.charCodeAt(i)) | 0;
    return hash;
  };
  window.__md_get = function (key, storage, scope) {
    storage = storage || localStorage;
    scope = scope || window.__md_scope;
    return JSON.parse(storage.getItem(scope.pathname + "." + key));
  };
  window.__md_set = function (key, value, storage, scope) {
    storage = storage || localStorage;
    scope = scope || window.__md_scope;
    try {
      storage.setItem(scope.pathname + "." + key, JSON.stringify(value));
    } catch (ignored) {
      // Storage may be full or switched off; the setting then lasts for this page only.
    }
  };
})();
