// Corrections: select words in a student's text and press "Correct" to fill the form.
// Works with a mouse, a finger (the browser's own selection), and the keyboard: the text
// can take the focus (Tab), the arrow keys move word by word, Shift and the arrow keys
// select, Enter presses "Correct". Without this script the teacher types the words.
(function () {
  "use strict";

  function escapeRegExp(text) { return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }

  // The same rule as the server: any run of white space matches any other.
  function pattern(words) {
    return new RegExp(words.trim().split(/\s+/).map(escapeRegExp).join("\\s+"), "g");
  }

  // The text as the server counts it: the text nodes, without the marks' screen-reader labels.
  function textNodes(container) {
    var walker = document.createTreeWalker(container, NodeFilter.SHOW_TEXT, {
      acceptNode: function (node) {
        return node.parentNode.closest(".sr-only") ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT;
      }
    });
    var found = [], node;
    while ((node = walker.nextNode()) !== null) found.push(node);
    return found;
  }

  // Which place (from 1) of the selected words the selection is, in the text.
  function occurrence(container, range, words) {
    var nodes = textNodes(container), text = "", offset = -1;
    for (var i = 0; i < nodes.length; i++) {
      if (offset < 0 && nodes[i] === range.startContainer) offset = text.length + range.startOffset;
      else if (offset < 0 && range.startContainer.nodeType !== 3 &&
               range.comparePoint(nodes[i], 0) >= 0) offset = text.length;
      text += nodes[i].data;
    }
    if (offset < 0) offset = 0;
    var selected = range.toString();
    offset += selected.length - selected.replace(/^\s+/, "").length;
    var re = pattern(words), match, n = 0;
    while ((match = re.exec(text)) !== null) {
      n += 1;
      if (match.index >= offset) return n;
      if (match[0].length === 0) re.lastIndex += 1;
    }
    return Math.max(n, 1);
  }

  // The selected words without the marks' screen-reader labels.
  function selectedWords(container, range) {
    var copy = range.cloneContents();
    var labels = copy.querySelectorAll(".sr-only");
    for (var i = 0; i < labels.length; i++) labels[i].remove();
    return copy.textContent.trim();
  }

  function selectionIn(container) {
    var selection = window.getSelection();
    if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
    var range = selection.getRangeAt(0);
    if (!container.contains(range.commonAncestorContainer)) return null;
    return range;
  }

  function setup(form) {
    var container = document.querySelector('[data-post-text="' + form.getAttribute("data-correct-for") + '"]');
    if (!container) return;
    var words = form.querySelector("[name$=words]");
    var number = form.querySelector("[name$=occurrence]");
    var code = form.querySelector("select");
    var help = form.querySelector(".correct-help");
    if (help) help.hidden = false;
    container.setAttribute("tabindex", "0");
    container.setAttribute("aria-label", "The text. Select words with Shift and the arrow keys, then press Enter to correct them.");
    container.classList.add("selectable");

    var button = document.createElement("button");
    button.type = "button";
    button.className = "button correct-button";
    button.textContent = "Correct";
    button.disabled = true;
    var bar = document.createElement("p");
    bar.className = "correct-bar";
    bar.appendChild(button);
    container.parentNode.insertBefore(bar, container.nextSibling);

    function correct() {
      var range = selectionIn(container);
      if (!range) return;
      var chosen = selectedWords(container, range);
      if (!chosen) return;
      words.value = chosen.replace(/\s+/g, " ");
      if (number) number.value = String(occurrence(container, range, chosen));
      form.scrollIntoView({ block: "start" });
      (code || words).focus();
    }

    button.addEventListener("click", correct);
    document.addEventListener("selectionchange", function () {
      button.disabled = selectionIn(container) === null;
    });
    container.addEventListener("focus", function () {
      var selection = window.getSelection();
      if (selection && (selection.rangeCount === 0 || !container.contains(selection.anchorNode))) {
        var first = textNodes(container)[0];
        if (first) selection.collapse(first, 0);
      }
    });
    container.addEventListener("keydown", function (event) {
      var selection = window.getSelection();
      if (event.key === "Enter") {
        if (selectionIn(container)) { event.preventDefault(); correct(); }
        return;
      }
      if (!selection || !selection.modify) return;
      var forward = event.key === "ArrowRight", back = event.key === "ArrowLeft";
      if (!forward && !back) return;
      event.preventDefault();
      selection.modify(event.shiftKey ? "extend" : "move", forward ? "forward" : "backward",
                       event.ctrlKey || event.altKey ? "character" : "word");
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var forms = document.querySelectorAll("form[data-correct-for]");
    for (var i = 0; i < forms.length; i++) setup(forms[i]);
  });
}());
