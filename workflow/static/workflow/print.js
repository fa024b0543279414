// The report's "Print or save as PDF" button. A file, not an onclick
// attribute: the Content-Security-Policy runs no inline script.
document.addEventListener("click", (event) => {
  if (event.target.closest("[data-print]")) {
    window.print();
  }
});
