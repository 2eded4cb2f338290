// drp report: the trace viewer. Model text is inserted with textContent only, never as markup.
(function () {
  'use strict';
  var LIMIT = 300;
  var dataNode = document.getElementById('drp-data');
  if (!dataNode) { return; }
  var data = JSON.parse(dataNode.textContent);
  var traces = data.traces;
  var skills = data.skills;
  var actions = data.actions;
  var root = document.getElementById('viewer');
  if (!root || traces.length === 0) { return; }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }
  function lower(s) { return s ? String(s).toLowerCase() : ''; }
  function reduction(t) { return t.tb && t.ta !== undefined ? 1 - t.ta / t.tb : -Infinity; }
  function skillName(i) { return i >= 0 ? lower(skills[i]).replace('_', ' ') : 'unlabelled'; }
  function actionName(i) { return i >= 0 ? lower(actions[i]) : 'undecided'; }
  function pct(r) { var v = Math.round(100 * r); return v >= 0 ? '−' + v + '%' : '+' + (-v) + '%'; }
  function fmt(n) { return n === undefined || n === null ? '?' : Number(n).toLocaleString('en-US'); }

  var q = document.getElementById('v-search');
  var sort = document.getElementById('v-sort');
  var status = document.getElementById('v-status');
  var arm = document.getElementById('v-arm');
  var list = document.getElementById('v-list');
  var count = document.getElementById('v-count');
  var prev = document.getElementById('v-prev');
  var next = document.getElementById('v-next');
  var filters = document.getElementById('v-filters');
  var hay = new Array(traces.length);
  var shown = [];
  var current = -1;

  // arms and filter boxes
  var arms = [];
  traces.forEach(function (t) { if (arms.indexOf(t.arm) < 0) { arms.push(t.arm); } });
  arms.forEach(function (a) { var o = el('option', null, a); o.value = a; arm.appendChild(o); });
  if (arms.length < 2) { arm.parentNode.hidden = true; }
  function boxes(title, names, kind) {
    var fs = el('fieldset', 'filter-group');
    fs.appendChild(el('legend', null, title));
    names.forEach(function (n, i) {
      var label = el('label', 'check ' + kind + '-' + lower(n));
      var box = document.createElement('input');
      box.type = 'checkbox';
      box.checked = true;
      box.dataset.kind = kind;
      box.dataset.index = String(i);
      box.addEventListener('change', applyFilters);
      label.appendChild(box);
      label.appendChild(el('span', kind === 'action' ? 'badge act-' + lower(n) : null,
        kind === 'action' ? lower(n) : lower(n).replace('_', ' ')));
      fs.appendChild(label);
    });
    filters.appendChild(fs);
  }
  boxes('Actions', actions, 'action');
  boxes('Skills', skills, 'skill');

  function haystack(i) {
    if (hay[i] === undefined) {
      var t = traces[i];
      var parts = [t.id, t.q, t.a];
      t.s.forEach(function (s) { parts.push(s[0]); if (s[3]) { parts.push(s[3]); } });
      t.p.forEach(function (p) { if (p[0] !== 0) { parts.push(p[0]); } });
      hay[i] = lower(parts.join('\n'));
    }
    return hay[i];
  }

  function refresh() {
    var needle = lower(q.value.trim());
    var st = status.value;
    var a = arm.value;
    var idx = [];
    for (var i = 0; i < traces.length; i++) {
      var t = traces[i];
      if (a && arms.length > 1 && t.arm !== a) { continue; }
      if (st && t.st !== st) { continue; }
      if (needle && lower(t.id).indexOf(needle) < 0 && haystack(i).indexOf(needle) < 0) { continue; }
      idx.push(i);
    }
    var by = sort.value;
    idx.sort(function (x, y) {
      var tx = traces[x], ty = traces[y];
      if (by === 'id') { return tx.id < ty.id ? -1 : tx.id > ty.id ? 1 : 0; }
      if (by === 'length') { return (ty.tb || 0) - (tx.tb || 0); }
      var d = by === 'reduction-asc' ? reduction(tx) - reduction(ty) : reduction(ty) - reduction(tx);
      return isNaN(d) || d === 0 ? (tx.id < ty.id ? -1 : 1) : d;
    });
    shown = idx;
    list.textContent = '';
    var n = Math.min(LIMIT, idx.length);
    for (var k = 0; k < n; k++) {
      var t2 = traces[idx[k]];
      var li = el('li', 'item' + (t2.st === 'ok' ? '' : ' failed'));
      li.id = 'v-item-' + idx[k];
      li.setAttribute('role', 'option');
      li.dataset.index = String(idx[k]);
      li.appendChild(el('span', 'item-id', t2.id));
      li.appendChild(el('span', 'item-meta', t2.st === 'ok'
        ? fmt(t2.tb) + ' → ' + fmt(t2.ta) + ' (' + pct(reduction(t2)) + ')'
        : 'failed: ' + (t2.fr || '?')));
      list.appendChild(li);
    }
    count.textContent = idx.length === 0 ? 'no trace matches'
      : idx.length > LIMIT ? 'showing the first ' + LIMIT + ' of ' + fmt(idx.length) + ' traces; search to narrow'
      : fmt(idx.length) + (idx.length === 1 ? ' trace' : ' traces');
    if (idx.length > 0) {
      select(idx.indexOf(current) >= 0 && idx.indexOf(current) < LIMIT ? current : idx[0], false);
    } else {
      current = -1;
      render(null);
    }
  }

  function select(i, focus) {
    var old = list.querySelector('[aria-selected="true"]');
    if (old) { old.setAttribute('aria-selected', 'false'); }
    current = i;
    var li = document.getElementById('v-item-' + i);
    if (li) {
      li.setAttribute('aria-selected', 'true');
      list.setAttribute('aria-activedescendant', li.id);
      // scroll the list, never the page
      if (li.offsetTop < list.scrollTop) {
        list.scrollTop = li.offsetTop;
      } else if (li.offsetTop + li.offsetHeight > list.scrollTop + list.clientHeight) {
        list.scrollTop = li.offsetTop + li.offsetHeight - list.clientHeight;
      }
    }
    if (focus) { list.focus(); }
    render(traces[i]);
  }

  function move(delta) {
    if (shown.length === 0) { return; }
    var pos = Math.max(0, shown.indexOf(current));
    var to = Math.max(0, Math.min(Math.min(LIMIT, shown.length) - 1, pos + delta));
    select(shown[to], true);
  }

  function link(sources, on) {
    sources.forEach(function (s) {
      var node = document.getElementById('v-step-' + s);
      if (node) { node.classList.toggle('linked', on); }
    });
  }

  function render(t) {
    var head = document.getElementById('v-head');
    var orig = document.getElementById('v-orig');
    var pruned = document.getElementById('v-pruned');
    var syn = document.getElementById('v-syn');
    head.textContent = '';
    orig.textContent = '';
    pruned.textContent = '';
    syn.textContent = '';
    if (!t) { head.appendChild(el('p', 'note', 'No trace selected.')); return; }
    head.appendChild(el('h3', 'trace-id', t.id));
    head.appendChild(el('p', 'question', t.q));
    var meta = el('p', 'trace-meta');
    meta.appendChild(el('span', 'pill', t.arm));
    meta.appendChild(el('span', 'pill ' + (t.st === 'ok' ? 'ok' : 'bad'), t.st === 'ok' ? 'pruned' : 'failed: ' + (t.fr || '?')));
    meta.appendChild(el('span', 'pill', 'tokens ' + fmt(t.tb) + (t.ta !== undefined ? ' → ' + fmt(t.ta)
      + ' (' + pct(reduction(t)) + ')' : '')));
    meta.appendChild(el('span', 'pill', 'answer ' + (t.a === undefined ? '?' : t.a)
      + (t.g !== undefined ? ' (gold ' + t.g + ')' : '')));
    if (t.ap !== undefined) { meta.appendChild(el('span', 'pill ' + (t.ap ? 'ok' : 'bad'), t.ap ? 'answer preserved' : 'answer changed')); }
    head.appendChild(meta);
    if (t.fd) { head.appendChild(el('p', 'failure', t.fd)); }
    t.s.forEach(function (s, i) {
      var li = el('li', 'step act-' + actionName(s[2]));
      li.id = 'v-step-' + i;
      li.dataset.skill = String(s[1]);
      li.dataset.action = String(s[2]);
      var tags = el('div', 'tags');
      tags.appendChild(el('span', 'num', '#' + i));
      tags.appendChild(el('span', 'badge act-' + actionName(s[2]), actionName(s[2])));
      tags.appendChild(el('span', 'badge skill', skillName(s[1])));
      if (s[4]) { tags.appendChild(el('span', 'group', 'with steps ' + s[4].join(', '))); }
      li.appendChild(tags);
      li.appendChild(el('div', 'text', s[0].replace(/\s+$/, '')));
      if (s[3]) {
        var rw = el('div', 'rewrite');
        rw.appendChild(el('span', 'rw-label', s[2] === 3 ? 'merged into' : 'rewritten as'));
        rw.appendChild(el('span', 'rw-text', s[3]));
        li.appendChild(rw);
      }
      orig.appendChild(li);
    });
    t.p.forEach(function (p) {
      var text = p[0] === 0 ? t.s[p[1][0]][0].trim() : p[0];
      var li = el('li', 'pstep act-' + actionName(p[2]));
      li.tabIndex = 0;
      var tags = el('div', 'tags');
      tags.appendChild(el('span', 'badge act-' + actionName(p[2]), actionName(p[2])));
      tags.appendChild(el('span', 'src', p[1].length === 0 ? 'added' : 'from #' + p[1].join(', #')));
      li.appendChild(tags);
      li.appendChild(el('div', 'text', text));
      var on = function () { link(p[1], true); };
      var off = function () { link(p[1], false); };
      li.addEventListener('mouseenter', on);
      li.addEventListener('mouseleave', off);
      li.addEventListener('focus', on);
      li.addEventListener('blur', off);
      pruned.appendChild(li);
    });
    if (t.st !== 'ok') { pruned.appendChild(el('li', 'note', 'No pruned trace: ' + (t.fr || 'failed'))); }
    if (t.syn) {
      syn.appendChild(el('h4', null, 'Synthesized text'));
      syn.appendChild(el('pre', 'synth', t.syn));
    }
    applyFilters();
  }

  function applyFilters() {
    var off = {};
    filters.querySelectorAll('input[type=checkbox]').forEach(function (b) {
      if (!b.checked) { off[b.dataset.kind + b.dataset.index] = true; }
    });
    var hidden = 0;
    document.querySelectorAll('#v-orig .step').forEach(function (li) {
      var hide = off['skill' + li.dataset.skill] || off['action' + li.dataset.action];
      li.hidden = !!hide;
      if (hide) { hidden++; }
    });
    var note = document.getElementById('v-hidden');
    note.textContent = hidden ? hidden + ' step' + (hidden === 1 ? '' : 's') + ' hidden by the filters' : '';
  }

  list.addEventListener('click', function (e) {
    var li = e.target.closest ? e.target.closest('li[data-index]') : null;
    if (li) { select(Number(li.dataset.index), true); }
  });
  list.addEventListener('keydown', function (e) {
    var keys = {ArrowDown: 1, ArrowUp: -1, PageDown: 10, PageUp: -10, Home: -1e9, End: 1e9};
    if (keys[e.key] !== undefined) { e.preventDefault(); move(keys[e.key]); }
  });
  prev.addEventListener('click', function () { move(-1); });
  next.addEventListener('click', function () { move(1); });
  var timer = null;
  q.addEventListener('input', function () { clearTimeout(timer); timer = setTimeout(refresh, 120); });
  [sort, status, arm].forEach(function (s) { s.addEventListener('change', refresh); });
  document.getElementById('v-reset').addEventListener('click', function () {
    filters.querySelectorAll('input[type=checkbox]').forEach(function (b) { b.checked = true; });
    applyFilters();
  });
  refresh();
  root.dataset.ready = 'true';
})();
