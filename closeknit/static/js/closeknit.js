// Closeknit's small page helpers. Loaded with defer on every page; no inline scripts.
(function () {
  "use strict";

  // Quick exit: replace this page at once with a neutral site. location.replace
  // removes the current page from history, so Back does not return here.
  function quickExit(url) {
    document.body.style.visibility = "hidden";
    document.title = "";
    window.location.replace(url);
  }

  function exitUrl() {
    var button = document.querySelector("[data-quick-exit]");
    return button ? button.getAttribute("data-exit-url") : null;
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-quick-exit]");
    if (button) {
      event.preventDefault();
      quickExit(button.getAttribute("data-exit-url"));
    }
  });

  // Shift pressed three times within 1.5 seconds also exits, on signed-in pages.
  var shiftTimes = [];
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Shift" || event.repeat) {
      return;
    }
    var url = exitUrl();
    if (!url) {
      return;
    }
    var now = Date.now();
    shiftTimes = shiftTimes.filter(function (t) { return now - t < 1500; });
    shiftTimes.push(now);
    if (shiftTimes.length >= 3) {
      shiftTimes = [];
      quickExit(url);
    }
  });

  // Pre-fill time-zone pickers from the browser, unless the person already chose one.
  function detectTimezones() {
    var zone;
    try {
      zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    } catch (e) {
      return;
    }
    if (!zone) {
      return;
    }
    document.querySelectorAll("select[data-detect-timezone]").forEach(function (select) {
      var untouched = !select.value || select.value === "UTC";
      var option = select.querySelector('option[value="' + zone.replace(/"/g, "") + '"]');
      if (untouched && option && !select.closest("form").dataset.bound) {
        select.value = zone;
      }
    });
  }

  // Copy buttons: copy the target input's value and say so.
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-copy-target]");
    if (!button) {
      return;
    }
    var input = document.querySelector(button.getAttribute("data-copy-target"));
    if (!input) {
      return;
    }
    input.select();
    var label = button.textContent;
    var done = function () {
      button.textContent = button.getAttribute("data-copied-label") || "Copied";
      window.setTimeout(function () { button.textContent = label; }, 2000);
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(input.value).then(done, function () {});
    } else if (document.execCommand && document.execCommand("copy")) {
      done();
    }
  });

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", detectTimezones);
  } else {
    detectTimezones();
  }
})();
