// Replace each static chart with a live Vega view (sliders work with no server).
// The Vega runtime is self-hosted (assets/javascripts/vega.min.js, built by vl-convert).
(function () {
  "use strict";
  function start() {
    if (!window.vega) return;
    document.querySelectorAll("figure.smm-chart").forEach(function (figure) {
      var specNode = figure.querySelector(".smm-chart__spec");
      var live = figure.querySelector(".smm-chart__live");
      var still = figure.querySelector(".smm-chart__static");
      if (!specNode || !live || figure.dataset.state === "live") return;
      var spec = JSON.parse(specNode.textContent);
      live.hidden = false;
      var view = new vega.View(vega.parse(spec), { renderer: "svg", container: live, hover: true });
      view.runAsync().then(function () {
        still.hidden = true;
        figure.dataset.state = "live";
      }).catch(function (error) {
        live.hidden = true;
        figure.dataset.state = "static";
        console.warn("chart kept static:", error);
      });
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
