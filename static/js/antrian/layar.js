// Waiting-room display: clock, and the voice announcement of every new call.
// The server renders #pengumuman (latest calls, each with its id and the
// sentence in the page's language); htmx refreshes it every second. Browsers block audio
// until the page is clicked once, hence the "Aktifkan suara" button.
(function () {
  "use strict";
  let suaraAktif = false;
  let audio = null;
  let terakhirId = null;
  let antre = [];
  let sedangBicara = false;
  const tombol = document.getElementById("aktifkan-suara");
  // The page's language picks the clock's words and the voice: en-US or id-ID.
  const BAHASA = (document.documentElement.lang || "id").toLowerCase().indexOf("en") === 0 ? "en-US" : "id-ID";
  // Dates as the server writes them: "Wednesday, 25 March 2026" (day first, as in en-GB).
  const TANGGAL = BAHASA === "en-US" ? "en-GB" : "id-ID";

  // --- clock ---------------------------------------------------------------
  const jamFmt = new Intl.DateTimeFormat(TANGGAL, { hour: "2-digit", minute: "2-digit", second: "2-digit", timeZone: "Asia/Jakarta" });
  const tglFmt = new Intl.DateTimeFormat(TANGGAL, { weekday: "long", day: "numeric", month: "long", year: "numeric", timeZone: "Asia/Jakarta" });
  function detak() {
    const sekarang = new Date();
    document.getElementById("jam-waktu").textContent = (BAHASA === "id-ID" ? jamFmt.format(sekarang).replace(/:/g, ".") : jamFmt.format(sekarang));
    document.getElementById("jam-tanggal").textContent = tglFmt.format(sekarang);
  }
  detak();
  setInterval(detak, 1000);

  // --- announcements --------------------------------------------------------
  function bacaPengumuman() {
    return Array.from(document.querySelectorAll("#pengumuman li")).map(function (li) {
      return { id: Number(li.dataset.id), kalimat: li.dataset.kalimat };
    });
  }

  function periksa() {
    const daftar = bacaPengumuman();
    const maks = daftar.reduce(function (m, p) { return Math.max(m, p.id); }, terakhirId || 0);
    if (terakhirId === null) { terakhirId = maks; return; }  // calls before the page opened are not spoken
    daftar.filter(function (p) { return p.id > terakhirId; }).forEach(function (p) {
      document.body.dataset.pengumumanTerakhir = p.kalimat;
      if (suaraAktif) antre.push(p.kalimat);
    });
    terakhirId = maks;
    putar();
  }

  function bunyi() {
    return new Promise(function (selesai) {
      if (!audio) { selesai(); return; }
      const t = audio.currentTime;
      [[659.25, 0], [523.25, 0.5]].forEach(function (nada) {
        const osc = audio.createOscillator();
        const gain = audio.createGain();
        osc.type = "sine";
        osc.frequency.value = nada[0];
        gain.gain.setValueAtTime(0.0001, t + nada[1]);
        gain.gain.exponentialRampToValueAtTime(0.5, t + nada[1] + 0.03);
        gain.gain.exponentialRampToValueAtTime(0.0001, t + nada[1] + 0.9);
        osc.connect(gain).connect(audio.destination);
        osc.start(t + nada[1]);
        osc.stop(t + nada[1] + 0.95);
      });
      setTimeout(selesai, 1500);
    });
  }

  function suaraBahasa() {
    const awalan = BAHASA.slice(0, 2);
    return window.speechSynthesis.getVoices().find(function (v) {
      return (v.lang || "").replace("_", "-").toLowerCase().indexOf(awalan) === 0;
    });
  }

  function ucapkan(kalimat) {
    return new Promise(function (selesai) {
      if (!("speechSynthesis" in window)) { selesai(); return; }
      const u = new SpeechSynthesisUtterance(kalimat);
      u.lang = BAHASA;
      u.rate = 0.9;
      const suara = suaraBahasa();
      if (suara) u.voice = suara;
      u.onend = selesai;
      u.onerror = selesai;
      window.speechSynthesis.speak(u);
      setTimeout(selesai, 15000);  // never let a stuck engine block later calls
    });
  }

  async function putar() {
    if (sedangBicara || !suaraAktif) return;
    sedangBicara = true;
    while (antre.length) {
      const kalimat = antre.shift();
      await bunyi();
      await ucapkan(kalimat);
    }
    sedangBicara = false;
  }

  // The choice is kept in localStorage so a reload (power cut, nightly restart)
  // speaks again on its own; a kiosk browser started with
  // --autoplay-policy=no-user-gesture-required lets that audio play without a click.
  const KUNCI_SUARA = "pst-layar-suara";
  function nyalakan(simpan) {
    const Ctx = window.AudioContext || window.webkitAudioContext;
    if (Ctx && !audio) audio = new Ctx();
    if (audio && audio.state === "suspended") audio.resume();
    suaraAktif = true;
    tombol.classList.add("aktif");
    tombol.setAttribute("aria-pressed", "true");
    tombol.innerHTML = '<i class="bi bi-volume-up-fill" aria-hidden="true"></i> ' + gettext("Suara aktif");
    if (simpan) {
      try { localStorage.setItem(KUNCI_SUARA, "1"); } catch (e) { /* private mode: for this page only */ }
      bunyi();
    }
  }
  function matikan() {
    suaraAktif = false;
    antre = [];
    tombol.classList.remove("aktif");
    tombol.setAttribute("aria-pressed", "false");
    tombol.innerHTML = '<i class="bi bi-volume-up-fill" aria-hidden="true"></i> ' + gettext("Aktifkan suara");
    try { localStorage.removeItem(KUNCI_SUARA); } catch (e) { /* nothing kept */ }
  }
  tombol.addEventListener("click", function () {
    if (suaraAktif) matikan(); else nyalakan(true);
  });
  // Rendered disabled: a click while this script was still loading would do nothing.
  tombol.disabled = false;
  try { if (localStorage.getItem(KUNCI_SUARA) === "1") nyalakan(false); } catch (e) { /* no storage */ }

  document.body.addEventListener("htmx:afterSwap", periksa);
  periksa();
})();
