// Filter panels fold away on phones and stay open on wide screens; the pages work without this.
document.addEventListener("DOMContentLoaded", function () {
  if (window.matchMedia("(min-width: 901px)").matches) {
    document.querySelectorAll("details[data-open-wide]").forEach(function (el) { el.open = true; });
  }
  // "Select all" checkbox of bulk actions.
  document.querySelectorAll("[data-check-all]").forEach(function (box) {
    box.addEventListener("change", function () {
      var form = box.closest("form");
      form.querySelectorAll("input[name=" + box.getAttribute("data-check-all") + "]").forEach(function (c) { c.checked = box.checked; });
    });
  });
});
