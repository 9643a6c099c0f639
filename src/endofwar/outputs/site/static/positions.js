/* The positions page: filter the claims by year, country, outlet kind and concept, at the level of
   persons or of institutions, and count them per claim or per statement. The actor x concept
   matrix, the congruence network, the UN statements and the claims list follow together. The
   network of each filter state was computed when the site was built (by endofwar's network
   module, as `endofwar network --kind congruence` computes it): this script only looks it up and
   draws it, actors in the matrix's order, a row each, ties as arcs beside them (same data, same
   picture). A click on a cell, an arc, a tie or an actor selects its claims; the filters and the
   selection live in the address (#year=2021&cell=expert/moon-jae-in~declaration-should-be-made). */
(function () {
  "use strict";
  var SVG = "http://www.w3.org/2000/svg";
  var ROW = 26, X = 152, WIDTH = 360, NAME = 26;  // the drawing: a row per actor, its dot at X, arcs to its left, names of NAME characters at most
  var data = JSON.parse(document.getElementById("positions-data").textContent);
  var form = document.getElementById("position-filters");
  var names = ["year", "country", "outlet", "concept", "level", "count"];
  var kinds = ["cell", "tie", "actor"];  // what a click selects
  var rows = data.claims.map(function (c) { return document.getElementById("c-" + c.id); });
  var actorIndex = {};
  data.actors.forEach(function (a, n) { actorIndex[a.id] = n; });
  var conceptIndex = {};
  data.concepts.forEach(function (k, n) { conceptIndex[k[0]] = n; });
  var svg = document.getElementById("congruence");
  var selection = null;  // {kind, value}

  function show(node, visible) {
    if (visible) { node.removeAttribute("hidden"); } else { node.setAttribute("hidden", ""); }
  }

  function el(tag, attrs, text) {
    var node = document.createElementNS(SVG, tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text) { node.textContent = text; }
    return node;
  }

  function matches(c, f) {
    return (!f.year || c.years.indexOf(f.year) >= 0) && (!f.country || c.country === f.country) &&
      (!f.outlet || c.outlet === f.outlet) && (!f.concept || data.concepts[c.concept][0] === f.concept);
  }

  /* The address of this view with one thing selected. */
  function address(params, kind, value) {
    var p = new URLSearchParams(params.toString());
    p.set(kind, value);
    return "#" + p.toString();
  }

  /* Claims per actor and concept, agreeing and disagreeing: each claim, or each statement once. */
  function recount(kept, level, statements) {
    var cells = {}, seen = {};
    kept.forEach(function (i) {
      var c = data.claims[i], key = c.actor[level] + "~" + c.concept, side = c.agree ? "agree" : "disagree";
      var stated = key + "~" + side + "~" + c.statement;
      if (statements && seen[stated]) { return; }
      seen[stated] = true;
      var cell = cells[key] || (cells[key] = { agree: 0, disagree: 0 });
      cell[side] += 1;
    });
    return cells;
  }

  function fillMatrix(kept, level, f, params) {
    var cells = recount(kept, level, f.count === "statements"), columns = {};
    document.querySelectorAll("table.positions tbody tr").forEach(function (line) {
      var actor = actorIndex[line.dataset.actor], any = false;
      line.querySelectorAll("td").forEach(function (td) {
        var k = conceptIndex[td.dataset.concept], n = cells[actor + "~" + k], value = line.dataset.actor + "~" + td.dataset.concept;
        td.textContent = "";
        td.classList.toggle("hit", !!n);
        td.classList.toggle("selected", !!n && selection !== null && selection.kind === "cell" && selection.value === value);
        if (!n) { return; }
        var link = document.createElement("a");
        link.href = address(params, "cell", value);
        link.title = data.actors[actor].name + ", " + data.concepts[k][1] + ": " + n.agree + " agree, " + n.disagree + " disagree";
        [["agree", n.agree], ["disagree", n.disagree]].forEach(function (part) {
          var span = document.createElement("span");
          span.className = part[0];
          span.textContent = part[1] || "";
          link.appendChild(span);
          link.appendChild(document.createTextNode(" "));
        });
        td.appendChild(link);
        any = true;
        columns[td.dataset.concept] = true;
      });
      show(line, any);
    });
    document.querySelectorAll("table.positions [data-concept]").forEach(function (cell) {
      show(cell, !!columns[cell.dataset.concept]);
    });
  }

  /* A tie's stances in words ("Make the declaration (agree, disagree)"): a stance is a concept's
     index times two, plus one for disagree, in order. */
  function conceptsOf(tie) {
    var words = [];
    tie[3].forEach(function (stance) {
      var label = data.concepts[Math.floor(stance / 2)][1], side = stance % 2 ? "disagree" : "agree", last = words[words.length - 1];
      if (last && last.label === label) { last.sides.push(side); } else { words.push({ label: label, sides: [side] }); }
    });
    return words.map(function (w) { return w.label + " (" + w.sides.join(", ") + ")"; });
  }

  /* The claims a tie rests on: either actor's (of those the filters keep, by actor), on a concept
     and agreement both hold, in the page's order. */
  function tieClaims(tie, byActor) {
    return (byActor[tie[0]] || []).concat(byActor[tie[1]] || []).filter(function (i) {
      var c = data.claims[i];
      return tie[3].indexOf(c.concept * 2 + (c.agree ? 0 : 1)) >= 0;
    }).sort(function (a, b) { return a - b; });
  }

  function tieValue(tie) { return data.actors[tie[0]].id + "~" + data.actors[tie[1]].id; }

  function drawNetwork(kept, level, ties, params) {
    var present = {};
    kept.forEach(function (i) { present[data.claims[i].actor[level]] = true; });
    var nodes = data.actors.map(function (a, n) { return n; }).filter(function (n) { return present[n]; });
    var y = {}, chosen = selection && selection.kind === "actor" ? actorIndex[selection.value] : -1;
    nodes.forEach(function (n, r) { y[n] = r * ROW + ROW / 2; });
    var height = Math.max(nodes.length, 1) * ROW;
    svg.setAttribute("height", height);
    svg.setAttribute("viewBox", "0 0 " + WIDTH + " " + height);
    Array.prototype.slice.call(svg.children).forEach(function (child) { if (child.tagName !== "title") { svg.removeChild(child); } });
    var arcs = el("g", { "class": "ties" }), dots = el("g", { "class": "actors" });
    ties.forEach(function (tie) {
      var a = y[tie[0]], b = y[tie[1]], span = Math.abs(b - a) / ROW;
      var bulge = (X - 8) * Math.sqrt(span / Math.max(nodes.length - 1, 1)) * 4 / 3;
      var d = "M" + X + " " + a + "C" + (X - bulge).toFixed(1) + " " + a + " " + (X - bulge).toFixed(1) + " " + b + " " + X + " " + b;
      var value = tieValue(tie);
      var link = el("a", { href: address(params, "tie", value), "class": "tie", "data-a": data.actors[tie[0]].id,
                           "data-b": data.actors[tie[1]].id, "data-weight": tie[2] });
      var selected = selection && selection.kind === "tie" && selection.value === value;
      link.classList.toggle("selected", !!selected);
      link.classList.toggle("dim", chosen >= 0 && tie[0] !== chosen && tie[1] !== chosen);
      link.appendChild(el("title", {}, data.actors[tie[0]].name + " and " + data.actors[tie[1]].name + ": weight " + tie[2] +
        " (" + conceptsOf(tie).join(", ") + ")"));
      link.appendChild(el("path", { d: d, "class": "hit" }));
      link.appendChild(el("path", { d: d, "class": "arc", "stroke-width": Math.min(1 + 1.5 * tie[2], 9) }));
      arcs.appendChild(link);
    });
    nodes.forEach(function (n) {
      var actor = data.actors[n], name = actor.name.length > NAME ? actor.name.slice(0, NAME - 1) + "…" : actor.name;
      var link = el("a", { href: address(params, "actor", actor.id), "class": "actor", "data-actor": actor.id });
      link.classList.toggle("selected", n === chosen);
      link.appendChild(el("title", {}, actor.name + (actor.country ? " (" + actor.country + ")" : "")));
      link.appendChild(el("rect", { x: X - 4, y: y[n] - ROW / 2, width: WIDTH - X + 4, height: ROW, "class": "row" }));
      link.appendChild(el("circle", { cx: X, cy: y[n], r: 4.5 }));
      link.appendChild(el("text", { x: X + 12, y: y[n] + 4.5 }, name + (actor.country ? "  " + actor.country : "")));
      dots.appendChild(link);
    });
    svg.appendChild(arcs);
    svg.appendChild(dots);
    document.getElementById("tie-count").textContent = ties.length + (ties.length === 1 ? " tie" : " ties") + " among " +
      nodes.length + (nodes.length === 1 ? " actor" : " actors");
  }

  function listTies(ties, byActor, params) {
    var body = document.getElementById("ties");
    body.textContent = "";
    ties.slice().sort(function (s, t) { return t[2] - s[2] || s[0] - t[0] || s[1] - t[1]; }).forEach(function (tie) {
      var tr = document.createElement("tr");
      tr.dataset.tie = tieValue(tie);
      tr.classList.toggle("current", selection !== null && selection.kind === "tie" && selection.value === tr.dataset.tie);
      [data.actors[tie[0]].name, data.actors[tie[1]].name, tie[2], conceptsOf(tie).join(", ")].forEach(function (text, i) {
        var td = document.createElement("td");
        td.textContent = text;
        if (i === 2) { td.className = "num"; }
        tr.appendChild(td);
      });
      var td = document.createElement("td"), link = document.createElement("a");
      td.className = "num";
      link.href = address(params, "tie", tr.dataset.tie);
      link.textContent = tieClaims(tie, byActor).length;
      td.appendChild(link);
      tr.appendChild(td);
      body.appendChild(tr);
    });
  }

  /* The claims the selection picks among those the filters keep, and how to say what it is. */
  function selected(kept, level, ties, byActor) {
    if (!selection) { return { claims: kept, text: "" }; }
    var parts = selection.value.split("~");
    if (selection.kind === "cell") {
      var k = conceptIndex[parts[1]], a = actorIndex[parts[0]];
      return { claims: kept.filter(function (i) { return data.claims[i].actor[level] === a && data.claims[i].concept === k; }),
               text: (a === undefined ? parts[0] : data.actors[a].name) + " on " + (k === undefined ? parts[1] : data.concepts[k][1]) };
    }
    if (selection.kind === "actor") {
      var actor = actorIndex[selection.value];
      return { claims: kept.filter(function (i) { return data.claims[i].actor[level] === actor; }),
               text: actor === undefined ? selection.value : data.actors[actor].name };
    }
    var tie = ties.filter(function (t) { return tieValue(t) === selection.value; })[0];
    var who = parts.map(function (id) { return actorIndex[id] === undefined ? id : data.actors[actorIndex[id]].name; });
    return { claims: tie ? tieClaims(tie, byActor) : [],
             text: who.join(" and ") + (tie ? ", alike on " + conceptsOf(tie).join(", ") : ": no tie under these filters") };
  }

  function filterStatements(f) {
    document.querySelectorAll("#statements li[data-claims]").forEach(function (item) {
      var any = false;
      item.querySelectorAll("a[data-i]").forEach(function (link) {
        var ok = matches(data.claims[Number(link.dataset.i)], f);
        show(link, ok);
        any = any || ok;
      });
      show(item, any);
    });
  }

  function statementsOf(claims) {
    var seen = {};
    claims.forEach(function (i) { seen[data.claims[i].statement] = true; });
    return Object.keys(seen).length;
  }

  function apply(remember) {
    var read = endofwarFilters.read(form, names), f = read.values, params = read.params;
    var level = Math.max(data.levels.indexOf(f.level), 0);
    var kept = [];
    data.claims.forEach(function (c, i) { if (matches(c, f)) { kept.push(i); } });
    var key = [data.levels[level], f.year, f.country, f.outlet, f.concept].join(data.separator);
    var ties = kept.length && key in data.keys ? data.ties[data.keys[key]] : [];
    fillMatrix(kept, level, f, params);
    drawNetwork(kept, level, ties, params);
    var byActor = {};
    kept.forEach(function (i) { (byActor[data.claims[i].actor[level]] = byActor[data.claims[i].actor[level]] || []).push(i); });
    listTies(ties, byActor, params);
    filterStatements(f);
    var picked = selected(kept, level, ties, byActor), listed = {};
    picked.claims.forEach(function (i) { listed[i] = true; });
    rows.forEach(function (row, i) { show(row, !!listed[i]); });
    var n = picked.claims.length;
    document.getElementById("position-count").textContent = kept.length + " of " + data.claims.length + " claims (" +
      statementsOf(kept) + " statements)";
    document.getElementById("claims-title").textContent = "(" + n + (n === 1 ? " claim, " : " claims, ") +
      statementsOf(picked.claims) + (statementsOf(picked.claims) === 1 ? " statement)" : " statements)");
    document.getElementById("selection-text").textContent = picked.text;
    show(document.getElementById("selection"), selection !== null);
    show(document.getElementById("no-claims"), n === 0);
    if (remember) {
      if (selection) { params.set(selection.kind, selection.value); }
      endofwarFilters.remember(params);
    }
  }

  var started = false;
  function restore() {
    var hash = window.location.hash.slice(1);
    if (hash.indexOf("=") < 0 && started) { return; }  // a row or section of the page (#c-ID): leave the view alone
    var params = new URLSearchParams(hash.indexOf("=") < 0 ? "" : hash);
    endofwarFilters.fill(form, names, params);
    selection = null;
    kinds.forEach(function (kind) { if (params.get(kind)) { selection = { kind: kind, value: params.get(kind) }; } });
    apply(false);
    if (selection) { document.getElementById("claims").scrollIntoView(); }
    started = true;
  }

  form.addEventListener("reset", function () { selection = null; });
  document.getElementById("selection-clear").addEventListener("click", function () {
    selection = null;
    apply(true);
  });
  endofwarFilters.wire(form, function () { apply(true); }, restore);
}());
