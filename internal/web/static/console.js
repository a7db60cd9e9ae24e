// Tajrobe console: small progressive enhancements. Every page works
// without this file; it only saves a click here and there.
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  // A select or checkbox marked data-autosubmit sends its form when changed, so the
  // button beside it (hidden when scripts run) is not needed.
  document.addEventListener("change", function (e) {
    var el = e.target;
    if (el.matches && el.matches("select[data-autosubmit], input[data-autosubmit]") && el.form) {
      el.form.requestSubmit ? el.form.requestSubmit() : el.form.submit();
    }
  });

  // A button with data-confirm asks before its form is sent.
  document.addEventListener("click", function (e) {
    var el = e.target.closest && e.target.closest("[data-confirm]");
    if (el && !window.confirm(el.getAttribute("data-confirm"))) {
      e.preventDefault();
    }
  });

  // A secret shown once (data-copy) is selected with one click, ready to copy.
  document.querySelectorAll("[data-copy]").forEach(function (el) {
    el.addEventListener("click", function () {
      var range = document.createRange();
      range.selectNodeContents(el);
      var sel = window.getSelection();
      sel.removeAllRanges();
      sel.addRange(range);
    });
  });
})();
