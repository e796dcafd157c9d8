/* The shared editor: live word count, drafts kept in this browser and, where the
 * form names its place, on the server (autosave).
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

  /* Drafts on the server (editors with data-autosave): a few seconds after the last key
   * press, and when the page is hidden, the text is posted with the form's CSRF token.
   * Text the page itself gave the editor (empty, a quote, the post being changed) is sent
   * as "" so the server forgets the draft. */
  var AUTOSAVE_DELAY = 3000;

  function serverDrafts(box, area, onSaved) {
    var url = box.getAttribute("data-autosave");
    var form = area.form;
    var token = form && form.querySelector('input[name="csrf_token"]');
    if (!url || !form) return null;
    var replaced = box.querySelector("template.draft-replaced");
    /* The page's own text: what a restored draft replaced, or what the page opened with. */
    var pageText = replaced ? replaced.content.textContent
      : (box.hasAttribute("data-page-text") ? area.defaultValue : null);
    var status = box.querySelector(".draft-saved");
    var key = box.getAttribute("data-draft-key");
    var timer = null;
    var sending = false;
    var submitted = false;
    /* What the server holds now: a restored draft, a text it kept after a failed save, or nothing. */
    var held = (replaced || pageText === null) ? area.value : "";

    function wanted() {
      var text = area.value;
      return (!text.trim() || text === pageText) ? "" : text;
    }

    function body(text) {
      var data = new FormData();
      if (token) data.append("csrf_token", token.value);
      data.append("key", key);
      data.append("text", text);
      return data;
    }

    function send() {
      clearTimeout(timer);
      var text = wanted();
      if (submitted || text === held) return;
      if (sending) { timer = setTimeout(send, AUTOSAVE_DELAY); return; }
      sending = true;
      var typed = area.value;
      fetch(url, { method: "POST", body: body(text), credentials: "same-origin" }).then(function (response) {
        if (!response.ok) return;
        held = text;
        onSaved(typed);
        if (status) {
          status.hidden = !text;
          status.textContent = "Draft saved at " + new Date().toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit" }) +
            ". You can go on writing on another device.";
        }
      }).catch(function () { /* offline: the browser's own draft still has it */ }).then(function () { sending = false; });
    }

    function flush() {
      var text = wanted();
      if (submitted || text === held || !navigator.sendBeacon) return;
      if (navigator.sendBeacon(url, body(text))) held = text;
    }

    /* Once the form is sent, the server decides: it forgets the draft when the text is saved. */
    form.addEventListener("submit", function (event) {
      if (event.defaultPrevented) return;
      submitted = true;
      clearTimeout(timer);
    });
    window.addEventListener("pagehide", flush);
    document.addEventListener("visibilitychange", function () { if (document.visibilityState === "hidden") flush(); });
    return {
      later: function () { clearTimeout(timer); timer = setTimeout(send, AUTOSAVE_DELAY); },
      now: send,
      pageText: pageText,
      restoredAt: Date.parse(box.getAttribute("data-restored-at") || "") || 0
    };
  }

  function setup(box) {
    var area = box.querySelector("textarea");
    var counter = box.querySelector(".word-count");
    var notice = box.querySelector(".draft-notice");
    var key = PREFIX + box.getAttribute("data-draft-key");
    var min = parseInt(box.getAttribute("data-min-words"), 10) || 0;
    var max = parseInt(box.getAttribute("data-max-chars"), 10) || 0;
    var timer = null;
    var server = serverDrafts(box, area, markSynced);

    /* The server has this text now: if it later has no draft, the text was posted or removed
     * (maybe on another device), so this browser's copy must not come back. */
    function markSynced(text) {
      if (!store) return;
      try {
        var draft = JSON.parse(store.getItem(key));
        if (draft && draft.text === text) { draft.synced = true; store.setItem(key, JSON.stringify(draft)); }
      } catch (e) { /* nothing kept */ }
    }

    function update() {
      counter.textContent = counterText(countWords(area.value), min, area.value.length, max);
    }

    function save() {
      if (!store) return;
      if (area.value.trim() && area.value !== area.defaultValue) {
        var kept = null;
        try { kept = JSON.parse(store.getItem(key)); } catch (e) { /* replaced below */ }
        if (kept && kept.text === area.value) return;  /* unchanged: keep its time and whether the server has it */
        store.setItem(key, JSON.stringify({ text: area.value, at: Date.now() }));
      } else if (!area.value.trim()) {
        store.removeItem(key);
      }
    }

    /* "Remove it": back to the page's own text, and forget the drafts. */
    function removeDraft(previous) {
      area.value = previous;
      if (store) store.removeItem(key);
      notice.hidden = true;
      update();
      if (server) server.now();
      area.focus();
    }

    function restore() {
      if (!notice) return;
      var undo = notice.querySelector("button");
      var previous = server && server.pageText !== null ? server.pageText : area.value;
      if (server && server.restoredAt) {  /* the server brought a draft back (see the notice) */
        undo.addEventListener("click", function (event) { event.preventDefault(); removeDraft(previous); });
      }
      if (!store) return;
      var raw = store.getItem(key);
      if (!raw) return;
      var draft;
      try { draft = JSON.parse(raw); } catch (e) { store.removeItem(key); return; }
      if (!draft.text || draft.text === area.value) return;
      if (server && draft.synced) {  /* the server knows best: it brought its draft back, or has none any more */
        if (!server.restoredAt) store.removeItem(key);
        return;
      }
      if (server && server.restoredAt && draft.at <= server.restoredAt) return;  /* the server's is newer */
      area.value = draft.text;
      notice.hidden = false;
      notice.querySelector(".draft-time").textContent = new Date(draft.at).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short" });
      if (!(server && server.restoredAt)) {
        undo.addEventListener("click", function () { removeDraft(previous); });
      }
      if (server) server.later();  /* this browser's draft goes to the server too */
    }

    restore();
    update();
    if (area.value !== area.defaultValue) {  /* typed before this script was ready */
      save();
      if (server) server.later();
    }
    area.addEventListener("input", function () {
      update();
      clearTimeout(timer);
      timer = setTimeout(save, 300);
      if (server) server.later();
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
