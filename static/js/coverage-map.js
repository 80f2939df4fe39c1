// The coverage map: show the name of the neighbourhood under the pointer or the keyboard focus next to its number.
(function () {
  document.querySelectorAll("figure.map svg").forEach(function (svg) {
    var label = svg.querySelector("text.map-name");
    if (!label) return;
    function show(event) {
      var link = event.target.closest("a[data-name]");
      if (!link) return;
      label.textContent = link.getAttribute("data-name");
      label.setAttribute("x", link.getAttribute("data-x"));
      label.setAttribute("y", String(parseFloat(link.getAttribute("data-y")) - 16));
      label.classList.add("is-shown");
    }
    function hide() {
      label.classList.remove("is-shown");
    }
    svg.addEventListener("mouseover", show);
    svg.addEventListener("focusin", show);
    svg.addEventListener("mouseleave", hide);
    svg.addEventListener("focusout", hide);
  });
})();
