// Onboarding progress, kept in this browser only (localStorage; no server, no cookies).
// One key per chapter, shared by both languages: "smm.progress.<chapter id>" holds
// {"done": true, "quiz": {"correct": 5, "total": 6}}. Chapters get a "Mark as done"
// toggle; the learning-path page shows each chapter's state. quiz.js saves its scores here.
(function () {
  "use strict";
  var PREFIX = "smm.progress.";
  var FA_DIGITS = "۰۱۲۳۴۵۶۷۸۹";

  function read(chapter) {
    try {
      var value = JSON.parse(window.localStorage.getItem(PREFIX + chapter) || "{}");
      return value && typeof value === "object" ? value : {};
    } catch (error) {
      return {};
    }
  }

  function update(chapter, change) {
    var state = read(chapter);
    Object.keys(change).forEach(function (key) {
      state[key] = change[key];
    });
    try {
      window.localStorage.setItem(PREFIX + chapter, JSON.stringify(state));
    } catch (error) {
      // Storage full or blocked (private mode): progress is simply not kept.
    }
    return state;
  }

  function clearAll() {
    try {
      Object.keys(window.localStorage)
        .filter(function (key) { return key.indexOf(PREFIX) === 0; })
        .forEach(function (key) { window.localStorage.removeItem(key); });
    } catch (error) {
      // Nothing stored, nothing to clear.
    }
  }

  function digits(value, lang) {
    var text = String(value);
    return lang === "fa" ? text.replace(/[0-9]/g, function (d) { return FA_DIGITS[d]; }) : text;
  }

  // "{correct} of {total}" with the page language's digits.
  function format(template, values, lang) {
    return template.replace(/\{(\w+)\}/g, function (whole, name) {
      return name in values ? digits(values[name], lang) : whole;
    });
  }

  window.smmProgress = { read: read, update: update, clearAll: clearAll, format: format, digits: digits };

  // "Mark this chapter as done" at the end of a chapter's self-check.
  function startToggles() {
    document.querySelectorAll(".smm-done").forEach(function (box) {
      var button = box.querySelector(".smm-done__toggle");
      var chapter = box.dataset.chapter;
      if (!button || !chapter) return;
      function render() {
        var done = read(chapter).done === true;
        button.setAttribute("aria-pressed", done ? "true" : "false");
        button.textContent = done ? box.dataset.textDone : box.dataset.textTodo;
        box.classList.toggle("is-done", done);
      }
      button.addEventListener("click", function () {
        update(chapter, { done: read(chapter).done !== true });
        render();
      });
      button.hidden = false;
      render();
    });
  }

  // The learning-path page: each chapter's done box and self-check score, a summary line,
  // and a link to the first chapter not yet done.
  function startPath() {
    document.querySelectorAll(".smm-path").forEach(function (path) {
      var lang = path.dataset.lang || document.documentElement.lang;
      var boxes = Array.prototype.slice.call(path.querySelectorAll(".smm-path__done"));
      var summary = path.querySelector(".smm-path__summary");
      var next = path.querySelector(".smm-path__next");
      var reset = path.querySelector(".smm-path__reset");

      function render() {
        var done = 0;
        var quizzes = 0;
        var first = null;
        boxes.forEach(function (box) {
          var state = read(box.dataset.chapter);
          box.checked = state.done === true;
          box.closest("tr").classList.toggle("is-done", box.checked);
          if (box.checked) done += 1;
          else if (!first) first = box;
        });
        path.querySelectorAll(".smm-path__quiz").forEach(function (cell) {
          var quiz = read(cell.dataset.chapter).quiz;
          if (!cell.dataset.initial) cell.dataset.initial = cell.textContent;
          if (quiz && quiz.total) {
            quizzes += 1;
            cell.textContent = format(path.dataset.textScore, quiz, lang);
            cell.classList.add("is-complete");
          } else {
            cell.textContent = cell.dataset.initial;
            cell.classList.remove("is-complete");
          }
        });
        summary.textContent = format(path.dataset.textSummary, {
          done: done, total: boxes.length, quizzes: quizzes, quizTotal: path.dataset.quizzes
        }, lang);
        summary.hidden = false;
        next.textContent = "";
        if (first) {
          var link = first.closest("tr").querySelector("a");
          var parts = path.dataset.textNext.split("{link}");
          next.appendChild(document.createTextNode(parts[0]));
          var copy = document.createElement("a");
          copy.href = link.getAttribute("href");
          copy.textContent = link.textContent;
          next.appendChild(copy);
          next.appendChild(document.createTextNode(parts[1] || ""));
        } else {
          next.textContent = path.dataset.textFinished;
        }
        next.hidden = false;
      }

      boxes.forEach(function (box) {
        box.disabled = false;
        box.addEventListener("change", function () {
          update(box.dataset.chapter, { done: box.checked });
          render();
        });
      });
      if (reset) {
        reset.hidden = false;
        reset.addEventListener("click", function () {
          clearAll();
          render();
        });
      }
      window.addEventListener("storage", function (event) {
        if (!event.key || event.key.indexOf(PREFIX) === 0) render();
      });
      render();
    });
  }

  function start() {
    startToggles();
    startPath();
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
