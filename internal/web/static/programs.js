// Programs editor: shows only the fields of each step's kind and of the
// trigger's kind. Without this file every field is shown and the form
// works the same.
(function () {
  "use strict";
  function show(box, kind) {
    box.setAttribute("data-kind", kind);
    box.querySelectorAll("[data-for]").forEach(function (el) {
      if (el.closest("fieldset") !== box) {
        return; // a field of a nested box follows that box's kind
      }
      el.hidden = el.getAttribute("data-for").split(" ").indexOf(kind) < 0;
    });
  }
  document.querySelectorAll("select[data-kind-select]").forEach(function (sel) {
    var box = sel.closest("fieldset");
    show(box, sel.value);
    sel.addEventListener("change", function () { show(box, sel.value); });
  });
})();
