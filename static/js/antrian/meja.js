// Desk screen and booking for a visitor: choosing a found visitor disables the new-visitor biodata;
// Enter in the search box picks the first result instead of submitting.
(function () {
  "use strict";
  const form = document.querySelector("form[data-pilih-pengunjung]");
  if (!form) return;
  const biodata = document.getElementById("biodata-baru");
  const cari = document.getElementById("cari");

  function sinkron() {
    const dipilih = form.querySelector('input[name="pengunjung"]:checked');
    biodata.disabled = Boolean(dipilih && dipilih.value);
  }

  form.addEventListener("change", function (e) {
    if (e.target.name === "pengunjung") sinkron();
  });
  cari.addEventListener("keydown", function (e) {
    if (e.key !== "Enter") return;
    e.preventDefault();
    const pertama = document.querySelector('#hasil-cari input[name="pengunjung"]');
    if (pertama) {
      pertama.checked = true;
      pertama.focus();
      sinkron();
    }
  });
  document.body.addEventListener("htmx:afterSwap", function (e) {
    if (e.detail.target.id === "hasil-cari") sinkron();
  });
  sinkron();
})();
