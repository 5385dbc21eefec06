// The staff menu ("Khu vực cán bộ", core/_staff_menu.html): each area is a <details> disclosure.
// On a wide screen the areas open as drop-downs, one at a time, closed by Escape (focus back on
// the area's name) or a click elsewhere; on a small screen the whole menu folds behind its
// button, like the main menu. Without JavaScript the menu stays open and each area still opens.
(function () {
  "use strict";
  var bar = document.querySelector("[data-staff-bar]");
  var button = bar && bar.querySelector(".staff-toggle");
  if (!button) {
    return;
  }
  var areas = Array.prototype.slice.call(bar.querySelectorAll("details[data-staff-area]"));
  var narrow = window.matchMedia("(max-width: 47.99rem)");

  function setOpen(open) {
    button.setAttribute("aria-expanded", open ? "true" : "false");
    bar.classList.toggle("staff-open", open);
  }

  bar.classList.add("staff-collapsible");
  button.hidden = false;
  button.addEventListener("click", function () {
    setOpen(button.getAttribute("aria-expanded") !== "true");
  });
  areas.forEach(function (area) {
    area.addEventListener("toggle", function () {
      if (area.open && !narrow.matches) {
        areas.forEach(function (other) {
          if (other !== area) {
            other.open = false;
          }
        });
      }
    });
  });
  document.addEventListener("click", function (event) {
    if (narrow.matches) {
      return;
    }
    areas.forEach(function (area) {
      if (area.open && !area.contains(event.target)) {
        area.open = false;
      }
    });
  });
  bar.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") {
      return;
    }
    var open = areas.filter(function (area) { return area.open; })[0];
    if (open) {
      open.open = false;
      open.querySelector("summary").focus();
    } else if (button.getAttribute("aria-expanded") === "true") {
      setOpen(false);
      button.focus();
    }
  });
})();
