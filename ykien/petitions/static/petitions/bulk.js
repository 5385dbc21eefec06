// The staff petition list: the "select all" box ticks or clears every row box of the bulk form,
// and shows "mixed" when only some are ticked.
(function () {
  "use strict";
  var all = document.querySelector("[data-select-all]");
  if (!all) return;
  var form = all.getAttribute("data-select-all");
  function boxes() {
    return Array.prototype.slice.call(
      document.querySelectorAll('input[type="checkbox"][name="ids"][form="' + form + '"]')
    );
  }
  all.addEventListener("change", function () {
    boxes().forEach(function (box) { box.checked = all.checked; });
  });
  document.addEventListener("change", function (event) {
    var t = event.target;
    if (!t || t === all || t.name !== "ids") return;
    var list = boxes();
    var ticked = list.filter(function (b) { return b.checked; }).length;
    all.checked = ticked === list.length && ticked > 0;
    all.indeterminate = ticked > 0 && ticked < list.length;
  });
})();
