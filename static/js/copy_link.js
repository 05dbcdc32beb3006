// "Copy link" beside an address shown as text: without JavaScript the button stays hidden and
// the visitor selects the text; with it, one click copies the address and says so.
(function () {
  "use strict";
  Array.prototype.forEach.call(document.querySelectorAll("[data-copy-target]"), function (button) {
    var field = document.getElementById(button.getAttribute("data-copy-target"));
    var status = document.getElementById(button.getAttribute("data-copy-status"));

    function say(attribute) {
      status.textContent = button.getAttribute(attribute);
    }

    function copyBySelection() {
      field.focus();
      field.select();
      say(document.execCommand("copy") ? "data-copied" : "data-copy-failed");
    }

    button.hidden = false;
    field.addEventListener("focus", function () {
      field.select();
    });
    button.addEventListener("click", function () {
      status.textContent = "";
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(field.value).then(function () {
          say("data-copied");
        }, copyBySelection);
      } else {
        copyBySelection();
      }
    });
  });
})();
