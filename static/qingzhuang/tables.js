// A table marked .table-cards reads as cards on a phone (app.css): each cell shows its column's name, which this
// file copies from the header into the cell's data-label when the template did not write one. Without it the cards
// still show every value, only without the names.
(function () {
  "use strict";
  document.querySelectorAll("table.table-cards").forEach(function (table) {
    var names = Array.prototype.map.call(table.querySelectorAll("thead th"), function (th) { return th.textContent.trim(); });
    table.querySelectorAll("tbody tr").forEach(function (row) {
      Array.prototype.forEach.call(row.children, function (cell, i) {
        if (cell.colSpan === 1 && !cell.hasAttribute("data-label") && names[i]) { cell.setAttribute("data-label", names[i]); }
      });
    });
  });
})();
