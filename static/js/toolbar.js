/* A small toolbar over every editor: Bold, Slanted, Quote, Link and List write the
 * Markdown around the selected words (or at the cursor), so nobody has to remember it.
 * Without JavaScript there is no toolbar: "Formatting help" shows what to type. */
(function () {
  "use strict";
  var TOOLS = [
    { label: "Bold", icon: "bold", wrap: ["**", "**"], sample: "strong words" },
    { label: "Slanted", icon: "italic", wrap: ["*", "*"], sample: "slanted words" },
    { label: "Quote", icon: "quote", line: "> ", sample: "a quote" },
    { label: "Link", icon: "link", wrap: ["[", "](https://)"], sample: "words to click" },
    { label: "List", icon: "list", line: "- ", sample: "one item" }
  ];
  var SPRITE = document.currentScript ? document.currentScript.src.replace(/js\/toolbar\.js.*$/, "vendor/lucide/icons.svg") : "";

  function apply(area, tool) {
    var start = area.selectionStart, end = area.selectionEnd, value = area.value;
    var chosen = value.slice(start, end) || tool.sample;
    var text, from, to;
    if (tool.wrap) {
      text = tool.wrap[0] + chosen + tool.wrap[1];
      from = start + tool.wrap[0].length;
      to = from + chosen.length;
    } else {
      var atLineStart = start === 0 || value[start - 1] === "\n";
      var prefix = (atLineStart ? "" : "\n") + tool.line;
      text = prefix + chosen.split("\n").join("\n" + tool.line);
      from = start + prefix.length;
      to = start + text.length;
    }
    area.setRangeText(text, start, end, "end");
    area.focus();
    area.setSelectionRange(from, to);
    area.dispatchEvent(new Event("input", { bubbles: true }));
  }

  function icon(name) {
    var ns = "http://www.w3.org/2000/svg";
    var svg = document.createElementNS(ns, "svg");
    svg.setAttribute("class", "icon");
    svg.setAttribute("aria-hidden", "true");
    var use = document.createElementNS(ns, "use");
    use.setAttribute("href", SPRITE + "#" + name);
    svg.appendChild(use);
    return svg;
  }

  function setup(box) {
    var area = box.querySelector("textarea");
    if (!area || box.querySelector(".toolbar")) return;
    var bar = document.createElement("div");
    bar.className = "toolbar";
    bar.setAttribute("role", "toolbar");
    bar.setAttribute("aria-label", "Format your text");
    bar.setAttribute("aria-controls", area.id);
    TOOLS.forEach(function (tool) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "button small tool";
      button.appendChild(icon(tool.icon));
      button.appendChild(document.createTextNode(tool.label));
      button.addEventListener("click", function () { apply(area, tool); });
      bar.appendChild(button);
    });
    area.parentNode.insertBefore(bar, area);
  }

  function init(root) { (root || document).querySelectorAll("[data-editor]").forEach(setup); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", function () { init(); });
  else init();
  document.addEventListener("htmx:afterSettle", function (event) { if (event.target.querySelectorAll) init(event.target); });
})();
