/* The phone header: the language switch, account links and menus fold behind one "Menu" button, so a page's
   content starts near the top of a small screen. Without this script (or on a wide screen) everything shows. */
(function () {
  "use strict";
  var header = document.querySelector(".site-header");
  var button = header && header.querySelector(".menu-toggle");
  if (!button) {
    return;
  }
  header.classList.add("menu-closed");
  button.hidden = false;
  button.addEventListener("click", function () {
    var closed = header.classList.toggle("menu-closed");
    button.setAttribute("aria-expanded", closed ? "false" : "true");
  });
})();
