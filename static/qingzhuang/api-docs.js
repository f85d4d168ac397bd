// Starts the vendored Swagger UI on /api/v1/docs from the page's JSON settings (CSP: no inline script).
(function () {
  "use strict";
  var settings = JSON.parse(document.getElementById("swagger-settings").textContent);
  var csrfToken = document.body.dataset.csrfToken;
  settings.dom_id = "#swagger-ui";
  settings.presets = [window.SwaggerUIBundle.presets.apis];
  if (csrfToken) {
    // Signed-in "try it out" calls go with the session, so they need the CSRF token like a form.
    settings.requestInterceptor = function (request) {
      request.headers["X-CSRFToken"] = csrfToken;
      return request;
    };
  }
  window.SwaggerUIBundle(settings);
})();
