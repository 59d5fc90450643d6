import { createHash } from 'node:crypto';

/**
 * The one script of the pages, a progressive enhancement: pages work without it. It keeps the live
 * "women + men" sum beside each indicator broken down by sex (an `<output data-sum-of="id1 id2"
 * data-total="id3">`), and marks it when the sum exceeds the total. Served from our origin (CSP
 * `script-src 'self'`), no inline code.
 */
export const CLIENT_SCRIPT = `
(function () {
  function update(out) {
    var ids = (out.getAttribute('data-sum-of') || '').split(' ');
    var sum = 0, any = false;
    ids.forEach(function (id) {
      var el = document.getElementById(id);
      var v = el && el.value.trim() !== '' ? Number(el.value.replace(',', '.')) : NaN;
      if (!isNaN(v)) { sum += v; any = true; }
    });
    var totalEl = document.getElementById(out.getAttribute('data-total'));
    var total = totalEl && totalEl.value.trim() !== '' ? Number(totalEl.value.replace(',', '.')) : NaN;
    out.value = any ? String(sum) : '—';
    out.textContent = out.value;
    var over = any && !isNaN(total) && sum > total;
    out.parentNode.classList.toggle('over', over);
    var warn = out.parentNode.querySelector('[data-over]');
    if (warn) warn.hidden = !over;
  }
  document.querySelectorAll('output[data-sum-of]').forEach(function (out) {
    var ids = out.getAttribute('data-sum-of').split(' ').concat([out.getAttribute('data-total')]);
    ids.forEach(function (id) {
      var el = document.getElementById(id);
      if (el) el.addEventListener('input', function () { update(out); });
    });
    update(out);
  });
})();
`;

export const CLIENT_SCRIPT_PATH = `/assets/app.${createHash('sha256').update(CLIENT_SCRIPT).digest('hex').slice(0, 12)}.js`;
