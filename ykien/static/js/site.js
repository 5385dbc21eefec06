// The site's only script on every page (the Content-Security-Policy allows no inline script).
// On a small screen it folds the main menu, the language switch and the sign-in link behind the
// "Danh mục" button; the stylesheet keeps them open on a wide screen. Without JavaScript the
// menu simply stays open.
// A form sent back with errors: the focus goes to its first field marked invalid (the error is
// next to that field and named by its aria-describedby), unless a field asks for the focus itself.
(function () {
  "use strict";
  var invalid = document.querySelector("main form [aria-invalid='true']");
  if (invalid && !document.querySelector("[autofocus]")) {
    invalid.focus();
  }
})();

(function () {
  "use strict";
  var header = document.querySelector(".site-header");
  var button = header && header.querySelector(".nav-toggle");
  var menu = button && document.getElementById(button.getAttribute("aria-controls"));
  if (!menu) {
    return;
  }

  function setOpen(open) {
    button.setAttribute("aria-expanded", open ? "true" : "false");
    header.classList.toggle("nav-open", open);
  }

  header.classList.add("nav-collapsible");
  button.hidden = false;
  button.addEventListener("click", function () {
    setOpen(button.getAttribute("aria-expanded") !== "true");
  });
  header.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && button.getAttribute("aria-expanded") === "true") {
      setOpen(false);
      button.focus();
    }
  });
})();

// An irreversible action: a form (or the button that sends it) with data-confirm="question" is
// sent only after the person answers yes to the question. Cancelling sends nothing.
(function () {
  "use strict";
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var button = event.submitter;
    var question =
      (button && button.getAttribute("data-confirm")) || form.getAttribute("data-confirm");
    if (question && !window.confirm(question)) {
      event.preventDefault();
    }
  });
})();
