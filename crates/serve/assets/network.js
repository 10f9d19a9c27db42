// The signed network (top-N actors, countries or sectors), its labels kept
// apart, node and edge selection, the unbalanced triads and the dyad
// timeline.
'use strict';

/** Short node label: the code for countries, a short name for opaque codes. */
function shortLabel(n) {
  if (n.id.length > 3 && n.name && n.name.length <= 22) return n.name;
  return n.id;
}

E.loadNetwork = async function () {
  const w = E.window();
  $('period-label').textContent = E.windowLabel();
  const top = Number($('top-n').value);
  $('top-n-label').textContent = String(top);
  const params = { ...w, top, split: $('split').checked ? 'true' : '', focus: E.focus || '' };
  const [net, bal] = await Promise.all([api('/api/network' + qs(params)), api('/api/balance' + qs(w))]);
  $('network-count').textContent = `${net.nodes.length} of ${net.total_nodes} actors · ${net.edges.length} of ${net.total_edges} ties`;
  E.drawNetwork(net);
  E.drawTriads(bal.balance);
};

E.drawNetwork = function (net) {
  if (typeof cytoscape !== 'function') { status('graph library failed to load'); return; }
  const maxEv = Math.max(1, ...net.edges.map((e) => e.counts.events));
  const maxNode = Math.max(1, ...net.nodes.map((n) => n.events));
  const elements = [];
  // Start from a circle ordered by activity: the layout is then the same on
  // every load (no random start).
  const nodes = [...net.nodes].sort((a, b) => b.events - a.events || (a.id < b.id ? -1 : 1));
  nodes.forEach((n, i) => {
    const ang = (2 * Math.PI * i) / Math.max(1, nodes.length);
    elements.push({
      group: 'nodes',
      data: { id: n.id, label: shortLabel(n), name: n.name || '', events: n.events,
        size: 12 + 34 * Math.sqrt(n.events / maxNode) },
      position: { x: 300 * Math.cos(ang), y: 300 * Math.sin(ang) },
    });
  });
  for (const e of net.edges) {
    elements.push({ group: 'edges', data: {
      id: e.a + '|' + e.b, source: e.a, target: e.b, sign: e.sign, weight: e.weight,
      events: e.counts.events, colour: netColour(e.sign === 'neutral' ? 0 : e.weight),
      width: 1 + 9 * Math.log1p(e.counts.events) / Math.log1p(maxEv),
    } });
  }
  if (E.cy) E.cy.destroy();
  E.cy = cytoscape({
    container: $('graph'),
    elements,
    minZoom: 0.2,
    maxZoom: 4,
    wheelSensitivity: 0.3,
    style: [
      { selector: 'node', style: { label: 'data(label)', 'font-size': 11, 'text-valign': 'bottom', 'text-margin-y': 2,
        'background-color': '#4a6382', width: 'data(size)', height: 'data(size)',
        'text-background-color': '#fff', 'text-background-opacity': 0.7, 'text-background-padding': 1 } },
      { selector: 'node.nolabel', style: { label: '' } },
      { selector: 'node.hover, node:selected', style: { label: 'data(label)', 'z-index': 20, 'font-weight': 'bold' } },
      { selector: 'node.focus', style: { 'border-width': 3, 'border-color': '#f0a500' } },
      { selector: 'edge', style: { width: 'data(width)', 'line-color': 'data(colour)', 'curve-style': 'straight', opacity: 0.8 } },
      { selector: 'edge[sign = "neutral"]', style: { 'line-style': 'dashed' } },
      { selector: 'edge:selected', style: { opacity: 1, 'overlay-opacity': 0.15 } },
    ],
  });
  const cy = E.cy;
  const layout = cy.layout({ name: 'cose', animate: false, randomize: false, nodeDimensionsIncludeLabels: true,
    idealEdgeLength: () => 90, nodeRepulsion: () => 60000, numIter: 1500, fit: true, padding: 24 });
  layout.run();
  E.hideOverlappingLabels();
  if (E.focus && cy.getElementById(E.focus).length) cy.getElementById(E.focus).addClass('focus');
  cy.on('mouseover', 'node', (ev) => ev.target.addClass('hover'));
  cy.on('mouseout', 'node', (ev) => ev.target.removeClass('hover'));
  cy.on('tap', 'edge', (ev) => { const d = ev.target.data(); E.showDyad(d.source, d.target); });
  cy.on('tap', 'node', (ev) => E.showNode(ev.target.id()).catch(report));
};

/** The label boxes overlap (rendered pixels, with a small margin). */
function overlaps(a, b) {
  const m = 1;
  return a.x1 < b.x2 + m && b.x1 < a.x2 + m && a.y1 < b.y2 + m && b.y1 < a.y2 + m;
}

/**
 * Keeps labels apart: the most active nodes keep theirs, a label that would
 * overlap one already kept is hidden (shown again on hover). Zoom scales
 * all labels alike, so what does not overlap now never will.
 */
E.hideOverlappingLabels = function () {
  const cy = E.cy;
  cy.nodes().removeClass('nolabel');
  const kept = [];
  const order = cy.nodes().sort((a, b) => b.data('events') - a.data('events'));
  order.forEach((n) => {
    const box = E.labelBox(n);
    if (kept.some((k) => overlaps(k, box))) n.addClass('nolabel');
    else kept.push(box);
  });
};

/** A node's label box in rendered pixels, from the renderer's own layout. */
E.labelBox = function (n) {
  return n.renderedBoundingBox({ includeNodes: false, includeEdges: false, includeLabels: true, includeOverlays: false });
};

