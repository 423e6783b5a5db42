// Starts the bundled Swagger UI on /openapi.json. A file of its own: the page's
// Content-Security-Policy runs no inline script.
"use strict";
window.addEventListener("DOMContentLoaded", function () {
  window.ui = window.SwaggerUIBundle({
    url: "/openapi.json",
    dom_id: "#swagger-ui",
    deepLinking: true,
    validatorUrl: null, // never ask a validator on another site
    presets: [window.SwaggerUIBundle.presets.apis],
    layout: "BaseLayout",
  });
});
