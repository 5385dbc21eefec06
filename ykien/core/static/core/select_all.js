// Staff lists with bulk actions, one or more per page: each "select all" box
// (data-select-all="<form id>") ticks or clears the row boxes of that form (name="ids"), and
// shows "mixed" when only some are ticked. The boxes the browser keeps ticked on coming back to
// the page (Back after a bulk action, a reload) count too: the "select all" box is set from them.
(function () {
  "use strict";
  var alls = Array.prototype.slice.call(document.querySelectorAll("[data-select-all]"));
  if (!alls.length) return;
  function boxes(form) {
    return Array.prototype.slice.call(
      document.querySelectorAll('input[type="checkbox"][name="ids"][form="' + form + '"]')
    );
  }
  function sync(all) {
    var list = boxes(all.getAttribute("data-select-all"));
    var ticked = list.filter(function (b) { return b.checked; }).length;
    all.checked = ticked === list.length && ticked > 0;
    all.indeterminate = ticked > 0 && ticked < list.length;
  }
  alls.forEach(function (all) {
    all.addEventListener("change", function () {
      boxes(all.getAttribute("data-select-all")).forEach(function (box) {
        box.checked = all.checked;
      });
      all.indeterminate = false;
    });
    sync(all);
  });
  document.addEventListener("change", function (event) {
    var t = event.target;
    if (!t || t.name !== "ids" || !t.getAttribute("form")) return;
    alls.forEach(function (all) {
      if (all.getAttribute("data-select-all") === t.getAttribute("form")) sync(all);
    });
  });
  // Restored from the back-forward cache, or boxes filled in again by the browser.
  window.addEventListener("pageshow", function () { alls.forEach(sync); });
})();
