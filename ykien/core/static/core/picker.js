/* Pickers (core/pickers.py): every <input data-picker="URL"> becomes a Tom Select combobox whose
 * suggestions come from URL?q=… as the person types. Without JavaScript (or without Tom Select)
 * the input stays a text field: the person types the name and the server resolves it.
 *
 * Attributes: data-picker (the JSON endpoint: {"results": [{id, text, note, disabled}]}),
 * data-picker-multiple (several values, sent comma-separated), data-picker-initial (JSON list of
 * what is already picked), data-picker-offered (JSON list shown before anything is typed: the
 * records that fit the form best), data-picker-empty / -hint / -error / -remove (translated texts).
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

  // Suggestions are asked for from this many characters typed.
  var MIN_TYPED = 2;

  // Drop the answers to earlier words; keep what is picked and what is offered before typing.
  function forget(select) {
    select.clearOptions(function (option, value) {
      return option.words === "" || this.items.indexOf(String(value)) >= 0;
    });
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
    var offered = [];
    try {
      offered = JSON.parse(input.getAttribute("data-picker-offered") || "[]");
    } catch (e) {
      offered = [];
    }
    input.value = initial.map(function (o) { return String(o.id); }).join(",");
    var failed = false;
    // Each suggestion remembers the words it answers ("" for those offered before typing and
    // for what is picked): the list shows only the answer for the words now in the box, never
    // the suggestions of earlier words while the new ones load.
    function answering(list, words) {
      return list.map(function (o) { return Object.assign({}, o, { words: words }); });
    }
    function enough(query) { return query.length >= MIN_TYPED; }
    // Answers arrive in any order: only the answer to the latest request, for the words still in
    // the box, is shown. An older one (or one arriving after a pick) would replace the list under
    // the pointer, or open it again over the buttons below, and swallow the next click.
    var latest = 0;
    var settings = {
      valueField: "id",
      labelField: "text",
      searchField: [],
      options: answering(initial.concat(offered), ""),
      maxItems: multiple ? null : 1,
      delimiter: ",",
      create: false,
      persist: false,
      loadThrottle: 250,
      preload: false,
      // Close the list after each pick, also when several may be picked (type again for more).
      closeAfterSelect: true,
      plugins: multiple ? { remove_button: { title: text(input, "remove", "×") } } : {},
      // The server has already matched (diacritics ignored) and ordered: keep its order and show
      // the suggestions for these words (fewer than MIN_TYPED characters: those offered).
      score: function (query) {
        var words = enough(query) ? query : "";
        return function (item) { return item.words === words ? 1 : 0; };
      },
      shouldLoad: enough,
      load: function (query, callback) {
        var self = this;
        var ticket = ++latest;
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
            if (stale()) { return; }
            forget(self);
            callback(answering(data.results || [], query));
          })
          .catch(function () {
            if (stale()) { return; }
            failed = true;
            callback();
          });
        function stale() {
          if (ticket === latest && self.inputValue() === query) { return false; }
          // Not shown: only the count of pending loads goes down.
          self.loading = Math.max(self.loading - 1, 0);
          if (!self.loading) { self.wrapper.classList.remove(self.settings.loadingClass); }
          return true;
        }
      },
      onType: function (query) {
        // Back to (almost) nothing typed: the list shows again what is offered, not the last answer.
        if (!enough(query)) {
          forget(this);
          this.refreshOptions(false);
        }
      },
      // Opened again with (almost) nothing typed, after a pick: what is offered, not the last answer.
      onDropdownOpen: function () {
        if (!enough(this.inputValue())) {
          forget(this);
          this.refreshOptions(false);
        }
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
          if (!enough(data.input.trim()) && !offered.length) {
            return '<div class="no-results">' + escape(text(input, "hint", "")) + "</div>";
          }
          return null;
        }
      }
    };
    var select = new window.TomSelect(input, settings);
    // Words typed again are asked for again: their earlier answer may have been dropped (on a
    // new answer, or on opening with nothing typed), which Tom Select would still count as loaded.
    select.canLoad = function () { return true; };
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
