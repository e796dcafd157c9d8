// Live chat: count the minutes down, and reload the page when the chat's state
// changes (the "Join the chat" button appears 15 minutes before; the chat ends),
// so the server still decides what is shown. Times are relative to when the page
// was made, so a wrong clock on the phone does not matter. Without JavaScript the
// page shows the state it was loaded in.
(function () {
  "use strict";
  var box = document.querySelector("[data-reload-in]");
  if (!box) return;
  var loaded = Date.now();
  var reloadIn = Number(box.getAttribute("data-reload-in")) * 1000;
  var counter = box.querySelector("[data-countdown-in]");
  var startsIn = counter ? Number(counter.getAttribute("data-countdown-in")) * 1000 : NaN;
  window.setTimeout(function () { window.location.reload(); }, Math.max(reloadIn, 0) + 1000);
  if (!counter || isNaN(startsIn)) return;
  window.setInterval(function () {
    var minutes = Math.max(1, Math.ceil((startsIn - (Date.now() - loaded)) / 60000));
    counter.textContent = "The chat starts in " + minutes + " minute" + (minutes === 1 ? "" : "s") + ".";
  }, 15000);
})();
