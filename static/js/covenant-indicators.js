// Show the fields that fit the chosen kind of indicator (quantitative or qualitative).
// Without JavaScript the page still works: the server shows the fields of the saved kind.
document.querySelectorAll("[data-indicator-form]").forEach(function (form) {
  function show(kind) {
    form.classList.toggle("qualitative", kind === "qualitative");
    form.querySelectorAll(".kind-fields").forEach(function (group) {
      group.hidden = group.dataset.kind !== kind;
    });
  }
  form.querySelectorAll('input[type="radio"][name$="-kind"]').forEach(function (radio) {
    radio.addEventListener("change", function () {
      if (radio.checked) show(radio.value);
    });
  });
});
