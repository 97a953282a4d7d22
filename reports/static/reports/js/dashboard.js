/* Draws each figure of a dashboard with plotly.js (from our static files) from the JSON the page
   carries in <script type="application/json"> (json_script), and opens the employee list of a bar
   that has a drill-down query. No inline script, no eval: CSP keeps script-src 'self'. */
(function () {
  "use strict";
  function draw(container) {
    var source = document.getElementById(container.dataset.figure);
    if (!source || !window.Plotly) { return; }
    var figure = JSON.parse(source.textContent);
    var config = { displayModeBar: false, responsive: true };
    window.Plotly.newPlot(container, figure.data, figure.layout, config).then(function () {
      container.dataset.ready = "1";
    });
    container.on("plotly_click", function (event) {
      var point = event && event.points && event.points[0];
      var query = point && point.customdata;
      if (query) {
        window.location.href = container.dataset.drillBase + "?" + query;
      }
    });
  }
  function start() {
    document.querySelectorAll("[data-figure]").forEach(draw);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
