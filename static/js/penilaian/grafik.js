// Draws every <canvas data-grafik="ID"> from the JSON in <script id="ID">
// (json_script). No inline script: the page's CSP allows only 'self'.
(function () {
  "use strict";
  var WARNA = ["#0d6efd", "#fd7e14", "#198754", "#6f42c1", "#dc3545", "#20c997"];

  function sumbuY(g) {
    var y = { beginAtZero: true, title: { display: !!g.satuan, text: g.satuan } };
    if (g.satuan.indexOf("25–100") !== -1) { y.beginAtZero = false; y.min = 25; y.max = 100; }
    if (g.satuan.indexOf("%") === 0) { y.max = 100; }
    return y;
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
        scales: { y: sumbuY(g) },
        locale: "id-ID"
      }
    });
  }

  function mulai() {
    document.querySelectorAll("canvas[data-grafik]").forEach(gambar);
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", mulai); } else { mulai(); }
})();
