// "Select all" on the admin export page, bound here because the Content-Security-Policy
// blocks the inline handler django-import-export's template uses.
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll(".select-toggle").forEach((toggle) => {
    toggle.addEventListener("change", onSelectToggleChange);
  });
});
