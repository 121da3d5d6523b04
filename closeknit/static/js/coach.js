// The "I" statement builder: rebuild the statement from its parts, and copy it.
// Nothing is sent anywhere: the statement stays on this page.
(function () {
  "use strict";

  function rebuild(builder) {
    var statement = builder.querySelector("[data-statement]");
    var text = builder.getAttribute("data-template");
    builder.querySelectorAll("[data-part]").forEach(function (part) {
      var name = part.getAttribute("data-part");
      var value = part.value.trim() || "[" + name + "]";
      text = text.replace("{" + name + "}", value);
    });
    statement.value = text;
  }

  function wire(root) {
    root.querySelectorAll("[data-builder]").forEach(function (builder) {
      if (builder.dataset.wired) return;
      builder.dataset.wired = "1";
      builder.querySelectorAll("[data-part]").forEach(function (part) {
        part.addEventListener("input", function () { rebuild(builder); });
        part.addEventListener("change", function () { rebuild(builder); });
      });
      var copy = builder.querySelector("[data-copy]");
      var copied = builder.querySelector("[data-copied]");
      copy.hidden = false;
      copy.addEventListener("click", function () {
        var statement = builder.querySelector("[data-statement]");
        var done = function () { copied.hidden = false; };
        if (navigator.clipboard && window.isSecureContext) {
          navigator.clipboard.writeText(statement.value).then(done, function () {
            statement.select();
          });
        } else {
          statement.select();
          document.execCommand("copy");
          done();
        }
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () { wire(document); });
  document.addEventListener("htmx:afterSwap", function (event) { wire(event.target); });
})();
