/* What the filter forms of the timeline, the quote browser and the precondition matrix share:
   a form's values as filters and as the page address (#name=value&…, so a filtered view can be
   linked to), and the events that filter again. Each page's script decides what matches. */
var endofwarFilters = (function () {
  "use strict";

  /* The named fields' values ({name: value}), and the non-empty ones as address parameters. */
  function read(form, names) {
    var values = {}, params = new URLSearchParams();
    names.forEach(function (name) {
      values[name] = form.elements[name].value;
      if (values[name]) { params.set(name, values[name]); }
    });
    return { values: values, params: params };
  }

  /* Put the parameters in the address without adding a history entry. */
  function remember(params) {
    var query = params.toString();
    window.history.replaceState(null, "", window.location.href.split("#")[0] + (query ? "#" + query : ""));
  }

  /* Set the named fields from address parameters (empty when absent). */
  function fill(form, names, params) {
    names.forEach(function (name) { form.elements[name].value = params.get(name) || ""; });
  }

  /* Filter again on every edit and reset, never submit, follow the address, and start from it. */
  function wire(form, refilter, restore) {
    form.addEventListener("input", refilter);
    form.addEventListener("change", refilter);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.addEventListener("reset", function () { window.setTimeout(refilter, 0); });
    window.addEventListener("hashchange", restore);
    restore();
  }

  return { read: read, remember: remember, fill: fill, wire: wire };
}());