/** Click on a node: its dyads in the window. */
E.showNode = async function (id) {
  const w = E.window();
  const d = await api('/api/dyads' + qs({ ...w, actor: id, limit: 30 }));
  const n = E.cy && E.cy.getElementById(id);
  $('detail-title').textContent = `${id}${n && n.length && n.data('name') ? ' · ' + n.data('name') : ''}`;
  const box = $('detail');
  box.className = '';
  const ul = el('ul', {});
  for (const x of d.items) {
    const other = x.a === id ? x.b : x.a;
    const nc = x.net_cooperation;
    const li = el('li', { class: nc > 0 ? 'pos' : nc < 0 ? 'neg' : '' },
      `${other}: ${x.counts.events} events, net cooperation ${nc === null ? 'n/a' : signed(nc)}`);
    li.addEventListener('click', () => E.showDyad(id, other));
    ul.appendChild(li);
  }
  box.replaceChildren(el('div', { class: 'muted' }, `${d.items.length} dyads ${E.windowLabel()}`), ul);
  E.loadEvents({ actor: id }).catch(report);
};

E.showDyad = function (a, b) {
  $('dyad-a').value = a;
  $('dyad-b').value = b;
  $('why-a').value = a;
  $('why-b').value = b;
  $('why-c').value = '';
  E.loadDyad().catch(report);
  E.loadWhy().catch(report);
  E.loadEvents({ source: a, target: b }).catch(report);
};

E.search = async function () {
  const q = $('search').value.trim();
  if (!q) { E.focus = null; return E.loadNetwork(); }
  const r = await api('/api/actors' + qs({ q, split: $('split').checked ? 'true' : '', limit: 12 }));
  const list = $('search-list');
  list.replaceChildren(...r.items.map((a) => el('option', {}, a.id)));
  const hit = r.items.find((a) => a.id.toLowerCase() === q.toLowerCase()) || r.items[0];
  if (!hit) { status(`no actor matches “${q}”`); return; }
  status('');
  E.focus = hit.id;
  await E.loadNetwork();
  const n = E.cy.getElementById(hit.id);
  if (n.length) { E.cy.animate({ center: { eles: n } }, { duration: 200 }); n.select(); }
  await E.showNode(hit.id);
};

function signSym(s) { return s === 'positive' ? '+' : s === 'negative' ? '\u2212' : '0'; }

E.drawTriads = function (b) {
  const list = $('triads');
  list.replaceChildren();
  $('balance-summary').textContent = b.triads
    ? `${b.triads} closed triads, ${b.balanced} balanced — balance index ${(b.balance_index * 100).toFixed(0)}%`
    : 'no closed triads in this window';
  for (const t of b.unbalanced.slice(0, 50)) {
    const head = el('strong', {}, t.nodes.join(' — '));
    const li = el('li', { class: 'triad', 'data-nodes': t.nodes.join(' ') }, head, ' ',
      el('span', { class: 'muted' }, `(${t.kind}, evidence ${t.evidence})`));
    head.addEventListener('click', () => {
      $('why-a').value = t.nodes[0]; $('why-b').value = t.nodes[1]; $('why-c').value = t.nodes[2];
      E.loadWhy().catch(report);
    });
    for (const e of t.edges) {
      const a = el('span', { class: 'edge ' + (e.sign === 'positive' ? 'pos' : 'neg') },
        `${e.a} ${signSym(e.sign)} ${e.b}: ${e.counts.events} events (net cooperation ${signed(e.weight)})`);
      a.addEventListener('click', () => E.showDyad(e.a, e.b));
      li.appendChild(a);
    }
    list.appendChild(li);
  }
};

// ---- dyad timeline -------------------------------------------------------

E.loadDyad = async function () {
  const a = $('dyad-a').value.trim(), b = $('dyad-b').value.trim();
  if (!a || !b) return;
  const t = E.timeline;
  const by = t && t.by ? t.by : 'month';
  const d = await api(`/api/dyads/${encodeURIComponent(a)}/${encodeURIComponent(b)}` +
    qs({ by, all: $('dyad-all').checked ? 'true' : '' }));
  // Only the documents' range: historical references stay in the table.
  const inRange = (p) => !t || !t.from || (p.start <= t.to && Date.parse(p.start) + 31 * 864e5 >= Date.parse(t.from));
  const series = d.series.filter(inRange);
  const xs = series.map((p) => Date.parse(p.start) / 1000);
  const coop = series.map((p) => p.quad[1] + p.quad[2]);
  const conf = series.map((p) => p.quad[3] + p.quad[4]);
  const nci = series.map((p) => p.net_cooperation);
  const box = $('dyad-chart');
  if (E.plot) { E.plot.destroy(); E.plot = null; }
  box.replaceChildren();
  if (!xs.length) { box.appendChild(el('p', { class: 'muted' }, `no events between ${d.a} and ${d.b} in the documents' range`)); return; }
  if (typeof uPlot !== 'function') { status('chart library failed to load'); return; }
  E.plot = new uPlot({
    width: Math.max(300, box.clientWidth - 10), height: 230, title: `${d.a} – ${d.b} by ${d.by}`,
    scales: { nci: { range: [-1, 1] } },
    series: [{}, { label: 'cooperation', stroke: '#2a8f4a' }, { label: 'conflict', stroke: '#c23b2e' },
      { label: 'net cooperation', stroke: '#345', scale: 'nci', dash: [4, 4] }],
    axes: [{}, {}, { scale: 'nci', side: 1, grid: { show: false } }],
  }, [xs, coop, conf, nci], box);
};
