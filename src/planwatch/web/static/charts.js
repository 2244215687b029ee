// The pages' target-and-actual charts (the panel's comparison, the indicator's history): one
// function draws either from its page's JSON block, since the CSP forbids inline code; each
// call returns at once on a page without its block.
(function () {
  "use strict";

  // Targets as points on a line, actuals as bars; `look` holds what differs between charts.
  function targetActualChart(blockId, canvasId, look) {
    var block = document.getElementById(blockId);
    var canvas = document.getElementById(canvasId);
    if (!block || !canvas || typeof Chart === "undefined") { return; }
    var data = JSON.parse(block.textContent);
    var title = look.title(data);
    var target = { type: "line", label: "目标", data: data.target, borderColor: "#9b1c1c",
      backgroundColor: "#9b1c1c" };
    new Chart(canvas, {
      data: {
        labels: data.labels,
        datasets: [
          Object.assign(target, look.target),
          { type: "bar", label: "完成", data: data.actual, backgroundColor: "#2563eb99",
            borderColor: "#2563eb", maxBarThickness: look.barThickness }
        ]
      },
      options: {
        maintainAspectRatio: false,
        animation: false,
        scales: { y: { title: { display: !!title, text: title } } },
        plugins: { legend: Object.assign({ position: "bottom" }, look.legend) }
      }
    });
  }

  // The panel page: each jurisdiction's target (a short line) and actual for one year.
  targetActualChart("panel-data", "panel-chart", {
    target: { showLine: false, pointRadius: 6, pointStyle: "line", borderWidth: 3 },
    barThickness: 40,
    title: function (data) { return data.kind || data.unit; },
    legend: {}
  });
  // The indicator page: its history, targets joined by a dashed line.
  targetActualChart("history-data", "history-chart", {
    target: { borderDash: [6, 4], spanGaps: true, pointRadius: 5, pointStyle: "rectRot" },
    barThickness: 56,
    title: function (data) { return data.unit; },
    legend: { labels: { usePointStyle: true } }
  });
})();
