// Starts the vendored Swagger UI on /api/v1/docs from the page's JSON settings (CSP: no inline script).
(function () {
  "use strict";
  var settings = JSON.parse(document.getElementById("swagger-settings").textContent);
  var csrfToken = document.body.dataset.csrfToken;
  settings.dom_id = "#swagger-ui";
  settings.presets = [window.SwaggerUIBundle.presets.apis];
  // Each app's operations open under its tag: expanded all at once, the 160 operations took Swagger UI longer than a
  // person waits, and it showed only the first few apps.
  settings.docExpansion = "none";
  if (csrfToken) {
    // Signed-in "try it out" calls go with the session, so they need the CSRF token like a form.
    settings.requestInterceptor = function (request) {
      request.headers["X-CSRFToken"] = csrfToken;
      return request;
    };
  }
  window.SwaggerUIBundle(settings);
})();
