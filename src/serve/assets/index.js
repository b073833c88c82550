// Folio preview: the list of reports reloads when any report is rebuilt.
(function () {
  "use strict";
  var events = new EventSource("/events");
  var timer = null;
  events.onmessage = function () {
    clearTimeout(timer);
    timer = setTimeout(function () { location.reload(); }, 100);
  };
})();
