// The simulator page: embed the Streamlit app in an iframe, sized to its content; and the
// chapters' "Try it" boxes, which say when no simulator is connected.
// The app's URL comes from the build (SMM_APP_URL); "?lab=share&preset=viral-tipping" on
// this page opens the app on that page and preset, and any other query keys are passed on
// (a deep link with values). If the app is not running, a readable fallback stays visible,
// with the preset's numbers and chart as built.
// The app takes the page's colour scheme (Streamlit's embed_options) and follows the
// reader's light/dark switch, reloading on the scenario the reader has reached: the app
// reports its address, which also keeps the "open in a new tab" link on that scenario.
(function () {
  "use strict";
  var NAME = /^[a-z0-9_-]{1,40}$/;
  var EMBED_KEYS = ["embed", "embed_options"];

  // Is the app answering? On the site's own origin the answer is read: Streamlit says "ok",
  // while a static host answers with the build's stand-in file ("offline") or an error page.
  // An app on another origin cannot be read (no CORS), so any answer counts as running.
  var probes = {};
  function appRunning(base, origin) {
    if (!probes[base]) probes[base] = probe(base, origin);
    return probes[base];
  }
  function probe(base, origin) {
    var sameOrigin = origin === location.origin;
    var options = sameOrigin ? { cache: "no-store" } : { mode: "no-cors", cache: "no-store" };
    return fetch(base + "/_stcore/health", options)
      .then(function (response) {
        if (!sameOrigin) return true;
        return response.ok && response.text().then(function (body) { return body.trim() === "ok"; });
      })
      .catch(function () { return false; });
  }

  function scheme() {
    return document.body.getAttribute("data-md-color-scheme") === "slate" ? "dark_theme" : "light_theme";
  }

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
    // The scenario the reader is on: the deep link at first, then whatever the app reports.
    var current = new URL(base + path + "?" + query.toString(), location.href);
    var shown = "";

    function standalone() {
      var url = new URL(current.href);
      EMBED_KEYS.forEach(function (key) { url.searchParams.delete(key); });
      return url.href;
    }
    function embedded() {
      var url = new URL(standalone());
      url.searchParams.set("embed", "true");
      url.searchParams.set("embed_options", scheme());
      return url.href;
    }
    function show() {
      shown = scheme();
      frame.src = embedded();
    }

    open.href = standalone();
    window.addEventListener("message", function (event) {
      if (event.origin !== origin || !event.data) return;
      if (event.data.smmAppHeight > 0) {
        frame.style.height = Math.max(480, event.data.smmAppHeight) + "px";
      }
      if (typeof event.data.smmAppUrl === "string") {
        var reported = new URL(event.data.smmAppUrl);
        if (reported.origin === origin) {
          current = reported;
          open.href = standalone();
        }
      }
    });
    new MutationObserver(function () {
      if (box.dataset.state === "ready" && scheme() !== shown) show();
    }).observe(document.body, { attributes: true, attributeFilter: ["data-md-color-scheme"] });

    box.dataset.state = "checking";
    appRunning(base, origin).then(function (running) {
      if (running) {
        show();
        frame.hidden = false;
        box.dataset.state = "ready";
      } else {
        showPreview(box, here.get("preset"));
        box.dataset.state = "offline";
      }
    });
  });

  // The preset's numbers and chart as built, when no simulator answers.
  function showPreview(box, presetId) {
    box.querySelectorAll(".smm-preview").forEach(function (preview) {
      preview.hidden = preview.dataset.preset !== presetId;
    });
  }

  // A chapter's "Try it" box: with no simulator answering, it says so and shows its preset.
  document.querySelectorAll("a.smm-try").forEach(function (button) {
    var box = button.closest(".admonition") || button.parentElement;
    var base = button.dataset.appUrl.replace(/\/$/, "");
    appRunning(base, new URL(base, location.href).origin).then(function (running) {
      if (running) return;
      var preview = box.querySelector(".smm-preview");
      box.querySelector(".smm-try__offline").hidden = false;
      if (preview) preview.hidden = false;
      box.dataset.state = "offline";
    });
  });
})();
