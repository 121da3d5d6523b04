// The listening session: a calm, step-by-step speaker/listener exercise on one phone.
(function () {
  "use strict";
  var root = document.querySelector("[data-listening]");
  if (!root) {
    return;
  }
  var seconds = parseInt(root.getAttribute("data-seconds"), 10) || 120;
  var names = [root.getAttribute("data-first"), root.getAttribute("data-second")];
  var round = 0; // 0: first person speaks; 1: second person speaks
  var timer = null;
  var left = seconds;
  var timerEl = root.querySelector("[data-timer]");

  function format(total) {
    var m = Math.floor(total / 60);
    var s = total % 60;
    return m + ":" + (s < 10 ? "0" : "") + s;
  }

  function setNames() {
    var speaker = names[round];
    var listener = names[1 - round];
    root.querySelectorAll("[data-role=speaker]").forEach(function (el) { el.textContent = speaker; });
    root.querySelectorAll("[data-role=listener]").forEach(function (el) { el.textContent = listener; });
  }

  function show(step) {
    root.querySelectorAll("[data-step]").forEach(function (section) {
      section.hidden = section.getAttribute("data-step") !== step;
    });
    var heading = root.querySelector('[data-step="' + step + '"] h1');
    if (heading) {
      heading.setAttribute("tabindex", "-1");
      heading.focus();
    }
  }

  function stopTimer() {
    if (timer) {
      window.clearInterval(timer);
      timer = null;
    }
  }

  function resetTimer() {
    stopTimer();
    left = seconds;
    timerEl.textContent = format(left);
  }

  function startTimer() {
    stopTimer();
    timer = window.setInterval(function () {
      left -= 1;
      timerEl.textContent = format(Math.max(left, 0));
      if (left <= 0) {
        stopTimer();
        timerEl.textContent = "0:00";
        timerEl.setAttribute("data-finished", "true");
      }
    }, 1000);
  }

  var actions = {
    "start-timer": startTimer,
    "to-paraphrase": function () { stopTimer(); show("paraphrase"); },
    "to-check": function () { show("check"); },
    "correct": function () { show("correct"); },
    "confirmed": function () {
      if (round === 0) {
        show("switch");
      } else {
        show("done");
      }
    },
    "swap": function () {
      round = 1;
      setNames();
      resetTimer();
      show("speak");
    }
  };

  root.addEventListener("click", function (event) {
    var button = event.target.closest("[data-action]");
    if (button && actions[button.getAttribute("data-action")]) {
      actions[button.getAttribute("data-action")]();
    }
  });

  root.classList.add("listening--live");
  resetTimer();
  setNames();
})();
