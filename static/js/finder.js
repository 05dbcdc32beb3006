// The program finder with JavaScript on: on a phone the filter panel starts closed under the
// results and the "Filters" button opens it; after a search with errors, focus goes to the
// error summary. With JavaScript off the panel is always open and the button is a plain link.
(function () {
  "use strict";
  var phone = window.matchMedia("(max-width: 991.98px)");
  var panel = document.querySelector(".filters-panel");
  if (panel && phone.matches) {
    panel.open = false;
  }
  document.addEventListener("click", function (event) {
    // The error summary's links lead to fields inside the panel, too.
    var button = event.target.closest("[data-open-filters], #error-summary a");
    var current = document.querySelector(".filters-panel");
    if (button && current) {
      current.open = true;
    }
  });
  var summary = document.getElementById("error-summary");
  if (summary) {
    summary.focus();
  }
})();
