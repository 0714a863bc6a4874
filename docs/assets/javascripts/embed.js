// The simulator page: embed the Streamlit app in an iframe, sized to its content.
// The app's URL comes from the build (SMM_APP_URL); "?lab=share&preset=viral-tipping" on
// this page opens the app on that page and preset, and any other query keys are passed on
// (a deep link with values). If the app is not running, a readable fallback stays visible.
(function () {
  "use strict";
  var NAME = /^[a-z0-9_-]{1,40}$/;
  document.querySelectorAll(".smm-app").forEach(function (box) {
    var base = box.dataset.appUrl.replace(/\/$/, "");
    var origin = new URL(base, location.href).origin;
    var frame = box.querySelector(".smm-app__frame");
    var open = box.querySelector(".smm-app__open");
    var here = new URLSearchParams(location.search);
    var lab = here.get("lab");
    var query = new URLSearchParams({ lang: box.dataset.lang });
    here.forEach(function (value, key) {
      if (key !== "lab" && key !== "lang" && NAME.test(key)) query.set(key, value);
    });
    var path = lab && NAME.test(lab) ? "/" + lab : "/";
    var target = base + path + "?" + query.toString();
    open.href = target;
    window.addEventListener("message", function (event) {
      if (event.origin === origin && event.data && event.data.smmAppHeight) {
        frame.style.height = Math.max(480, event.data.smmAppHeight) + "px";
      }
    });
    box.dataset.state = "checking";
    fetch(base + "/_stcore/health", { mode: "no-cors", cache: "no-store" })
      .then(function () {
        query.set("embed", "true");
        frame.src = base + path + "?" + query.toString();
        frame.hidden = false;
        box.dataset.state = "ready";
      })
      .catch(function () {
        box.dataset.state = "offline";
      });
  });
})();
