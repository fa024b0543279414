// Accessibility fixes to Swagger UI's markup on the API documentation page
// (templates/drf_spectacular/swagger_ui.html), applied whenever it renders:
// axe-core finds these in Swagger UI itself (tests/browser/test_api_docs.py).
"use strict";

(() => {
  const fix = (root) => {
    // An operation's summary is a button holding a link to the operation
    // (nested-interactive): the button alone, which unfolds it, stays.
    root.querySelectorAll(".opblock-summary-control a[href]").forEach((link) => {
      link.removeAttribute("href");
    });
    // Drop-downs of a parameter's values have no label (select-name).
    root.querySelectorAll("tr[data-param-name] select:not([aria-label]), tr[data-param-name] input:not([aria-label])")
      .forEach((field) => {
        const row = field.closest("tr[data-param-name]");
        field.setAttribute("aria-label", row.dataset.paramName);
      });
    root.querySelectorAll(".response-control-media-type select:not([aria-label]), .content-type:not([aria-label])")
      .forEach((field) => field.setAttribute("aria-label", "Media type"));
    // Examples scroll sideways: keyboard users must reach them (scrollable-region-focusable).
    root.querySelectorAll("pre.microlight:not([tabindex]), .highlight-code > pre:not([tabindex])").forEach((block) => {
      block.setAttribute("tabindex", "0");
    });
  };
  const start = () => {
    const root = document.getElementById("swagger-ui");
    fix(root);
    new MutationObserver(() => fix(root)).observe(root, { childList: true, subtree: true });
  };
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
