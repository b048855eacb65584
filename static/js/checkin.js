// Check-in desk: instant search over the server-rendered list and attendance
// marked through the JSON API without reloading the page. Without this
// script the page still works: the search box submits, the buttons post forms.
(function () {
  "use strict";
  var root = document.getElementById("checkin");
  var list = document.getElementById("checkin-list");
  if (!root || !list) { return; }
  var csrf = document.body.getAttribute("data-csrf") || "";
  var input = document.getElementById("q");
  var count = document.getElementById("checkin-count");
  var live = document.getElementById("checkin-live");
  var empty = document.getElementById("checkin-empty");
  var attended = document.getElementById("checkin-attended");
  var items = Array.prototype.slice.call(list.querySelectorAll(".checkin-item"));
  var msg = function (name) { return root.getAttribute("data-" + name) || ""; };

  root.classList.add("js");

  // fold mirrors model.Fold: lower case, no accents, single spaces.
  function fold(s) {
    return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/\s+/g, " ").trim();
  }

  function filter() {
    var words = fold(input.value).split(" ").filter(Boolean);
    var shown = 0;
    items.forEach(function (li) {
      var text = li.getAttribute("data-search");
      var ok = words.every(function (w) { return text.indexOf(w) >= 0; });
      li.hidden = !ok;
      if (ok) { shown++; }
    });
    if (empty) { empty.hidden = shown > 0; }
    count.textContent = msg("msg-count").replace("%d", shown).replace("%d", items.length);
    return shown;
  }

  input.addEventListener("input", filter);
  input.form.addEventListener("submit", function (e) {
    // Enter: no reload; with one match left, jump to its button.
    e.preventDefault();
    var visible = items.filter(function (li) { return !li.hidden; });
    if (visible.length === 1) { visible[0].querySelector(".js-checkin button").focus(); }
  });

  // Counters start from the server's figures (the list may be a server-side
  // search) and move with each answer of the API.
  var spans = Array.prototype.slice.call(root.querySelectorAll("[data-table-count]"));
  var counts = {};
  spans.forEach(function (span) { counts[span.getAttribute("data-table-count")] = parseInt(span.textContent, 10) || 0; });
  var attendedN = parseInt(attended.textContent, 10) || 0;

  function applyDelta(wasIn, wasTable, p) {
    if (wasIn) {
      attendedN--;
      if (wasTable) { counts[wasTable] = (counts[wasTable] || 1) - 1; }
    }
    if (p.checked_in_at) {
      attendedN++;
      if (p.table_id) { counts[p.table_id] = (counts[p.table_id] || 0) + 1; }
    }
    attended.textContent = attendedN;
    spans.forEach(function (span) { span.textContent = counts[span.getAttribute("data-table-count")] || 0; });
  }

  // Untouched selects follow the emptiest table, so tables fill evenly.
  function suggest() {
    var best = "", fewest = -1;
    spans.forEach(function (span) {
      var id = span.getAttribute("data-table-count");
      if (fewest < 0 || counts[id] < fewest) { best = id; fewest = counts[id]; }
    });
    items.forEach(function (li) {
      var sel = li.querySelector("select");
      if (sel && !sel.getAttribute("data-touched") && !li.classList.contains("is-in")) { sel.value = best; }
    });
  }

  function render(li, p) {
    var sel = li.querySelector("select");
    var state = li.querySelector("[data-state]");
    var undo = li.querySelector(".js-undo");
    var btn = li.querySelector(".js-checkin button");
    var isIn = !!p.checked_in_at;
    li.classList.toggle("is-in", isIn);
    li.setAttribute("data-table", isIn ? (p.table_id || "") : "");
    var label = msg("msg-registered");
    if (isIn) {
      label = "✔ " + msg("msg-in");
      if (p.table_id) {
        sel.value = p.table_id;
        label += " · " + sel.options[sel.selectedIndex].text;
      }
    }
    state.textContent = label;
    undo.hidden = !isIn;
    btn.textContent = isIn ? msg("btn-move") : msg("btn-in");
    return label;
  }

  function send(li, method, body) {
    var id = li.getAttribute("data-id");
    var name = li.querySelector(".name").textContent;
    var wasIn = li.classList.contains("is-in");
    var wasTable = li.getAttribute("data-table") || "";
    li.setAttribute("aria-busy", "true");
    return fetch("/api/v1/participants/" + id + "/checkin", {
      method: method,
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf, "Accept": "application/json" },
      body: body ? JSON.stringify(body) : null
    }).then(function (res) {
      return res.json().then(function (data) {
        if (!res.ok) { throw new Error((data && data.error && data.error.message) || msg("msg-error")); }
        return data;
      });
    }).then(function (p) {
      var label = render(li, p);
      applyDelta(wasIn, wasTable, p);
      suggest();
      live.textContent = name + ": " + (method === "DELETE" ? msg("msg-undone") : label);
    }).catch(function (err) {
      live.textContent = name + ": " + err.message;
      window.alert(name + ": " + err.message);
    }).then(function () {
      li.removeAttribute("aria-busy");
    });
  }

  items.forEach(function (li) {
    var sel = li.querySelector("select");
    var isIn = li.classList.contains("is-in");
    li.setAttribute("data-table", isIn ? sel.value : "");
    sel.addEventListener("change", function () { sel.setAttribute("data-touched", "1"); });
    li.querySelector(".js-checkin").addEventListener("submit", function (e) {
      e.preventDefault();
      send(li, "POST", { table_id: sel.value });
    });
    li.querySelector(".js-undo").addEventListener("submit", function (e) {
      e.preventDefault();
      sel.removeAttribute("data-touched");
      send(li, "DELETE", null);
    });
  });

  filter();
})();
