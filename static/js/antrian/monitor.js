// Live queue monitor: the fragment is refreshed by htmx every second (rendered
// once per queue change on the server); the elapsed times count up here from
// each <time data-sejak> (Unix seconds), written as the server writes them
// (the unit words come from the page language's catalogue, /jsi18n/).
(function () {
  "use strict";
  function durasi(detik) {
    detik = Math.max(0, Math.floor(detik));
    if (detik < 60) return interpolate(gettext("%s dtk"), [detik]);
    const menit = Math.floor(detik / 60);
    const jam = Math.floor(menit / 60);
    if (!jam) return interpolate(gettext("%s mnt"), [menit]);
    return interpolate(gettext("%(jam)s j %(menit)s mnt"), { jam: jam, menit: String(menit % 60).padStart(2, "0") }, true);
  }
  function detak() {
    const sekarang = Date.now() / 1000;
    document.querySelectorAll("time[data-sejak]").forEach(function (el) {
      const teks = durasi(sekarang - Number(el.dataset.sejak));
      if (el.textContent !== teks) el.textContent = teks;
    });
  }
  document.body.addEventListener("htmx:afterSwap", detak);
  setInterval(detak, 1000);
  detak();
})();
