/* ORT: small enhancements. Every page works without them.
   - conditional questions appear and disappear as the answers they depend on change
     (the same rules as reporting/questionnaire/conditions.py, evaluated on the server on save);
   - leaving a page with unsaved changes asks first (autosave.js says when all is saved);
   - after logging in again, carried answers are posted back at once;
   - a job's page (exports, PDF bundles) shows its progress live, from its JSON status,
     and shows the download once it is ready (without JavaScript the page refreshes). */
(function () {
  "use strict";

  function questionValue(form, key) {
    var state = form.querySelector('[name="q.' + cssEscape(key) + '-state"]:checked');
    if (state && state.value !== "value") { return state.value; }
    var inputs = form.querySelectorAll('[name="q.' + cssEscape(key) + '-value"]');
    if (!inputs.length) { return undefined; }
    var first = inputs[0];
    if (first.type === "checkbox") {
      return Array.prototype.filter.call(inputs, function (i) { return i.checked; })
        .map(function (i) { return i.value; });
    }
    if (first.type === "radio") {
      var checked = Array.prototype.filter.call(inputs, function (i) { return i.checked; })[0];
      return checked ? checked.value : null;
    }
    return first.value.trim() === "" ? null : first.value.trim();
  }

  function cssEscape(text) {
    return window.CSS && CSS.escape ? CSS.escape(text) : text.replace(/([.:\[\]])/g, "\\$1");
  }

  function holds(condition, values, visible) {
    if (!condition) { return true; }
    if (condition.all) { return condition.all.every(function (c) { return holds(c, values, visible); }); }
    if (condition.any) { return condition.any.some(function (c) { return holds(c, values, visible); }); }
    var key = condition.question;
    if (visible[key] === false) { return false; }
    var value = values[key];
    if ("equals" in condition) { return value !== undefined && value !== null && String(value) === String(condition.equals); }
    if ("in" in condition) { return condition["in"].map(String).indexOf(String(value)) >= 0; }
    return Array.isArray(value) && value.indexOf(condition.contains) >= 0;
  }

  function refresh(form, known) {
    var values = {}, visible = {};
    Object.keys(known).forEach(function (k) { values[k] = known[k]; });
    form.querySelectorAll(".question[data-key]").forEach(function (box) {
      var key = box.getAttribute("data-key");
      var rule = box.getAttribute("data-visible-if");
      var shown = rule ? holds(JSON.parse(rule), values, visible) : true;
      box.hidden = !shown;
      visible[key] = shown;
      var value = questionValue(form, key);
      if (value !== undefined) { values[key] = value; }
    });
  }

  function setUp(form) {
    var known = JSON.parse(form.getAttribute("data-known") || "{}");
    var dirty = false;
    var onChange = function () { dirty = true; refresh(form, known); };
    form.addEventListener("input", onChange);
    form.addEventListener("change", onChange);
    form.addEventListener("submit", function () { dirty = false; });
    form.addEventListener("ort:saved", function () { dirty = false; });  // by autosave.js
    if (form.getAttribute("data-warn-unsaved") === "true") {
      window.addEventListener("beforeunload", function (event) {
        if (!dirty) { return undefined; }
        event.preventDefault();
        event.returnValue = "";
        return "";
      });
    }
    refresh(form, known);
  }

  function watchJob(box) {
    var url = box.getAttribute("data-job-status");
    var bar = box.querySelector("[data-job-progress]");
    function poll() {
      var request = new XMLHttpRequest();
      request.open("GET", url);
      request.setRequestHeader("Accept", "application/json");
      request.onload = function () {
        if (request.status !== 200) { window.setTimeout(poll, 5000); return; }
        var job = JSON.parse(request.responseText);
        box.querySelectorAll("[data-job-field]").forEach(function (el) {
          var value = job[el.getAttribute("data-job-field")];
          if (value !== undefined && value !== null) { el.textContent = value; }
        });
        if (bar && job.total) { bar.max = job.total; bar.value = job.done; }
        if (job.finished) { window.location.reload(); return; }
        window.setTimeout(poll, 1000);
      };
      request.onerror = function () { window.setTimeout(poll, 5000); };
      request.send();
    }
    window.setTimeout(poll, 500);
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-job-status]:not([data-finished])").forEach(watchJob);
    document.querySelectorAll("form.questionnaire").forEach(setUp);
    var replay = document.querySelector("form[data-autosubmit]");
    if (replay) { replay.submit(); }
  });
}());
