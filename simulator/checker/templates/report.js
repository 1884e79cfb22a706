"use strict";
(() => {
  const keys = ["carrier", "handset", "severity", "rule"];
  const selects = Object.fromEntries(keys.map((key) => [key, document.getElementById("filter-" + key)]));
  const all = (selector) => Array.from(document.querySelectorAll(selector));
  const findings = all("tr.finding");

  // An element fits when, for each of the keys it carries, it has the value chosen (if any).
  const fits = (element, which) => which.every((key) => {
    const chosen = selects[key].value;
    return !chosen || !(key in element.dataset) || element.dataset[key] === chosen;
  });

  function sumMatrix() {
    const sums = {};
    for (const cell of all(".matrix-row:not([hidden]) [data-key]")) {
      sums[cell.dataset.key] = (sums[cell.dataset.key] || 0) + Number(cell.dataset.count);
    }
    for (const cell of all("[data-sum]")) {
      cell.textContent = String(sums[cell.dataset.sum] || 0);
    }
  }

  function apply() {
    let shown = 0;
    for (const row of findings) {
      row.hidden = !fits(row, keys);
      shown += row.hidden ? 0 : 1;
    }
    for (const section of all("section.rule")) {
      section.hidden = !section.querySelector("tr.finding:not([hidden])");
    }
    for (const element of all(".matrix-row, details.handset-pages")) {
      element.hidden = !fits(element, ["carrier", "handset"]);
    }
    for (const cell of all("[data-column]")) {
      cell.hidden = !fits(cell, ["severity", "rule"]);
    }
    sumMatrix();
    const filtered = keys.some((key) => selects[key].value);
    document.getElementById("shown").textContent = filtered
      ? shown + " of " + findings.length + " findings shown"
      : findings.length + " findings";
    document.getElementById("no-match").hidden = shown > 0 || findings.length === 0;
  }

  function choose(values) {
    for (const key of keys) {
      selects[key].value = values[key] || "";
    }
    apply();
  }

  for (const key of keys) {
    selects[key].addEventListener("change", apply);
  }
  document.getElementById("filter-reset").addEventListener("click", () => choose({}));
  for (const pick of all("a.pick")) {
    pick.addEventListener("click", () => choose({ handset: pick.dataset.handset, rule: pick.dataset.rule }));
  }
  apply();
})();
