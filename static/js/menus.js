// The header's menus are <details> (they work without JavaScript). On wide screens they
// stay open, with no "Menu" button: there is room for every link.
(function () {
  var wide = window.matchMedia("(min-width: 48rem)");
  function apply() {
    document.querySelectorAll("details[data-wide-open]").forEach(function (menu) {
      menu.open = wide.matches;
      menu.classList.toggle("pinned", wide.matches);
    });
  }
  wide.addEventListener("change", apply);
  apply();
})();
