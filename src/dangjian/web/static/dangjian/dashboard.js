/* 数据看板: draws the charts from the scoped JSON endpoint; every point opens its records. */
(function () {
  "use strict";
  var root = document.getElementById("dashboard");
  if (!root || !window.echarts) { return; }
  var RED = ["#b71c1c", "#e57373", "#f9a825", "#6d4c41", "#1565c0", "#2e7d32", "#8e24aa"];
  var charts = [];

  function make(id, option, links) {
    var element = document.getElementById(id);
    var chart = echarts.init(element, null, { renderer: "svg" });
    option.color = option.color || RED;
    option.animation = false;
    chart.setOption(option);
    chart.on("click", function (params) {
      var url = links(params);
      if (url) { window.location.href = url; }
    });
    charts.push(chart);
    return chart;
  }

  function empty(id, text) {
    document.getElementById(id).innerHTML = '<p class="muted empty">' + text + "</p>";
  }

  fetch(root.dataset.src, { credentials: "same-origin" })
    .then(function (response) { return response.json(); })
    .then(function (data) {
      var narrow = window.innerWidth < 640;
      var m = data.meetings_by_month;
      if (m.series.length) {
        make("chart-meetings", {
          tooltip: { trigger: "axis" },
          legend: { type: "scroll", top: 0 },
          grid: { left: 30, right: 10, top: narrow ? 60 : 40, bottom: 24 },
          xAxis: { type: "category", data: m.months, axisLabel: { interval: narrow ? 1 : 0 } },
          yAxis: { type: "value", minInterval: 1 },
          series: m.series.map(function (s) { return { name: s.name, type: "bar", stack: "all", data: s.data }; })
        }, function (p) { return m.series[p.seriesIndex].links[p.dataIndex]; });
      } else { empty("chart-meetings", "本年度没有组织生活记录"); }

      var a = data.attendance_by_branch;
      if (a.overall !== null) { document.getElementById("attendance-overall").textContent = "全部 " + a.overall + "%"; }
      if (a.labels.length) {
        make("chart-attendance", {
          tooltip: { trigger: "axis", valueFormatter: function (v) { return v === null ? "—" : v + "%"; } },
          grid: { left: narrow ? 90 : 130, right: 30, top: 10, bottom: 24 },
          xAxis: { type: "value", max: 100 },
          yAxis: { type: "category", data: a.labels, inverse: true, axisLabel: { width: narrow ? 80 : 120, overflow: "truncate" } },
          series: [{ type: "bar", data: a.data, label: { show: true, position: "right", formatter: "{c}%" } }]
        }, function (p) { return a.links[p.dataIndex]; });
      } else { empty("chart-attendance", "没有参会记录"); }

      var f = data.development_funnel;
      make("chart-funnel", {
        tooltip: { trigger: "item", formatter: "{b}：{c} 名" },
        series: [{
          type: "funnel", sort: "none", left: "5%", width: "90%", minSize: "20%", gap: 2,
          label: { show: true, position: "inside", formatter: "{b} {c}", color: "#fff" },
          data: f.labels.map(function (label, i) { return { name: label, value: f.data[i] }; })
        }]
      }, function (p) { return f.links[p.dataIndex]; });

      var r = data.rectification_status;
      if (r.rate !== null) { document.getElementById("rectification-rate").textContent = "完成率 " + r.rate + "%"; }
      make("chart-rectification", {
        color: ["#2e7d32", "#f9a825", "#b71c1c"],
        tooltip: { trigger: "item", formatter: "{b}：{c} 个（{d}%）" },
        legend: { bottom: 0 },
        series: [{ type: "pie", radius: ["35%", "65%"], center: ["50%", "45%"], label: { formatter: "{b}\n{c}" },
          data: r.labels.map(function (label, i) { return { name: label, value: r.data[i] }; }) }]
      }, function (p) { return r.links[p.dataIndex]; });

      var e = data.elections;
      make("chart-elections", {
        color: ["#b71c1c"],
        tooltip: { trigger: "axis" },
        grid: { left: 30, right: 10, top: 24, bottom: 24 },  // room for the tallest bar's label
        xAxis: { type: "category", data: e.labels, axisLabel: { interval: 0, fontSize: narrow ? 10 : 12 } },
        yAxis: { type: "value", minInterval: 1 },
        series: [{ type: "bar", data: e.data.map(function (v, i) {
          return { value: v, itemStyle: { color: ["#b71c1c", "#f9a825", "#2e7d32", "#9e9e9e"][i] } };
        }), label: { show: true, position: "top" } }]
      }, function (p) { return e.links[p.dataIndex]; });
      var list = document.getElementById("elections-due");
      e.due.forEach(function (row) {
        var li = document.createElement("li");
        li.className = row.state === "overdue" ? "todo-overdue" : "todo-todo";
        var link = document.createElement("a");
        link.href = row.url; link.textContent = row.name;
        li.appendChild(link);
        li.appendChild(document.createTextNode("：" + row.message));
        list.appendChild(li);
      });
      root.dataset.ready = "true";
    })
    .catch(function () { root.insertAdjacentHTML("afterbegin", '<p class="error">图表数据加载失败，请刷新页面。</p>'); });

  window.addEventListener("resize", function () { charts.forEach(function (c) { c.resize(); }); });
})();
