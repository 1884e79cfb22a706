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

  /* One visit: status, method and address; a form's method, address and fields as sent
     (password values come masked from the simulator), then where its redirects led. */
  function historyItem(visit) {
    var item = document.createElement("li");
    var link = document.createElement("a");
    var sent = visit.sent;
    link.href = visit.show;
    link.target = "screen";
    link.textContent = visit.status + " " + (sent ? sent.method + " " + sent.url
                                                  : visit.method + " " + visit.url);
    item.appendChild(link);
    if (sent) {
      item.dataset.method = sent.method;
      if (sent.url !== visit.url || sent.method !== visit.method) {
        item.appendChild(document.createTextNode(" → " + visit.method + " " + visit.url));
      }
      var fields = document.createElement("div");
      fields.className = "fields";
      fields.textContent = sent.fields.map(function (pair) {
        return pair[0] + "=" + pair[1];
      }).join(" ") || "(項目なし)";
      item.appendChild(fields);
    } else {
      item.dataset.method = visit.method;
    }
    if (visit.gone) {
      item.className = "gone";
    }
    return item;
  }

  function refreshHistory() {
    fetch("/api/" + encodeURIComponent(handset) + "/history")
      .then(function (response) { return response.json(); })
      .then(function (visits) {
        var list = document.getElementById("history");
        list.replaceChildren();
        visits.forEach(function (visit) {
          list.appendChild(historyItem(visit));
        });
      });
  }

  /* "Check this page": the checker's findings on the page on the screen, worst first.
     Everything from the page goes in as text, never as markup. */
  var checkedPage = null;
  var SEVERITY_NAMES = {error: "エラー", warning: "警告", info: "情報"};

  function element(tag, className, content) {
    var made = document.createElement(tag);
    made.className = className;
    if (content !== undefined) {
      made.textContent = content;
    }
    return made;
  }

  function explained(className, label, content) {
    var line = element("p", className);
    line.append(element("span", "label", label), content);
    return line;
  }

  function findingItem(finding) {
    var item = element("li", "finding severity-" + finding.severity);
    item.dataset.rule = finding.rule;
    item.dataset.severity = finding.severity;
    var head = element("div", "finding-head");
    head.append(element("span", "severity", finding.severity), " ",
                element("code", "rule", finding.rule), " ",
                element("strong", "title", finding.title));
    item.append(head, element("p", "message", finding.message));
    if (finding.excerpt) {
      item.appendChild(element("pre", "excerpt", finding.excerpt));
    }
    if (finding.why) {
      item.appendChild(explained("why", "なぜ: ", finding.why));
    }
    if (finding.fix) {
      item.appendChild(explained("fix", "直し方: ", finding.fix));
    }
    return item;
  }

  function showFindings(result) {
    var panel = document.getElementById("check");
    var list = document.getElementById("findings");
    list.replaceChildren.apply(list, result.findings.map(findingItem));
    var counts = Object.keys(SEVERITY_NAMES).map(function (severity) {
      return SEVERITY_NAMES[severity] + " " + result.counts[severity];
    });
    text("check-summary", result.findings.length ? counts.join("・") + " (" + result.handset + ")"
                                                 : "指摘はありません(no findings)");
    panel.classList.toggle("clean", !result.findings.length);
    panel.dataset.checked = String(result.page);
  }

  function resetCheck(page) {
    var panel = document.getElementById("check");
    checkedPage = page;
    document.getElementById("check-button").disabled = page === null;
    document.getElementById("findings").replaceChildren();
    panel.classList.remove("clean");
    delete panel.dataset.checked;
    text("check-summary", page === null ? "確認画面はチェックできません" : "");
  }

  function checkPage() {
    var page = checkedPage;
    var button = document.getElementById("check-button");
    if (page === null) {
      return;
    }
    button.disabled = true;
    text("check-summary", "チェック中…");
    fetch("/api/" + encodeURIComponent(handset) + "/check/" + page)
      .then(function (response) {
        if (!response.ok) {
          throw new Error("HTTP " + response.status);
        }
        return response.json();
      })
      .then(function (result) {
        if (result.page === checkedPage) {
          showFindings(result);
        }
      })
      .catch(function (error) {
        if (page === checkedPage) {
          text("check-summary", "チェックできませんでした(" + error.message + ")");
        }
      })
      .finally(function () {
        button.disabled = checkedPage === null;
      });
  }

  document.getElementById("check-button").addEventListener("click", checkPage);

  /* Called by the screen's own script each time a page is shown. */
  window.simScreenLoaded = function (info) {
    if (!info) {
      text("page-status", "端末の確認画面");
      resetCheck(null);
      document.body.dataset.page = "question";
      return;
    }
    if (info.page !== checkedPage) {
      resetCheck(info.page);
    }
    document.getElementById("address").value = info.url;
    text("page-status", info.status + " " + info.reason);
    text("page-type", info.content_type || "(Content-Type なし)");
    text("page-charset", info.charset);
    text("page-title", info.title);
    text("page-emoji", String(info.emoji));
    text("page-redirects", info.redirects.join(" → "));
    document.getElementById("raw-link").href = info.raw;
    if (info.user_agent) {
      text("sent-user-agent", info.user_agent);
    }
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
    /* The key must not take the focus: a text field of the screen keeps it, to type in. */
    button.addEventListener("mousedown", function (event) { event.preventDefault(); });
  });

  /* Typing with the keys (multi-tap) is the tester's choice, kept in this browser; the
     screen's script reads the same setting (simulator.ui's pages share one origin). */
  var MULTITAP = "keitai-sim-multitap";
  var multitap = document.getElementById("multitap");
  try {
    multitap.checked = window.localStorage.getItem(MULTITAP) === "1";
  } catch (error) {
    multitap.disabled = true;  // storage blocked: the keys stay access keys
  }
  multitap.addEventListener("change", function () {
    window.localStorage.setItem(MULTITAP, multitap.checked ? "1" : "0");
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
