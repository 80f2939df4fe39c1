// The error summary of a form (templates/forms/error_summary.html), as GOV.UK's: it takes the focus when the
// page loads, so that a screen reader reads the errors first and a keyboard user starts from them. A link in it
// moves the focus to its field and scrolls the field's question (its legend or label) into view with it.
// Without JavaScript the summary and its links still work as plain in-page links.
(function () {
  "use strict";
  var summary = document.querySelector("[data-error-summary]");
  if (!summary) return;

  summary.focus();

  function question(input) {
    var fieldset = input.closest("fieldset");
    if (fieldset) {
      var legend = fieldset.querySelector("legend");
      // A long group (many check boxes) keeps its legend in view only when the input is near it.
      if (legend && input.getBoundingClientRect().top - legend.getBoundingClientRect().top < window.innerHeight / 2) {
        return legend;
      }
    }
    return (input.id && document.querySelector('label[for="' + CSS.escape(input.id) + '"]')) || input;
  }

  summary.addEventListener("click", function (event) {
    var link = event.target.closest("a[href^='#']");
    if (!link) return;
    var input = document.getElementById(decodeURIComponent(link.hash.slice(1)));
    if (!input || typeof input.focus !== "function") return;
    event.preventDefault();
    question(input).scrollIntoView();
    input.focus({ preventScroll: true });
  });
})();
