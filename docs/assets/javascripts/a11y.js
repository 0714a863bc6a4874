// Wide tables scroll sideways inside a wrapper the theme adds; make each wrapper reachable
// by keyboard so the hidden columns can be scrolled into view (WCAG 2.1.1).
(function () {
  "use strict";
  function label() {
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (wrap) {
      if (wrap.hasAttribute("tabindex")) return;
      wrap.setAttribute("tabindex", "0");
      wrap.setAttribute("role", "region");
      var heading = wrap.querySelector("th");
      wrap.setAttribute("aria-label", heading ? heading.textContent.trim() : "table");
    });
  }
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(label);
  } else {
    document.addEventListener("DOMContentLoaded", label);
  }
})();
