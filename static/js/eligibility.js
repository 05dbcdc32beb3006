// The eligibility checker, made shorter with JavaScript on: questions that do not apply are
// hidden (and disabled, so they are not sent), and after a submit focus goes to the answer or
// to the error summary. With JavaScript off every question shows and the answer is the same.
(function () {
  "use strict";
  var form = document.getElementById("eligibility-form");
  if (!form) {
    return;
  }
  var groups = Array.prototype.slice.call(form.querySelectorAll(".depends"));

  function chosen(name) {
    var checked = form.querySelector('input[name="' + name + '"]:checked');
    return checked ? checked.value : "";
  }

  function update() {
    // Outer groups come first in document order, so an inner group sees its parent's state.
    groups.forEach(function (group) {
      var wanted = group.getAttribute("data-depends-value").split(",");
      var parent = group.parentElement.closest(".depends");
      var show = wanted.indexOf(chosen(group.getAttribute("data-depends-on"))) !== -1 &&
        !(parent && parent.hidden);
      group.hidden = !show;
      Array.prototype.forEach.call(group.querySelectorAll("input"), function (input) {
        input.disabled = !show;
      });
    });
  }

  form.addEventListener("change", update);
  update();

  var target = document.getElementById("error-summary") || document.getElementById("answers");
  if (target) {
    target.focus();
  }
})();
