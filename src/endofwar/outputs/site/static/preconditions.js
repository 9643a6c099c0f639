/* The precondition matrix: filter the demands by demander, addressee, gated step, issue area,
   source, outlet kind, year and words. The rows below the matrix and the matrix's counts and
   totals change together; a demander or a group with nothing left is hidden. The filters
   live in the address (#step=end_of_war_declaration&year=2021), so a view can be linked to;
   an address naming one row or cell (#p-ID) is left alone. */
(function () {
  "use strict";
  var form = document.getElementById("precondition-filters");
  var count = document.getElementById("precondition-count");
  var none = document.getElementById("no-preconditions");
  var fields = { demander: "demander", addressee: "addressee", step: "step", issue: "issue",
                 source: "source", outlet: "outlet", year: "year" };
  var names = Object.keys(fields).concat(["q"]);
  var rows = Array.prototype.slice.call(document.querySelectorAll("section.group tbody tr[id^='p-']"));

  function show(node, visible) {
    if (visible) { node.removeAttribute("hidden"); } else { node.setAttribute("hidden", ""); }
  }

  function matches(row, f) {
    for (var name in fields) {
      if (f[name] && row.dataset[fields[name]] !== f[name]) { return false; }
    }
    return !f.q || row.textContent.toLowerCase().indexOf(f.q.trim().toLowerCase()) >= 0;
  }

  function apply(remember) {
    var read = endofwarFilters.read(form, names), f = read.values, params = read.params, shown = 0, inGroup = {};
    rows.forEach(function (row) {
      var ok = matches(row, f);
      show(row, ok);
      if (ok) { shown += 1; }
    });
    document.querySelectorAll("section.group").forEach(function (group) {
      var n = group.querySelectorAll("tbody tr[id^='p-']:not([hidden])").length;
      inGroup[group.id] = n;
      show(group, n > 0);
      group.querySelector(".group-count").textContent = "(" + n + ")";
    });
    var columns = [];
    document.querySelectorAll("table.matrix tbody tr").forEach(function (line) {
      var total = 0;
      line.querySelectorAll("td[data-anchor]").forEach(function (cell, i) {
        var n = inGroup[cell.dataset.anchor] || 0;
        cell.textContent = "";
        if (n) {
          var link = document.createElement("a");
          link.href = "#" + cell.dataset.anchor;
          link.textContent = n;
          cell.appendChild(link);
        }
        cell.classList.toggle("hit", n > 0);
        columns[i] = (columns[i] || 0) + n;
        total += n;
      });
      line.querySelector(".row-total strong").textContent = total;
      show(line, total > 0);
    });
    document.querySelectorAll("table.matrix .column-total strong").forEach(function (cell, i) {
      cell.textContent = columns[i] || 0;
    });
    document.querySelector("table.matrix .grand-total strong").textContent = shown;
    count.textContent = shown + " of " + rows.length + " preconditions";
    show(none, shown === 0);
    if (remember) { endofwarFilters.remember(params); }
  }

  function restore() {
    var hash = window.location.hash.slice(1);
    if (hash.indexOf("=") < 0) { return; }
    var params = new URLSearchParams(hash);
    endofwarFilters.fill(form, names, params);
    apply(false);
  }

  endofwarFilters.wire(form, function () { apply(true); }, restore);
}());
