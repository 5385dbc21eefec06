/* Pickers (core/pickers.py): every <input data-picker="URL"> becomes a Tom Select combobox whose
 * suggestions come from URL?q=… as the person types. Without JavaScript (or without Tom Select)
 * the input stays a text field: the person types the name and the server resolves it.
 *
 * Attributes: data-picker (the JSON endpoint: {"results": [{id, text, note, disabled}]}),
 * data-picker-multiple (several values, sent comma-separated), data-picker-initial (JSON list of
 * what is already picked), data-picker-empty / -hint / -error / -remove (translated texts).
 * Tom Select keeps the <label for> on its combobox input (ARIA 1.2 combobox, listbox, keyboard).
 * No inline script or style anywhere (Content-Security-Policy). */
(function () {
  "use strict";
  if (!window.TomSelect) {
    return;
  }

  function text(el, name, fallback) {
    return el.getAttribute("data-picker-" + name) || fallback;
  }

  function escape(value) {
    var div = document.createElement("div");
    div.textContent = value == null ? "" : String(value);
    return div.innerHTML;
  }

  function create(input) {
    var url = input.getAttribute("data-picker");
    var multiple = input.hasAttribute("data-picker-multiple");
    var initial = [];
    try {
      initial = JSON.parse(input.getAttribute("data-picker-initial") || "[]");
    } catch (e) {
      initial = [];
    }
    input.value = initial.map(function (o) { return String(o.id); }).join(",");
    var failed = false;
    var settings = {
      valueField: "id",
      labelField: "text",
      searchField: [],
      options: initial,
      maxItems: multiple ? null : 1,
      delimiter: ",",
      create: false,
      persist: false,
      loadThrottle: 250,
      preload: false,
      closeAfterSelect: !multiple,
      plugins: multiple ? { remove_button: { title: text(input, "remove", "×") } } : {},
      // The server has already matched (diacritics ignored): keep its order, filter nothing.
      score: function () { return function () { return 1; }; },
      shouldLoad: function (query) { return query.trim().length >= 2; },
      load: function (query, callback) {
        var self = this;
        failed = false;
        var sep = url.indexOf("?") === -1 ? "?" : "&";
        fetch(url + sep + "q=" + encodeURIComponent(query), {
          credentials: "same-origin",
          headers: { Accept: "application/json" }
        })
          .then(function (response) {
            if (!response.ok) { throw new Error(String(response.status)); }
            return response.json();
          })
          .then(function (data) {
            self.clearOptions();
            callback(data.results || []);
          })
          .catch(function () {
            failed = true;
            callback();
          });
      },
      render: {
        option: function (item) {
          var note = item.note ? '<small class="picker-note">' + escape(item.note) + "</small>" : "";
          return '<div class="picker-option">' + escape(item.text) + note + "</div>";
        },
        item: function (item) {
          return "<div>" + escape(item.text) + "</div>";
        },
        no_results: function () {
          var message = failed ? text(input, "error", "") : text(input, "empty", "");
          return '<div class="no-results">' + escape(message) + "</div>";
        },
        not_loading: function (data) {
          if (data.input.trim().length < 2) {
            return '<div class="no-results">' + escape(text(input, "hint", "")) + "</div>";
          }
          return null;
        }
      }
    };
    var select = new window.TomSelect(input, settings);
    // Tom Select moves the <label for> to its combobox; the original input (kept, hidden, for
    // the form) is still named by the same label.
    var label = document.querySelector("label[for='" + select.control_input.id + "']");
    if (label && label.id) {
      input.setAttribute("aria-labelledby", label.id);
    }
    return select;
  }

  function init() {
    var inputs = document.querySelectorAll("input[data-picker]");
    for (var i = 0; i < inputs.length; i++) {
      if (!inputs[i].tomselect) {
        create(inputs[i]);
      }
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
