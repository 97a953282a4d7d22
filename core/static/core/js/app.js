// Small progressive enhancements; every page works without them.
document.addEventListener("DOMContentLoaded", function () {
  // Ask before destructive actions: <form data-confirm="...">.
  document.body.addEventListener("submit", function (event) {
    var form = event.target;
    var question = form.getAttribute && form.getAttribute("data-confirm");
    if (question && !window.confirm(question)) {
      event.preventDefault();
    }
  }, true);
});
