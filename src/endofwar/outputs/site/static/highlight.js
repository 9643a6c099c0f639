/* Source text pages: highlight the characters the address names (#chars=START-END).
   The page already cuts the text at every coded span (offsets counted in Python, in code
   points), so a span is a run of whole pieces: wrap them in one <mark id="highlight">, scroll
   it into view, and mark its paragraph in the table of contents of a long text. */
(function () {
  "use strict";
  var text = document.getElementById("source-text");
  var info = document.getElementById("highlight-info");
  var notes = document.getElementById("highlight-notes");
  var toc = document.getElementById("toc");

  function markParagraph(start) {
    if (!toc) { return; }
    var current = null;
    text.querySelectorAll("[data-para]").forEach(function (piece) {
      if (Number(piece.dataset.o) <= start) { current = piece.dataset.para; }
    });
    toc.querySelectorAll("li").forEach(function (item) {
      var here = item.querySelector("a").getAttribute("href") === "#para-" + current;
      item.classList.toggle("current", here);
      if (here) {  // scroll the list itself, never the page, to the paragraph's entry
        var list = toc.parentNode;
        list.scrollTop += item.getBoundingClientRect().top - list.getBoundingClientRect().top - list.clientHeight / 2;
      }
    });
  }

  function unwrap() {
    var mark = document.getElementById("highlight");
    if (!mark) { return; }
    while (mark.firstChild) { mark.parentNode.insertBefore(mark.firstChild, mark); }
    mark.parentNode.removeChild(mark);
  }

  function describe(start, end) {
    notes.textContent = "";
    document.querySelectorAll("#notes tr").forEach(function (row) {
      var match = Number(row.dataset.start) === start && Number(row.dataset.end) === end;
      row.classList.toggle("current", match);
      if (!match) { return; }
      var item = document.createElement("li");
      var cells = row.querySelectorAll("td");
      var what = document.createElement("strong");
      what.textContent = cells[1].textContent + ": ";
      item.appendChild(what);
      item.appendChild(document.createTextNode(cells[2].textContent + " "));
      var link = cells[3].querySelector("a");
      if (link) { item.appendChild(link.cloneNode(true)); }
      notes.appendChild(item);
    });
  }

  function show() {
    unwrap();
    var found = /^#chars=(\d+)-(\d+)$/.exec(window.location.hash);
    info.hidden = !found;
    if (!found) { describe(-1, -1); markParagraph(-1); return; }
    var start = Number(found[1]), end = Number(found[2]);
    var pieces = Array.prototype.filter.call(text.children, function (piece) {
      var at = Number(piece.dataset.o);
      return at >= start && at < end;
    });
    var after = pieces.length ? pieces[pieces.length - 1].nextElementSibling : null;
    var stop = after ? Number(after.dataset.o) : Number(text.dataset.length);
    document.getElementById("highlight-range").textContent = start + "–" + end;
    describe(start, end);
    if (!pieces.length || Number(pieces[0].dataset.o) !== start || stop !== end) {
      notes.textContent = "No coded span has exactly these characters.";
      return;
    }
    var mark = document.createElement("mark");
    mark.id = "highlight";
    text.insertBefore(mark, pieces[0]);
    pieces.forEach(function (piece) { mark.appendChild(piece); });
    mark.scrollIntoView({ block: "center" });
    markParagraph(start);
  }

  document.getElementById("highlight-clear").addEventListener("click", function (event) {
    event.preventDefault();
    window.history.replaceState(null, "", window.location.href.split("#")[0]);
    show();
  });
  window.addEventListener("hashchange", show);
  show();
}());
