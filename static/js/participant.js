/* Participant view: the table's live record, read-only, and rating each
 * idea's impact and feasibility (1–5) during the prioritize phase. */
(function () {
  'use strict';
  var L = window.MinkaLive;
  if (!L) { return; }
  var root = L.root, t = L.t, el = L.el;
  var state = new L.TableState();
  var rates = {}; // op → rate message, to remember my rating once acknowledged
  var cards = {}; // idea id → card

  var live = new L.Live({
    room: root.getAttribute('data-room'),
    onStatus: function (s, n) { status(s, n); render(); },
    onSnapshot: function (s) { state.load(s); render(); },
    onEvent: function (ev) { state.apply(ev); render(); },
    onAck: function (m) {
      var r = rates[m.op];
      if (r && state.recs.idea[r.idea_id]) { state.recs.idea[r.idea_id].my_rating = { impact: r.impact, feasibility: r.feasibility }; }
      delete rates[m.op];
      render();
    },
    onError: function (m) { delete rates[m.op]; L.alert(L.errorText(m)); render(); }
  });
  var status = L.showStatus(root.querySelector('[data-status]'));
  L.showTimer(root.querySelector('[data-timer]'), function () { return state.timer; }, live);
  L.showTimer(root.querySelector('[data-timer-big]'), function () { return state.timer; }, live);

  function scale(idea, dim) {
    var fs = el('fieldset', { class: 'scale' }, [el('legend', { text: t('live.matrix.' + dim) })]);
    var opts = el('div', { class: 'scale-options' });
    for (var n = 1; n <= 5; n++) {
      opts.appendChild(el('label', { class: 'scale-option' }, [
        el('input', { type: 'radio', name: dim + '-' + idea.id, value: String(n), required: true }),
        el('span', { text: String(n) })]));
    }
    fs.appendChild(opts);
    fs.appendChild(el('p', { class: 'muted small', text: t('scale.1') + ' · ' + t('scale.5') }));
    return fs;
  }

  function card(idea) {
    var li = el('li', { class: 'rate-card' });
    var title = el('h3', { text: idea.title });
    var form = el('form', { class: 'stack', novalidate: true });
    form.appendChild(scale(idea, 'impact'));
    form.appendChild(scale(idea, 'feasibility'));
    var state1 = el('span', { class: 'state' });
    form.appendChild(el('div', { class: 'form-actions' }, [el('button', { type: 'submit', text: t('live.rate.save') }), ' ', state1]));
    form.addEventListener('change', function () { form.setAttribute('data-touched', '1'); });
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      if (!form.reportValidity()) { return; }
      var m = { type: 'rate', op: L.uuid(), idea_id: idea.id,
        impact: parseInt(form.elements['impact-' + idea.id].value, 10),
        feasibility: parseInt(form.elements['feasibility-' + idea.id].value, 10) };
      rates[m.op] = m;
      live.send(m);
      form.removeAttribute('data-touched');
      render();
    });
    li.appendChild(title);
    li.appendChild(el('p', { class: 'muted small', 'data-principle': '' }));
    li.appendChild(form);
    return { li: li, title: title, form: form, state: state1 };
  }

  function renderRating(ideas) {
    var list = root.querySelector('[data-rate-list]');
    var seen = {};
    ideas.forEach(function (idea) {
      seen[idea.id] = true;
      var c = cards[idea.id] || (cards[idea.id] = card(idea));
      c.title.textContent = idea.title;
      c.li.querySelector('[data-principle]').textContent = t('principle.' + (idea.principle || 'none'));
      list.appendChild(c.li); // keeps order, moves nothing else
      var pend = live.outbox.list().some(function (m) { return m.type === 'rate' && m.idea_id === idea.id; });
      var mine = idea.my_rating;
      if (mine && !c.form.getAttribute('data-touched') && !pend) {
        c.form.elements['impact-' + idea.id].value = String(mine.impact);
        c.form.elements['feasibility-' + idea.id].value = String(mine.feasibility);
      }
      c.state.className = 'state ' + (pend ? 'pending' : mine ? 'saved' : '');
      c.state.textContent = pend ? t('live.state.pending') : mine ? t('live.rate.yours', mine.impact, mine.feasibility) : t('live.rate.none');
    });
    Object.keys(cards).forEach(function (id) {
      if (!seen[id]) { cards[id].li.remove(); delete cards[id]; }
    });
  }

  // follow links a saved idea to its public page, where the participant
  // sees where it is on the route (internal review, Forum, decision).
  function follow(it) {
    if (it.state !== 'saved') { return []; }
    return [el('a', { class: 'follow', href: '/process/ideas/' + encodeURIComponent(it.rec.id), text: t('live.idea.follow'), 'aria-label': t('live.idea.follow') + ': ' + it.rec.title })];
  }

  function render() {
    L.renderRecord(root, state, live.outbox, { idea: follow });
    var ph = state.table.phase;
    if (ph) { root.querySelector('[data-phase-label]').textContent = L.phaseLabel(ph); }
    L.showPhaseParts(root, ph);
    var ideas = state.list('idea');
    var rating = ph === 'prioritize';
    root.querySelector('[data-rate-section]').hidden = !rating;
    if (rating) { renderRating(ideas); }
    var showMatrix = ph === 'prioritize' || ph === 'prototype';
    root.querySelector('[data-matrix-section]').hidden = !showMatrix;
    if (showMatrix) { L.matrix(root.querySelector('[data-matrix]'), ideas); }
  }

  render();
  live.connect();
}());
