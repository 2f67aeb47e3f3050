// Printable ticket: a print button, and the print dialog opened right after issuing.
(function () {
  "use strict";
  const tiket = document.getElementById("tiket");
  const tombol = document.getElementById("tombol-cetak");
  if (tombol) tombol.addEventListener("click", function () { window.print(); });
  if (tiket && tiket.dataset.cetakOtomatis === "1") {
    window.addEventListener("load", function () { window.print(); });
  }
})();
