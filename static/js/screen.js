/* The room screen (projector): full screen, read from a distance, switched
 * live from the control room. The server renders the first state into
 * data-state; this script draws it and then asks /screen/<code>/state every
 * data-poll milliseconds. Only what changed is redrawn and views are
 * switched by hiding the others, so nothing flickers; when the server does
 * not answer (a restart, the laptop's Wi-Fi) the last picture stays up with
 * a small notice and the polling goes on. No inline script or style: sizes
 * come from classes (cols-N) the stylesheet knows. */
(function () {
  'use strict';
  var L = window.MinkaLive;
  if (!L || L.root.getAttribute('data-page') !== 'screen') { return; }
  var root = L.root, t = L.t, el = L.el;
  var code = root.getAttribute('data-code');
  var every = parseInt(root.getAttribute('data-poll'), 10) || 1500;
  var state = null;
  var skew = 0;
  var drawn = {}; // view → the JSON it was last drawn from
  var wallPage = 0;
  var WALL_PAGE = 4; // ideas per page of the wall: 2 lines each at >= 40 px fit 720 px
  var WALL_EVERY = 8000;

  function q(sel) { return root.querySelector(sel); }

  // cols is how many columns n cards take so that 12 fit in 3 rows.
  function cols(n) {
    if (n <= 1) { return 1; }
    if (n <= 4) { return 2; }
    if (n <= 9) { return 3; }
    return 4;
  }
  function grid(ul, n) {
    ul.className = 'rs-grid cols-' + cols(n) + ' rows-' + Math.max(1, Math.ceil(n / cols(n)));
  }

  // group splits a code in two halves, as it is read aloud: "ABCD 2345".
  function group(c) { return c.length === 8 ? c.slice(0, 4) + ' ' + c.slice(4) : c; }

  function timerMS(tm) {
    if (!tm || !tm.duration_s) { return null; }
    var ms = tm.running && tm.ends_at ? Date.parse(tm.ends_at) - (Date.now() + skew) : tm.remaining_ms;
    return Math.max(0, ms || 0);
  }
  function clock(ms) {
    var s = Math.ceil(ms / 1000);
    var m = Math.floor(s / 60);
    s = s % 60;
    return (m < 10 ? '0' : '') + m + ':' + (s < 10 ? '0' : '') + s;
  }

  // -------------------------------------------------------------- views

  function drawJoin(st) {
    var ul = q('[data-rs-join]');
    L.clear(ul);
    grid(ul, st.tables.length);
    st.tables.forEach(function (tb) {
      ul.appendChild(el('li', { class: 'rs-card rs-join-card', 'data-table': tb.id }, [
        el('img', { class: 'rs-qr', src: '/screen/' + code + '/qr/' + tb.id, alt: t('live.screen.qr_alt', tb.number) }),
        el('div', { class: 'rs-join-text' }, [
          el('h2', { class: 'rs-card-title', text: t('live.table_n', tb.number) }),
          el('p', { class: 'rs-code', 'data-code': tb.code || '', text: group(tb.code || '') })])]));
    });
    if (!st.tables.length) { ul.appendChild(el('li', { class: 'rs-empty', text: t('live.plenary.no_tables') })); }
    var host = (st.join_base || '').replace(/^https?:\/\//, '');
    var hint = q('[data-rs-join-hint]');
    if (!hint) {
      hint = el('p', { class: 'rs-hint', 'data-rs-join-hint': '' });
      ul.parentNode.insertBefore(hint, ul);
    }
    hint.textContent = t('live.screen.join_hint', host + '/join');
  }

  function count(n, key, big) {
    return el('div', { class: 'rs-count' + (big ? ' big' : '') }, [
      el('span', { class: 'rs-n', 'data-count': key, text: String(n) }),
      el('span', { class: 'rs-label', text: t('live.screen.count.' + key) })]);
  }

  function drawTables(st) {
    var ul = q('[data-rs-tables]');
    L.clear(ul);
    grid(ul, st.tables.length);
    st.tables.forEach(function (tb) {
      var ms = timerMS(tb.timer);
      ul.appendChild(el('li', { class: 'rs-card rs-table-card', 'data-table': tb.id }, [
        el('div', { class: 'rs-card-head' }, [
          el('h2', { class: 'rs-card-title', text: t('live.table_n', tb.number) }),
          el('span', { class: 'rs-phase phase-' + tb.phase, 'data-phase': tb.phase, text: L.phaseLabel(tb.phase) })]),
        tb.problem ? el('p', { class: 'rs-problem', text: tb.problem }) : null,
        el('div', { class: 'rs-counts' }, [
          count(tb.ideas, 'ideas', true),
          count(tb.profile_notes, 'notes'),
          count(tb.stories, 'stories'),
          count(tb.prototypes, 'prototypes')]),
        tb.chosen ? el('p', { class: 'rs-chosen', text: '★ ' + t('live.screen.chosen_n', tb.chosen) }) : null,
        ms !== null ? el('p', { class: 'rs-table-timer', 'data-table-timer': tb.id, text: clock(ms) }) : null]));
    });
    if (!st.tables.length) { ul.appendChild(el('li', { class: 'rs-empty', text: t('live.plenary.no_tables') })); }
  }

  // wallItems: the chosen ideas first, then the newest others.
  function wallItems(st) {
    var seen = {};
    var out = [];
    (st.chosen || []).concat(st.newest || []).forEach(function (i) {
      if (!seen[i.id]) { seen[i.id] = true; out.push(i); }
    });
    return out;
  }

  function drawWall(st) {
    var items = wallItems(st);
    var pages = Math.max(1, Math.ceil(items.length / WALL_PAGE));
    if (wallPage >= pages) { wallPage = 0; }
    var ol = q('[data-rs-wall]');
    var next = el('ol', { class: 'rs-ideas', 'data-rs-wall': '' });
    items.slice(wallPage * WALL_PAGE, (wallPage + 1) * WALL_PAGE).forEach(function (i) {
      next.appendChild(el('li', { class: 'rs-idea' + (i.chosen ? ' chosen' : ''), 'data-id': i.id }, [
        el('p', { class: 'rs-idea-meta' }, [
          el('span', { class: 'rs-tag', text: t('live.table_n', i.table_number) }), ' ',
          el('span', { class: 'rs-tag principle-' + (i.principle || 'none'), text: t('principle.' + (i.principle || 'none')) }),
          i.chosen ? el('span', { class: 'rs-tag chosen', text: '★ ' + t('live.idea.chosen') }) : null]),
        el('p', { class: 'rs-idea-title idea-title', text: i.title })]));
    });
    if (!items.length) { next.appendChild(el('li', { class: 'rs-empty', text: t('live.screen.no_ideas') })); }
    ol.parentNode.replaceChild(next, ol); // one swap: no empty frame
    q('[data-rs-wall-page]').textContent = pages > 1 ? t('live.screen.page', wallPage + 1, pages) : '';
  }

  function drawMatrix(st) {
    var box = q('[data-rs-matrix]');
    L.clear(box);
    if (!st.matrix) {
      box.appendChild(el('p', { class: 'rs-empty', text: t('live.screen.no_matrix') }));
      return;
    }
    box.appendChild(el('h2', { class: 'rs-matrix-title', text: t('live.table_n', st.matrix.table_number) + (st.matrix.problem ? ' · ' + st.matrix.problem : '') }));
    var m = el('div', { class: 'rs-matrix-draw' });
    box.appendChild(m);
    L.matrix(m, st.matrix.ideas || []);
  }

  function drawSurvey() {
    var box = q('[data-rs-survey]');
    L.clear(box);
    box.appendChild(el('h2', { class: 'rs-survey-title', text: t('live.screen.survey_title') }));
    box.appendChild(el('img', { class: 'rs-qr big', src: '/screen/' + code + '/qr/survey', alt: t('live.screen.survey_alt') }));
    box.appendChild(el('p', { class: 'rs-hint', text: (state.survey_url || '').replace(/^https?:\/\//, '') }));
  }

  var draw = { join: drawJoin, tables: drawTables, wall: drawWall, matrix: drawMatrix, survey: drawSurvey };

  // dataOf is what a view is drawn from: it is redrawn only when it changes.
  function dataOf(view, st) {
    switch (view) {
      case 'join': return JSON.stringify([st.tables.map(function (x) { return [x.id, x.number, x.code]; }), st.join_base]);
      case 'tables': return JSON.stringify(st.tables.map(function (x) {
        return [x.id, x.number, x.problem, x.phase, x.ideas, x.profile_notes, x.stories, x.prototypes, x.chosen, x.timer && x.timer.duration_s, x.timer && x.timer.running, x.timer && x.timer.ends_at];
      }));
      case 'wall': return JSON.stringify([wallItems(st), wallPage]);
      case 'matrix': return JSON.stringify(st.matrix || null);
      case 'survey': return st.survey_url || '';
    }
    return '';
  }

  function show(st) {
    state = st;
    var view = st.view;
    root.setAttribute('data-view', view);
    Array.prototype.forEach.call(root.querySelectorAll('[data-view]'), function (sec) {
      if (sec === root) { return; }
      sec.hidden = sec.getAttribute('data-view') !== view;
    });
    q('[data-rs-view-name]').textContent = '· ' + t('live.screen.view.' + view);
    if (draw[view]) {
      var d = dataOf(view, st);
      if (drawn[view] !== d) {
        draw[view](st);
        drawn[view] = d;
      }
    }
    tick();
  }

  // tick keeps the timers counting between polls.
  function tick() {
    if (!state) { return; }
    var ms = timerMS(state.timer);
    var big = q('[data-rs-timer]');
    big.textContent = ms === null ? t('live.screen.no_timer') : (ms === 0 && state.timer.running ? t('live.timer.done') : clock(ms));
    big.className = 'rs-big-timer' + (ms === 0 ? ' done' : '') + (state.timer && !state.timer.running && ms ? ' paused' : '');
    var mini = q('[data-rs-mini-timer]');
    mini.hidden = ms === null || state.view === 'timer';
    mini.textContent = ms === null ? '' : clock(ms);
    (state.tables || []).forEach(function (tb) {
      var n = root.querySelector('[data-table-timer="' + tb.id + '"]');
      var left = timerMS(tb.timer);
      if (n && left !== null) { n.textContent = clock(left); }
    });
  }

  // ------------------------------------------------------------ polling

  var status = q('[data-status]');
  var failures = 0;
  function poll() {
    var ctl = window.AbortController ? new window.AbortController() : null;
    var abort = ctl ? window.setTimeout(function () { ctl.abort(); }, 5000) : null;
    window.fetch('/screen/' + code + '/state', { cache: 'no-store', headers: { 'Accept': 'application/json' }, signal: ctl ? ctl.signal : undefined })
      .then(function (r) {
        if (r.status === 404) { throw new Error('gone'); }
        if (!r.ok) { throw new Error('status ' + r.status); }
        return r.json();
      })
      .then(function (st) {
        failures = 0;
        status.textContent = '';
        status.className = 'rs-offline';
        skew = Date.parse(st.server_time) - Date.now();
        show(st);
        later(every);
      })
      .catch(function (e) {
        failures++;
        var gone = e && e.message === 'gone';
        status.textContent = gone ? t('live.screen.gone') : t('live.screen.offline');
        status.className = 'rs-offline on';
        later(gone ? 15000 : Math.min(10000, every * failures));
      })
      .then(function () { if (abort) { window.clearTimeout(abort); } });
  }
  function later(ms) { window.setTimeout(poll, ms); }

  try { state = JSON.parse(root.getAttribute('data-state') || 'null'); } catch (e) { state = null; }
  if (state) {
    skew = Date.parse(state.server_time) - Date.now();
    show(state);
  }
  window.setInterval(tick, 250);
  window.setInterval(function () {
    if (!state || state.view !== 'wall') { return; }
    wallPage++;
    drawn.wall = null;
    show(state);
  }, WALL_EVERY);
  later(every);
}());
