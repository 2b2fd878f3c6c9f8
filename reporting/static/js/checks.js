/* ORT: answers checked as they are typed, when a field is left (progressive enhancement).

   This file holds no rule of its own. Each question's box carries its rules as data
   (data-checks, from the answer kind: reporting/questionnaire/kinds/*.py client_rules),
   with the server's messages already translated, and the page says how numbers are
   written in its locale (#ort-checks, from Babel). The script reads a value the way the
   server does (reporting/i18n.py normalize_number, then the kind's Marshmallow field) and
   shows the same messages. Without JavaScript the server checks on save, as always.
   After a save with problems, focus goes to the list of problems at the top (where the
   browser did not honour its autofocus). */
(function () {
  "use strict";

  var blob = document.getElementById("ort-checks");
  if (!blob || typeof BigInt === "undefined" || !Array.from) { return; }
  var SIGNS = JSON.parse(blob.textContent);
  var TEN = BigInt(10);

  // -- reading numbers as Python's Decimal() and int() do -----------------------------
  var DECIMAL = /^([+-]?)(?:(\d(?:_?\d)*)(?:\.((?:\d(?:_?\d)*)?))?|\.(\d(?:_?\d)*))(?:[eE]([+-]?\d(?:_?\d)*))?$/;
  var SPECIAL = /^[+-]?(?:inf|infinity|s?nan\d*)$/i;
  var INTEGER = /^\s*[+-]?\d(?:_?\d)*\s*$/;

  function pyStrip(text) { return text.replace(/^\s+|\s+$/g, ""); }

  /* A decimal {neg, coef (BigInt), exp} as Decimal(text) reads it; {special: true} for
     infinities and NaN; null when Decimal() refuses the text. */
  function readDecimal(text) {
    var s = pyStrip(text);
    if (SPECIAL.test(s)) { return {special: true}; }
    var m = DECIMAL.exec(s);
    if (!m) { return null; }
    var whole = (m[2] || "").replace(/_/g, "");
    var frac = (m[3] !== undefined ? m[3] : (m[4] || "")).replace(/_/g, "");
    var exp = m[5] ? parseInt(m[5].replace(/_/g, ""), 10) : 0;
    return {neg: m[1] === "-", coef: BigInt((whole + frac) || "0"), exp: exp - frac.length};
  }

  function digitCount(big) { return big === BigInt(0) ? 1 : big.toString().length; }
  function adjusted(d) { return d.exp + digitCount(d.coef) - 1; }

  /* The digits of a value without trailing zeros: Decimal.normalize(). */
  function normalized(d) {
    var coef = d.coef, exp = d.exp;
    if (coef === BigInt(0)) { return {neg: d.neg, coef: coef, exp: 0}; }
    while (coef % TEN === BigInt(0)) { coef /= TEN; exp += 1; }
    return {neg: d.neg, coef: coef, exp: exp};
  }

  /* format(value, "f"): plain digits, never an exponent. */
  function plain(d) {
    var digits = d.coef.toString();
    var text;
    if (d.exp >= 0) {
      text = digits === "0" ? "0" : digits + "0".repeat(d.exp);
    } else {
      var places = -d.exp;
      if (digits.length <= places) { digits = "0".repeat(places - digits.length + 1) + digits; }
      text = digits.slice(0, digits.length - places) + "." + digits.slice(digits.length - places);
    }
    return (d.neg ? "-" : "") + text;
  }

  function compare(a, b) {  // finite decimals: -1, 0, 1
    var scale = Math.min(a.exp, b.exp);
    var x = a.coef * TEN ** BigInt(a.exp - scale), y = b.coef * TEN ** BigInt(b.exp - scale);
    if (a.neg) { x = -x; }
    if (b.neg) { y = -y; }
    return x < y ? -1 : (x > y ? 1 : 0);
  }

  function huge(d) { return d.coef !== BigInt(0) && Math.abs(adjusted(d)) > 1000; }

  // -- reading a number typed in the page's locale (reporting/i18n.py normalize_number) --
  function grouped(whole) {
    var sizes = SIGNS.grouping, size = sizes[0], out = "";
    while (whole.length > size) {
      out = SIGNS.group + whole.slice(-size) + out;
      whole = whole.slice(0, -size);
      size = sizes[1];
    }
    return whole + out;
  }

  /* Babel's format_decimal(value, decimal_quantization=False). */
  function localized(d) {
    var n = normalized(d), text = plain(n.exp > 0 ? {neg: n.neg, coef: n.coef * TEN ** BigInt(n.exp), exp: 0} : n);
    var negative = text.charAt(0) === "-";
    if (negative) { text = text.slice(1); }
    var parts = text.split(".");
    return (negative ? SIGNS.minus : "") + grouped(parts[0]) + (parts[1] ? SIGNS.decimal + parts[1] : "");
  }

  function withoutTrailingZeros(text) {
    var at = text.indexOf(SIGNS.decimal);
    if (at < 0) { return text; }
    var frac = text.slice(at + SIGNS.decimal.length).replace(/0+$/, "");
    return frac ? text.slice(0, at) + SIGNS.decimal + frac : text.slice(0, at);
  }

  /* Babel's parse_decimal(text, strict=True), or null (NumberFormatError). */
  function parseLocal(text) {
    var replaced = text.split(SIGNS.group).join("").split(SIGNS.decimal).join(".");
    var value = readDecimal(replaced);
    if (value === null) { return null; }
    if (SIGNS.group && text.indexOf(SIGNS.group) >= 0) {
      if (value.special) { return null; }
      var proper = localized(value);
      if (text !== proper && proper !== withoutTrailingZeros(text)) { return null; }
    }
    return value;
  }

  /* The text the server validates: canonical ("12.5") when it is a number in the
     locale, else what was typed (Arabic-Indic digits replaced). */
  function normalize(text) {
    var typed = Array.from(text).map(function (ch) {
      return Object.prototype.hasOwnProperty.call(SIGNS.digits, ch) ? SIGNS.digits[ch] : ch;
    }).join("");
    var compact = typed.replace(/[\s\u00a0\u202f]/g, "");
    var value = parseLocal(compact);
    if (value === null || value.special || huge(value)) { return typed; }
    return plain(value);
  }

  // -- the checks ---------------------------------------------------------------------
  function rangeErrors(rules, value) {
    return (rules.ranges || []).filter(function (range) {
      return (range.min !== null && compare(value, readDecimal(range.min)) < 0) ||
        (range.max !== null && compare(value, readDecimal(range.max)) > 0);
    }).map(function (range) { return range.message; });
  }

  function numberErrors(rules, typed) {
    var text = pyStrip(typed);
    (rules.suffixes || []).forEach(function (sign) {
      if (text.slice(-sign.length) === sign) { text = text.slice(0, -sign.length); }
    });
    text = pyStrip(text);
    if (!text) { return []; }
    var canonical = normalize(text);
    var value;
    if (rules.check === "integer") {
      if (!INTEGER.test(canonical)) { return [rules.invalid]; }
      value = readDecimal(pyStrip(canonical).replace(/_/g, ""));
    } else {
      value = readDecimal(canonical);
      if (value === null) { return [rules.invalid]; }
      if (value.special) { return [rules.special || rules.invalid]; }
    }
    var errors = rangeErrors(rules, value);
    if (rules.places !== undefined) {
      var n = normalized(value), places = Math.max(0, -n.exp);
      var beyond = rules.largest !== undefined &&
        compare({neg: false, coef: value.coef, exp: value.exp}, readDecimal(rules.largest)) > 0;
      if (!beyond && places > rules.places) {
        errors.push(rules.places_message);
      } else if (!beyond && rules.digits !== undefined && digitCount(n.coef) > rules.digits) {
        errors.push(rules.digits_message);
      }
    }
    return errors;
  }

  // date.fromisoformat (Python 3.11): YYYY-MM-DD, YYYYMMDD, and ISO weeks (2024-W01-1).
  var CALENDAR = /^(\d{4})(-?)(\d{2})\2(\d{2})$/;
  var WEEK = /^(\d{4})(-?)W(\d{2})(?:\2([1-7]))?$/;

  function leap(year) { return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0; }

  function weeksIn(year) {  // an ISO year has 53 weeks when it starts on a Thursday (leap: or Wednesday)
    var first = new Date(Date.UTC(2000, 0, 1));
    first.setUTCFullYear(year, 0, 1);
    var day = first.getUTCDay();
    return day === 4 || (leap(year) && day === 3) ? 53 : 52;
  }

  function isDate(text) {
    var m = CALENDAR.exec(text);
    if (m) {
      var year = +m[1], month = +m[3], day = +m[4];
      if (year < 1 || month < 1 || month > 12 || day < 1) { return false; }
      var last = month === 2 ? (leap(year) ? 29 : 28) : new Date(Date.UTC(2001, month, 0)).getUTCDate();
      return day <= last;
    }
    m = WEEK.exec(text);
    if (m) {
      var week = +m[3];
      return +m[1] >= 1 && week >= 1 && week <= weeksIn(+m[1]);
    }
    return false;
  }

  function valueErrors(rules, input) {
    if (input.validity && input.validity.badInput) { return [rules.invalid]; }  // a half-typed date
    var text = input.value;
    if (rules.check === "integer" || rules.check === "decimal") { return numberErrors(rules, text); }
    text = pyStrip(text);
    if (!text) { return []; }
    if (rules.check === "date") { return isDate(text) ? [] : [rules.invalid]; }
    if (rules.check !== "text") { return []; }
    var errors = [];  // in the order of the field's validators: the length, then the form
    if (rules.max_length !== undefined && Array.from(text.replace(/\r\n/g, "\n")).length > rules.max_length) {
      errors.push(rules.length_message);
    }
    if (rules.email && !isEmail(rules.email, text)) { errors.push(rules.email.message); }
    if (rules.url && !isUrl(rules.url, text)) { errors.push(rules.url.message); }
    return errors;
  }

  // Marshmallow's Email and URL validators, with their own patterns (see kinds/base.py js_pattern).
  function matches(pattern, text) {
    try { return new RegExp(pattern, "iu").test(text); } catch (e) { return true; }  // no such check here
  }

  function isEmail(rule, text) {
    var at = text.lastIndexOf("@");
    if (at < 0) { return false; }
    var domain = text.slice(at + 1);
    return matches(rule.user, text.slice(0, at)) &&
      (rule.allowed.indexOf(domain) >= 0 || matches(rule.domain, domain));
  }

  function isUrl(rule, text) {
    var sep = text.indexOf("://");
    if (sep >= 0 && rule.schemes.indexOf(text.slice(0, sep).toLowerCase()) < 0) { return false; }
    return matches(rule.pattern, text);
  }

  // -- showing messages -------------------------------------------------------------
  function rulesOf(element) {
    var text = element.getAttribute("data-checks") || "";
    // A table cell names its column's rules, written once in #ort-checks.
    if (text.charAt(0) === "#") { return (SIGNS.cells || {})[text.slice(1)] || null; }
    try { return JSON.parse(text); } catch (e) { return null; }
  }

  function describe(input, id, on) {
    var ids = (input.getAttribute("aria-describedby") || "").split(/\s+/).filter(function (x) { return x && x !== id; });
    if (on) { ids.push(id); }
    if (ids.length) { input.setAttribute("aria-describedby", ids.join(" ")); } else { input.removeAttribute("aria-describedby"); }
  }

  function show(owner, input, id, before, messages, inline) {
    var box = document.getElementById(id);
    if (messages.length) {
      if (!box) {
        box = document.createElement(inline ? "span" : "div");
        box.id = id;
        box.className = "error-message client-check" + (inline ? " cell-error" : "");
        before.parentNode.insertBefore(box, inline ? null : before);
      }
      box.textContent = "";
      messages.forEach(function (message) {
        var line = document.createElement(inline ? "span" : "p");
        var hidden = document.createElement("span");
        var text = document.createElement("span");
        hidden.className = "visually-hidden";
        hidden.textContent = (SIGNS.error_prefix || "") + " ";
        text.className = "check-message";
        text.textContent = message;
        line.appendChild(hidden);
        line.appendChild(text);
        box.appendChild(line);
      });
      if (input) { input.setAttribute("aria-invalid", "true"); describe(input, id, true); }
      owner.classList.add("has-error", "has-client-error");
    } else {
      if (box) { box.parentNode.removeChild(box); }
      if (input && owner.classList.contains("has-client-error")) {
        input.removeAttribute("aria-invalid");
        describe(input, id, false);
      }
      if (owner.classList.contains("has-client-error")) { owner.classList.remove("has-error", "has-client-error"); }
    }
  }

  function answered(box, base) {
    var state = box.querySelector('[name="' + base + '-state"]:checked');
    if (state && state.value !== "value") { return true; }
    return Array.prototype.some.call(box.querySelectorAll("input, select, textarea"), function (el) {
      if (!el.name || el.name.indexOf(base + "-value") !== 0 || /-remove$/.test(el.name)) { return false; }
      if (el.type === "radio" || el.type === "checkbox") { return el.checked; }
      if (el.type === "file") { return el.files && el.files.length > 0; }
      return pyStrip(el.value) !== "";
    });
  }

  function checkQuestion(box) {
    var rules = rulesOf(box);
    if (!rules || box.hidden) { return; }
    var base = box.id;
    var input = document.getElementById(base + "-value");
    if (input && !/^(INPUT|TEXTAREA)$/.test(input.tagName)) { input = null; }
    var state = box.querySelector('[name="' + base + '-state"]:checked');
    var messages = [];
    if (!state || state.value === "value") {
      if (input && rules.check) { messages = valueErrors(rules, input); }
      if (!messages.length && rules.required && !answered(box, base)) { messages = [rules.required]; }
    }
    var server = document.getElementById(base + "-error");
    if (server && input && rules.check) {
      // The server's message stays while the value is the one it judged; a changed value
      // is judged here instead (by the same rules).
      var unchanged = input.value === input.defaultValue;
      server.hidden = !unchanged;
      if (unchanged) { messages = []; }
    }
    var anchor = box.querySelector(".input-row, .choices, .table-wrap, .current-file, .file-input") || box.lastElementChild;
    show(box, input || box.querySelector("fieldset"), base + "-check", anchor, messages, false);
  }

  function checkCell(input) {
    var rules = rulesOf(input);
    if (!rules) { return; }
    var cell = input.closest("td");
    show(cell, input, input.id + "-check", input, valueErrors(rules, input), true);
  }

  document.addEventListener("focusout", function (event) {
    var target = event.target;
    if (!(target instanceof Element)) { return; }
    if (target.hasAttribute("data-checks")) { checkCell(target); return; }
    var box = target.closest(".question[data-checks]");
    if (!box) { return; }
    var next = event.relatedTarget;
    var input = document.getElementById(box.id + "-value");
    // A value is checked when its input is left; a required answer when its question is.
    if (target === input || !(next instanceof Node) || !box.contains(next)) { checkQuestion(box); }
  });

  // A link of the list of problems puts the cursor in its field (a fragment alone only
  // scrolls), with the field's question in view.
  document.addEventListener("click", function (event) {
    var link = event.target instanceof Element && event.target.closest(".error-summary a[href^='#']");
    if (!link) { return; }
    var target = document.getElementById(decodeURIComponent(link.getAttribute("href").slice(1)));
    if (!target) { return; }
    event.preventDefault();
    var details = target.closest("details");
    if (details) { details.open = true; }
    (target.closest(".question") || target).scrollIntoView();
    target.focus({preventScroll: true});
    if (history.replaceState) { history.replaceState(null, "", "#" + target.id); }
  });

  // After a save with problems, the list of problems takes the focus.
  var heading = document.querySelector("#error-summary-title[data-focus]");
  if (heading && document.activeElement !== heading) { heading.focus(); }
}());
