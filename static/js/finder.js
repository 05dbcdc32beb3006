// The program finder with JavaScript on. On a phone the filter panel, above the results, starts
// closed and opens from the top. After every update of the results (a search, a box ticked, the
// order, a page link) the answer is where the student is looking: focus moves to the error
// summary if there is one, else to the result count, scrolled to the top of the screen. With
// JavaScript off the panel is always open and autofocus does the same on each full page load.
(function () {
  "use strict";
  var phone = window.matchMedia("(max-width: 991.98px)");

  function closeOnPhone() {
    var panel = document.querySelector(".filters-panel");
    if (panel && phone.matches) {
      panel.open = false;
    }
  }

  function showAnswer() {
    var target = document.getElementById("error-summary") || document.getElementById("result-count");
    if (target) {
      // Instant: Bootstrap makes scrolling smooth, and the answer should not drift into place.
      target.scrollIntoView({ block: "start", behavior: "instant" });
      target.focus({ preventScroll: true });
      // A smooth scroll still running from before the update (the browser bringing the field
      // the student typed in into view) moves the page once more on the next frame, hiding the
      // answer's first line: put it back at the top after that frame.
      window.requestAnimationFrame(function () {
        target.scrollIntoView({ block: "start", behavior: "instant" });
      });
    }
  }

  closeOnPhone();
  if (document.querySelector("#finder [autofocus]")) {
    showAnswer();
  }
  document.addEventListener("click", function (event) {
    // The error summary's links lead to fields inside the panel.
    if (event.target.closest("#error-summary a")) {
      var panel = document.querySelector(".filters-panel");
      if (panel) {
        panel.open = true;
      }
    }
  });
  document.body.addEventListener("htmx:afterSettle", function (event) {
    if (event.detail.target && event.detail.target.id === "finder") {
      closeOnPhone();
      showAnswer();
    }
  });
})();
