// A form marked data-konfirmasi="question" asks before it is sent: for a
// removal that cannot be undone in one click. The question is written, in
// the reader's language, by the template.
//
// A form that posts is sent once while its answer is on the way: on a slow
// connection a second click (a double click, or "nothing happened" on a phone)
// posted it again, and the page shown was the answer to that second post, the
// server's "already done, perhaps from another tab" or "already in this
// request", instead of the first one's result. A form sent to another window
// (the tariff PDF) leaves this page as it was, so it may be sent again. After
// a while the form may be sent again: a stopped page load leaves the page in
// place, and the visitor must be able to try once more.
// (In a function: the delivery form's refused answer is written over this page,
// and runs this file again in the same window.)
(function () {
  "use strict";
  const KIRIM_ULANG_SETELAH_MS = 10000;

  function kirimPost(form) {
    return form.method === "post" && !form.target;
  }

  document.addEventListener("submit", (event) => {
    const form = event.target;
    const terkirim = Number(form.dataset?.terkirimPada || 0);
    if (kirimPost(form) && terkirim && Date.now() - terkirim < KIRIM_ULANG_SETELAH_MS) {
      event.preventDefault();
      return;
    }
    const pertanyaan = form.dataset?.konfirmasi;
    if (pertanyaan && !window.confirm(pertanyaan)) {
      event.preventDefault();
    }
    // Not sent by the browser (refused here, or sent by a script that shows its progress).
    if (event.defaultPrevented || !kirimPost(form)) return;
    form.dataset.terkirimPada = String(Date.now());
  });

  // Back to the page from the browser's cache: its forms may be sent again.
  window.addEventListener("pageshow", (event) => {
    if (!event.persisted) return;
    document.querySelectorAll("form[data-terkirim-pada]").forEach((form) => {
      delete form.dataset.terkirimPada;
    });
  });
})();
