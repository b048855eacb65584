/* Plenary screen for the projector: every table of the workshop, its phase
 * and live counts, ideas per principle and the newest ideas. The server
 * renders it complete; this keeps it current: any event of the workshop's
 * room re-reads the numbers, which are always counted from the records. */
(function () {
  'use strict';
  var L = window.MinkaLive;
  if (!L) { return; }
  var root = L.root, t = L.t, el = L.el;
  var workshop = root.getAttribute('data-workshop');
  var timerID = null;

  var live = new L.Live({
    room: root.getAttribute('data-room'),
    onStatus: L.showStatus(root.querySelector('[data-status]')),
    onSnapshot: function (p) { render(p); },
    onEvent: function () { refresh(); }
  });

  // refresh fetches the plenary data once events stop coming for a moment.
  function refresh() {
    window.clearTimeout(timerID);
    timerID = window.setTimeout(function () {
      window.fetch('/api/v1/workshops/' + workshop + '/plenary', { credentials: 'same-origin', headers: { 'Accept': 'application/json' } })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (p) { if (p) { render(p); } })
        .catch(function () { /* the next event retries */ });
    }, 300);
  }

  function render(p) {
    var tables = root.querySelector('[data-tables]');
    L.clear(tables);
    (p.tables || []).forEach(function (tb) {
      tables.appendChild(el('li', { class: 'card table-card', 'data-table': tb.id }, [
        el('h3', { text: t('live.table_n', tb.number) }),
        tb.problem ? el('p', { class: 'muted', text: tb.problem }) : null,
        el('p', {}, [el('span', { class: 'badge phase', text: L.phaseLabel(tb.phase) })]),
        el('dl', { class: 'counts' }, [
          el('div', {}, [el('dt', { text: t('live.plenary.notes') }), el('dd', { 'data-count': 'profile_notes', text: String(tb.profile_notes) })]),
          el('div', {}, [el('dt', { text: t('live.plenary.stories') }), el('dd', { 'data-count': 'stories', text: String(tb.stories) })]),
          el('div', {}, [el('dt', { text: t('live.plenary.ideas') }), el('dd', { 'data-count': 'ideas', text: String(tb.ideas) })]),
          el('div', {}, [el('dt', { text: t('live.plenary.prototypes') }), el('dd', { 'data-count': 'prototypes', text: String(tb.prototypes) })])])]));
    });
    if (!(p.tables || []).length) { tables.appendChild(el('li', { class: 'muted', text: t('live.plenary.no_tables') })); }

    var bp = p.ideas_by_principle || { principles: [], total: 0 };
    var max = 1;
    bp.principles.forEach(function (c) { max = Math.max(max, c.ideas); });
    var body = root.querySelector('[data-principles]');
    L.clear(body);
    bp.principles.forEach(function (c) {
      body.appendChild(el('tr', { 'data-principle': c.principle }, [
        el('th', { scope: 'row', text: t('principle.' + c.principle) }),
        el('td', { class: 'num', 'data-n': '', text: String(c.ideas) }),
        el('td', {}, [el('meter', { min: '0', max: String(max), value: String(c.ideas) })])]));
    });
    if (bp.unclassified) {
      // Ideas captured without a principle: classified later, in the review.
      body.appendChild(el('tr', { 'data-principle': 'none' }, [
        el('th', { scope: 'row', text: t('principle.none') }),
        el('td', { class: 'num', 'data-n': '', text: String(bp.unclassified) }),
        el('td', {}, [el('meter', { min: '0', max: String(Math.max(max, bp.unclassified)), value: String(bp.unclassified) })])]));
    }
    root.querySelector('[data-total]').textContent = String(bp.total);

    var ol = root.querySelector('[data-newest]');
    L.clear(ol);
    (p.newest_ideas || []).forEach(function (i) {
      ol.appendChild(el('li', {}, [
        el('span', { class: 'tag', text: t('live.table_n', i.table_number) }), ' ',
        el('span', { class: 'idea-title', text: i.title }), ' ',
        el('span', { class: 'tag principle-' + (i.principle || 'none'), text: t('principle.' + (i.principle || 'none')) }),
        i.chosen ? el('span', { class: 'tag chosen', text: ' ★ ' + t('live.idea.chosen') }) : null]));
    });
    if (!(p.newest_ideas || []).length) { ol.appendChild(el('li', { class: 'muted', text: t('live.plenary.no_ideas') })); }
  }

  live.connect();
}());
