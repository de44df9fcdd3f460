/*
 * Timeline filters: tag, actor, outlet (the page read), year range and "disputed only",
 * combined, with the state in the URL so a filtered view can be shared.
 * The page lists every event without this script; it only hides and shows.
 * A long timeline is split into a page per year, whose form has no year
 * selects: links marked data-tl-carry (to the other years) take the filters
 * along, so that they hold from one year to the next.
 * The timeline drawn to scale (render/charts/timeaxis.py) follows: a mark
 * whose card is hidden is hidden too, and a bar of a period shrinks to the
 * share of its events still shown. The fields fold away under a line saying
 * how many filters are on: closed on a narrow screen, open on a wide one.
 */
(function () {
  "use strict";
  var FIELDS = ["tag", "actor", "outlet", "from", "to", "disputed"];

  function matches(item, state) {
    var d = item.dataset;
    var year = d.year === "" ? null : Number(d.year);
    if (state.tag && d.tags.split(" ").indexOf(state.tag) < 0) return false;
    /* Names are JSON lists: any character may be in an outlet's name (a "|" once split one in two) */
    if (state.actor && JSON.parse(d.actors).indexOf(state.actor) < 0) return false;
    if (state.outlet && JSON.parse(d.outlets).indexOf(state.outlet) < 0) return false;
    if (state.from && (year === null || year < Number(state.from))) return false;
    if (state.to && (year === null || year > Number(state.to))) return false;
    if (state.disputed && d.disputed !== "true") return false;
    return true;
  }

  function fieldsOf(form) {
    return FIELDS.filter(function (name) { return form.elements[name]; });
  }

  function readForm(form) {
    var state = {};
    fieldsOf(form).forEach(function (name) {
      var field = form.elements[name];
      state[name] = field.type === "checkbox" ? (field.checked ? "1" : "") : field.value;
    });
    return state;
  }

  function writeForm(form, state) {
    fieldsOf(form).forEach(function (name) {
      var field = form.elements[name];
      var value = state[name] || "";
      if (field.type === "checkbox") {
        field.checked = value === "1";
      } else if (Array.prototype.some.call(field.options, function (o) { return o.value === value; })) {
        field.value = value;
      } else {
        field.value = "";
      }
    });
  }

  function stateFromUrl() {
    var params = new URLSearchParams(window.location.search);
    var state = {};
    FIELDS.forEach(function (name) { state[name] = params.get(name) || ""; });
    return state;
  }

  function queryOf(state) {
    var params = new URLSearchParams();
    FIELDS.forEach(function (name) { if (state[name]) params.set(name, state[name]); });
    return params.toString();
  }

  function updateUrl(state) {
    var query = queryOf(state);
    var url = window.location.pathname + (query ? "?" + query : "") + window.location.hash;
    window.history.replaceState(null, "", url);
  }

  function carry(state) {
    var query = queryOf(state);
    document.querySelectorAll("a[data-tl-carry]").forEach(function (link) {
      var path = link.getAttribute("href").split("?")[0];
      link.setAttribute("href", path + (query ? "?" + query : ""));
    });
  }

  function apply(root, form, state) {
    var shown = 0;
    root.querySelectorAll(".tl-item").forEach(function (item) {
      var ok = matches(item, state);
      item.hidden = !ok;
      if (ok) shown += 1;
    });
    root.querySelectorAll(".tl-month, .tl-year").forEach(function (section) {
      section.hidden = !section.querySelector(".tl-item:not([hidden])");
    });
    var count = form.querySelector(".tl-filters__count");
    var total = Number(count.dataset.total);
    count.textContent = shown === total ? total + " events" : "Showing " + shown + " of " + total + " events";
    var empty = root.querySelector(".tl-filters__empty");
    if (empty) empty.hidden = shown !== 0;
    var on = fieldsOf(form).filter(function (name) { return state[name]; }).length;
    form.querySelector(".tl-filters__active").textContent = on ? on + " on" : "none on";
    followAxis(root);
  }

  /* The axis' marks and bars, as the cards now show */
  function followAxis(root) {
    var axis = root.querySelector(".tl-chart--axis");
    if (!axis) return;
    var shown = new Set(), days = [];
    root.querySelectorAll(".tl-item:not([hidden])").forEach(function (item) {
      shown.add(item.dataset.id);
      days.push(Number(item.dataset.day));
    });
    axis.querySelectorAll("[data-id]").forEach(function (mark) {
      mark.style.display = shown.has(mark.dataset.id) ? "" : "none";
    });
    axis.querySelectorAll("[data-from]").forEach(function (bar) {
      var from = Number(bar.dataset.from), to = Number(bar.dataset.to), n = 0;
      days.forEach(function (day) { if (day >= from && day < to) n += 1; });
      var share = n / Number(bar.dataset.count);
      bar.style.display = n ? "" : "none";
      bar.querySelector(".tl-chart__mark").style.transform = share < 1 ? "scaleY(" + share + ")" : "";
    });
  }

  function init() {
    var form = document.getElementById("tl-filters");
    if (!form) {
      carry(stateFromUrl()); // the index of a split timeline passes a shared filter on to its years
      return;
    }
    var root = form.closest("article") || document;
    form.hidden = false;
    form.querySelector(".tl-filters__panel").open = window.matchMedia("(min-width: 60em)").matches;
    var state = stateFromUrl();
    writeForm(form, state);
    apply(root, form, readForm(form));
    carry(readForm(form));
    form.addEventListener("change", function () {
      var current = readForm(form);
      apply(root, form, current);
      updateUrl(current);
      carry(current);
    });
    form.addEventListener("reset", function () {
      window.setTimeout(function () {
        apply(root, form, readForm(form));
        updateUrl({});
        carry({});
      }, 0);
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
