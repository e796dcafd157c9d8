// Fill in the browser's time zone where a form asks for it (data-detect-zone):
// a hidden field at registration, or the account page's list while none is chosen.
(function () {
  "use strict";
  var zone = "";
  try { zone = Intl.DateTimeFormat().resolvedOptions().timeZone || ""; } catch (e) { return; }
  if (!zone) return;
  document.querySelectorAll("[data-detect-zone]").forEach(function (field) {
    if (field.tagName === "SELECT") {
      if (field.querySelector('option[value="' + zone.replace(/"/g, "") + '"]')) field.value = zone;
    } else if (!field.value) {
      field.value = zone;
    }
  });
})();
