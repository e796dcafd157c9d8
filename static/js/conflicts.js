/* Wiki edit conflicts: for each place both people changed, "Keep mine", "Keep theirs" or
 * "Keep both" rewrites that place in the text box. Without JavaScript the marker lines stay
 * in the text box to edit by hand (the server refuses to save text that still has them). */
(function () {
  "use strict";
  var BLOCK = /^<<<<<<< your version\n([\s\S]*?)^=======\n([\s\S]*?)^>>>>>>> their version(?:\n|$)/gm;

  function blocks(text) {
    var found = [], match;
    BLOCK.lastIndex = 0;
    while ((match = BLOCK.exec(text)) !== null) {
      found.push({ start: match.index, end: match.index + match[0].length, mine: match[1], theirs: match[2] });
    }
    return found;
  }

  function setup(notice) {
    // The editor's text box (not the first form on the page: the header or a notice may have one).
    var area = notice.parentNode.querySelector("form [data-editor] textarea");
    if (!area) return;
    var list = document.createElement("section");
    list.className = "card choices";
    list.setAttribute("aria-live", "polite");
    area.closest("[data-editor]").before(list);

    function choose(block, kept) {
      var text = area.value.replace(/\r\n/g, "\n");
      area.value = text.slice(0, block.start) + kept + text.slice(block.end);
      area.dispatchEvent(new Event("input", { bubbles: true }));
      render();
    }

    function render() {
      var found = blocks(area.value.replace(/\r\n/g, "\n"));
      list.textContent = "";
      var heading = document.createElement("h2");
      heading.textContent = found.length ? "Choose for each place (" + found.length + " left)" : "All places are combined. Check the text, then save.";
      list.appendChild(heading);
      found.forEach(function (block, i) {
        var item = document.createElement("div");
        item.className = "choice";
        var title = document.createElement("h3");
        title.textContent = "Place " + (i + 1);
        item.appendChild(title);
        [["Your words", block.mine], ["Their words", block.theirs]].forEach(function (pair) {
          var label = document.createElement("p");
          label.className = "meta";
          label.textContent = pair[0] + ":";
          var words = document.createElement("pre");
          words.className = "source";
          words.textContent = pair[1] || "(nothing)";
          item.appendChild(label);
          item.appendChild(words);
        });
        var actions = document.createElement("div");
        actions.className = "actions";
        [["Keep mine", block.mine], ["Keep theirs", block.theirs], ["Keep both", block.mine + block.theirs]].forEach(function (option) {
          var button = document.createElement("button");
          button.type = "button";
          button.className = "button small";
          button.textContent = option[0];
          button.setAttribute("aria-label", option[0] + " for place " + (i + 1));
          button.addEventListener("click", function () { choose(block, option[1]); });
          actions.appendChild(button);
        });
        item.appendChild(actions);
        list.appendChild(item);
      });
    }

    area.addEventListener("input", function () { if (!list.contains(document.activeElement)) render(); });
    render();
  }

  function init() { document.querySelectorAll("[data-testid=conflict]").forEach(setup); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
