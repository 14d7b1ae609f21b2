// A link to a content tab (#__tabbed_...) opens that tab.
(function () {
  var target = document.getElementById(location.hash.slice(1));
  if (target && target.name && target.name.indexOf("__tabbed_") === 0) target.checked = true;
})();
