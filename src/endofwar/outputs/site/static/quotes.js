/* The quote browser: renders the quotes embedded as JSON in the page, filters them by
   speaker, institution, kind, source, outlet kind, year and words, and shows the matches a
   page at a time. The filters and the page live in the address
   (#speaker=expert/andrew-yeo&kind=statement&page=2), so a view can be linked to. */
(function () {
  "use strict";
  var quotes = JSON.parse(document.getElementById("quotes-data").textContent);
  var form = document.getElementById("quote-filters");
  var list = document.getElementById("quote-list");
  var count = document.getElementById("quote-count");
  var pager = document.getElementById("quote-pages");
  var pageLabel = document.getElementById("quote-page");
  var size = Number(pager.dataset.pageSize);
  var names = ["speaker", "institution", "kind", "source", "outlet", "year", "q"];
  var page = 1;

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text) { node.textContent = text; }
    return node;
  }

  function link(href, text, className) {
    var a = el("a", className, text);
    a.href = href;
    return a;
  }

  function card(q) {
    var li = el("li", "quote");
    li.dataset.quoteId = q.id;
    var text = link(q.href, q.text, "quote-link");
    text.title = "Show in the source text";
    li.appendChild(text);
    var who = el("p", "attribution");
    who.appendChild(q.speaker ? link(q.speaker_href, q.speaker_name) : el("span", "muted", "no speaker"));
    if (q.affiliation) { who.appendChild(document.createTextNode(" ")); who.appendChild(el("span", "affiliation", "(" + q.affiliation + ")")); }
    if (q.attribution) { who.appendChild(document.createTextNode(" ")); who.appendChild(el("span", "as-stated", "“" + q.attribution + "”")); }
    li.appendChild(who);
    var meta = el("p", "meta");
    meta.appendChild(el("span", "tag kind-" + q.kind, q.kind));
    var rest = (q.cue_verb ? " · cue: " + q.cue_verb : "") + " · " + q.source + " · " + q.id +
      (q.continues ? " · continues " + q.continues : "");
    meta.appendChild(document.createTextNode(rest));
    li.appendChild(meta);
    return li;
  }

  function matches(q, f) {
    if (f.speaker === "none" ? q.speaker !== "" : (f.speaker && q.speaker !== f.speaker)) { return false; }
    if (f.institution && q.institutions.indexOf(f.institution) < 0) { return false; }
    if (f.kind && q.kind !== f.kind) { return false; }
    if (f.source && q.source_id !== f.source) { return false; }
    if (f.outlet && q.outlet_kind !== f.outlet) { return false; }
    if (f.year && q.year !== f.year) { return false; }
    if (f.q) {
      var haystack = [q.text, q.attribution || "", q.speaker_name].join(" ").toLowerCase();
      if (haystack.indexOf(f.q.trim().toLowerCase()) < 0) { return false; }
    }
    return true;
  }

  var cards = quotes.map(card);
  cards.forEach(function (c) { list.appendChild(c); });

  function apply(remember) {
    var read = endofwarFilters.read(form, names), f = read.values, params = read.params, matching = [];
    quotes.forEach(function (q, i) { if (matches(q, f)) { matching.push(i); } });
    var pages = Math.max(1, Math.ceil(matching.length / size));
    page = Math.min(Math.max(1, page), pages);
    var first = (page - 1) * size, shown = {};
    matching.slice(first, first + size).forEach(function (i) { shown[i] = true; });
    cards.forEach(function (c, i) { c.hidden = !shown[i]; });
    count.textContent = matching.length + " of " + quotes.length + " quotes";
    pageLabel.textContent = matching.length ? "page " + page + " of " + pages + " (quotes " + (first + 1) + "–" +
      Math.min(first + size, matching.length) + ")" : "";
    pager.querySelector("[data-step='-1']").disabled = page <= 1;
    pager.querySelector("[data-step='1']").disabled = page >= pages;
    pager.hidden = pages <= 1;
    if (page > 1) { params.set("page", page); }
    if (remember) { endofwarFilters.remember(params); }
  }

  function restore() {
    var params = new URLSearchParams(window.location.hash.slice(1));
    endofwarFilters.fill(form, names, params);
    page = Number(params.get("page")) || 1;
    apply(false);
  }

  function refilter() { page = 1; apply(true); }

  pager.addEventListener("click", function (event) {
    var step = event.target.closest("button[data-step]");
    if (!step) { return; }
    page += Number(step.dataset.step);
    apply(true);
    list.scrollIntoView({ block: "start" });
  });
  endofwarFilters.wire(form, refilter, restore);
}());
