/* ORT: autosave of a report page's draft (reporting/web/autosave.py).
   Two seconds after typing stops, and when a changed field is left, the page's form is
   posted as the Save button posts it (same CSRF token and lock fields), marked with the
   X-ORT-Autosave header; the JSON answer moves the lock version and the answers'
   fingerprints, so the next save does not conflict with this one. Nothing typed is ever
   lost: the values stay in the fields; offline or on a server error the save is tried
   again (with a growing delay, and at once when the connection is back), and leaving
   the page while something is unsaved asks first (static/js/ort.js).
   Files are not autosaved (the Save button attaches them), nor is the choice between
   two versions of an answer after a conflict (the Save button makes it).
   The status texts come translated from the page (data-* of [data-autosave]). */
(function () {
  "use strict";

  var QUIET = 2000, FIRST_RETRY = 2000, LONGEST_RETRY = 60000;

  function hhmm(date) {
    var lang = document.documentElement.lang || undefined;
    return date.toLocaleTimeString(lang, { hour: "2-digit", minute: "2-digit" });
  }

  function setUp(form, box) {
    var status = box.querySelector(".autosave-status");
    var problems = box.querySelector(".autosave-problems");
    var text = function (name) { return box.getAttribute("data-" + name) || ""; };
    var edits = 0, saved = 0, timer = null, inFlight = false, retries = 0;
    var submitting = false, heldSubmit = null;
    // Stuck: the last save was refused or left answers in conflict; the Save button (or
    // the next change) goes on from there, and leaving the page still asks first.
    var stuck = false;

    function say(message, isError) {
      status.textContent = message;
      status.classList.toggle("is-error", !!isError);
    }

    function skipped(target) {
      if (!target || !target.name) { return true; }
      if (target.type === "file" || target.name.indexOf("resolve.") === 0) { return true; }
      return !!(fileQuestion(target) && /-remove$/.test(target.name));
    }

    function fileQuestion(el) {
      var box = el.closest(".question");
      return box && box.querySelector("input[type=file]") ? box : null;
    }

    function body() {
      var data = new FormData(form);
      form.querySelectorAll("input[type=file]").forEach(function (input) {
        data["delete"](input.name);
        var question = fileQuestion(input);
        if (!question) { return; }
        question.querySelectorAll("input[name$='-remove']").forEach(function (r) { data["delete"](r.name); });
      });
      Array.from(data.keys()).forEach(function (name) {
        if (name.indexOf("resolve.") === 0) { data["delete"](name); }
      });
      return data;
    }

    function later(delay) {
      window.clearTimeout(timer);
      timer = window.setTimeout(save, delay);
    }

    function retry(message) {
      say(message, true);
      retries += 1;
      later(Math.min(LONGEST_RETRY, FIRST_RETRY * Math.pow(2, retries - 1)));
    }

    function takeIn(answer) {
      var lock = form.elements.namedItem("lock_version");
      if (lock && answer.lock_version) { lock.value = answer.lock_version; }
      Object.keys(answer.originals || {}).forEach(function (name) {
        var input = form.elements.namedItem(name);
        if (input) { input.value = answer.originals[name]; }
      });
      problems.textContent = "";
      var fresh = (answer.conflicts || []).filter(function (c) {
        var q = form.querySelector(".question[data-key='" + c.key.replace(/'/g, "\\'") + "']");
        return !(q && q.classList.contains("has-conflict"));
      });
      stuck = (answer.conflicts || []).length > 0;
      if (fresh.length) {
        say(text("conflict").replace("{questions}", fresh.map(function (c) { return c.label; }).join("; ")), true);
        return;
      }
      say(text("saved").replace("{time}", hhmm(new Date())), false);
      if ((answer.problems || []).length) {
        var intro = document.createElement("li");
        intro.className = "autosave-problems-intro";
        intro.textContent = text("problems");
        problems.appendChild(intro);
        answer.problems.forEach(function (p) {
          var item = document.createElement("li");
          var link = document.createElement("a");
          link.href = "#" + p.field;
          link.textContent = p.label;
          item.appendChild(link);
          item.appendChild(document.createTextNode(": " + p.message));
          problems.appendChild(item);
        });
      }
    }

    function done() {
      inFlight = false;
      if (heldSubmit !== null) {
        var submitter = heldSubmit;
        heldSubmit = null;
        form.requestSubmit(submitter || undefined);
        return;
      }
      if (stuck) { return; }
      if (saved === edits) {
        form.dispatchEvent(new CustomEvent("ort:saved"));
      } else if (timer === null) {
        later(QUIET);
      }
    }

    function save() {
      window.clearTimeout(timer);
      timer = null;
      if (submitting || edits === saved) { return; }
      if (inFlight) { later(QUIET); return; }
      if (navigator.onLine === false) { retry(text("offline")); return; }
      var sent = edits;
      inFlight = true;
      say(text("saving"), false);
      fetch(form.getAttribute("action") || window.location.pathname, {
        method: "POST",
        body: body(),
        credentials: "same-origin",
        headers: { "X-ORT-Autosave": "1", "Accept": "application/json" }
      }).then(function (response) {
        var json = (response.headers.get("Content-Type") || "").indexOf("application/json") === 0;
        if (!json) {
          if (response.status >= 500) { retry(text("retrying")); return null; }
          say(text("refused"), true);  // e.g. logged out: the Save button logs in again
          stuck = true;
          saved = sent;
          return null;
        }
        return response.json().then(function (answer) {
          if (response.ok) {
            retries = 0;
            saved = sent;
            takeIn(answer);
          } else if (answer.retry || response.status >= 500) {
            retry(text("retrying"));
          } else {
            say((answer.message ? answer.message + " " : "") + text("refused"), true);
            stuck = true;
            saved = sent;
          }
        });
      }).catch(function () {
        retry(navigator.onLine === false ? text("offline") : text("retrying"));
      }).then(done);
    }

    function changed(event) {
      if (skipped(event.target)) { return; }
      stuck = false;
      edits += 1;
      later(QUIET);
    }

    form.addEventListener("input", changed);
    form.addEventListener("change", changed);
    form.addEventListener("focusout", function (event) {
      if (!skipped(event.target) && edits !== saved) { later(0); }
    });
    form.addEventListener("submit", function (event) {
      if (inFlight && typeof form.requestSubmit === "function") {
        // Wait for the autosave under way, then submit with its lock version.
        event.preventDefault();
        event.stopImmediatePropagation();
        heldSubmit = event.submitter || null;
        return;
      }
      submitting = true;
      window.clearTimeout(timer);
    }, true);
    window.addEventListener("online", function () {
      if (edits !== saved) { retries = 0; later(0); }
    });
    window.addEventListener("offline", function () {
      if (edits !== saved) { say(text("offline"), true); }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form.questionnaire").forEach(function (form) {
      var box = form.querySelector("[data-autosave]");
      if (box && window.fetch && window.FormData) { setUp(form, box); }
    });
  });
}());
