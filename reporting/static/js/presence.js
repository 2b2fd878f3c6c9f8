/* ORT: who else has this report page open (reporting/web/presence.py).
   Every 30 seconds while the tab is visible, the page tells the server it is open and
   shows the others: "Also on this page: Name (since hh:mm)". Polling stops while the
   tab is hidden and starts again when it is shown; closing the page says goodbye.
   Without JavaScript nothing is shown. The texts come translated from the page (data-*). */
(function () {
  "use strict";

  var EVERY = 30000;

  function hhmm(iso) {
    var lang = document.documentElement.lang || undefined;
    return new Date(iso).toLocaleTimeString(lang, { hour: "2-digit", minute: "2-digit" });
  }

  function show(box, others) {
    if (!others.length) { box.textContent = ""; return; }
    var names = others.map(function (o) {
      return box.getAttribute("data-since")
        .replace("{name}", o.name || box.getAttribute("data-colleague"))
        .replace("{time}", hhmm(o.since));
    });
    box.textContent = box.getAttribute("data-also") + " " + names.join(", ");
  }

  function setUp(box) {
    var url = box.getAttribute("data-presence-url");
    var token = box.getAttribute("data-csrf");
    var timer = null;

    function body(extra) {
      var data = new FormData();
      data.append("csrf_token", token);
      if (extra) { data.append(extra, "1"); }
      return data;
    }

    function poll() {
      timer = null;
      fetch(url, { method: "POST", body: body(), credentials: "same-origin",
                   headers: { "Accept": "application/json", "X-CSRFToken": token } })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (answer) { if (answer) { show(box, answer.others || []); } })
        .catch(function () { /* offline: try again at the next turn */ })
        .then(schedule);
    }

    function schedule() {
      if (timer === null && document.visibilityState === "visible") {
        timer = window.setTimeout(poll, EVERY);
      }
    }

    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "visible") {
        if (timer === null) { poll(); }
      } else if (timer !== null) {
        window.clearTimeout(timer);
        timer = null;
      }
    });
    window.addEventListener("pagehide", function () {
      if (navigator.sendBeacon) { navigator.sendBeacon(url, body("leave")); }
    });
    if (document.visibilityState === "visible") { poll(); }
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-presence-url]").forEach(setUp);
  });
}());
