/* Rapporteur console: add, edit and delete every contribution of the table.
 * Each change goes to the outbox first (shown "pending") and becomes
 * "saved" when the server acknowledges it after commit. */
(function () {
  'use strict';
  var L = window.MinkaLive;
  if (!L) { return; }
  var root = L.root, t = L.t, el = L.el;
  var tableID = root.getAttribute('data-table');
  var state = new L.TableState();
  var sent = {};   // op → message, to give a refused form back its text
  var photos = {}; // op → {id, file}: upload the photo once that op is durable
  var phase = null;

  var forms = {};
  Array.prototype.forEach.call(root.querySelectorAll('form[data-kind]'), function (f) {
    forms[f.getAttribute('data-kind')] = f;
    f.addEventListener('submit', submit);
    f.querySelector('[data-cancel]').addEventListener('click', function () { resetForm(f); });
    var d = f.querySelector('[data-delete]');
    if (d) {
      d.addEventListener('click', function () {
        var kind = f.getAttribute('data-kind');
        var rec = state.recs[kind][f.getAttribute('data-edit-id')];
        if (rec) { del(kind, rec, function () { resetForm(f); }); }
      });
    }
  });
  var rateForm = root.querySelector('form[data-rate-form]');

  var live = new L.Live({
    room: root.getAttribute('data-room'),
    onStatus: L.showStatus(root.querySelector('[data-status]')),
    onSnapshot: function (s) { state.load(s); render(); },
    onEvent: function (ev) { state.apply(ev); render(); },
    onAck: function (m) {
      delete sent[m.op];
      if (photos[m.op]) { upload(photos[m.op].id, photos[m.op].file); delete photos[m.op]; }
      render();
    },
    onError: function (m) {
      if (m.code === 'stale' && m.current && state.recs[m.kind]) { state.recs[m.kind][m.current.id] = m.current; }
      var msg = sent[m.op];
      if (msg && m.code === 'invalid' && msg.data && forms[msg.kind]) {
        // Give the text back so that nothing typed is lost.
        fill(forms[msg.kind], msg.data);
        if (msg.type === 'update') { editMode(forms[msg.kind], msg.id); }
      }
      delete sent[m.op];
      delete photos[m.op];
      L.alert(L.errorText(m));
      render();
    }
  });
  L.showTimer(root.querySelector('[data-timer]'), function () { return state.timer; }, live);

  // ----------------------------------------------------------------- forms

  // values reads a form's named controls (files and hidden ones aside).
  function values(form) {
    var data = {};
    Array.prototype.forEach.call(form.elements, function (c) {
      if (!c.name || c.type === 'file' || c.type === 'hidden') { return; }
      if (c.type === 'radio') { if (c.checked) { data[c.name] = c.value; } return; }
      data[c.name] = c.value.trim();
    });
    return data;
  }

  function fill(form, rec) {
    Array.prototype.forEach.call(form.elements, function (c) {
      if (!c.name || !(c.name in rec) || c.type === 'file') { return; }
      if (c.type === 'radio') { c.checked = c.value === rec[c.name]; } else { c.value = rec[c.name] || ''; }
    });
  }

  function editMode(form, id) {
    form.setAttribute('data-edit-id', id);
    form.querySelector('[data-submit]').textContent = t('live.action.save_changes');
    form.querySelector('[data-cancel]').hidden = false;
    var d = form.querySelector('[data-delete]');
    if (d) { d.hidden = false; }
    form.classList.add('editing');
  }

  // sticky fields stay as they were after adding, to add several alike quickly.
  // The idea's principle stays too: after the first idea, capturing one is
  // typing and Enter.
  var STICKY = { profile_note: ['kind'], feedback: ['kind', 'prototype_id'], idea: ['principle'] };

  function resetForm(form) {
    var keep = {};
    (STICKY[form.getAttribute('data-kind')] || []).forEach(function (n) { keep[n] = values(form)[n]; });
    form.reset();
    fill(form, keep);
    form.removeAttribute('data-edit-id');
    form.querySelector('[data-submit]').textContent = t('live.action.add');
    form.querySelector('[data-cancel]').hidden = true;
    var d = form.querySelector('[data-delete]');
    if (d) { d.hidden = true; }
    var more = form.querySelector('[data-more]');
    if (more) { more.open = false; }
    form.classList.remove('editing');
    syncChips(form);
  }

  // The idea's principle is optional: a chip tapped when it is already
  // chosen is cleared (radio buttons cannot be unchosen by themselves).
  function syncChips(form) {
    Array.prototype.forEach.call(form.querySelectorAll('input[name=principle]'), function (r) {
      r.setAttribute('data-was', r.checked ? '1' : '');
    });
  }
  Array.prototype.forEach.call(root.querySelectorAll('form[data-capture] input[name=principle]'), function (r) {
    r.addEventListener('click', function () {
      if (r.getAttribute('data-was') === '1') { r.checked = false; }
      syncChips(r.form);
    });
  });

  // With the on-screen keyboard open, the capture form keeps the title, the
  // principle chips and the add button in sight: focusing the title (and
  // the window shrinking as the keyboard opens) brings the form's top just
  // under the sticky bar.
  var capture = root.querySelector('form[data-capture]');
  if (capture) {
    var keepInSight = function () {
      var a = document.activeElement;
      if (a && a === capture.elements.title && !capture.hasAttribute('data-edit-id')) {
        var bar = root.querySelector('.live-bar');
        var below = bar ? bar.getBoundingClientRect().bottom : 0;
        window.scrollBy(0, capture.getBoundingClientRect().top - below - 8);
      }
    };
    // At once, not later: a scroll after the focus would move what the
    // finger is about to tap.
    capture.elements.title.addEventListener('focus', keepInSight);
    window.addEventListener('resize', keepInSight);
  }

  // ----------------------------------------------------------------- toast

  // The capture form's toast: "Agregado · Deshacer" for a few seconds
  // after an idea is added; Deshacer deletes it (queued after the create,
  // so it holds even before the server has confirmed the idea).
  var toast = root.querySelector('[data-toast]');
  var toastTimer = null;
  var toastRec = null;
  function showToast(kind, rec) {
    if (!toast) { return; }
    toastRec = { kind: kind, rec: rec };
    toast.querySelector('[data-toast-text]').textContent = t('live.capture.added') + ': ' + L.short(rec.title || '');
    toast.querySelector('[data-undo]').hidden = false;
    toast.hidden = false;
    window.clearTimeout(toastTimer);
    toastTimer = window.setTimeout(function () { toast.hidden = true; toastRec = null; }, 8000);
  }
  if (toast) {
    toast.querySelector('[data-undo]').addEventListener('click', function () {
      if (!toastRec) { return; }
      var k = toastRec.kind, r = toastRec.rec;
      live.send({ type: 'delete', op: L.uuid(), kind: k, id: r.id, version: state.expectedVersion(k, r.id, live.outbox) });
      toast.querySelector('[data-toast-text]').textContent = t('live.capture.undone', L.short(r.title || ''));
      toast.querySelector('[data-undo]').hidden = true;
      toastRec = null;
      window.clearTimeout(toastTimer);
      toastTimer = window.setTimeout(function () { toast.hidden = true; }, 4000);
      render();
      var f = forms[k];
      if (f) { f.querySelector('input:not([type=radio])').focus(); }
    });
  }

  function submit(e) {
    e.preventDefault();
    var form = e.target;
    var kind = form.getAttribute('data-kind');
    if (!form.reportValidity()) { return; }
    var data = values(form);
    var editID = form.getAttribute('data-edit-id');
    var msg;
    if (editID) {
      msg = { type: 'update', op: L.uuid(), kind: kind, id: editID, version: state.expectedVersion(kind, editID, live.outbox), data: data };
    } else {
      data.id = L.uuid();
      msg = { type: 'create', op: data.id, kind: kind, data: data };
    }
    var file = form.querySelector('[data-photo]');
    if (file && file.files && file.files[0]) {
      photos[msg.op] = { id: editID || data.id, file: file.files[0] };
      if (live.state !== 'online') { L.alert(t('live.prototype.photo_waits'), 'info'); }
    }
    sent[msg.op] = msg;
    live.send(msg);
    resetForm(form);
    render();
    if (!editID && form.hasAttribute('data-capture')) { showToast(kind, data); }
    var first = form.querySelector('input:not([type=radio]):not([type=file]), textarea');
    if (first && !editID) { first.focus(); }
  }

  function edit(kind, rec) {
    var form = forms[kind];
    resetForm(form);
    fill(form, rec);
    syncChips(form);
    editMode(form, rec.id);
    var sec = form.closest('details');
    if (sec) { sec.open = true; }
    form.scrollIntoView({ block: 'start' });
    var first = form.querySelector('input:not([type=radio]):not([type=file]), textarea, select');
    if (first) { first.focus(); }
  }

  function del(kind, rec, done) {
    if (!window.confirm(t('live.confirm.delete'))) { return; }
    live.send({ type: 'delete', op: L.uuid(), kind: kind, id: rec.id, version: state.expectedVersion(kind, rec.id, live.outbox) });
    if (done) { done(); }
    render();
  }

  rateForm.addEventListener('submit', function (e) {
    e.preventDefault();
    if (!rateForm.reportValidity()) { return; }
    var v = values(rateForm);
    var msg = { type: 'rate', op: L.uuid(), idea_id: v.idea_id, impact: parseInt(v.impact, 10), feasibility: parseInt(v.feasibility, 10) };
    if (v.rater) { msg.rater = v.rater; }
    live.send(msg);
    var idea = v.idea_id;
    rateForm.reset();
    rateForm.querySelector('[data-idea-select]').value = idea;
    L.alert(t('live.rate.sent'), 'info');
  });

  // ---------------------------------------------------------------- photos

  function upload(protoID, file) {
    var fd = new FormData();
    fd.append('photo', file);
    fd.append('op', L.uuid());
    L.alert(t('live.prototype.uploading'), 'info');
    window.fetch('/tables/' + tableID + '/prototypes/' + protoID + '/photo', {
      method: 'POST', body: fd, credentials: 'same-origin',
      headers: { 'Accept': 'application/json', 'X-CSRF-Token': document.body.getAttribute('data-csrf') }
    }).then(function (r) {
      return r.json().then(function (j) { return { ok: r.ok, j: j }; });
    }).then(function (res) {
      if (res.ok) { L.alert(t('live.prototype.photo_saved'), 'ok'); return; }
      var e = res.j.error || {};
      L.alert((e.message || '') + ' ' + ((e.fields && e.fields.photo) || ''));
    }).catch(function () { L.alert(t('live.prototype.photo_failed')); });
  }

  // ---------------------------------------------------------------- render

  function actions(kind) {
    return function (it) {
      if (it.state === 'deleting') { return []; }
      // Deleting is done from the edit form (no red button on every item).
      var b1 = el('button', { type: 'button', class: 'secondary small', text: t('action.edit') });
      b1.addEventListener('click', function () { edit(kind, it.rec); });
      b1.setAttribute('aria-label', t('action.edit') + ': ' + label(kind, it.rec));
      return [b1];
    };
  }

  function label(kind, r) {
    return L.short(kind === 'user_story' ? r.want : kind === 'idea' ? r.title : kind === 'prototype' ? r.description : r.text);
  }

  function options(select, recs, text, optional) {
    var keep = select.value;
    L.clear(select);
    select.appendChild(el('option', { value: '', text: optional ? t('live.select.none') : t('live.select.choose') }));
    recs.forEach(function (r) { select.appendChild(el('option', { value: r.id, text: text(r) })); });
    select.value = keep;
  }

  function render() {
    var extras = {};
    L.KINDS.forEach(function (kind) { extras[kind] = actions(kind); });
    L.renderRecord(root, state, live.outbox, extras, { newestFirst: true });
    var ideas = state.list('idea');
    var sorted = ideas.slice().sort(function (a, b) { return (b.chosen ? 1 : 0) - (a.chosen ? 1 : 0); });
    Array.prototype.forEach.call(root.querySelectorAll('[data-idea-select]'), function (s) {
      options(s, s.hasAttribute('data-optional') ? sorted : ideas, function (r) { return (r.chosen ? '★ ' : '') + r.title; }, s.hasAttribute('data-optional'));
    });
    options(root.querySelector('[data-prototype-select]'), state.list('prototype'), function (r) { return label('prototype', r); }, false);
    L.matrix(root.querySelector('[data-matrix]'), ideas);
    showPhase(state.table.phase);
  }

  function showPhase(p) {
    if (!p) { return; }
    var badge = root.querySelector('[data-phase-label]');
    badge.textContent = L.phaseLabel(p);
    if (p === phase) { return; }
    phase = p;
    // The table's phase opens; the others fold away (they stay one tap away).
    Array.prototype.forEach.call(root.querySelectorAll('details[data-phase]'), function (d) {
      var cur = d.getAttribute('data-phase') === p;
      d.classList.toggle('current', cur);
      d.open = cur;
    });
  }

  render();
  live.connect();
}());
