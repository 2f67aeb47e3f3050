// Public ticket page on the visitor's phone: when the refreshed card says the
// ticket is called, tell the visitor three ways: a screen-reader announcement
// (the live region outside the card), a vibration where the phone supports it,
// and a short tone (played if the browser allows sound on this page).
(function () {
  "use strict";
  const pengumuman = document.getElementById("pengumuman-tiket");
  if (!pengumuman) return;
  const kartuAwal = document.getElementById("status-tiket");
  let statusTerakhir = kartuAwal ? kartuAwal.dataset.status : "";

  function nada() {
    const Ctx = window.AudioContext || window.webkitAudioContext;
    if (!Ctx) return;
    try {
      const audio = new Ctx();
      const osc = audio.createOscillator();
      osc.frequency.value = 880;
      osc.connect(audio.destination);
      osc.start();
      osc.stop(audio.currentTime + 0.4);
    } catch (e) { /* sound not allowed: the text and vibration remain */ }
  }

  // htmx:load bubbles from the new card (an outerHTML swap removes the element afterSwap fires on).
  document.body.addEventListener("htmx:load", function () {
    const kartu = document.getElementById("status-tiket");
    if (!kartu || kartu.dataset.status === statusTerakhir) return;
    statusTerakhir = kartu.dataset.status;
    if (statusTerakhir !== "dipanggil") return;
    pengumuman.textContent = kartu.dataset.pesan || "";
    if (navigator.vibrate) navigator.vibrate([400, 200, 400]);
    nada();
  });
})();
