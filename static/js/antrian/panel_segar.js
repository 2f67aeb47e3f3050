// A side panel that reloads itself every 5 s (templates/antrian/_panel_segar.html:
// the queue beside the desk, the waiting list at the counter) replaces its content;
// while keyboard focus is inside it, a reload would drop focus to the page's top
// (the next Tab then lands in the footer), so it waits for the next one.
(function () {
  "use strict";
  document.body.addEventListener("htmx:beforeRequest", function (e) {
    const panel = e.detail.elt;
    if (panel.hasAttribute("data-panel-segar") && panel.contains(document.activeElement)) e.preventDefault();
  });
})();
