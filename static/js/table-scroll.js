// A cue on tables wider than their box (a phone): the box gets the class
// "overflows" (a shadow on the side that hides columns) and a "scroll →" hint
// line after it. Without JavaScript the CSS shadows alone still show the cue.
(function () {
  "use strict";
  var hintText = document.body.getAttribute("data-scroll-hint") || "→";

  function update(box) {
    var overflows = box.scrollWidth > box.clientWidth + 1;
    box.classList.toggle("overflows", overflows);
    var hint = box.nextElementSibling;
    if (!hint || !hint.classList.contains("scroll-hint")) {
      hint = document.createElement("p");
      hint.className = "scroll-hint";
      hint.setAttribute("aria-hidden", "true");  // the region's label already says it scrolls
      hint.textContent = hintText;
      box.parentNode.insertBefore(hint, box.nextSibling);
    }
    hint.hidden = !overflows;
  }

  function updateAll() {
    document.querySelectorAll(".table-scroll").forEach(update);
  }

  updateAll();
  window.addEventListener("resize", updateAll);
  document.addEventListener("toggle", updateAll, true);  // a <details> opened
})();
