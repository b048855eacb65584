/* Minka live client: the websocket protocol of docs/PROTOCOL.md, a
 * localStorage outbox that survives reloads, reconnection with backoff and
 * resume by seq, and the table record kept in memory. Page scripts
 * (rapporteur.js, facilitator.js, participant.js, plenary.js) build on
 * window.MinkaLive. No inline script or style: the page passes what it needs
 * in data- attributes of #live, including the translated strings. */
(function () {
  'use strict';

  var root = document.getElementById('live');
  if (!root) { return; }

  var STR = {};
  try { STR = JSON.parse(root.getAttribute('data-i18n') || '{}'); } catch (e) { STR = {}; }

  // t translates key, filling %d / %s / %.1f verbs in order.
  function t(key) {
    var s = Object.prototype.hasOwnProperty.call(STR, key) ? STR[key] : key;
    var args = Array.prototype.slice.call(arguments, 1);
    var i = 0;
    return s.replace(/%(\.\d+)?[sdvf]/g, function () { return i < args.length ? String(args[i++]) : ''; });
  }

  // uuid is a time-ordered (version 7) UUID: the first 48 bits are the
  // time in milliseconds, the rest random. Records and operations made one
  // after another get ids that sort one after another, so the server
  // appends them to its indexes instead of writing a random page for each
  // (docs/PROTOCOL.md). crypto.randomUUID needs a secure context, which a
  // workshop LAN served over http:// is not; getRandomValues works.
  function uuid() {
    var b = new Uint8Array(16);
    window.crypto.getRandomValues(b);
    var ms = Date.now();
    for (var j = 5; j >= 0; j--) { b[j] = ms % 256; ms = Math.floor(ms / 256); }
    b[6] = (b[6] & 0x0f) | 0x70;
    b[8] = (b[8] & 0x3f) | 0x80;
    var h = [];
    for (var i = 0; i < 16; i++) { h.push((b[i] + 0x100).toString(16).slice(1)); }
    return h.slice(0, 4).join('') + '-' + h.slice(4, 6).join('') + '-' + h.slice(6, 8).join('') + '-' +
      h.slice(8, 10).join('') + '-' + h.slice(10).join('');
  }

  // el builds an element: el('li', {class: 'x', text: 'y'}, [children]).
  function el(tag, attrs, children) {
    var n = document.createElement(tag);
    attrs = attrs || {};
    Object.keys(attrs).forEach(function (k) {
      var v = attrs[k];
      if (v === null || v === undefined || v === false) { return; }
      if (k === 'text') { n.textContent = v; } else if (k === 'class') { n.className = v; } else { n.setAttribute(k, v === true ? '' : v); }
    });
    (children || []).forEach(function (c) {
      if (c === null || c === undefined) { return; }
      n.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
    });
    return n;
  }

  function clear(n) { while (n.firstChild) { n.removeChild(n.firstChild); } }

  // ---------------------------------------------------------------- outbox

  // Outbox keeps operations until the server acknowledges them, in
  // localStorage, so that a reload or a dead battery loses nothing typed.
  function Outbox(key) {
    this.key = key;
    this.items = [];
    try { this.items = JSON.parse(window.localStorage.getItem(key) || '[]') || []; } catch (e) { this.items = []; }
  }
  Outbox.prototype.save = function () {
    try { window.localStorage.setItem(this.key, JSON.stringify(this.items)); } catch (e) { /* full or disabled: memory only */ }
  };
  Outbox.prototype.add = function (msg) {
    this.items = this.items.filter(function (m) { return m.op !== msg.op; });
    this.items.push(msg);
    this.save();
  };
  Outbox.prototype.remove = function (op) {
    var n = this.items.length;
    this.items = this.items.filter(function (m) { return m.op !== op; });
    if (this.items.length !== n) { this.save(); }
  };
  Outbox.prototype.list = function () { return this.items.slice(); };

  // ------------------------------------------------------------ connection

  // The connection state shown is honest: a heartbeat (an application ping
  // every PING_EVERY ms; any frame counts as an answer) and the browser's
  // online/offline events tell a dead link from a quiet one. Anything that
  // waits more than LATE ms (an operation not yet acknowledged, a ping not
  // yet answered) shows amber "unconfirmed"; red "offline" only when the
  // socket is known to be down; a link silent for DEAD_AFTER ms is dropped
  // and dialled again.
  var PING_EVERY = 3000, LATE = 3000, DEAD_AFTER = 12000;

  // Live is one room: it joins, resumes from the last seq it saw after a
  // reconnect, and resends the outbox once the server says it is synced.
  function Live(opts) {
    this.room = opts.room;
    this.h = opts;
    this.seq = null;
    this.ws = null;
    this.synced = false;
    this.attempt = 0;
    this.skew = 0;
    this.can = {};
    this.outbox = new Outbox('minka.outbox.' + opts.room);
    this.timer = null;
    this.loadedAt = Date.now();
    this.since = {};       // op → when it was queued here
    this.pingAt = 0;       // when the last heartbeat went out
    this.waitSince = null; // since when an answer is awaited (null: none)
    this.down = false;     // the socket is known to be closed
    this.lastSaved = null; // when the server last acknowledged an operation
    this.shown = '';
    var self = this;
    window.setInterval(function () { self.watch(); }, 1000);
    window.addEventListener('offline', function () { self.status(self.state); });
    window.addEventListener('online', function () {
      if (!self.ws) { window.clearTimeout(self.timer); self.attempt = 0; self.connect(); }
      self.status(self.state);
    });
  }
  Live.prototype.connect = function () {
    var self = this;
    var ws;
    try {
      // frames=lines: a burst comes as one message, a frame per line (docs/PROTOCOL.md).
      ws = new WebSocket((location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/ws?frames=lines');
    } catch (e) { self.retry(); return; }
    self.ws = ws;
    self.synced = false;
    self.status('connecting');
    ws.onopen = function () {
      var join = { type: 'join', room: self.room, lang: document.documentElement.lang };
      if (self.seq !== null) { join.since = self.seq; }
      ws.send(JSON.stringify(join));
    };
    ws.onmessage = function (e) {
      self.waitSince = null; // any frame is a sign of life
      // One frame per line, in order.
      String(e.data).split('\n').forEach(function (line) {
        var m;
        try { m = JSON.parse(line); } catch (err) { return; }
        if (m) { self.receive(m); }
      });
    };
    ws.onclose = function (e) {
      if (self.ws !== ws) { return; }
      self.ws = null;
      self.synced = false;
      self.down = true;
      self.status('offline');
      // 4401: the session ended (code regenerated, logout, expiry). Reloading
      // shows the join or login page instead of reconnecting without a seat.
      if (e && e.code === 4401) { window.location.reload(); return; }
      self.retry();
    };
  };
  Live.prototype.retry = function () {
    var self = this;
    var delay = Math.min(15000, 500 * Math.pow(2, self.attempt)) * (0.5 + Math.random() / 2);
    self.attempt++;
    window.clearTimeout(self.timer);
    self.timer = window.setTimeout(function () { self.connect(); }, delay);
  };
  // watch runs every second: the heartbeat, and a link that stopped
  // answering is dropped and dialled again.
  Live.prototype.watch = function () {
    var now = Date.now();
    if (this.ws && this.ws.readyState === 1 && this.synced) {
      if (now - this.pingAt >= PING_EVERY) {
        try { this.ws.send('{"type":"ping"}'); } catch (e) { /* onclose follows */ }
        this.pingAt = now;
        if (this.waitSince === null) { this.waitSince = now; }
      }
      if (this.waitSince !== null && now - this.waitSince > DEAD_AFTER) {
        var ws = this.ws;
        this.ws = null;
        this.synced = false;
        this.waitSince = null;
        try { ws.close(); } catch (e) { /* already gone */ }
        this.status('connecting');
        this.retry();
        return;
      }
    }
    this.status(this.state);
  };
  // shownState is what the pill says: online (green), unconfirmed (amber:
  // something waits more than LATE ms), offline (red: the socket is known
  // to be down, or the browser says it has no network) or connecting.
  Live.prototype.shownState = function () {
    var now = Date.now(), self = this, oldest = null;
    this.outbox.list().forEach(function (m) {
      var at = self.since[m.op] || self.loadedAt;
      if (oldest === null || at < oldest) { oldest = at; }
    });
    if (this.down || window.navigator.onLine === false) { return 'offline'; }
    if ((oldest !== null && now - oldest > LATE) || (this.waitSince !== null && now - this.waitSince > LATE)) { return 'unconfirmed'; }
    return this.state === 'online' ? 'online' : 'connecting';
  };
  Live.prototype.status = function (s) {
    this.state = s;
    var shown = this.shownState();
    var pending = this.outbox.list().length;
    var key = shown + '|' + pending + '|' + this.lastSaved;
    if (key === this.shown) { return; } // unchanged: nothing for a screen reader to repeat
    this.shown = key;
    if (this.h.onStatus) { this.h.onStatus(shown, pending, this.lastSaved); }
  };
  Live.prototype.receive = function (m) {
    var h = this.h;
    switch (m.type) {
      case 'welcome':
        this.skew = Date.parse(m.server_time) - Date.now();
        this.can = m.can || {};
        if (h.onWelcome) { h.onWelcome(m); }
        break;
      case 'snapshot':
        this.seq = m.seq;
        if (h.onSnapshot) { h.onSnapshot(m.state, m.reset); }
        break;
      case 'event':
        if (this.seq !== null && m.seq <= this.seq) { return; }
        this.seq = m.seq;
        if (h.onEvent) { h.onEvent(m); }
        break;
      case 'synced':
        this.synced = true;
        this.down = false;
        this.attempt = 0;
        this.flush();
        this.status('online');
        break;
      case 'ack':
        this.outbox.remove(m.op);
        delete this.since[m.op];
        this.lastSaved = Date.now();
        if (h.onAck) { h.onAck(m); }
        this.status(this.state);
        break;
      case 'error':
        if (m.op && m.code !== 'internal') { this.outbox.remove(m.op); delete this.since[m.op]; }
        if (m.code === 'internal') { this.later(); }
        if (h.onError) { h.onError(m); }
        this.status(this.state);
        break;
      case 'presence':
        if (h.onPresence) { h.onPresence(m); }
        break;
    }
  };
  // later resends the outbox after a server hiccup.
  Live.prototype.later = function () {
    var self = this;
    window.setTimeout(function () { self.flush(); }, 3000);
  };
  // flush sends the whole outbox at once, in order, without waiting for
  // acks: the server applies a connection's operations in the order sent
  // and answers them in that order (pipelining, docs/PROTOCOL.md).
  Live.prototype.flush = function () {
    var self = this;
    self.outbox.list().forEach(function (m) { self.raw(m); });
  };
  Live.prototype.raw = function (m) {
    if (this.ws && this.synced && this.ws.readyState === 1) { this.ws.send(JSON.stringify(m)); }
  };
  // send queues an operation in the outbox and sends it when connected.
  Live.prototype.send = function (msg) {
    if (!msg.op) { msg.op = uuid(); }
    this.since[msg.op] = Date.now();
    this.outbox.add(msg);
    this.raw(msg);
    this.status(this.state);
    return msg.op;
  };
  // now is the server's clock as this browser best knows it.
  Live.prototype.now = function () { return Date.now() + this.skew; };

  // ----------------------------------------------------------- table state

  var KINDS = ['profile_note', 'user_story', 'idea', 'prototype', 'feedback'];
  var SNAP = { profile_note: 'profile_notes', user_story: 'user_stories', idea: 'ideas', prototype: 'prototypes', feedback: 'feedback' };

  // TableState is the table's record as the events built it.
  function TableState() {
    this.table = {};
    this.timer = {};
    this.recs = {};
    var self = this;
    KINDS.forEach(function (k) { self.recs[k] = {}; });
  }
  TableState.prototype.load = function (s) {
    var self = this;
    self.table = s.table || {};
    self.timer = s.timer || {};
    KINDS.forEach(function (k) {
      self.recs[k] = {};
      (s[SNAP[k]] || []).forEach(function (r) { self.recs[k][r.id] = r; });
    });
  };
  TableState.prototype.apply = function (ev) {
    var d = ev.data || {};
    switch (ev.event) {
      case 'created':
      case 'updated':
      case 'deleted':
        if (!this.recs[d.kind] || !d.record) { return; }
        if (d.record.deleted_at) { delete this.recs[d.kind][d.record.id]; return; }
        var old = this.recs[d.kind][d.record.id];
        if (old && old.my_rating && !d.record.my_rating) { d.record.my_rating = old.my_rating; }
        this.recs[d.kind][d.record.id] = d.record;
        break;
      case 'rated':
        var idea = this.recs.idea[d.idea_id];
        if (idea) { idea.ratings = d.ratings; }
        break;
      case 'phase':
        this.table.phase = d.phase;
        this.table.phase_started_at = d.phase_started_at;
        break;
      case 'timer':
        this.timer = d.timer || {};
        break;
    }
  };
  // list returns the saved records of kind, oldest first.
  TableState.prototype.list = function (kind) {
    var m = this.recs[kind];
    return Object.keys(m).map(function (id) { return m[id]; }).sort(function (a, b) {
      return a.created_at < b.created_at ? -1 : a.created_at > b.created_at ? 1 : (a.id < b.id ? -1 : 1);
    });
  };
  // view merges the saved records with the outbox: every item carries
  // state 'saved', 'pending' (not yet acknowledged) or 'deleting'.
  TableState.prototype.view = function (kind, outbox) {
    var items = this.list(kind).map(function (r) { return { rec: r, state: 'saved' }; });
    var byID = {};
    items.forEach(function (it) { byID[it.rec.id] = it; });
    var self = this;
    outbox.list().forEach(function (m) {
      if (m.kind !== kind) { return; }
      if (m.type === 'create' && !self.recs[kind][m.data.id]) {
        var it = { rec: m.data, state: 'pending' };
        items.push(it);
        byID[m.data.id] = it;
      } else if (m.type === 'update' && byID[m.id]) {
        byID[m.id].rec = Object.assign({}, byID[m.id].rec, m.data);
        byID[m.id].state = 'pending';
      } else if (m.type === 'delete' && byID[m.id]) {
        byID[m.id].state = 'deleting';
      }
    });
    return items;
  };
  // expectedVersion is the version a record will have once the outbox's
  // pending edits of it are applied: the version the next edit must name.
  TableState.prototype.expectedVersion = function (kind, id, outbox) {
    var r = this.recs[kind][id];
    var v = r ? r.version : 1;
    outbox.list().forEach(function (m) {
      if (m.kind === kind && m.id === id && (m.type === 'update')) { v = Math.max(v, m.version + 1); }
    });
    return v;
  };

  // ----------------------------------------------------------------- timer

  function pad(n) { return (n < 10 ? '0' : '') + n; }

  // timerLeft is the timer's remaining milliseconds now.
  function timerLeft(timer, live) {
    if (!timer || !timer.duration_s) { return null; }
    var ms = timer.running && timer.ends_at ? Date.parse(timer.ends_at) - live.now() : timer.remaining_ms;
    return Math.max(0, ms || 0);
  }
  function timerText(ms) {
    if (ms === null) { return ''; }
    var s = Math.ceil(ms / 1000);
    return pad(Math.floor(s / 60)) + ':' + pad(s % 60);
  }
  // showTimer keeps node showing the timer, every half second.
  function showTimer(node, getTimer, live) {
    var base = node.className || 'timer';
    function tick() {
      var tm = getTimer();
      var ms = timerLeft(tm, live);
      if (ms === null) {
        node.textContent = '';
        node.className = base;
        node.hidden = true;
        return;
      }
      node.hidden = false;
      node.textContent = (ms === 0 && tm.running) ? t('live.timer.done') : timerText(ms) + (tm.running ? '' : ' · ' + t('live.timer.paused'));
      node.className = base + (ms === 0 ? ' done' : '') + (tm.running ? '' : ' paused');
    }
    tick();
    window.setInterval(tick, 500);
    return tick;
  }

  // ---------------------------------------------------------------- status

  function clockText(ms) {
    var d = new Date(ms);
    return pad(d.getHours()) + ':' + pad(d.getMinutes()) + ':' + pad(d.getSeconds());
  }

  // showStatus renders the connection state, the operations waiting and
  // the time of the last save into node: "En línea · último guardado
  // 10:42:07", "Sin confirmar · 2 pendientes", "Sin conexión — reintentando".
  function showStatus(node) {
    return function (state, pending, lastSaved) {
      state = state || 'connecting';
      var txt = t('live.status.' + state);
      if (pending > 0) { txt += ' · ' + t('live.status.pending', pending); }
      if (state === 'online' && lastSaved) { txt += ' · ' + t('live.status.last_saved', clockText(lastSaved)); }
      node.textContent = txt;
      node.className = 'live-status ' + state;
    };
  }

  // alert shows a translated message in the page's alert region.
  function alert(msg, kind) {
    var box = document.getElementById('live-alerts');
    if (!box) { return; }
    var p = el('p', { class: 'alert ' + (kind || 'error'), role: 'alert' }, [msg, ' ']);
    var close = el('button', { type: 'button', class: 'link', text: t('live.action.dismiss') });
    close.addEventListener('click', function () { p.remove(); });
    p.appendChild(close);
    box.appendChild(p);
    while (box.children.length > 3) { box.removeChild(box.firstChild); }
    // Good news goes away by itself; errors stay until dismissed.
    if (kind === 'info' || kind === 'ok') { window.setTimeout(function () { p.remove(); }, 6000); }
  }

  // errorText is an error frame's message with its field messages.
  function errorText(m) {
    var txt = m.message || '';
    if (m.fields) {
      Object.keys(m.fields).forEach(function (f) { txt += ' ' + m.fields[f]; });
    }
    return txt;
  }

  // ---------------------------------------------------------------- matrix

  var SVGNS = 'http://www.w3.org/2000/svg';
  function svg(tag, attrs, text) {
    var n = document.createElementNS(SVGNS, tag);
    Object.keys(attrs || {}).forEach(function (k) { n.setAttribute(k, attrs[k]); });
    if (text !== undefined) { n.textContent = text; }
    return n;
  }

  // spread places the rated ideas on the matrix: each at its mean
  // (feasibility, impact); ideas that would cover one another (centres
  // closer than a dot) are set around their common centre, so that every
  // one stays visible and can be told apart.
  function spread(rated, pos, r) {
    var groups = [];
    rated.forEach(function (idea, i) {
      var p = pos(idea);
      var g = null;
      for (var k = 0; k < groups.length && !g; k++) {
        if (Math.abs(groups[k].x - p.x) < 2 * r && Math.abs(groups[k].y - p.y) < 2 * r) { g = groups[k]; }
      }
      if (!g) { g = { x: p.x, y: p.y, members: [] }; groups.push(g); }
      g.members.push(i);
    });
    var out = [];
    groups.forEach(function (g) {
      var n = g.members.length;
      var ring = n === 1 ? 0 : r * 1.15 / Math.sin(Math.PI / Math.max(n, 2));
      g.members.forEach(function (i, k) {
        var a = -Math.PI / 2 + 2 * Math.PI * k / n;
        out[i] = { x: g.x + ring * Math.cos(a), y: g.y + ring * Math.sin(a), cx: g.x, cy: g.y, shared: n };
      });
    });
    return out;
  }

  // matrix draws the impact × feasibility matrix of the rated ideas into
  // node, with a table of the same numbers (the accessible reading). The
  // four quadrants are named; every dot carries its number and, where there
  // is room (tablets, laptops, the projector), a short label.
  function matrix(node, ideas) {
    clear(node);
    var rated = ideas.filter(function (i) { return i.ratings && i.ratings.count > 0; });
    if (!rated.length) {
      node.appendChild(el('p', { class: 'muted', text: t('live.matrix.empty') }));
      return;
    }
    var W = 480, P = 44, T = 10, S = (W - P - T) / 4, R = 13;
    var g = svg('svg', { viewBox: '0 0 ' + W + ' ' + W, role: 'img', 'aria-label': t('live.matrix.title'), class: 'matrix-svg' });
    g.appendChild(svg('rect', { x: P, y: T, width: W - P - T, height: W - P - T, class: 'mx-bg' }));
    g.appendChild(svg('rect', { x: P + 2 * S, y: T, width: 2 * S, height: 2 * S, class: 'mx-best' }));
    for (var k = 0; k <= 4; k++) {
      g.appendChild(svg('line', { x1: P + k * S, y1: T, x2: P + k * S, y2: W - P, class: 'mx-grid' + (k === 2 ? ' mid' : '') }));
      g.appendChild(svg('line', { x1: P, y1: T + k * S, x2: W - T, y2: T + k * S, class: 'mx-grid' + (k === 2 ? ' mid' : '') }));
      g.appendChild(svg('text', { x: P + k * S, y: W - P + 18, class: 'mx-tick' }, String(k + 1)));
      g.appendChild(svg('text', { x: P - 14, y: W - P - k * S + 5, class: 'mx-tick' }, String(k + 1)));
    }
    // The quadrants, named where a facilitator looks for them.
    [['best', P + 3 * S, T + 16], ['strategic', P + S, T + 16], ['easy', P + 3 * S, W - P - 8], ['later', P + S, W - P - 8]].forEach(function (q) {
      g.appendChild(svg('text', { x: q[1], y: q[2], class: 'mx-quad q-' + q[0] }, t('live.matrix.q.' + q[0])));
    });
    g.appendChild(svg('text', { x: P + (W - P) / 2, y: W - 6, class: 'mx-axis' }, t('live.matrix.feasibility')));
    g.appendChild(svg('text', { x: 14, y: (W - P) / 2, class: 'mx-axis', transform: 'rotate(-90 14 ' + (W - P) / 2 + ')' }, t('live.matrix.impact')));
    var spots = spread(rated, function (idea) {
      return { x: P + (idea.ratings.feasibility - 1) * S, y: T + (5 - idea.ratings.impact) * S };
    }, R);
    var table = el('table', { class: 'matrix-table' });
    table.appendChild(el('caption', { text: t('live.matrix.title') }));
    table.appendChild(el('thead', {}, [el('tr', {}, [
      el('th', { scope: 'col', text: '#' }), el('th', { scope: 'col', text: t('live.idea.title') }),
      el('th', { scope: 'col', class: 'num', text: t('live.matrix.impact') }),
      el('th', { scope: 'col', class: 'num', text: t('live.matrix.feasibility') }),
      el('th', { scope: 'col', class: 'num', text: t('live.matrix.raters') })])]));
    var tb = el('tbody');
    var marks = svg('g', { class: 'mx-marks' });
    var dots = svg('g', { class: 'mx-dots' });
    rated.forEach(function (idea, i) {
      var p = spots[i];
      if (p.shared > 1) {
        marks.appendChild(svg('line', { x1: p.cx, y1: p.cy, x2: p.x, y2: p.y, class: 'mx-tie' }));
      }
      var dot = svg('g', { class: 'mx-point' + (idea.chosen ? ' chosen' : ''), 'data-idea': idea.id || '' });
      dot.appendChild(svg('circle', { cx: p.x, cy: p.y, r: R, class: 'mx-dot' + (idea.chosen ? ' chosen' : '') }));
      dot.appendChild(svg('text', { x: p.x, y: p.y + 5, class: 'mx-label' }, String(i + 1)));
      var right = p.x < W - 150;
      var lbl = (idea.title || '').replace(/^¿?\s*c[óo]mo podr[íi]amos\s+/i, '');
      dot.appendChild(svg('text', { x: right ? p.x + R + 4 : p.x - R - 4, y: p.y + 5, class: 'mx-short' + (right ? '' : ' end') },
        lbl.length > 22 ? lbl.slice(0, 21) + '…' : lbl));
      dots.appendChild(dot);
      tb.appendChild(el('tr', { class: idea.chosen ? 'chosen' : '' }, [
        el('td', { text: String(i + 1) }),
        el('td', { text: idea.title + (idea.chosen ? ' ★ ' + t('live.idea.chosen') : '') }),
        el('td', { class: 'num', text: idea.ratings.impact.toFixed(2) }),
        el('td', { class: 'num', text: idea.ratings.feasibility.toFixed(2) }),
        el('td', { class: 'num', text: String(idea.ratings.count) })]));
    });
    g.appendChild(marks);
    g.appendChild(dots);
    table.appendChild(tb);
    node.appendChild(g);
    node.appendChild(el('div', { class: 'table-wrap' }, [table]));
  }

  // ---------------------------------------------------------- record views

  function badge(state) {
    if (state === 'saved') { return el('span', { class: 'state saved', text: t('live.state.saved') }); }
    if (state === 'deleting') { return el('span', { class: 'state pending', text: t('live.state.deleting') }); }
    return el('span', { class: 'state pending', text: t('live.state.pending') });
  }

  // describe is the human text of a record of kind.
  function describe(kind, r) {
    switch (kind) {
      case 'profile_note': return [t('live.note.' + r.kind), r.text];
      case 'user_story': return [t('live.story.as') + ' ' + r.as_who + ', ' + t('live.story.want') + ' ' + r.want + ' ' + t('live.story.so_that') + ' ' + r.so_that];
      case 'idea': return [r.title, r.description || '', t('principle.' + (r.principle || 'none'))];
      case 'prototype': return [r.description, r.iteration ? t('live.prototype.iteration') + ': ' + r.iteration : ''];
      case 'feedback': return [t('live.feedback.' + r.kind), r.text];
    }
    return [''];
  }

  // item renders one record as a list item with its save state.
  function item(kind, it, extra) {
    var parts = describe(kind, it.rec);
    var li = el('li', { class: 'item ' + kind + ' ' + it.state, 'data-id': it.rec.id });
    var body = el('div', { class: 'item-body' });
    if (kind === 'profile_note' || kind === 'feedback') {
      body.appendChild(el('span', { class: 'tag ' + it.rec.kind, text: parts[0] }));
      body.appendChild(el('p', { text: parts[1] }));
    } else if (kind === 'idea') {
      body.appendChild(el('p', { class: 'idea-title', text: parts[0] }));
      if (parts[1]) { body.appendChild(el('p', { text: parts[1] })); }
      body.appendChild(el('span', { class: 'tag principle-' + (it.rec.principle || 'none'), text: parts[2] }));
      if (it.rec.chosen) { body.appendChild(el('span', { class: 'tag chosen', text: '★ ' + t('live.idea.chosen') })); }
      if (it.rec.ratings && it.rec.ratings.count > 0) {
        body.appendChild(el('span', { class: 'muted small', text: ' ' + t('live.rating.summary', it.rec.ratings.impact.toFixed(1), it.rec.ratings.feasibility.toFixed(1), it.rec.ratings.count) }));
      }
    } else {
      parts.forEach(function (p) { if (p) { body.appendChild(el('p', { text: p })); } });
    }
    if (kind === 'prototype' && it.rec.photo_path) {
      body.appendChild(el('img', { src: '/uploads/' + it.rec.photo_path, alt: t('live.prototype.photo_alt'), class: 'photo', loading: 'lazy' }));
    }
    li.appendChild(body);
    var meta = el('div', { class: 'item-meta' }, [badge(it.state)]);
    if (extra) { extra.forEach(function (x) { meta.appendChild(x); }); }
    li.appendChild(meta);
    return li;
  }

  // renderList fills ul with the items of kind (optionally filtered).
  function renderList(ul, kind, items, extraFor, emptyKey) {
    clear(ul);
    items.forEach(function (it) { ul.appendChild(item(kind, it, extraFor ? extraFor(it) : null)); });
    if (!items.length && emptyKey) { ul.appendChild(el('li', { class: 'muted empty', text: t(emptyKey) })); }
  }

  function short(s) {
    s = s || '';
    return s.length > 40 ? s.slice(0, 40) + '…' : s;
  }

  // renderRecord fills every [data-list] and [data-count] inside scope from
  // the state and the outbox; extras[kind](item) may add buttons to items;
  // opts.newestFirst lists the newest on top (the rapporteur's capture).
  function renderRecord(scope, state, outbox, extras, opts) {
    KINDS.forEach(function (kind) {
      var items = state.view(kind, outbox);
      if (opts && opts.newestFirst) { items.reverse(); }
      var ul = scope.querySelector('[data-list="' + kind + '"]');
      if (ul) {
        renderList(ul, kind, items, extras && extras[kind], 'live.empty');
        if (kind === 'feedback') {
          items.forEach(function (it, i) {
            var p = state.recs.prototype[it.rec.prototype_id];
            var li = ul.children[i];
            if (p && li) { li.querySelector('.item-body').appendChild(el('p', { class: 'muted small', text: t('live.feedback.about') + ': ' + short(p.description) })); }
          });
        }
      }
      Array.prototype.forEach.call(scope.querySelectorAll('[data-count="' + kind + '"]'), function (cnt) {
        cnt.textContent = '(' + items.length + ')';
      });
    });
  }

  // phaseLabel is the translated name of a phase.
  function phaseLabel(p) { return t('phase.' + p); }

  // showPhaseParts shows, inside scope, the parts made for phase p (the
  // route's script, the profile, the challenge: [data-for-phase]) and hides
  // the others. The page is rendered with the table's phase already shown.
  function showPhaseParts(scope, p) {
    if (!p) { return; }
    Array.prototype.forEach.call(scope.querySelectorAll('[data-for-phase]'), function (part) {
      var on = part.getAttribute('data-for-phase') === p;
      if (part.hidden === on) { part.hidden = !on; }
    });
  }

  window.MinkaLive = {
    root: root, t: t, uuid: uuid, el: el, clear: clear, Live: Live, TableState: TableState,
    showTimer: showTimer, showStatus: showStatus, alert: alert, errorText: errorText, matrix: matrix,
    item: item, renderList: renderList, renderRecord: renderRecord, short: short, badge: badge, phaseLabel: phaseLabel, showPhaseParts: showPhaseParts, KINDS: KINDS
  };
}());
