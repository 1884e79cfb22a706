/* The simulator UI around the phone screen: keypad, address bar, size meter, history. */
(function () {
  "use strict";
  var frame = document.getElementById("screen");
  var handset = document.body.dataset.handset;
  var numbers = new Intl.NumberFormat("ja-JP");

  function text(id, value) {
    var element = document.getElementById(id);
    if (element) {
      element.textContent = value;
    }
  }

  function showMeter(info) {
    var meter = document.getElementById("meter");
    var limit = info.limit ? numbers.format(info.limit) + " バイト" : "制限なし";
    text("meter-text", numbers.format(info.size) + " / " + limit +
         " (" + numbers.format(info.packets) + " パケット)");
    meter.classList.toggle("over", Boolean(info.over));
    var bar = document.getElementById("meter-bar");
    var share = info.limit ? Math.min(100, (100 * info.size) / info.limit) : 0;
    bar.style.width = share + "%";
  }

  function refreshHistory() {
    fetch("/api/" + encodeURIComponent(handset) + "/history")
      .then(function (response) { return response.json(); })
      .then(function (visits) {
        var list = document.getElementById("history");
        list.replaceChildren();
        visits.forEach(function (visit) {
          var item = document.createElement("li");
          var link = document.createElement("a");
          link.href = visit.show;
          link.target = "screen";
          link.textContent = visit.status + " " + visit.method + " " + visit.url;
          if (visit.gone) {
            item.className = "gone";
          }
          item.appendChild(link);
          list.appendChild(item);
        });
      });
  }

  /* Called by the screen's own script each time a page is shown. */
  window.simScreenLoaded = function (info) {
    if (!info) {
      text("page-status", "端末の確認画面");
      document.body.dataset.page = "question";
      return;
    }
    document.getElementById("address").value = info.url;
    text("page-status", info.status + " " + info.reason);
    text("page-type", info.content_type || "(Content-Type なし)");
    text("page-charset", info.charset);
    text("page-title", info.title);
    text("page-emoji", String(info.emoji));
    text("page-redirects", info.redirects.join(" → "));
    document.getElementById("raw-link").href = info.raw;
    showMeter(info);
    refreshHistory();
    document.body.dataset.page = String(info.page);
  };

  function press(key) {
    var button = document.querySelector('.keypad [data-key="' + CSS.escape(key) + '"]');
    if (button) {
      button.classList.add("pressed");
      setTimeout(function () { button.classList.remove("pressed"); }, 150);
    }
    var screen = frame.contentWindow;
    if (screen && typeof screen.simKey === "function") {
      screen.simKey(key);
    }
  }

  document.querySelectorAll(".keypad [data-key]").forEach(function (button) {
    button.addEventListener("click", function () { press(button.dataset.key); });
  });

  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if (target && /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)) {
      return;
    }
    if (/^[0-9*#]$/.test(event.key)) {
      event.preventDefault();
      press(event.key);
    }
  });

  document.getElementById("address-form").addEventListener("submit", function (event) {
    event.preventDefault();
    var address = document.getElementById("address").value;
    frame.src = frame.dataset.open + "?u=" + encodeURIComponent(address);
  });

  document.getElementById("back").addEventListener("click", function () {
    frame.src = frame.dataset.back;
  });

  document.getElementById("handset-select").addEventListener("change", function (event) {
    window.location.href = "/?handset=" + encodeURIComponent(event.target.value);
  });
})();
