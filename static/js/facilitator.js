/* Facilitator console: move the table through the phases, run the phase
 * timer everyone at the table sees, see who is connected, mark the chosen
 * ideas and read the impact × feasibility matrix. */
(function () {
  'use strict';
  var L = window.MinkaLive;
  if (!L) { return; }
  var root = L.root, t = L.t, el = L.el;
  var phases = (root.getAttribute('data-phases') || '').split(',');
  var state = new L.TableState();

  var live = new L.Live({
    room: root.getAttribute('data-room'),
    onStatus: function (s, n) { status(s, n); render(); },
    onSnapshot: function (s) { state.load(s); render(); },
    onEvent: function (ev) { state.apply(ev); render(); },
    onAck: function () { render(); },
    onError: function (m) { L.alert(L.errorText(m)); render(); },
    onPresence: presence
  });
  var status = L.showStatus(root.querySelector('[data-status]'));
  L.showTimer(root.querySelector('[data-timer]'), function () { return state.timer; }, live);
  L.showTimer(root.querySelector('[data-timer-big]'), function () { return state.timer; }, live);

  function pending(type) {
    return live.outbox.list().some(function (m) { return m.type === type; });
  }

  // Phases: naming the phase we move from makes a double tap harmless.
  Array.prototype.forEach.call(root.querySelectorAll('[data-move]'), function (b) {
    b.addEventListener('click', function () {
      var cur = state.table.phase;
      var i = phases.indexOf(cur) + parseInt(b.getAttribute('data-move'), 10);
      if (!cur || i < 0 || i >= phases.length || pending('phase')) { return; }
      live.send({ type: 'phase', from: cur, phase: phases[i] });
      render();
    });
  });

  // Timer.
  function timer(action, seconds) {
    var m = { type: 'timer', action: action };
    if (seconds) { m.seconds = seconds; }
    live.send(m);
  }
  Array.prototype.forEach.call(root.querySelectorAll('[data-start]'), function (b) {
    b.addEventListener('click', function () { timer('start', parseInt(b.getAttribute('data-start'), 10)); });
  });
  // The route's script: one tap starts the phase's suggested time.
  Array.prototype.forEach.call(root.querySelectorAll('[data-guide-start]'), function (b) {
    b.addEventListener('click', function () { timer('start', parseInt(b.getAttribute('data-guide-start'), 10)); });
  });
  Array.prototype.forEach.call(root.querySelectorAll('[data-timer-action]'), function (b) {
    b.addEventListener('click', function () { timer(b.getAttribute('data-timer-action')); });
  });
  var tf = root.querySelector('[data-timer-form]');
  tf.addEventListener('submit', function (e) {
    e.preventDefault();
    if (!tf.reportValidity()) { return; }
    timer('start', Math.round(parseFloat(tf.elements.minutes.value) * 60));
  });

  // Presence: who is connected, by role.
  function presence(p) {
    var ul = root.querySelector('[data-presence]');
    L.clear(ul);
    ['facilitator', 'rapporteur', 'participant', 'admin'].forEach(function (role) {
      var n = (p.roles && p.roles[role]) || 0;
      var warn = role === 'rapporteur' && n === 0;
      ul.appendChild(el('li', { class: warn ? 'warn' : '' }, [
        el('span', { class: 'presence-n', text: String(n) }), ' ', t('role.' + role),
        warn ? el('span', { class: 'small', text: ' — ' + t('live.presence.no_rapporteur') }) : null]));
    });
  }

  // Choosing ideas.
  function chooser(it) {
    if (it.state !== 'saved') { return []; }
    var on = !!it.rec.chosen;
    var b = el('button', { type: 'button', class: on ? 'small' : 'secondary small', 'aria-pressed': on ? 'true' : 'false',
      text: on ? '★ ' + t('live.idea.unchoose') : t('live.idea.choose') });
    b.addEventListener('click', function () { live.send({ type: 'choose', id: it.rec.id, chosen: !on }); });
    return [b];
  }

  function render() {
    L.renderRecord(root, state, live.outbox, { idea: chooser });
    L.matrix(root.querySelector('[data-matrix]'), state.list('idea'));
    var cur = state.table.phase;
    if (cur) { root.querySelector('[data-phase-label]').textContent = L.phaseLabel(cur); }
    L.showPhaseParts(root, cur);
    var idx = phases.indexOf(cur);
    Array.prototype.forEach.call(root.querySelectorAll('[data-steps] li'), function (li, i) {
      li.className = i < idx ? 'done' : i === idx ? 'current' : '';
      if (i === idx) { li.setAttribute('aria-current', 'step'); } else { li.removeAttribute('aria-current'); }
    });
    var busy = pending('phase') || !cur;
    root.querySelector('[data-move="-1"]').disabled = busy || idx <= 0;
    root.querySelector('[data-move="1"]').disabled = busy || idx >= phases.length - 1;
    var tm = state.timer || {};
    root.querySelector('[data-timer-action="pause"]').disabled = !tm.running;
    root.querySelector('[data-timer-action="resume"]').disabled = tm.running || !tm.duration_s;
    root.querySelector('[data-timer-action="reset"]').disabled = !tm.duration_s;
  }

  render();
  live.connect();
}());
