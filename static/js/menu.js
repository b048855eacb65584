/* The site menu on phones: the header is one bar with the brand and a
 * "Menú" button that opens the links below it (a disclosure: aria-expanded
 * on the button, Escape closes and gives the focus back). Without
 * JavaScript the button stays hidden and the links show as a list; from
 * 48rem wide the CSS shows them in the bar and hides the button. */
(function () {
  'use strict';
  var top = document.querySelector('header.top');
  var btn = top && top.querySelector('[data-menu-toggle]');
  var nav = btn && document.getElementById(btn.getAttribute('aria-controls'));
  if (!nav) { return; }
  function isOpen() { return btn.getAttribute('aria-expanded') === 'true'; }
  function set(open) {
    btn.setAttribute('aria-expanded', open ? 'true' : 'false');
    top.classList.toggle('menu-open', open);
  }
  top.classList.add('has-menu');
  btn.hidden = false;
  btn.addEventListener('click', function () { set(!isOpen()); });
  document.addEventListener('keydown', function (e) {
    if (e.key === 'Escape' && isOpen()) {
      set(false);
      btn.focus();
    }
  });
  // A tap outside the header closes the menu.
  document.addEventListener('click', function (e) {
    if (isOpen() && !top.contains(e.target)) { set(false); }
  });
}());
