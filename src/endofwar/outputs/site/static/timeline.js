/* The timeline: filter the events by years, type and words. A year filter keeps every event
   whose bounds overlap the years chosen. Each period's chart closes up around the events it
   still shows, its table follows, and a period with none left is hidden. The filters live in
   the address (#from=2018&to=2019&type=summit), so a filtered view can be linked to; an
   address naming one event (#e-ID) opens the table that holds it (clearing filters that hide it). */
(function () {
  "use strict";
  var ROW = 26;
  var form = document.getElementById("event-filters");
  var count = document.getElementById("event-count");
  var none = document.getElementById("no-events");
  var names = ["from", "to", "type", "q"];
  var sections = Array.prototype.slice.call(document.querySelectorAll("section.period"));
  var total = document.querySelectorAll("a.event-mark").length;

  function matches(mark, f) {
    var start = Number(mark.dataset.startYear), end = Number(mark.dataset.endYear);
    if (f.from && end < Number(f.from)) { return false; }
    if (f.to && start > Number(f.to)) { return false; }
    if (f.type && mark.dataset.eventType !== f.type) { return false; }
    if (f.q && mark.dataset.text.toLowerCase().indexOf(f.q.trim().toLowerCase()) < 0) { return false; }
    return true;
  }

  function show(node, visible) {
    if (visible) { node.removeAttribute("hidden"); } else { node.setAttribute("hidden", ""); }
  }

  function apply(remember) {
    var read = endofwarFilters.read(form, names), f = read.values, params = read.params, shown = 0, startYears = {};
    sections.forEach(function (section) {
      var svg = section.querySelector("svg.timeline");
      var top = Number(svg.dataset.top), row = 0;
      section.querySelectorAll("a.event-mark").forEach(function (mark) {
        var ok = matches(mark, f);
        show(mark, ok);
        show(document.getElementById("e-" + mark.dataset.eventId), ok);
        if (ok) {
          mark.setAttribute("transform", "translate(0 " + (top + 14 + row * ROW) + ")");
          row += 1;
          startYears[mark.dataset.startYear] = true;
        }
      });
      var height = top + 14 + row * ROW + 8;
      svg.setAttribute("height", height);
      svg.setAttribute("viewBox", "0 0 " + svg.viewBox.baseVal.width + " " + height);
      var label = section.querySelector(".period-count");
      var all = Number(label.dataset.total);
      label.textContent = (row === all ? "" : row + " of ") + all + " event" + (all === 1 ? "" : "s");
      show(section, row > 0);
      var link = document.querySelector("nav.periods a[data-section='" + section.id + "']");
      if (link) { link.classList.toggle("dim", row === 0); }
      shown += row;
    });
    document.querySelectorAll("#overview a.year-bar").forEach(function (bar) {
      bar.classList.toggle("dim", !startYears[bar.dataset.year]);
    });
    count.textContent = shown + " of " + total + " events";
    show(none, shown === 0);
    if (remember) { endofwarFilters.remember(params); }
  }

  function restore() {
    var hash = window.location.hash.slice(1);
    if (hash.indexOf("=") < 0) {
      var row = hash ? document.getElementById(hash) : null;
      var details = row ? row.closest("details") : null;
      if (!details) { return; }
      if (row.hidden) {  // filtered out: show everything again
        names.forEach(function (name) { form.elements[name].value = ""; });
        apply(false);
      }
      details.open = true;
      row.scrollIntoView();
      return;
    }
    var params = new URLSearchParams(hash);
    endofwarFilters.fill(form, names, params);
    apply(false);
  }

  endofwarFilters.wire(form, function () { apply(true); }, restore);
}());
