// Tariff calculator and item forms: show the "MB / byte" choice only for
// products priced by size, and name the quantity after the product's unit.
(function () {
  "use strict";
  var data = document.getElementById("satuan-produk");
  if (!data) return;
  var satuan = JSON.parse(data.textContent);
  var namaJumlah = {
    halaman: gettext("Jumlah halaman"), byte: gettext("Ukuran data"), peta: gettext("Jumlah peta"), tabel: gettext("Jumlah tabel")
  };

  function siapkan(form) {
    var produk = form.querySelector("[name=produk]");
    if (!produk) return;
    var jumlah = form.querySelector("[name=jumlah]");
    var ukuran = form.querySelector("[name=ukuran]");
    var wadahUkuran = ukuran && (ukuran.closest(".mb-3") || ukuran.parentElement);
    var label = jumlah && form.querySelector("label[for='" + jumlah.id + "']");
    var teksLabel = label && label.firstChild;

    function atur() {
      var s = satuan[produk.value];
      if (wadahUkuran) wadahUkuran.classList.toggle("d-none", s !== "byte");
      if (teksLabel && teksLabel.nodeType === Node.TEXT_NODE) teksLabel.textContent = namaJumlah[s] || gettext("Jumlah");
    }
    produk.addEventListener("change", atur);
    atur();
  }

  document.querySelectorAll("[data-kalkulator]").forEach(siapkan);
})();
