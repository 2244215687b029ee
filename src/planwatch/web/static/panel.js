// The panel page's chart: each jurisdiction's target (line) and actual (bars) for one
// indicator and year. Data comes from a JSON block in the page (the CSP forbids inline code).
(function () {
  "use strict";
  var block = document.getElementById("panel-data");
  var canvas = document.getElementById("panel-chart");
  if (!block || !canvas || typeof Chart === "undefined") { return; }
  var data = JSON.parse(block.textContent);
  new Chart(canvas, {
    data: {
      labels: data.labels,
      datasets: [
        { type: "line", label: "目标", data: data.target, borderColor: "#9b1c1c", showLine: false,
          backgroundColor: "#9b1c1c", pointRadius: 6, pointStyle: "line", borderWidth: 3 },
        { type: "bar", label: "完成", data: data.actual, backgroundColor: "#2563eb99",
          borderColor: "#2563eb", maxBarThickness: 40 }
      ]
    },
    options: {
      maintainAspectRatio: false,
      animation: false,
      scales: { y: { title: { display: !!(data.kind || data.unit), text: data.kind || data.unit } } },
      plugins: { legend: { position: "bottom" } }
    }
  });
})();
