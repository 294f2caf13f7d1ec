// On a narrow screen the facets start folded, so the list comes first; a tap on
// "Narrow the list" opens them. Without JavaScript they simply stay open.
// The width matches the breakpoint in newsroom.css where facets move beside the list.
(function () {
  "use strict";
  if (!window.matchMedia("(max-width: 55.99rem)").matches) {
    return;
  }
  document.querySelectorAll("details.facets__panel[open]").forEach(function (panel) {
    panel.open = false;
  });
})();
