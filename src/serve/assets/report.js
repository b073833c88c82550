// Folio preview: draws a report's briefing and slides, and redraws them in place when
// the server says a new build is ready, so the reader stays where they were.
(function () {
  "use strict";
  var id = document.body.dataset.id;
  var shown = -1;

  function pages(container, kind, count, size, version) {
    var images = container.querySelectorAll("img");
    for (var i = images.length; i > count; i--) container.removeChild(images[i - 1]);
    for (var n = 1; n <= count; n++) {
      var img = container.children[n - 1];
      if (!img) {
        img = document.createElement("img");
        img.alt = kind + " page " + n;
        img.dataset.page = String(n);
        if (size) { img.width = Math.round(size[0]); img.height = Math.round(size[1]); }
        img.onerror = retry;
        container.appendChild(img);
      }
      img.src = "/r/" + id + "/" + kind + "/" + n + ".svg?v=" + version;
    }
  }

  // A picture whose request failed (a dropped connection) is asked for again, a few times.
  function retry(event) {
    var img = event.target;
    var tries = Number(img.dataset.tries || 0);
    if (tries >= 5) return;
    img.dataset.tries = String(tries + 1);
    setTimeout(function () { img.src = img.src.replace(/&try=\d+$/, "") + "&try=" + (tries + 1); }, 200);
  }

  function banner(problem) {
    var el = document.getElementById("banner");
    if (!problem) { el.hidden = true; el.textContent = ""; return; }
    var where = problem.file + (problem.line ? ":" + problem.line : "");
    el.textContent = "error: " + where + ": " + problem.message;
    el.hidden = false;
  }

  function list(state) {
    var warnings = document.getElementById("warnings");
    warnings.textContent = "";
    if (state.warnings.length) {
      var h = document.createElement("h2");
      h.textContent = state.warnings.length + " warning(s)";
      var ul = document.createElement("ul");
      state.warnings.forEach(function (w) {
        var li = document.createElement("li");
        li.textContent = "warning: " + state.name + (w.line ? ":" + w.line : "") + ": " + w.message;
        ul.appendChild(li);
      });
      warnings.appendChild(h);
      warnings.appendChild(ul);
    }
    var downloads = document.getElementById("downloads");
    downloads.textContent = "";
    state.downloads.forEach(function (d) {
      var a = document.createElement("a");
      a.href = d.url;
      a.textContent = d.key;
      a.title = "Download the " + d.label;
      a.className = "download";
      downloads.appendChild(a);
      downloads.appendChild(document.createTextNode(" "));
    });
  }

  function refresh() {
    fetch("/r/" + id + "/state", { cache: "no-store" }).then(function (r) { return r.json(); })
      .then(function (state) {
        if (state.version === shown) return;
        var x = window.scrollX, y = window.scrollY;
        // A failed build leaves the last good rendering as it is: its pictures are not
        // asked for again (no flicker under the banner).
        if (!state.problem || shown === -1) {
          pages(document.querySelector("#report .pages"), "report", state.report_pages, state.report_size, state.version);
          pages(document.querySelector("#slides .pages"), "slides", state.slide_pages, state.slide_size, state.version);
        }
        banner(state.problem);
        list(state);
        window.scrollTo(x, y);
        shown = state.version;
        document.body.dataset.version = String(state.version);
      });
  }

  var events = new EventSource("/events");
  events.onmessage = function (message) {
    var event = JSON.parse(message.data);
    if (String(event.id) === id) refresh();
  };
  events.onopen = refresh;
  refresh();
})();
