// Keep unsent answers on this device, so closing the page or losing the network
// loses nothing. A form opts in with data-draft-key (an id, never any text); its
// textareas are saved as you type and restored when you come back. A draft is
// dropped once the page shows it saved, and every draft is dropped on log-out.
(function () {
  "use strict";
  var PREFIX = "closeknit-draft:";

  function storage() {
    try {
      var probe = PREFIX + "probe";
      window.localStorage.setItem(probe, "1");
      window.localStorage.removeItem(probe);
      return window.localStorage;
    } catch (e) {
      return null;
    }
  }

  var store = storage();
  if (!store) {
    return;
  }

  function keyFor(form, field) {
    return PREFIX + form.getAttribute("data-draft-key") + ":" + field.name;
  }

  document.querySelectorAll("form[data-draft-key]").forEach(function (form) {
    var fields = form.querySelectorAll("textarea[name]");
    fields.forEach(function (field) {
      var key = keyFor(form, field);
      var saved = store.getItem(key);
      var serverValue = field.defaultValue;
      if (saved !== null && saved !== serverValue) {
        field.value = saved;
        var note = form.querySelector("[data-draft-note]");
        if (note) {
          note.hidden = false;
        }
      } else if (saved !== null) {
        // The page already shows this text as saved: the draft has done its job.
        store.removeItem(key);
      }
      field.addEventListener("input", function () {
        if (field.value === serverValue) {
          store.removeItem(key);
        } else {
          store.setItem(key, field.value);
        }
      });
    });
  });

  // Leaving the account: no one else on this device should find the words.
  document.addEventListener("submit", function (event) {
    if (event.target.matches("[data-clears-drafts]")) {
      for (var i = store.length - 1; i >= 0; i -= 1) {
        var key = store.key(i);
        if (key && key.indexOf(PREFIX) === 0) {
          store.removeItem(key);
        }
      }
    }
  });
})();
