// Printable ticket: a print button, and the print dialog opened right after issuing.
(function () {
  "use strict";
  const tiket = document.getElementById("tiket");
  const tombol = document.getElementById("tombol-cetak");
  const kembali = document.getElementById("kembali-meja");
  if (tombol) tombol.addEventListener("click", function () { window.print(); });
  // After the print dialog closes, keyboard focus goes to "back to the desk", so the
  // receptionist presses Enter for the next visitor instead of hunting for focus.
  window.addEventListener("afterprint", function () { if (kembali) kembali.focus(); });
  if (kembali && tiket && tiket.dataset.cetakOtomatis === "1") kembali.focus();
  if (tiket && tiket.dataset.cetakOtomatis === "1") {
    window.addEventListener("load", function () { window.print(); });
  }
})();
