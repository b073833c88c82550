// Folio presenter and audience views. Both show the same slide: a move in either is
// sent to the other over a BroadcastChannel (same browser, no server round trip).
(function () {
  "use strict";
  var body = document.body;
  var id = body.dataset.id;
  var role = body.dataset.role;
  var state = { slide_pages: 0, notes: [], version: 0 };
  var current = 0;
  var started = null;
  var channel = "BroadcastChannel" in window ? new BroadcastChannel("folio-present-" + id) : null;

  function src(n) { return "/r/" + id + "/slides/" + (n + 1) + ".svg?v=" + state.version; }

  function draw() {
    var count = state.slide_pages;
    if (count === 0) return;
    current = Math.max(0, Math.min(count - 1, current));
    document.getElementById("current").src = src(current);
    body.dataset.slide = String(current + 1);
    if (role !== "presenter") return;
    var next = document.getElementById("next");
    if (current + 1 < count) { next.src = src(current + 1); next.hidden = false; } else { next.hidden = true; }
    document.getElementById("count").textContent = (current + 1) + " / " + count;
    document.getElementById("notes").textContent = state.notes[current] || "";
  }

  function go(index, tell) {
    current = index;
    if (started === null) started = Date.now();
    draw();
    if (tell && channel) channel.postMessage({ slide: current });
  }

  document.addEventListener("keydown", function (event) {
    var to = null;
    switch (event.key) {
      case "ArrowRight": case "ArrowDown": case "PageDown": case " ": to = current + 1; break;
      case "ArrowLeft": case "ArrowUp": case "PageUp": to = current - 1; break;
      case "Home": to = 0; break;
      case "End": to = state.slide_pages - 1; break;
      default: return;
    }
    event.preventDefault();
    go(to, true);
  });
  if (channel) channel.onmessage = function (message) {
    if (message.data && typeof message.data.slide === "number") go(message.data.slide, false);
    else if (message.data && message.data.ask && role === "presenter") channel.postMessage({ slide: current });
  };

  function tick() {
    var el = document.getElementById("timer");
    if (!el) return;
    var seconds = started === null ? 0 : Math.floor((Date.now() - started) / 1000);
    var s = seconds % 60;
    el.textContent = Math.floor(seconds / 60) + ":" + (s < 10 ? "0" : "") + s;
  }
  setInterval(tick, 500);

  function refresh() {
    fetch("/r/" + id + "/state", { cache: "no-store" }).then(function (r) { return r.json(); })
      .then(function (s) { state = s; draw(); });
  }
  var events = new EventSource("/events");
  events.onmessage = function (message) {
    if (String(JSON.parse(message.data).id) === id) refresh();
  };
  refresh();
  if (channel && role === "audience") channel.postMessage({ ask: true });
})();
