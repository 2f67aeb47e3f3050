// Upload forms with data-batas-byte: files over that limit are not sent (the
// form's [data-terlalu-besar] message shows instead). Forms also marked
// data-unggah-progres: send with XMLHttpRequest so the officer sees the
// progress of large product files, then follow the answer.
(function () {
  "use strict";
  // In the page's language: "2,5" on an Indonesian page, where "2.5" reads as 25 hundred.
  function megabyte(n) {
    return (n / 1048576).toLocaleString(document.documentElement.lang || undefined, {
      minimumFractionDigits: 1, maximumFractionDigits: 1
    });
  }
  // The server refuses a body over its limit before reading it, and a browser that is
  // still sending then often shows a connection error instead of the answer (or, on a
  // phone, sends 11 MB for nothing): check first. Registered before the sending below.
  // The server's refusal of the file sent before (its type, "choose it again") is
  // about that file, not the one now refused for its size: it goes.
  function lupakanGalatBerkas(form) {
    form.querySelectorAll("input[type=file]").forEach(function (input) {
      input.classList.remove("is-invalid");
      input.removeAttribute("aria-invalid");
      (input.getAttribute("aria-describedby") || "").split(" ").forEach(function (id) {
        var galat = id && document.getElementById(id);
        if (galat && galat.classList.contains("invalid-feedback")) galat.remove();
      });
    });
  }
  document.querySelectorAll("form[data-batas-byte]").forEach(function (form) {
    form.addEventListener("submit", function (ev) {
      var batas = Number(form.dataset.batasByte || 0);
      var ukuran = 0;
      form.querySelectorAll("input[type=file]").forEach(function (input) {
        Array.prototype.forEach.call(input.files || [], function (f) { ukuran += f.size; });
      });
      var peringatan = form.querySelector("[data-terlalu-besar]");
      if (batas && ukuran > batas) {
        ev.preventDefault();
        ev.stopImmediatePropagation();
        lupakanGalatBerkas(form);
        if (peringatan) {
          peringatan.classList.remove("d-none");
          // On a phone the warning may sit a screen above the button just tapped.
          peringatan.scrollIntoView({ block: "nearest" });
        }
        return;
      }
      if (peringatan) peringatan.classList.add("d-none");
      // Sent as usual (the product form shows its own progress bar): a scan on a
      // phone's connection takes a while, so the button says the file is on its way.
      if (ukuran && !form.hasAttribute("data-unggah-progres") && !form.dataset.konfirmasi) sibuk(form);
    });
  });
  function sibuk(form) {
    var tombol = form.querySelector("button[type=submit]");
    if (!tombol) return;
    tombol.dataset.isiAsli = tombol.innerHTML;
    tombol.disabled = true;
    tombol.setAttribute("aria-busy", "true");
    var putar = document.createElement("span");
    putar.className = "spinner-border spinner-border-sm";
    putar.setAttribute("aria-hidden", "true");
    tombol.replaceChildren(putar, document.createTextNode(" " + gettext("Mengunggah…")));
  }
  // Back to the page from the browser's cache: the buttons work again.
  window.addEventListener("pageshow", function (ev) {
    if (!ev.persisted) return;
    document.querySelectorAll("button[aria-busy][data-isi-asli]").forEach(function (tombol) {
      tombol.innerHTML = tombol.dataset.isiAsli;
      tombol.disabled = false;
      tombol.removeAttribute("aria-busy");
    });
  });
  document.querySelectorAll("form[data-unggah-progres]").forEach(function (form) {
    form.addEventListener("submit", function (ev) {
      if (!window.FormData || !window.XMLHttpRequest) return;
      ev.preventDefault();
      var wadah = form.querySelector("[data-progres-wadah]");
      var bar = form.querySelector("[data-progres]");
      var teks = form.querySelector("[data-progres-teks]");
      var tombol = form.querySelector("button[type=submit]");
      if (wadah) wadah.classList.remove("d-none");
      if (tombol) tombol.disabled = true;
      var xhr = new XMLHttpRequest();
      xhr.open("POST", form.action || window.location.href);
      xhr.upload.addEventListener("progress", function (e) {
        if (!e.lengthComputable) return;
        var persen = Math.floor((e.loaded / e.total) * 100);
        if (bar) bar.value = persen;
        if (teks) {
          var mb = interpolate(gettext("%(terkirim)s dari %(total)s MB"), {
            terkirim: megabyte(e.loaded), total: megabyte(e.total)
          }, true);
          teks.textContent = persen + "% (" + mb + ")";
        }
      });
      // Done: the server answers 204 with the next page's address instead of a
      // redirect (pst_layanan/unggah.py), so its one-time message waits for that page.
      xhr.setRequestHeader("X-Unggah-Progres", "1");
      xhr.addEventListener("load", function () {
        var lanjut = xhr.getResponseHeader("X-Lanjut");
        if (xhr.status === 204 && lanjut) {
          window.location.assign(lanjut);
          return;
        }
        document.open();
        document.write(xhr.responseText);
        document.close();
      });
      xhr.addEventListener("error", function () {
        if (teks) teks.textContent = gettext("Unggahan gagal; periksa koneksi lalu coba lagi.");
        if (tombol) tombol.disabled = false;
      });
      xhr.send(new FormData(form));
    });
  });
})();
