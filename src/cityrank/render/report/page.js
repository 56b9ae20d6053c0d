"use strict";
// cityrank report: sort the table by any column, find a city as the command line does, and
// draw a city's card from the page's data for any spelling of its name in the address
// (#Sao%20Paulo). Nothing here reads the network; without this script the page shows
// everything but the search box and the cards, and a city's address lands on its row.
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

  // Every city's card is data (cityrank/render/report/cards.py), read when the address first
  // names a card. Each row is the target of its city's anchor: without this script the
  // address lands on the row, with it on the card, which borrows the row's id meanwhile.
  var data = document.getElementById("Cards");
  var cards = null;
  var lent = null;  // the row whose id the card has
  function cardOf(anchor) {
    var row = document.getElementById(anchor);
    var i = row ? rows.indexOf(row) : -1;
    if (!data || i === -1) { return -1; }
    if (cards === null) { cards = JSON.parse(data.textContent); }
    return i < cards.shown ? i : -1;
  }
  function anchorOf(i) {
    return rows[i] === lent ? lent.card : rows[i].id || null;
  }

  function make(tag, text, classes) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = text; }
    if (classes) { e.className = classes; }
    return e;
  }
  // Field ``field`` of card ``i``: the text all cards share, or card i's own (from the pool).
  function value(field, i) {
    if (field === null || typeof field === "string") { return field; }
    var v = field[i];
    return typeof v === "number" ? cards.pool[v] : v;
  }
  function city(j, i) {
    var name = value(cards.cities, j);
    var anchor = j < cards.shown ? anchorOf(j) : null;
    if (anchor === null || j === i) { return document.createTextNode(name); }
    var link = make("a", name);
    link.href = "#" + anchor;
    return link;
  }
  // A table of ``head``; each row a list of cells, each a text or a node.
  function grid(head, numeric, body, best) {
    var table = make("table"), top = make("tr"), tbody = make("tbody");
    head.forEach(function (label) {
      var th = make("th", label);
      th.scope = "col";
      top.appendChild(th);
    });
    table.appendChild(make("thead")).appendChild(top);
    body.forEach(function (cells, r) {
      var tr = make("tr");
      cells.forEach(function (cell, k) {
        var classes = (numeric[k] ? "" : "t") + (r === best ? " b" : "");
        var td = make("td", null, classes.trim());
        if (typeof cell === "string") { td.textContent = cell; } else { td.appendChild(cell); }
        tr.appendChild(td);
      });
      tbody.appendChild(tr);
    });
    table.appendChild(tbody);
    var scroll = make("div", null, "scroll");
    scroll.appendChild(table);
    return scroll;
  }
  function draw(i, anchor) {
    var section = make("section", null, "card");
    section.id = anchor;
    section.appendChild(make("h3", value(cards.cities, i) + " \u00b7 " + cards.title));
    var facts = make("dl", null, "facts");
    cards.lines.forEach(function (line) {
      var said = value(line.values, i);
      if (said === null) { return; }
      var label = line.label;
      if (line.refs && line.refs[i] !== null) {
        label = label.split("{}").join(value(cards.cities, line.refs[i]));
      }
      facts.appendChild(make("dt", label));
      facts.appendChild(make("dd", said));
    });
    section.appendChild(facts);
    cards.notes.forEach(function (note) {
      var said = value(note.each, i);
      if (said !== null) { section.appendChild(make("p", said)); }
    });
    var hood = cards.hood, near = [];
    for (var j = i - hood.back[i]; j < i + hood.ahead[i]; j++) {
      near.push([value(cards.lines[hood.lines[0]].values, j), city(j, i),
                 value(cards.lines[hood.lines[1]].values, j)]);
    }
    if (near.length) {
      section.appendChild(make("h4", hood.title));
      section.appendChild(grid(hood.head, hood.numeric, near, hood.back[i]));
    }
    cards.sheets.forEach(function (sheet) {
      var body = sheet.rows.map(function (cells) {
        return cells.map(function (c) { return typeof c === "string" ? c : value(c.each, i); });
      });
      section.appendChild(make("h4", sheet.title));
      section.appendChild(grid(sheet.head, sheet.numeric, body));
    });
    var back = make("p", null, "back"), link = make("a", "Back to the ranking");
    link.href = "#Ranking";
    back.appendChild(link);
    section.appendChild(back);
    var slot = document.getElementById("Card");
    close();
    lent = rows[i];
    lent.card = anchor;
    lent.removeAttribute("id");
    slot.appendChild(section);
    slot.parentNode.hidden = false;
    section.scrollIntoView();
  }
  function close() {
    var slot = document.getElementById("Card");
    if (!slot) { return; }
    while (slot.firstChild) { slot.removeChild(slot.firstChild); }
    slot.parentNode.hidden = true;
    if (lent !== null) { lent.id = lent.card; lent = null; }
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
    if (lent !== null && lent.card === wanted) { return; }
    close();
    var shown = wanted ? cardOf(wanted) : -1;
    if (shown !== -1) { draw(shown, wanted); return; }
    if (!wanted || document.getElementById(wanted)) { return; }
    var key = fold(wanted);
    var anchor = key.split(" ").join("-");
    if (!document.getElementById(anchor)) {
      var i = found(key);
      if (i === -1 || !rows[i].id) { return; }
      anchor = rows[i].id;
    }
    location.replace("#" + anchor);
  }
  window.addEventListener("hashchange", follow);
  follow();
})();
