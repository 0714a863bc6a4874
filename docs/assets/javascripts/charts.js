// Replace each static chart with a live Vega view (sliders work with no server).
// Vega (self-hosted, assets/javascripts/vendor/vega.min.js) is loaded only when a chart
// comes near the screen, so a page loads at the weight of its text and static pictures.
(function () {
  "use strict";
  var script = document.currentScript;
  var vegaUrl = script && script.dataset.vega;
  var loading = null;

  function loadVega() {
    if (window.vega) return Promise.resolve();
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        var tag = document.createElement("script");
        tag.src = vegaUrl;
        tag.onload = resolve;
        tag.onerror = reject;
        document.head.appendChild(tag);
      });
    }
    return loading;
  }

  function makeLive(figure) {
    var specNode = figure.querySelector(".smm-chart__spec");
    var live = figure.querySelector(".smm-chart__live");
    var still = figure.querySelector(".smm-chart__static");
    if (!specNode || !live || figure.dataset.state) return;
    figure.dataset.state = "loading";
    loadVega().then(function () {
      live.hidden = false;
      var view = new vega.View(vega.parse(JSON.parse(specNode.textContent)), { renderer: "svg", container: live, hover: true });
      return view.runAsync().then(function () {
        still.hidden = true;
        figure.dataset.state = "live";
      });
    }).catch(function (error) {
      live.hidden = true;
      figure.dataset.state = "static";
      console.warn("chart kept static:", error);
    });
  }

  function start() {
    var figures = document.querySelectorAll("figure.smm-chart");
    if (!("IntersectionObserver" in window)) {
      figures.forEach(makeLive);
      return;
    }
    var observer = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (entry.isIntersecting) {
          observer.unobserve(entry.target);
          makeLive(entry.target);
        }
      });
    }, { rootMargin: "600px 0px" });
    figures.forEach(function (figure) { observer.observe(figure); });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
