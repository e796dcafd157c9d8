/* The shared editor: live word count and drafts kept in this browser.
 * Works on every [data-editor] block rendered by templates/_macros/editor.html.
 * Without JavaScript the form still works; this only adds help. */
(function () {
  "use strict";
  var PREFIX = "roundtable:draft:";
  var store = (function () {
    try { var k = "__rt"; localStorage.setItem(k, k); localStorage.removeItem(k); return localStorage; }
    catch (e) { return null; }
  })();

  function countWords(text) {
    return window.Roundtable && window.Roundtable.countWords ? window.Roundtable.countWords(text)
      : (text.match(/[\p{L}\p{N}]+/gu) || []).length;
  }

  function plural(n, word) { return n + " " + word + (n === 1 ? "" : "s"); }

  function counterText(words, min, chars, max) {
    var text = min && words < min ? words.toLocaleString("en") + " of " + min.toLocaleString("en") + " words"
      : plural(words, "word") + (min ? " ✓ (" + min.toLocaleString("en") + " needed)" : "");
    if (max && chars > max) {
      text += ". Too long: " + chars.toLocaleString("en") + " characters, the limit is " + max.toLocaleString("en");
    }
    return text + ".";
  }

  /* Server says these drafts are saved: forget them. */
  function clearSavedDrafts() {
    var meta = document.querySelector('meta[name="roundtable-saved-drafts"]');
    if (!meta || !store) return;
    meta.content.split(/\s+/).forEach(function (key) { if (key) store.removeItem(PREFIX + key); });
  }

  function setup(box) {
    var area = box.querySelector("textarea");
    var counter = box.querySelector(".word-count");
    var notice = box.querySelector(".draft-notice");
    var key = PREFIX + box.getAttribute("data-draft-key");
    var min = parseInt(box.getAttribute("data-min-words"), 10) || 0;
    var max = parseInt(box.getAttribute("data-max-chars"), 10) || 0;
    var timer = null;

    function update() {
      counter.textContent = counterText(countWords(area.value), min, area.value.length, max);
    }

    function save() {
      if (!store) return;
      if (area.value.trim() && area.value !== area.defaultValue) {
        store.setItem(key, JSON.stringify({ text: area.value, at: Date.now() }));
      } else if (!area.value.trim()) {
        store.removeItem(key);
      }
    }

    function restore() {
      if (!store || !notice) return;
      var raw = store.getItem(key);
      if (!raw) return;
      var draft;
      try { draft = JSON.parse(raw); } catch (e) { store.removeItem(key); return; }
      if (!draft.text || draft.text === area.value) return;
      var previous = area.value;
      area.value = draft.text;
      notice.hidden = false;
      notice.querySelector(".draft-time").textContent = new Date(draft.at).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short" });
      var undo = notice.querySelector("button");
      undo.addEventListener("click", function () {
        area.value = previous;
        store.removeItem(key);
        notice.hidden = true;
        update();
        area.focus();
      });
    }

    restore();
    update();
    area.addEventListener("input", function () {
      update();
      clearTimeout(timer);
      timer = setTimeout(save, 300);
    });
    area.form && area.form.addEventListener("submit", save);
    window.addEventListener("pagehide", save);
  }

  function init() {
    clearSavedDrafts();
    document.querySelectorAll("[data-editor]").forEach(function (box) { box.setAttribute("data-ready", ""); setup(box); });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
  /* Editors that htmx brings in later (a reply form opened in place). */
  document.addEventListener("htmx:afterSettle", function (event) {
    event.target.querySelectorAll && event.target.querySelectorAll("[data-editor]").forEach(function (box) {
      if (!box.hasAttribute("data-ready")) { box.setAttribute("data-ready", ""); setup(box); }
    });
  });
})();
