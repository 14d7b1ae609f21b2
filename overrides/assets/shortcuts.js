/* Turn off the theme's single-character keyboard shortcuts (f, s, /, p, n, comma,
   full stop). WCAG 2.2 success criterion 2.1.4 asks that shortcuts made of one
   character can be turned off: speech-input users trigger them by accident.
   Typing in form fields, and keys with Ctrl, Alt or Meta, are left alone. */
(function () {
  "use strict";
  window.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.altKey || event.metaKey || event.key.length !== 1) return;
    var target = event.target;
    if (target instanceof HTMLElement &&
        (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
    event.stopPropagation();
  }, true);
})();
