// The hazard report page: the phone's position (WGS-84), and open reports of the same kind nearby (是这个吗？).
(function () {
  "use strict";
  var form = document.getElementById("hazard-form");
  if (!form) { return; }
  var lat = document.getElementById("f-lat"), lng = document.getElementById("f-lng"), datum = document.getElementById("f-datum");
  var category = document.getElementById("f-category"), offers = document.getElementById("offers");
  var status = document.getElementById("locate-status"), locate = document.getElementById("locate");
  var timer = null;

  function askNearby() {
    if (!lat.value || !lng.value || !category.value || form.querySelector(".rider-offers:not(#offers .rider-offers)")) { return; }
    var url = form.dataset.nearby + "?" + new URLSearchParams({category: category.value, lat: lat.value, lng: lng.value, datum: datum.value});
    fetch(url, {credentials: "same-origin"}).then(function (r) { return r.ok ? r.text() : ""; })
      .then(function (html) { offers.innerHTML = html; }).catch(function () { offers.innerHTML = ""; });
  }
  function later() { clearTimeout(timer); timer = setTimeout(askNearby, 400); }
  [lat, lng, datum, category].forEach(function (el) { el.addEventListener("change", later); el.addEventListener("input", later); });

  if (navigator.geolocation && locate) {
    locate.hidden = false;
    locate.addEventListener("click", function () {
      status.textContent = locate.dataset.wait || "…";
      navigator.geolocation.getCurrentPosition(function (pos) {
        lat.value = pos.coords.latitude.toFixed(6);
        lng.value = pos.coords.longitude.toFixed(6);
        datum.value = "wgs84";  // the browser's position is GPS (WGS-84)
        status.textContent = lat.value + ", " + lng.value + " (±" + Math.round(pos.coords.accuracy) + " m)";
        var box = document.getElementById("map");
        if (window.map && box && box.dataset.datum === "wgs84") {  // on GCJ-02 tiles a GPS point would sit off by hundreds of metres
          mark(pos.coords.latitude, pos.coords.longitude);
          window.map.setView([pos.coords.latitude, pos.coords.longitude], 17);
        }
        askNearby();
      }, function () { status.textContent = form.dataset.noPosition || ""; }, {enableHighAccuracy: true, timeout: 15000, maximumAge: 60000});
    });
  }
  // The map (only when the site configures a tile server): a tap sets the point, in the datum the tiles are drawn in
  // (天地图: CGCS2000, taken as WGS-84; 高德/腾讯 tiles: GCJ-02). The server converts GCJ-02 to WGS-84 before storing.
  var box = document.getElementById("map");
  var marker = null;
  function mark(la, ln) {
    if (!window.map) { return; }
    if (marker) { marker.setLatLng([la, ln]); } else { marker = window.L.circleMarker([la, ln], {radius: 10, weight: 3}).addTo(window.map); }
  }
  if (box && window.L) {
    var centre = box.dataset.lat ? [parseFloat(box.dataset.lat), parseFloat(box.dataset.lng)] : [34.36, 107.15];
    window.map = window.L.map(box, {tap: true}).setView(centre, box.dataset.lat ? 15 : 12);
    window.L.tileLayer(box.dataset.tiles, {maxZoom: 18, subdomains: box.dataset.subdomains || "abc",
      attribution: box.dataset.attribution || ""}).addTo(window.map);
    window.map.on("click", function (e) {
      lat.value = e.latlng.lat.toFixed(6);
      lng.value = e.latlng.lng.toFixed(6);
      datum.value = box.dataset.datum || "wgs84";
      mark(e.latlng.lat, e.latlng.lng);
      askNearby();
    });
    if (lat.value && lng.value && datum.value === box.dataset.datum) { mark(parseFloat(lat.value), parseFloat(lng.value)); }
  }
  askNearby();
})();
