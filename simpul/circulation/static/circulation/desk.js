// The desk's scanner field. A scanner types a code and presses Enter, often faster than the
// server answers: every Enter sends its own code, one request after another in order, and the
// field is emptied at once for the next scan. Without htmx the form posts as usual.
(function () {
  "use strict";
  let queue = Promise.resolve();

  document.addEventListener("submit", function (event) {
    const form = event.target.closest("form[data-scan]");
    if (!form || !window.htmx) return;
    event.preventDefault();
    const field = form.querySelector("input[name=kode]");
    const code = field.value.trim();
    field.value = "";
    field.focus();
    if (!code) return;
    const token = form.querySelector("input[name=csrfmiddlewaretoken]").value;
    queue = queue
      .then(function () {
        return window.htmx.ajax("POST", form.action, {
          source: form,
          target: form.dataset.target,
          swap: "outerHTML",
          values: { kode: code, csrfmiddlewaretoken: token },
        });
      })
      .catch(function () {}) // a failed request must not stop the scans after it
      .then(function () {
        field.focus();
      });
  });
})();
