// The indicator page's history chart: targets as a dashed line, actuals as bars.
// Data comes from a JSON block in the page (no inline script: the CSP forbids it).
(function () {
  "use strict";
  var block = document.getElementById("history-data");
  var canvas = document.getElementById("history-chart");
  if (!block || !canvas || typeof Chart === "undefined") { return; }
  var data = JSON.parse(block.textContent);
  new Chart(canvas, {
    data: {
      labels: data.labels,
      datasets: [
        { type: "line", label: "目标", data: data.target, borderColor: "#9b1c1c",
          borderDash: [6, 4], backgroundColor: "#9b1c1c", spanGaps: true, pointRadius: 5,
          pointStyle: "rectRot" },
        { type: "bar", label: "完成", data: data.actual, backgroundColor: "#2563eb99",
          borderColor: "#2563eb", maxBarThickness: 56 }
      ]
    },
    options: {
      maintainAspectRatio: false,
      animation: false,
      scales: { y: { title: { display: !!data.unit, text: data.unit } } },
      plugins: { legend: { position: "bottom", labels: { usePointStyle: true } } }
    }
  });
})();
