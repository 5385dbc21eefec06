/* The results map of a national ballot: one circle per province (of the 34 after the 2025
 * merger) at its centre, its area following the number of ballots and its colour the share of
 * "agree" on the whole draft. The figures come from the results API (data-results); the table
 * below the map holds the same figures for readers without JavaScript. No inline script or
 * style (Content-Security-Policy); popups are built from text nodes. */
(function () {
  "use strict";
  var el = document.querySelector("[data-national-map]");
  if (!el || !window.L) {
    return;
  }
  var L = window.L;

  function status(text) {
    var target = document.getElementById(el.getAttribute("data-status") || "");
    if (target) {
      target.textContent = text;
    }
  }

  function colour(share) {
    // red (0 % agree) → amber → green (100 %)
    var hue = Math.max(0, Math.min(120, share * 1.2));
    return "hsl(" + hue + ", 70%, 40%)";
  }

  function line(box, label, value) {
    var p = document.createElement("p");
    p.textContent = label + ": " + value;
    box.appendChild(p);
  }

  el.hidden = false;
  var tiles = el.getAttribute("data-tiles") || "";
  var map = L.map(el, { zoomControl: true, attributionControl: Boolean(tiles), scrollWheelZoom: false });
  if (tiles) {
    L.tileLayer(tiles, {
      maxZoom: 12,
      attribution: el.getAttribute("data-attribution") || "",
      referrerPolicy: "strict-origin-when-cross-origin"
    }).addTo(map);
  }
  map.setView([16.0, 106.5], 5);

  fetch(el.getAttribute("data-results"), { credentials: "same-origin", headers: { Accept: "application/json" } })
    .then(function (response) {
      if (!response.ok) {
        throw new Error(String(response.status));
      }
      return response.json();
    })
    .then(function (data) {
      var most = 1;
      data.provinces.forEach(function (p) { most = Math.max(most, p.total); });
      var group = L.featureGroup();
      data.provinces.forEach(function (p) {
        var radius = 4 + 26 * Math.sqrt(p.total / most);
        var circle = L.circleMarker([p.lat, p.lng], {
          radius: p.total ? radius : 3,
          color: "#333",
          weight: 1,
          fillColor: p.total ? colour(p.agree_share) : "#bbb",
          fillOpacity: 0.75
        });
        circle.bindPopup(function () {
          var box = document.createElement("div");
          var title = document.createElement("p");
          title.className = "map-popup-title";
          title.textContent = p.name;
          box.appendChild(title);
          line(box, el.getAttribute("data-label-ballots"), p.total);
          line(box, el.getAttribute("data-label-agree"), p.agree + " (" + p.agree_share + "%)");
          line(box, el.getAttribute("data-label-disagree"), p.disagree + " (" + p.disagree_share + "%)");
          line(box, el.getAttribute("data-label-none"), p.none + " (" + p.none_share + "%)");
          return box;
        });
        circle.options.province = p.code;
        group.addLayer(circle);
      });
      group.addTo(map);
      el.setAttribute("data-provinces", String(data.provinces.length));
      map.fitBounds(group.getBounds(), { padding: [16, 16] });
    })
    .catch(function () {
      el.setAttribute("data-provinces", "error");
      status(el.getAttribute("data-error") || "");
    });
})();
