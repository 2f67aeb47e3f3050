// Draws every <canvas data-grafik="ID"> from the JSON in <script id="ID">
// (json_script). No inline script: the page's CSP allows only 'self'.
(function () {
  "use strict";
  var WARNA = ["#0d6efd", "#fd7e14", "#198754", "#6f42c1", "#dc3545", "#20c997"];

  function sumbuY(g) {
    var y = { beginAtZero: true, title: { display: !!g.satuan, text: g.satuan } };
    if (g.satuan.indexOf("25–100") !== -1) { y.beginAtZero = false; y.min = 25; y.max = 100; }
    if (g.satuan.indexOf("%") === 0) { y.max = 100; }
    // Counts (visits) are whole numbers: no 0,5 ticks.
    if (g.bulat) { y.ticks = { precision: 0 }; }
    return y;
  }

  // A long category ("U2 Sistem, mekanisme, dan prosedur") is shown on the axis by its
  // code, never skipped or cut; the tooltip and the table below the chart name it in full.
  function sumbuX(g) {
    var panjang = g.label.some(function (l) { return l.length > 14; });
    if (!panjang) { return {}; }
    return { ticks: { autoSkip: false, maxRotation: 0, minRotation: 0,
                      callback: function (nilai, i) { return g.label[i].split(" ")[0]; } } };
  }

  function gambar(kanvas) {
    var sumber = document.getElementById(kanvas.dataset.grafik);
    if (!sumber || typeof Chart === "undefined") { return; }
    var g = JSON.parse(sumber.textContent);
    new Chart(kanvas, {
      type: g.jenis,
      data: {
        labels: g.label,
        datasets: g.seri.map(function (s, i) {
          return { label: s.nama, data: s.data, backgroundColor: WARNA[i % WARNA.length],
                   borderColor: WARNA[i % WARNA.length], spanGaps: true, tension: 0.2 };
        })
      },
      options: {
        responsive: true, maintainAspectRatio: false, animation: false,
        plugins: { legend: { position: "bottom" } },
        scales: { x: sumbuX(g), y: sumbuY(g) },
        locale: document.documentElement.lang === "en" ? "en-GB" : "id-ID"
      }
    });
  }

  function mulai() {
    document.querySelectorAll("canvas[data-grafik]").forEach(gambar);
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", mulai); } else { mulai(); }
})();
