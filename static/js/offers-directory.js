// On a wide screen the directory's filters stand open beside the results; on a phone they stay folded above them.
(function () {
  var panel = document.getElementById("filters");
  if (panel && window.matchMedia("(min-width: 64rem)").matches) {
    panel.open = true;
  }
})();
