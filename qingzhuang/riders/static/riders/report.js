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
        askNearby();
      }, function () { status.textContent = form.dataset.noPosition || ""; }, {enableHighAccuracy: true, timeout: 15000, maximumAge: 60000});
    });
  }
  askNearby();
})();
