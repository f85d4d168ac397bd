/* The ledger's charts: ECharts (vendored) drawn from JSON in <script type="application/json"> elements.
   Each chart has a table beside it with the same figures; the chart is a picture of that table. */
(function () {
  "use strict";
  if (typeof window.echarts === "undefined") { return; }
  var COLOURS = ["#b42318", "#98a2b3", "#1d4ed8", "#067647", "#b54708", "#6941c6"];

  function option(spec) {
    var horizontal = !!spec.horizontal;
    var category = { type: "category", data: spec.categories, axisLabel: { interval: 0, width: 110, overflow: "truncate" } };
    var integers = spec.series.every(function (s) { return s.data.every(function (v) { return v === null || Math.round(v) === v; }); });
    var value = integers ? { type: "value", minInterval: 1 } : { type: "value" };
    return {
      color: COLOURS,
      animation: false,
      tooltip: { trigger: "axis", axisPointer: { type: spec.kind === "line" ? "line" : "shadow" } },
      legend: { top: 0 },
      grid: { left: horizontal ? 120 : 44, right: 24, top: 32, bottom: 28 },
      xAxis: horizontal ? value : category,
      yAxis: horizontal ? category : value,
      series: spec.series.map(function (s) {
        return { name: s.name, type: spec.kind === "line" ? "line" : "bar", data: s.data, barMaxWidth: 18 };
      })
    };
  }

  function draw(el) {
    var data = document.getElementById(el.getAttribute("data-chart"));
    if (!data) { return; }
    var spec = JSON.parse(data.textContent);
    if (!spec.categories || spec.categories.length === 0) { el.classList.add("ledger-chart-empty"); return; }
    if (spec.horizontal) { el.classList.add("ledger-chart-rows-" + Math.min(15, spec.categories.length)); }
    var locale = (document.documentElement.lang || "").indexOf("zh") === 0 ? "ZH" : "EN";
    var chart = window.echarts.init(el, null, { renderer: "svg", locale: locale });
    chart.setOption(option(spec));
    window.addEventListener("resize", function () { chart.resize(); });
  }

  document.querySelectorAll("[data-chart]").forEach(draw);
})();
