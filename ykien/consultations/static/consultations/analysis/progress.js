// Polls the analysis status while a run is queued or running, moves the <progress> bars,
// and reloads the page when every run has finished. Without JavaScript the page offers
// a refresh link instead.
(function () {
  "use strict";
  var root = document.querySelector("[data-analysis-status]");
  if (!root) {
    return;
  }
  var url = root.getAttribute("data-analysis-status");
  var delay = 2000;

  function update(runs) {
    var active = false;
    Object.keys(runs).forEach(function (kind) {
      var run = runs[kind];
      var bar = document.getElementById("progress-" + kind);
      if (bar) {
        bar.value = run.progress;
        bar.textContent = run.progress + "%";
      }
      var label = document.getElementById("progress-" + kind + "-pct");
      if (label) {
        label.textContent = run.progress + "%";
      }
      if (run.active) {
        active = true;
      }
    });
    return active;
  }

  function poll() {
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(String(response.status));
        }
        return response.json();
      })
      .then(function (data) {
        if (update(data.runs || {})) {
          window.setTimeout(poll, delay);
        } else {
          window.location.reload();
        }
      })
      .catch(function () {
        delay = Math.min(delay * 2, 30000);
        window.setTimeout(poll, delay);
      });
  }

  window.setTimeout(poll, delay);
})();
