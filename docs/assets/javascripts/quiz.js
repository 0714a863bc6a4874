// Chapter self-checks: a Check button per question shows whether the answer is right, opens
// the explanation and updates the score. When every question is answered, the score is kept
// in this browser (progress.js, localStorage) for the learning-path page. Without JavaScript
// the questions still read, and each answer and explanation sits in a <details> element.
(function () {
  "use strict";

  function startQuiz(quiz) {
    var progress = window.smmProgress;
    var chapter = quiz.dataset.chapter;
    var lang = quiz.dataset.lang || document.documentElement.lang;
    var questions = Array.prototype.slice.call(quiz.querySelectorAll(".smm-quiz__question"));
    var score = quiz.querySelector(".smm-quiz__score");
    var reset = quiz.querySelector(".smm-quiz__reset");
    var total = questions.length;

    function text(name, values) {
      var template = quiz.dataset["text" + name.charAt(0).toUpperCase() + name.slice(1)] || "";
      return progress ? progress.format(template, values || {}, lang) : template;
    }

    function tally() {
      var answered = 0;
      var correct = 0;
      questions.forEach(function (question) {
        if (question.dataset.state) answered += 1;
        if (question.dataset.state === "correct") correct += 1;
      });
      return { answered: answered, correct: correct, total: total };
    }

    function showScore(saveWhenDone) {
      var counts = tally();
      var lines = [];
      if (counts.answered === total) {
        lines.push(text("complete", counts));
        if (saveWhenDone && progress) progress.update(chapter, { quiz: { correct: counts.correct, total: total } });
      } else {
        lines.push(text("score", counts));
        var previous = progress && progress.read(chapter).quiz;
        if (previous && previous.total) lines.push(text("previous", previous));
      }
      score.textContent = lines.join(" ");
      score.hidden = false;
    }

    function check(question) {
      var chosen = question.querySelector("input:checked");
      var feedback = question.querySelector(".smm-quiz__feedback");
      if (!chosen) {
        feedback.textContent = text("choose");
        feedback.focus();
        return;
      }
      var right = question.dataset.correct;
      var options = question.querySelectorAll("input[type=radio]");
      var isRight = chosen.value === right;
      question.dataset.state = isRight ? "correct" : "wrong";
      options.forEach(function (input) {
        var label = input.closest("label");
        input.disabled = true;
        if (input.value === right) label.classList.add("is-correct");
        else if (input === chosen) label.classList.add("is-wrong");
      });
      var letter = question.querySelectorAll(".smm-quiz__letter")[Number(right)].textContent;
      feedback.textContent = isRight ? text("correct") : text("wrong", { answer: letter });
      question.querySelector(".smm-quiz__check").hidden = true;
      question.querySelector(".smm-quiz__answer").open = true;
      feedback.focus();
      showScore(true);
    }

    function clear() {
      questions.forEach(function (question) {
        delete question.dataset.state;
        question.querySelectorAll("input[type=radio]").forEach(function (input) {
          input.checked = false;
          input.disabled = false;
          input.closest("label").classList.remove("is-correct", "is-wrong");
        });
        question.querySelector(".smm-quiz__feedback").textContent = "";
        question.querySelector(".smm-quiz__check").hidden = false;
        question.querySelector(".smm-quiz__answer").open = false;
      });
      showScore(false);
      if (questions.length) questions[0].querySelector("input").focus();
    }

    questions.forEach(function (question) {
      var button = question.querySelector(".smm-quiz__check");
      button.hidden = false;
      button.addEventListener("click", function () { check(question); });
    });
    reset.hidden = false;
    reset.addEventListener("click", clear);
    quiz.classList.add("is-live");
    showScore(false);
  }

  function start() {
    document.querySelectorAll(".smm-quiz").forEach(startQuiz);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
