/* Runs inside the phone screen: access keys from the keyboard and the UI's keypad. */
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

  /* Press a key of the handset's keypad; return true when the page had something on it. */
  window.simKey = function (key) {
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
      return;
    }
    if (/^[0-9*#]$/.test(event.key) && window.simKey(event.key)) {
      event.preventDefault();
    }
  });

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
