// The app's time charts: one Vega view per chart, kept between reruns. A rerun with the
// same chart (same spec id) only swaps the data rows, which is far cheaper than the
// parse, compile and redraw Streamlit's own chart element does on every slider move.
// Vega comes from the app's static folder (the same vendored file the playbook uses).
const VEGA_URL = "app/static/vega.min.js";

function loadVega() {
  if (window.vega) return Promise.resolve(window.vega);
  if (!window.smmVegaLoading) {
    window.smmVegaLoading = new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = new URL(VEGA_URL, document.baseURI).href;
      script.onload = () => resolve(window.vega);
      script.onerror = () => reject(new Error("could not load " + VEGA_URL));
      document.head.appendChild(script);
    });
  }
  return window.smmVegaLoading;
}

export default function (component) {
  const { data, parentElement } = component;
  let box = parentElement.querySelector(".smm-chart");
  if (!box) {
    box = document.createElement("div");
    box.className = "smm-chart";
    box.setAttribute("role", "figure");
    parentElement.appendChild(box);
  }
  box.setAttribute("aria-label", data.description);
  box.dataset.rows = String(data.values.length);
  loadVega().then((vega) => {
    const drawn = box.smmChart;
    if (drawn && drawn.id === data.id) {
      drawn.view.data(data.dataset, data.values).runAsync();
      return;
    }
    if (drawn) drawn.view.finalize();
    box.replaceChildren();
    const view = new vega.View(vega.parse(JSON.parse(data.spec)), {
      renderer: "svg",
      container: box,
      hover: true,
    });
    view.data(data.dataset, data.values).runAsync();
    box.smmChart = { id: data.id, view };
  }, (error) => {
    box.textContent = error.message;
  });
  // Called once, when the chart leaves the page (not between reruns): the view listens
  // to window resizes, so it must be let go of explicitly.
  return () => {
    if (box.smmChart) box.smmChart.view.finalize();
    box.smmChart = null;
  };
}
