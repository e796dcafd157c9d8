/* Sentence starters: each [data-starter] item becomes a button that inserts its
 * text at the cursor of the editor in the same form. Without JavaScript the
 * starters stay a plain list to copy. Works for forms htmx adds later too. */
(function () {
  "use strict";

  function upgrade(root) {
    var items = (root || document).querySelectorAll("[data-starter]:not([data-ready])");
    Array.prototype.forEach.call(items, function (item) {
      var text = item.textContent.trim();
      var button = document.createElement("button");
      button.type = "button";
      button.className = "button small starter";
      button.textContent = text;
      button.setAttribute("aria-label", "Insert: " + text);
      item.textContent = "";
      item.appendChild(button);
      item.setAttribute("data-ready", "");
    });
  }

  /* "I agree with … because …" → "I agree with": the student types on from there. */
  function opening(text) {
    var gap = text.indexOf("…");
    return gap === -1 ? text : text.slice(0, gap).replace(/\s+$/, "");
  }

  function insert(textarea, text) {
    var start = textarea.selectionStart || 0;
    var end = textarea.selectionEnd || 0;
    var before = textarea.value.slice(0, start);
    var spacer = before && !/\s$/.test(before) ? " " : "";
    textarea.value = before + spacer + text + " " + textarea.value.slice(end);
    var cursor = start + spacer.length + text.length + 1;
    textarea.focus();
    textarea.setSelectionRange(cursor, cursor);
    textarea.dispatchEvent(new Event("input", { bubbles: true }));
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("[data-starter] button") : null;
    if (!button) { return; }
    var form = button.closest("form");
    var textarea = form ? form.querySelector("[data-editor] textarea") : null;
    if (textarea) { insert(textarea, opening(button.textContent.trim())); }
  });
  document.addEventListener("DOMContentLoaded", function () { upgrade(document); });
  document.addEventListener("htmx:load", function (event) { upgrade(event.target); });
})();
