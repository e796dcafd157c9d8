// The grading form's live total: the chosen levels' points plus the adjustment.
// The server computes the same total when the grade is saved; without this
// script the total shown is the one of the last save.
(function () {
  "use strict";

  function update(form) {
    var output = form.querySelector("[data-total]");
    var rubric = form.querySelector("[data-rubric]");
    if (!output) return;
    var adjustment = parseInt((form.querySelector("[name=adjustment]") || {}).value || "0", 10) || 0;
    var total = 0;
    if (rubric) {
      var fieldsets = rubric.querySelectorAll("fieldset");
      for (var i = 0; i < fieldsets.length; i++) {
        var chosen = fieldsets[i].querySelector("input[type=radio]:checked");
        if (!chosen) { output.textContent = "—"; return; }
        total += parseInt(chosen.getAttribute("data-points"), 10) || 0;
      }
    } else {
      var points = form.querySelector("[name=points]");
      if (!points || points.value === "") { output.textContent = "—"; return; }
      total = parseInt(points.value, 10) || 0;
    }
    output.textContent = String(total + adjustment);
  }

  document.addEventListener("DOMContentLoaded", function () {
    var forms = document.querySelectorAll(".grade-form");
    for (var i = 0; i < forms.length; i++) {
      (function (form) {
        form.addEventListener("change", function () { update(form); });
        form.addEventListener("input", function () { update(form); });
        update(form);
      })(forms[i]);
    }
  });
})();
