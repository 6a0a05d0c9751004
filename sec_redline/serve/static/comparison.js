// The comparison page's navigation and filters, as comparison.html.j2 has them inline, read from the page
// (each event's kind and Section are on its line of the contents): no inline script, so the page's
// Content-Security-Policy can forbid them.
(function () {
  "use strict";
  var kinds = {}, sections = {};
  document.querySelectorAll("nav.contents li[data-event]").forEach(function (li) {
    kinds[li.dataset.event] = li.dataset.kind;
    sections[li.dataset.event] = li.dataset.section;
  });
  var section = document.getElementById("filter-section");
  var position = document.getElementById("position");
  if (!section || !position) { return; }
  var boxes = Array.prototype.slice.call(document.querySelectorAll("#filter-kind input"));
  var current = 0;
  function shown(n) {
    var kindOn = boxes.some(function (b) { return b.checked && b.value === kinds[n]; });
    return kindOn && (!section.value || sections[n] === section.value);
  }
  function visible() {  // the first place each shown event is marked, in reading order
    var seen = {};
    return Array.prototype.slice.call(document.querySelectorAll("main [data-event]")).filter(function (el) {
      var n = el.dataset.event;
      if (seen[n] || el.closest("[hidden]") || !shown(n)) { return false; }
      seen[n] = true;
      return true;
    });
  }
  function apply() {
    document.querySelectorAll("nav.contents li[data-event]").forEach(function (li) {
      li.hidden = !shown(li.dataset.event);
    });
    document.querySelectorAll("main section.block").forEach(function (block) {
      var events = (block.dataset.events || "").split(" ").filter(Boolean);
      block.hidden = (section.value && block.dataset.section !== section.value) || !events.some(shown);
    });
    document.querySelectorAll("main h2").forEach(function (h) {
      var next = h.nextElementSibling, any = false;
      while (next && next.tagName !== "H2") { if (!next.hidden) { any = true; } next = next.nextElementSibling; }
      h.hidden = !any;
    });
    current = 0;
    say();
  }
  function say() {
    var n = visible().length;
    position.textContent = current ? "Event " + current + " of " + n : n + " event" + (n === 1 ? "" : "s") + " shown";
  }
  function go(step) {
    var list = visible();
    if (!list.length) { return; }
    current = ((current - 1 + step) % list.length + list.length) % list.length + 1;
    document.querySelectorAll(".current").forEach(function (el) { el.classList.remove("current"); });
    var el = list[current - 1];
    el.classList.add("current");
    el.scrollIntoView({ block: "start" });
    say();
  }
  document.getElementById("next").addEventListener("click", function () { go(1); });
  document.getElementById("previous").addEventListener("click", function () { go(-1); });
  document.addEventListener("keydown", function (e) {
    if (e.altKey || e.ctrlKey || e.metaKey) { return; }
    if (e.target.tagName === "INPUT" || e.target.tagName === "SELECT" || e.target.tagName === "TEXTAREA") { return; }
    if (e.key === "n") { go(1); } else if (e.key === "p") { go(-1); }
  });
  section.addEventListener("change", apply);
  boxes.forEach(function (b) { b.addEventListener("change", apply); });
  apply();
}());
