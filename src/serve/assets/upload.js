// Folio converter page: sends the chosen file as the request body and lists the
// outputs to download.
(function () {
  "use strict";
  var result = document.getElementById("result");
  document.getElementById("send").addEventListener("click", function () {
    var file = document.getElementById("file").files[0];
    if (!file) { result.textContent = "Choose a file first."; return; }
    result.textContent = "Converting…";
    fetch("/upload", { method: "POST", body: file, headers: { "X-Folio-Name": encodeURIComponent(file.name) } })
      .then(function (r) { return r.json(); })
      .then(function (answer) {
        result.textContent = "";
        if (answer.error) { result.textContent = "error: " + answer.error; return; }
        var ul = document.createElement("ul");
        answer.downloads.forEach(function (d) {
          var li = document.createElement("li");
          var a = document.createElement("a");
          a.href = d.url; a.textContent = d.file; a.className = "download";
          li.appendChild(a);
          li.appendChild(document.createTextNode(" — " + d.label));
          ul.appendChild(li);
        });
        result.appendChild(ul);
        answer.warnings.forEach(function (w) {
          var p = document.createElement("p");
          p.textContent = "warning: " + w;
          result.appendChild(p);
        });
      })
      .catch(function (e) { result.textContent = "error: " + e; });
  });
})();
