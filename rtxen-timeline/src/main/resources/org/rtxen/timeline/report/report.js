/* rtxen report: draws the embedded trace-event JSON as a zoomable SVG Gantt chart and response-time histograms.
   Plain JavaScript and SVG, no library, no network. */
(function () {
  'use strict';
  var SVG = 'http://www.w3.org/2000/svg';
  var ROW = 18, LABEL = 170, AXIS = 22, MIN_SPAN = 1000;
  var trace = JSON.parse(document.getElementById('trace-data').textContent);

  function ns(micros) { return Math.round(micros * 1000); }

  function fmt(t) {
    var a = Math.abs(t);
    function d(v, u) { return (Math.round(v * 1000) / 1000) + u; }
    if (a >= 1e9) return d(t / 1e9, 's');
    if (a >= 1e6) return d(t / 1e6, 'ms');
    if (a >= 1e3) return d(t / 1e3, '\u00b5s');
    return t + 'ns';
  }

  // ---------------------------------------------------------------- rows from the trace events
  var processes = {}, threads = {}, rowsByKey = {}, end = 0;
  trace.traceEvents.forEach(function (e) {
    if (e.ph !== 'M') return;
    if (e.name === 'process_name') processes[e.pid] = e.args.name;
    if (e.name === 'thread_name') threads[e.pid + '/' + e.tid] = e.args.name;
  });
  function domainOf(pid) { return (processes[pid] || '').replace(/ \(domain \d+\)$/, ''); }
  function rowFor(pid, tid) {
    var key = pid + '/' + tid;
    if (!rowsByKey[key]) {
      var kind = pid === 1 ? 'pcpu' : tid >= 1000 ? 'task' : 'vcpu';
      var label = pid === 1 ? threads[key] : domainOf(pid) + ' ' + threads[key];
      rowsByKey[key] = {pid: pid, tid: tid, kind: kind, label: label, slices: [], marks: []};
    }
    return rowsByKey[key];
  }
  Object.keys(threads).forEach(function (k) {
    var p = k.split('/');
    rowFor(+p[0], +p[1]);
  });
  trace.traceEvents.forEach(function (e) {
    if (e.ph === 'X') {
      var s = {start: ns(e.ts), end: ns(e.ts) + ns(e.dur), name: e.name, cat: e.cat, args: e.args};
      rowFor(e.pid, e.tid).slices.push(s);
      if (s.end > end) end = s.end;
    } else if (e.ph === 'i') {
      rowFor(e.pid, e.tid).marks.push({at: ns(e.ts), name: e.name, job: e.args.job});
    }
  });
  var rows = Object.keys(rowsByKey).map(function (k) { return rowsByKey[k]; });
  rows.sort(function (a, b) {
    if (a.pid !== b.pid) return a.pid - b.pid;
    return a.tid - b.tid;
  });
  rows.forEach(function (r) {
    r.slices.sort(function (a, b) { return a.start - b.start; });
    r.marks.sort(function (a, b) { return a.at - b.at; });
  });

  var domains = [];
  rows.forEach(function (r) {
    if (r.pid !== 1 && domains.indexOf(domainOf(r.pid)) < 0) domains.push(domainOf(r.pid));
  });
  function colour(domain, light) {
    var i = domains.indexOf(domain);
    var hue = (i * 137.5) % 360;
    return 'hsl(' + hue.toFixed(1) + ',' + (light ? '55%,78%)' : '60%,45%)');
  }

  // ---------------------------------------------------------------- the Gantt chart
  var gantt = document.getElementById('gantt');
  var view = {from: 0, to: Math.max(end, MIN_SPAN)};

  function el(name, attrs, text) {
    var n = document.createElementNS(SVG, name);
    Object.keys(attrs).forEach(function (k) { n.setAttribute(k, attrs[k]); });
    if (text !== undefined) n.textContent = text;
    return n;
  }

  function firstVisible(slices, from) {
    var lo = 0, hi = slices.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (slices[mid].end <= from) lo = mid + 1; else hi = mid;
    }
    return lo;
  }

  function step(span, pixels) {
    var raw = span / Math.max(1, pixels / 90), p = Math.pow(10, Math.floor(Math.log(raw) / Math.LN10));
    var m = raw / p;
    return (m < 2 ? 2 : m < 5 ? 5 : 10) * p;
  }

  function sliceClass(row, s) {
    if (row.kind === 'vcpu') return 'slice ' + s.name.replace(/ /g, '-');
    if (row.kind === 'task') return 'slice job' + (s.args && s.args.missed ? ' missed' : '');
    return 'slice run';
  }

  function sliceFill(row, s) {
    if (row.kind === 'pcpu') return colour(s.name.replace(/ v\d+$/, ''), false);
    if (row.kind === 'vcpu') return s.name === 'running' ? colour(domainOf(row.pid), false) : null;
    return colour(domainOf(row.pid), true);
  }

  function render() {
    var width = Math.max(600, gantt.clientWidth || 1000);
    var plot = width - LABEL - 10;
    var height = AXIS + rows.length * ROW + 4;
    var span = view.to - view.from;
    function x(t) { return LABEL + (t - view.from) / span * plot; }
    var svg = el('svg', {width: width, height: height, 'data-from': view.from, 'data-to': view.to});
    var tick = step(span, plot);
    for (var t = Math.ceil(view.from / tick) * tick; t <= view.to; t += tick) {
      svg.appendChild(el('line', {'class': 'grid', x1: x(t), x2: x(t), y1: AXIS - 4, y2: height}));
      svg.appendChild(el('text', {'class': 'axis', x: x(t) + 2, y: AXIS - 8}, fmt(t)));
    }
    rows.forEach(function (row, i) {
      var y = AXIS + i * ROW;
      var g = el('g', {'class': 'row ' + row.kind, 'data-row': row.label});
      g.appendChild(el('text', {'class': 'label', x: 4, y: y + ROW - 5}, row.label));
      for (var k = firstVisible(row.slices, view.from); k < row.slices.length; k++) {
        var s = row.slices[k];
        if (s.start >= view.to) break;
        if (row.kind === 'vcpu' && s.name === 'blocked') continue;
        var x0 = Math.max(LABEL, x(s.start)), x1 = Math.min(LABEL + plot, x(s.end));
        var attrs = {'class': sliceClass(row, s), x: x0.toFixed(2), y: y + 2, width: Math.max(0.5, x1 - x0).toFixed(2),
                     height: ROW - 4, 'data-row': row.label, 'data-name': s.name, 'data-start': s.start,
                     'data-end': s.end};
        var fill = sliceFill(row, s);
        if (fill) attrs.fill = fill;
        var r = el('rect', attrs);
        var tip = row.label + ': ' + s.name + ' ' + fmt(s.start) + ' to ' + fmt(s.end) + ' (' + fmt(s.end - s.start) + ')';
        if (s.args && s.args.response_ns !== undefined) tip += ', response ' + fmt(s.args.response_ns);
        if (s.args && s.args.missed) tip += ', MISSED its deadline ' + fmt(s.args.deadline_ns);
        r.appendChild(el('title', {}, tip));
        g.appendChild(r);
      }
      row.marks.forEach(function (m) {
        if (m.at < view.from || m.at > view.to) return;
        var cx = x(m.at), cls = m.name === 'release' ? 'release' : m.name === 'deadline' ? 'deadline' : 'miss';
        var pts = cls === 'release' ? [cx - 4, y + ROW - 1, cx + 4, y + ROW - 1, cx, y + ROW - 8]
            : cls === 'deadline' ? [cx - 4, y + 1, cx + 4, y + 1, cx, y + 8]
            : [cx - 5, y + 1, cx + 5, y + 1, cx, y + ROW - 1];
        var p = el('polygon', {'class': 'mark ' + cls, points: pts.join(','), 'data-row': row.label,
                               'data-at': m.at, 'data-job': m.job});
        p.appendChild(el('title', {}, row.label + ': job ' + m.job + ' ' + m.name + ' at ' + fmt(m.at)));
        g.appendChild(p);
      });
      svg.appendChild(g);
    });
    gantt.replaceChildren(svg);
    document.getElementById('view').textContent = fmt(view.from) + ' to ' + fmt(view.to);
  }

  function zoom(factor, centre) {
    var span = view.to - view.from;
    var c = centre === undefined ? view.from + span / 2 : centre;
    var next = Math.max(MIN_SPAN, Math.min(Math.max(end, MIN_SPAN), span * factor));
    var from = c - (c - view.from) * next / span;
    setView(from, from + next);
  }

  function setView(from, to) {
    var span = to - from, total = Math.max(end, MIN_SPAN);
    if (from < 0) { from = 0; to = span; }
    if (to > total) { to = total; from = Math.max(0, total - span); }
    view.from = from;
    view.to = to;
    render();
  }

  function timeAt(clientX) {
    var box = gantt.getBoundingClientRect();
    var plot = Math.max(600, gantt.clientWidth || 1000) - LABEL - 10;
    return view.from + (clientX - box.left - LABEL) / plot * (view.to - view.from);
  }

  gantt.addEventListener('wheel', function (e) {
    e.preventDefault();
    zoom(e.deltaY < 0 ? 0.8 : 1.25, timeAt(e.clientX));
  }, {passive: false});
  var drag = null;
  gantt.addEventListener('mousedown', function (e) { drag = {x: e.clientX, from: view.from, to: view.to}; });
  window.addEventListener('mouseup', function () { drag = null; });
  window.addEventListener('mousemove', function (e) {
    if (!drag) return;
    var plot = Math.max(600, gantt.clientWidth || 1000) - LABEL - 10;
    var shift = (drag.x - e.clientX) / plot * (drag.to - drag.from);
    setView(drag.from + shift, drag.to + shift);
  });
  document.getElementById('zoom-in').addEventListener('click', function () { zoom(0.5); });
  document.getElementById('zoom-out').addEventListener('click', function () { zoom(2); });
  document.getElementById('zoom-reset').addEventListener('click', function () { setView(0, Math.max(end, MIN_SPAN)); });
  window.addEventListener('resize', render);

  var legend = document.getElementById('legend');
  [['running (domain colour)', colour(domains[0] || '', false)], ['runnable', '#bdbdbd'],
   ['out of budget', '#f0a030'], ['parked (cap)', '#b06a10'], ['offline', '#555'], ['deadline miss', '#d00']].forEach(function (l) {
    var s = document.createElement('span');
    var i = document.createElement('i');
    i.style.background = l[1];
    s.appendChild(i);
    s.appendChild(document.createTextNode(l[0]));
    legend.appendChild(s);
  });

  // ---------------------------------------------------------------- response-time histograms
  var list = document.getElementById('histogram-list');
  rows.filter(function (r) { return r.kind === 'task'; }).forEach(function (row) {
    var done = row.slices.filter(function (s) { return s.args && s.args.response_ns !== undefined; });
    var box = document.createElement('div');
    box.className = 'histogram';
    box.setAttribute('data-row', row.label);
    var title = document.createElement('div');
    box.appendChild(title);
    list.appendChild(box);
    if (done.length === 0) {
      title.textContent = row.label + ': no completed job';
      return;
    }
    var responses = done.map(function (s) { return s.args.response_ns; });
    var deadline = done[0].args.deadline_ns - done[0].args.release_ns;
    var max = Math.max.apply(null, responses), top = Math.max(max, deadline), bins = 20;
    var counts = new Array(bins).fill(0);
    responses.forEach(function (r) { counts[Math.min(bins - 1, Math.floor(r / top * bins))]++; });
    var missed = done.filter(function (s) { return s.args.missed; }).length;
    title.textContent = row.label + ': ' + done.length + ' jobs, max ' + fmt(max) + ', deadline ' + fmt(deadline)
        + (missed ? ', ' + missed + ' late' : '');
    var w = 320, h = 120, most = Math.max.apply(null, counts);
    var svg = el('svg', {width: w, height: h + 16});
    counts.forEach(function (c, k) {
      var bh = c / most * h;
      var bar = el('rect', {'class': 'bar', x: k * w / bins + 1, y: h - bh, width: w / bins - 2, height: bh,
                            'data-count': c, 'data-from': Math.round(k * top / bins),
                            'data-to': Math.round((k + 1) * top / bins)});
      bar.appendChild(el('title', {}, c + ' jobs in [' + fmt(Math.round(k * top / bins)) + ', '
          + fmt(Math.round((k + 1) * top / bins)) + ')'));
      svg.appendChild(bar);
    });
    var dx = Math.min(w - 1, deadline / top * w);
    svg.appendChild(el('line', {'class': 'deadline-line', x1: dx, x2: dx, y1: 0, y2: h}));
    svg.appendChild(el('text', {x: 0, y: h + 12}, '0'));
    svg.appendChild(el('text', {x: w - 50, y: h + 12}, fmt(top)));
    box.appendChild(svg);
  });

  render();
})();
