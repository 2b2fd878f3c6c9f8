/* Copying a previous report's answer into a question without reloading the page.
 *
 * Without this script, "Copy this answer" posts the page and the server copies the answer
 * in (reporting.web.previous). With it, a note that carries `data-fill` (the subform's
 * data: {"state", "value"}) fills the question's inputs in place; the page is then saved
 * as usual. Tables carry no `data-fill`: their rows come from the server.
 */
(function () {
  "use strict";

  function fire(element) {
    element.dispatchEvent(new Event("input", { bubbles: true }));
    element.dispatchEvent(new Event("change", { bubbles: true }));
  }

  function setField(form, name, value) {
    var field = form.elements.namedItem(name);
    if (!field) { return null; }
    var elements = field.length !== undefined && !field.tagName ? Array.prototype.slice.call(field) : [field];
    var wanted = Array.isArray(value) ? value.map(String) : [value === null || value === undefined ? "" : String(value)];
    var first = null;
    elements.forEach(function (element) {
      if (element.type === "radio" || element.type === "checkbox") {
        var checked = wanted.indexOf(element.value) !== -1;
        if (element.checked !== checked) { element.checked = checked; fire(element); }
        if (checked && !first) { first = element; }
      } else if (element.type !== "hidden" && element.type !== "file") {
        element.value = wanted.join("\n");
        fire(element);
        first = first || element;
      }
    });
    return first || elements[0];
  }

  function copy(button) {
    var note = button.closest(".previous-answer");
    if (!note || !note.dataset.fill || !button.form) { return false; }
    var fill;
    try { fill = JSON.parse(note.dataset.fill); } catch (error) { return false; }
    var base = note.dataset.copyFor;
    var form = button.form;
    var state = form.elements.namedItem(base + "-state");
    if (state) {
      setField(form, base + "-state", fill.state || "value");
      if (fill.state && fill.state !== "value") {
        var options = document.getElementById(base) && document.getElementById(base).querySelector("details.answer-options");
        if (options) { options.open = true; }
      }
    }
    var input = setField(form, base + "-value", fill.state === "value" || !fill.state ? fill.value : null);
    var status = note.querySelector(".previous-status");
    if (status) { status.textContent = button.dataset.copied || ""; }
    if (input && typeof input.focus === "function") { input.focus(); }
    return true;
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button.previous-copy");
    if (button && copy(button)) { event.preventDefault(); }
  });
}());
