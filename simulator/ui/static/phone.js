/* Runs inside the phone screen: access keys from the keyboard and the UI's keypad, and typing
   with the keypad (multi-tap) when the tester turned it on and a text field has the focus. */
(function () {
  "use strict";

  function notice(text) {
    var bar = document.getElementById("sim-notice");
    if (!bar) {
      bar = document.createElement("div");
      bar.id = "sim-notice";
      document.body.appendChild(bar);
    }
    bar.textContent = text;
  }

  function activate(element) {
    if (element.tagName === "A") {
      var href = element.getAttribute("href") || "";
      if (element.dataset.simOff) {
        notice(element.dataset.simOff + ": リンク先は端末の機能です(シミュレータでは開きません)");
        return;
      }
      if (!href || href.charAt(0) === "#") {
        return;
      }
      window.location.href = href + (href.indexOf("?") < 0 ? "?" : "&") + "via=key";
    } else if (element.tagName === "BUTTON" || element.type === "submit") {
      element.click();
    } else {
      element.focus();
    }
  }

  /* Multi-tap typing (static/multitap.js): on when the tester ticked it in the UI. */
  var MULTITAP = "keitai-sim-multitap";
  /* how long a letter waits for the same key again before it is committed */
  var COMMIT_MS = 1000;
  var TEXT_TYPES = /^(text|password|search|email|tel|url|number)$/;
  var typing = {field: null, pending: null, timer: null};

  function multitapOn() {
    try {
      return Boolean(window.simMultitap) && window.localStorage.getItem(MULTITAP) === "1";
    } catch (error) {
      return false;
    }
  }

  function isTextField(element) {
    return Boolean(element) && !element.disabled && !element.readOnly &&
      (element.tagName === "TEXTAREA" ||
       (element.tagName === "INPUT" && TEXT_TYPES.test(element.type || "text")));
  }

  /* The letter being chosen is done: the next press starts a new one. */
  function commit() {
    window.clearTimeout(typing.timer);
    if (typing.field) {
      typing.field.classList.remove("sim-pending");
      delete typing.field.dataset.simPending;
    }
    typing.pending = null;
    typing.field = null;
  }

  function caretOf(field) {
    try {  // email and number fields have no cursor position to read
      if (typeof field.selectionStart === "number") {
        return [field.selectionStart, field.selectionEnd];
      }
    } catch (error) { /* falls through */ }
    return [field.value.length, field.value.length];
  }

  function placeCaret(field, caret) {
    try {
      field.setSelectionRange(caret, caret);
    } catch (error) { /* a field without a cursor position */ }
  }

  function typeWithKey(field, key) {
    if (typing.field !== field) {
      commit();
    }
    var range = caretOf(field);
    var value = field.value.slice(0, range[0]) + field.value.slice(range[1]);
    var badge = field.nextElementSibling;
    var mode = window.simMultitap.modeOf(
      field.tagName === "TEXTAREA" ? "textarea" : field.type,
      badge && badge.classList.contains("sim-mode") ? badge.textContent : "");
    var typed = window.simMultitap.type(mode, typing.pending, key, value, range[0]);
    if (typed.grows && field.maxLength > 0 && value.length >= field.maxLength) {
      commit();
      return;
    }
    field.value = typed.value;
    placeCaret(field, typed.caret);
    field.dispatchEvent(new Event("input", {bubbles: true}));
    window.clearTimeout(typing.timer);
    if (!typed.pending) {
      commit();
      return;
    }
    typing.field = field;
    typing.pending = typed.pending;
    field.classList.add("sim-pending");
    field.dataset.simPending = typed.pending.key;
    typing.timer = window.setTimeout(commit, COMMIT_MS);
  }

  /* Press a key of the handset's keypad; return true when the page had something on it. */
  window.simKey = function (key) {
    var focused = document.activeElement;
    if (multitapOn() && isTextField(focused)) {
      typeWithKey(focused, key);
      return true;
    }
    commit();
    var element = document.querySelector('[data-sim-key="' + CSS.escape(key) + '"]');
    if (!element) {
      return false;
    }
    activate(element);
    return true;
  };

  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if (target && /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)) {
      commit();  // typed on the PC keyboard: the letter being chosen stays as it is
      return;
    }
    if (/^[0-9*#]$/.test(event.key) && window.simKey(event.key)) {
      event.preventDefault();
    }
  });

  document.addEventListener("mousedown", commit);
  document.addEventListener("focusout", commit);

  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a[data-sim-off]") : null;
    if (link) {
      event.preventDefault();
      activate(link);
    }
  });

  document.addEventListener("DOMContentLoaded", function () {
    if (window.parent !== window && typeof window.parent.simScreenLoaded === "function") {
      window.parent.simScreenLoaded(window.simPage || null);
    }
  });
})();
