// Small progressive enhancements; every page works without them. No page has inline scripts or
// on*="" handlers (the Content-Security-Policy forbids them): behaviour hangs on data-* attributes.
(function () {
  "use strict";
  var root = document.documentElement;
  root.classList.add("js");

  document.addEventListener("DOMContentLoaded", function () {
    // Ask before destructive actions: <form data-confirm="...">.
    document.body.addEventListener("submit", function (event) {
      var form = event.target;
      var question = form.getAttribute && form.getAttribute("data-confirm");
      if (question && !window.confirm(question)) {
        event.preventDefault();
      }
    }, true);

    // <select data-autosubmit>: send its form when the choice changes.
    document.body.addEventListener("change", function (event) {
      var field = event.target;
      if (field.hasAttribute && field.hasAttribute("data-autosubmit") && field.form) {
        field.form.submit();
      }
    });

    // <button data-print>: print the page (the order documents).
    document.body.addEventListener("click", function (event) {
      var button = event.target.closest && event.target.closest("[data-print]");
      if (button) {
        window.print();
      }
    });

    // Phone: filters (<details data-fold-on-phone open>) start folded behind their summary, unless
    // one of them has an error to show.
    if (window.matchMedia && window.matchMedia("(max-width: 900px)").matches) {
      document.querySelectorAll("details[data-fold-on-phone]").forEach(function (details) {
        if (!details.querySelector(".field--error")) {
          details.open = false;
        }
      });
    }

    // Phone: the menu button folds the navigation and the user tools in and out.
    var toggle = document.querySelector(".menu-toggle");
    var topbar = document.querySelector(".topbar");
    if (toggle && topbar) {
      topbar.classList.add("is-collapsed");
      toggle.addEventListener("click", function () {
        var open = topbar.classList.toggle("is-collapsed") === false;
        toggle.setAttribute("aria-expanded", open ? "true" : "false");
      });
    }
  });
})();
