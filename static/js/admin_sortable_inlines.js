/* Inline items an editor can reorder ("sortable" inline groups in the admin).
   Each item gets "Move up" and "Move down" buttons, usable by keyboard; a move renumbers the
   items' order fields (10, 20, 30 ...) in the order shown, and Save stores it. Without
   JavaScript the editor types the order numbers instead. */
"use strict";
(function () {
  const STEP = 10;
  const t = (text) => (window.gettext ? window.gettext(text) : text);

  function orderInput(item) {
    return item.querySelector('input[name$="-sort_order"]');
  }

  function items(group) {
    return Array.from(group.querySelectorAll(".inline-related:not(.empty-form)"))
      .filter((item) => orderInput(item));
  }

  function renumber(group) {
    items(group).forEach((item, index) => {
      orderInput(item).value = String((index + 1) * STEP);
    });
  }

  function button(label, onClick) {
    const element = document.createElement("button");
    element.type = "button";
    element.className = "sortable-move";
    element.textContent = label;
    element.addEventListener("click", onClick);
    return element;
  }

  function addButtons(group, item) {
    const heading = item.querySelector("h3");
    if (!heading || heading.querySelector(".sortable-move")) return;
    const up = button(t("Move up"), () => {
      const previous = items(group)[items(group).indexOf(item) - 1];
      if (previous) {
        previous.before(item);
        renumber(group);
        up.focus();
      }
    });
    const down = button(t("Move down"), () => {
      const next = items(group)[items(group).indexOf(item) + 1];
      if (next) {
        next.after(item);
        renumber(group);
        down.focus();
      }
    });
    heading.append(" ", up, " ", down);
  }

  function init() {
    document.querySelectorAll("fieldset.sortable").forEach((fieldset) => {
      const group = fieldset.closest(".inline-group") || fieldset;
      items(group).forEach((item) => addButtons(group, item));
    });
  }

  // A new item goes last in the order, not first (its field starts at 0).
  document.addEventListener("formset:added", (event) => {
    const group = event.target.closest(".inline-group");
    if (!group || !group.querySelector("fieldset.sortable")) return;
    const input = orderInput(event.target);
    if (input) {
      const highest = Math.max(0, ...items(group).map((item) => Number(orderInput(item).value) || 0));
      input.value = String(highest + STEP);
      addButtons(group, event.target);
    }
  });

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
