// A form marked data-konfirmasi="question" asks before it is sent: for a
// removal that cannot be undone in one click. The question is written, in
// the reader's language, by the template.
document.addEventListener("submit", (event) => {
  const pertanyaan = event.target.dataset?.konfirmasi;
  if (pertanyaan && !window.confirm(pertanyaan)) {
    event.preventDefault();
  }
});
