"use strict";
// cityrank report: sort the table by any column, find a city as the command line does, and
// open a city's card from any spelling of its name in the address (#Sao%20Paulo). Nothing
// here reads the network; without this script the page shows everything but the search box.
(function () {
  var SPACE = /[\t\n\v\f\r \x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/;
  var FOLDED = { "\u00df": "ss", "\u1e9e": "ss", "\u03c2": "\u03c3", "\u0130": "i\u0307" };

  // cityrank.core.lookup.city_key, as far as a browser can: case, Latin accents, Unicode
  // normal forms and full-width letters, space, hyphen and underscore all ignored.
  function fold(text) {
    var s = text;
    if (/[^\x00-\x7f]/.test(s)) {
      s = s.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").normalize("NFC");
      s = s.replace(/[\u00df\u1e9e\u03c2\u0130]/g, function (c) { return FOLDED[c]; });
    }
    s = s.toLowerCase().replace(/[-_\u2010\u2011]/g, " ");
    return s.split(SPACE).filter(Boolean).join(" ");
  }

  var each = function (list, f) { Array.prototype.forEach.call(list, f); };
  var table = document.getElementById("Table");
  if (!table || !table.tBodies.length) { return; }
  // The rows come in chunks (see cityrank/render/report/ranked.py): the table's own body,
  // then one per ".chunk" after it, each holding as many rows as the first.
  var bodies = [table.tBodies[0]];
  each(document.querySelectorAll(".scroll > .chunk tbody"), function (b) { bodies.push(b); });
  var size = Math.max(table.tBodies[0].rows.length, 1);
  var rows = [];
  bodies.forEach(function (b) { each(b.rows, function (row) { rows.push(row); }); });
  var keys = rows.map(function (row) {
    var key = row.getAttribute("data-key");
    return key === null ? null : key.split("\n");
  });
  var order = rows.map(function (row, i) { return i; });
  var shown = rows.map(function () { return true; });

  // The rows in ``order``, those shown first, filling the chunks in turn.
  function place() {
    var first = order.filter(function (i) { return shown[i]; });
    var all = first.concat(order.filter(function (i) { return !shown[i]; }));
    bodies.forEach(function (body, n) {
      var fragment = document.createDocumentFragment();
      all.slice(n * size, (n + 1) * size).forEach(function (i) {
        rows[i].hidden = !shown[i];
        fragment.appendChild(rows[i]);
      });
      body.appendChild(fragment);
      if (n > 0) { body.parentNode.parentNode.hidden = n * size >= first.length; }
    });
  }

  function number(cell) {
    var v = cell.getAttribute("data-v");
    var n = parseFloat(v === null ? cell.textContent : v);
    return isNaN(n) ? null : n;
  }

  var collator = new Intl.Collator(undefined, { numeric: true, sensitivity: "base" });

  function sortBy(head, column) {
    var descending = head.getAttribute("aria-sort") === "ascending";
    var numeric = head.getAttribute("data-type") === "number";
    var values = rows.map(function (row) {
      var cell = row.cells[column];
      return numeric ? number(cell) : cell.textContent;
    });
    order = rows.map(function (row, i) { return i; });
    order.sort(function (a, b) {
      var x = values[a], y = values[b];
      if (x === null || y === null) { return x === y ? a - b : x === null ? 1 : -1; }
      var by = numeric ? x - y : collator.compare(x, y);
      return (descending ? -by : by) || a - b;  // missing values last, ties in rank order
    });
    place();
    each(table.tHead.rows[0].cells, function (th) {
      th.setAttribute("aria-sort", th === head ? (descending ? "descending" : "ascending") : "none");
    });
  }

  if (table.tHead) {
    each(table.tHead.rows[0].cells, function (th, column) {
      var button = document.createElement("button");
      button.type = "button";
      while (th.firstChild) { button.appendChild(th.firstChild); }
      th.appendChild(button);
      if (!th.hasAttribute("aria-sort")) { th.setAttribute("aria-sort", "none"); }
      button.addEventListener("click", function () { sortBy(th, column); });
    });
  }

  var search = document.getElementById("Search");
  var status = document.getElementById("Status");
  function filter() {
    var wanted = fold(search.value);
    var count = 0;
    shown = keys.map(function (k) {
      var hit = !wanted || (k !== null && k.some(function (key) {
        return key.indexOf(wanted) !== -1;
      }));
      count += hit ? 1 : 0;
      return hit;
    });
    place();
    status.textContent = wanted ? count + " of " + rows.length + " rows" : "";
  }
  if (search && status && keys.some(function (k) { return k !== null; })) {
    search.parentNode.hidden = false;
    search.addEventListener("input", filter);
    if (search.value) { filter(); }
  }

  // #Shenzhen, #s%C3%A3o%20paulo, #peking or #shen: the card or row of the city the name finds
  // as `cityrank show` would, by its key, an alias, or the start (3 letters or more) of one city.
  function found(key) {
    var exact = [], starting = [];
    keys.forEach(function (k, i) {
      if (k === null) { return; }
      if (k.indexOf(key) !== -1) { exact.push(i); }
      if (key.length >= 3 && k.some(function (x) { return x.indexOf(key) === 0; })) {
        starting.push(i);
      }
    });
    if (exact.length) { return exact.length === 1 ? exact[0] : -1; }
    return starting.length === 1 ? starting[0] : -1;
  }
  function follow() {
    var wanted;
    try { wanted = decodeURIComponent(location.hash.slice(1)); } catch (e) { return; }
    if (!wanted || document.getElementById(wanted)) { return; }
    var key = fold(wanted);
    var anchor = key.split(" ").join("-");
    if (!document.getElementById(anchor)) {
      var i = found(key);
      if (i === -1) { return; }
      var link = rows[i].querySelector("a[href^='#']");
      anchor = link ? link.getAttribute("href").slice(1) : rows[i].id;
    }
    if (anchor && document.getElementById(anchor)) { location.replace("#" + anchor); }
  }
  window.addEventListener("hashchange", follow);
  follow();
})();
