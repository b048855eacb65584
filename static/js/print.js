/* Printable QR sheet: the print button (no inline handlers under the CSP). */
(function () {
  'use strict';
  var b = document.querySelector('[data-print]');
  if (b && window.print) { b.addEventListener('click', function () { window.print(); }); }
}());
