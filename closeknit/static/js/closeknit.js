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
  // Only a Shift pressed and released on its own counts: Shift+Tab (moving back)
  // and capital letters must never send a keyboard user away by accident.
  var shiftTimes = [];
  var shiftAlone = false;
  document.addEventListener("keydown", function (event) {
    if (event.key === "Shift") {
      if (!event.repeat) {
        shiftAlone = true;
      }
      return;
    }
    shiftAlone = false;
    shiftTimes = [];
  });
  document.addEventListener("keyup", function (event) {
    if (event.key !== "Shift" || !shiftAlone) {
      return;
    }
    shiftAlone = false;
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

  // Copy buttons: copy the target's value (an input) or text (any element) and say so,
  // on the button and, for screen readers, in a nearby [data-copy-status] live region.
  function say(button, text) {
    var scope = button.closest(".field, .invite, form, section") || document;
    var status = scope.querySelector("[data-copy-status]");
    if (status) {
      status.textContent = text;
    }
  }

  function selectContents(target) {
    if (typeof target.select === "function") {
      target.select();
      return;
    }
    var range = document.createRange();
    range.selectNodeContents(target);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-copy-target]");
    if (!button) {
      return;
    }
    var target = document.querySelector(button.getAttribute("data-copy-target"));
    if (!target) {
      return;
    }
    var text = "value" in target ? target.value : target.textContent.trim();
    selectContents(target);
    var label = button.textContent;
    var copied = button.getAttribute("data-copied-label") || "Copied";
    var done = function () {
      button.textContent = copied;
      say(button, copied);
      window.setTimeout(function () {
        button.textContent = label;
        say(button, "");
      }, 2000);
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, function () {});
    } else if (document.execCommand && document.execCommand("copy")) {
      done();
    }
  });

  // Share buttons (phones): hand an invitation link to the system share sheet.
  // They stay hidden where the browser cannot share, and copying still works.
  function enableShareButtons() {
    if (typeof navigator.share !== "function") {
      return;
    }
    document.querySelectorAll("[data-share-target]").forEach(function (button) {
      button.hidden = false;
    });
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-share-target]");
    if (!button) {
      return;
    }
    var target = document.querySelector(button.getAttribute("data-share-target"));
    if (!target) {
      return;
    }
    navigator.share({
      title: button.getAttribute("data-share-title") || document.title,
      url: "value" in target ? target.value : target.textContent.trim()
    }).catch(function () {});
  });

  function ready() {
    detectTimezones();
    enableShareButtons();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", ready);
  } else {
    ready();
  }
})();
