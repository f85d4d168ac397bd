// The menu's groups are <details> elements and work without this file; it only closes an open group
// when another opens, when the user clicks elsewhere, or presses Escape.
(function () {
  "use strict";
  var groups = Array.prototype.slice.call(document.querySelectorAll(".navgroup"));
  function closeAll(except) {
    groups.forEach(function (g) { if (g !== except) { g.open = false; } });
  }
  groups.forEach(function (g) {
    g.addEventListener("toggle", function () { if (g.open) { closeAll(g); } });
  });
  document.addEventListener("click", function (event) {
    if (!event.target.closest(".navgroup")) { closeAll(null); }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { closeAll(null); }
  });
})();
