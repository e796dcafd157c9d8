// Buttons with data-confirm ask before their form is sent ("Delete your post?").
// Without JavaScript the form is sent at once; every such action can be undone
// or is a teacher's tool.
document.addEventListener("submit", function (event) {
  "use strict";
  var button = event.submitter;
  var question = (button && button.getAttribute("data-confirm")) || event.target.getAttribute("data-confirm");
  if (question && !window.confirm(question)) event.preventDefault();
}, true);
