/* The site's maps (Leaflet, with leaflet.markercluster where loaded). Each map is an element
 * with data-map="picker" | "point" | "features" that stays hidden until this script draws it:
 * without JavaScript (or without Leaflet) the page keeps its fields, tables and lists.
 *
 * Common attributes (templatetags/maps.py): data-tiles (tile URL; empty: no tiles),
 * data-attribution, data-zoom-in, data-zoom-out; data-center="lat,lng" and data-zoom.
 *   picker:   data-lat-input, data-lng-input (ids of the fields a click or a drag fills),
 *             data-status (id of a live region), data-picked ("… %(lat)s, %(lng)s"), data-marker.
 *   point:    data-lat, data-lng, data-marker.
 *   features: data-geojson (URL of a GeoJSON FeatureCollection from the API), data-status,
 *             data-error; data-popup="reports" | "units" and the labels data-label-*.
 * No inline script or style anywhere (Content-Security-Policy). */
(function () {
  "use strict";
  if (!window.L) {
    return;
  }
  var L = window.L;

  function number(value) {
    var n = parseFloat(String(value || "").replace(",", "."));
    return isFinite(n) ? n : null;
  }

  function setStatus(el, text) {
    var id = el.getAttribute("data-status");
    var status = id && document.getElementById(id);
    if (status) {
      status.textContent = text;
    }
  }

  function create(el) {
    el.hidden = false;
    var tiles = el.getAttribute("data-tiles") || "";
    var map = L.map(el, {
      zoomControl: false,
      attributionControl: Boolean(tiles),
      scrollWheelZoom: false
    });
    L.control.zoom({
      zoomInTitle: el.getAttribute("data-zoom-in") || "+",
      zoomOutTitle: el.getAttribute("data-zoom-out") || "-"
    }).addTo(map);
    if (tiles) {
      L.tileLayer(tiles, {
        maxZoom: 19,
        attribution: el.getAttribute("data-attribution") || "",
        // The tile server sees this site's origin, never the page's address (OpenStreetMap's
        // tile policy asks for a Referer).
        referrerPolicy: "strict-origin-when-cross-origin"
      }).addTo(map);
    }
    var center = (el.getAttribute("data-center") || "16.0,106.5").split(",");
    map.setView([number(center[0]), number(center[1])], number(el.getAttribute("data-zoom")) || 5);
    map.on("focus", function () { map.scrollWheelZoom.enable(); });
    map.on("blur", function () { map.scrollWheelZoom.disable(); });
    return map;
  }

  /* The petition form: a click or a dragged marker fills latitude and longitude; typing them
   * moves the marker. */
  function picker(el, map) {
    var lat = document.getElementById(el.getAttribute("data-lat-input"));
    var lng = document.getElementById(el.getAttribute("data-lng-input"));
    if (!lat || !lng) {
      return;
    }
    var marker = null;
    Array.prototype.forEach.call(document.querySelectorAll(".map-hint"), function (hint) {
      hint.hidden = false;
    });

    function typed() {
      var a = number(lat.value);
      var b = number(lng.value);
      if (a === null || b === null || a < -90 || a > 90 || b < -180 || b > 180) {
        return null;
      }
      return L.latLng(a, b);
    }

    function announce() {
      var text = el.getAttribute("data-picked") || "%(lat)s, %(lng)s";
      setStatus(el, text.replace("%(lat)s", lat.value).replace("%(lng)s", lng.value));
    }

    function fill(point) {
      point = point.wrap();
      lat.value = point.lat.toFixed(6);
      lng.value = point.lng.toFixed(6);
      announce();
    }

    function place(point) {
      if (marker === null) {
        marker = L.marker(point, {
          draggable: true,
          keyboard: false,
          alt: el.getAttribute("data-marker") || ""
        }).addTo(map);
        marker.on("dragend", function () { fill(marker.getLatLng()); });
      } else {
        marker.setLatLng(point);
      }
    }

    map.on("click", function (event) {
      place(event.latlng);
      fill(event.latlng);
    });
    [lat, lng].forEach(function (input) {
      input.addEventListener("change", function () {
        var point = typed();
        if (point) {
          place(point);
          map.setView(point, Math.max(map.getZoom(), 13));
          announce();
        } else if (marker !== null && !lat.value && !lng.value) {
          map.removeLayer(marker);
          marker = null;
          setStatus(el, "");
        }
      });
    });
    var start = typed();
    if (start) {
      place(start);
      map.setView(start, 15);
    }
  }

  function point(el, map) {
    var where = L.latLng(number(el.getAttribute("data-lat")), number(el.getAttribute("data-lng")));
    L.marker(where, { keyboard: false, alt: el.getAttribute("data-marker") || "" }).addTo(map);
    map.setView(where, 14);
  }

  function append(parent, tag, text, cls) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) {
      node.textContent = text;
    }
    if (cls) {
      node.className = cls;
    }
    parent.appendChild(node);
    return node;
  }

  function link(parent, href, text) {
    var a = append(parent, "a", text);
    a.href = href;
    return a;
  }

  /* Popups are built from DOM nodes and text, never from HTML in the data. */
  var popups = {
    reports: function (el, p) {
      var box = document.createElement("div");
      link(append(box, "p", null, "map-popup-title"), p.url, p.subject);
      append(box, "p", p.kind_label + " · " + p.status_label);
      append(box, "p", p.unit);
      return box;
    },
    units: function (el, p) {
      var box = document.createElement("div");
      append(box, "p", p.name, "map-popup-title");
      var list = append(box, "ul");
      [
        ["activities", p.activities],
        ["issued", p.recommendations_issued],
        ["received", p.recommendations_received],
        ["overdue", p.overdue]
      ].forEach(function (row) {
        append(list, "li", (el.getAttribute("data-label-" + row[0]) || row[0]) + ": " + row[1]);
      });
      if (p.issuer_url) {
        link(append(box, "p"), p.issuer_url, el.getAttribute("data-label-issuer-link") || "");
      }
      if (p.addressee_url) {
        link(append(box, "p"), p.addressee_url, el.getAttribute("data-label-addressee-link") || "");
      }
      return box;
    }
  };

  function features(el, map) {
    var kind = el.getAttribute("data-popup") || "reports";
    fetch(el.getAttribute("data-geojson"), {
      credentials: "same-origin",
      headers: { Accept: "application/geo+json, application/json" }
    })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(String(response.status));
        }
        return response.json();
      })
      .then(function (data) {
        var group = L.markerClusterGroup ? L.markerClusterGroup({ showCoverageOnHover: false }) : L.featureGroup();
        L.geoJSON(data, {
          pointToLayer: function (feature, where) {
            var p = feature.properties || {};
            return L.marker(where, { alt: p.subject || p.name || "" });
          },
          onEachFeature: function (feature, layer) {
            layer.bindPopup(function () { return popups[kind](el, feature.properties || {}); });
          }
        }).eachLayer(function (layer) { group.addLayer(layer); });
        map.addLayer(group);
        var count = group.getLayers().length;
        el.setAttribute("data-features", String(count));
        if (count) {
          map.fitBounds(group.getBounds(), { maxZoom: 14, padding: [24, 24] });
        }
      })
      .catch(function () {
        el.setAttribute("data-features", "error");
        setStatus(el, el.getAttribute("data-error") || "");
      });
  }

  var kinds = { picker: picker, point: point, features: features };
  Array.prototype.forEach.call(document.querySelectorAll("[data-map]"), function (el) {
    var draw = kinds[el.getAttribute("data-map")];
    if (draw) {
      draw(el, create(el));
    }
  });
})();
