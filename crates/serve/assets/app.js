// entente dashboard. Every piece of data from the API — above all article
// text — enters the page through text nodes (el() / textContent), never as
// markup, so a hostile article cannot inject script or elements.
'use strict';

const $ = (id) => document.getElementById(id);

/** Builds an element; string children become text nodes. */
function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === 'class') e.className = v;
    else if (k.startsWith('data-')) e.setAttribute(k, String(v));
    else if (k === 'title') e.title = String(v);
  }
  for (const c of children) {
    if (c === null || c === undefined) continue;
    e.appendChild(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
  }
  return e;
}

function status(msg) { $('status').textContent = msg || ''; }

async function api(path) {
  const r = await fetch(path, { headers: { Accept: 'application/json' } });
  const body = await r.json().catch(() => ({}));
  if (!r.ok) throw new Error(body.error || (r.status + ' ' + r.statusText));
  return body;
}

const state = { periods: [], cy: null, eventsOffset: 0, eventsFilter: {}, plot: null, selected: null, ready: false };
window.entente = state;

function windowParams() {
  const i = Number($('slider').value);
  const p = state.periods[i];
  if (!p) return {};
  return $('cumulative').checked ? { to: p.end } : { from: p.start, to: p.end };
}

function qs(obj) {
  const u = new URLSearchParams();
  for (const [k, v] of Object.entries(obj)) if (v !== undefined && v !== null && v !== '') u.set(k, v);
  const s = u.toString();
  return s ? '?' + s : '';
}

// ---- network -------------------------------------------------------------

async function loadNetwork() {
  const w = windowParams();
  const i = Number($('slider').value);
  $('period-label').textContent = state.periods.length
    ? ($('cumulative').checked ? 'up to ' : '') + state.periods[i].label
    : 'all time';
  const [net, bal] = await Promise.all([api('/api/network' + qs(w)), api('/api/balance' + qs(w))]);
  drawNetwork(net);
  drawTriads(bal.balance);
}

function nodeLabel(n) { return n.name && n.name !== n.id ? n.id + ' · ' + n.name : n.id; }

function drawNetwork(net) {
  const elements = [];
  for (const n of net.nodes) elements.push({ data: { id: n.id, label: nodeLabel(n), events: n.events } });
  for (const e of net.edges) {
    elements.push({ data: {
      id: e.a + '|' + e.b, source: e.a, target: e.b, sign: e.sign,
      events: e.counts.events, label: (e.sign === 'positive' ? '+' : e.sign === 'negative' ? '−' : '0') + ' ' + e.counts.events,
    } });
  }
  if (typeof cytoscape !== 'function') { status('graph library failed to load'); return; }
  if (state.cy) state.cy.destroy();
  state.cy = cytoscape({
    container: $('graph'),
    elements,
    layout: { name: elements.length > 60 ? 'cose' : 'circle', animate: false },
    style: [
      { selector: 'node', style: { label: 'data(label)', 'font-size': 11, 'background-color': '#4a6382',
        width: 'mapData(events, 0, 50, 14, 46)', height: 'mapData(events, 0, 50, 14, 46)' } },
      { selector: 'edge', style: { width: 'mapData(events, 1, 30, 1.5, 9)', 'line-color': '#999', label: 'data(label)',
        'font-size': 9, 'text-background-color': '#fff', 'text-background-opacity': 0.8, 'curve-style': 'bezier' } },
      { selector: 'edge[sign = "positive"]', style: { 'line-color': '#2a8f4a' } },
      { selector: 'edge[sign = "negative"]', style: { 'line-color': '#c23b2e', 'line-style': 'solid' } },
      { selector: 'edge[sign = "neutral"]', style: { 'line-style': 'dashed' } },
    ],
  });
  state.cy.on('tap', 'edge', (ev) => {
    const d = ev.target.data();
    showDyad(d.source, d.target);
  });
  state.cy.on('tap', 'node', (ev) => { loadEvents({ actor: ev.target.id() }); });
}

function signSym(s) { return s === 'positive' ? '+' : s === 'negative' ? '−' : '0'; }

function drawTriads(b) {
  const list = $('triads');
  list.replaceChildren();
  $('balance-summary').textContent = b.triads
    ? `${b.triads} closed triads, ${b.balanced} balanced — balance index ${(b.balance_index * 100).toFixed(0)}%`
    : 'no closed triads in this window';
  for (const t of b.unbalanced.slice(0, 50)) {
    const li = el('li', { class: 'triad', 'data-nodes': t.nodes.join(' ') },
      el('strong', {}, t.nodes.join(' — ')), ' ', el('span', { class: 'muted' }, `(${t.kind}, evidence ${t.evidence})`));
    for (const e of t.edges) {
      const a = el('span', { class: 'edge ' + (e.sign === 'positive' ? 'pos' : 'neg') },
        `${e.a} ${signSym(e.sign)} ${e.b}: ${e.counts.events} events (net cooperation ${e.weight.toFixed(2)})`);
      a.addEventListener('click', () => showDyad(e.a, e.b));
      li.appendChild(a);
    }
    list.appendChild(li);
  }
}

function showDyad(a, b) {
  $('dyad-a').value = a;
  $('dyad-b').value = b;
  loadDyad().catch((e) => status(e.message));
  loadEvents({ source: a, target: b }).catch((e) => status(e.message));
}

// ---- dyad timeline -------------------------------------------------------

async function loadDyad() {
  const a = $('dyad-a').value.trim(), b = $('dyad-b').value.trim();
  if (!a || !b) return;
  const d = await api(`/api/dyads/${encodeURIComponent(a)}/${encodeURIComponent(b)}` +
    qs({ by: $('dyad-by').value, all: $('dyad-all').checked ? 'true' : '' }));
  const xs = d.series.map((p) => Date.parse(p.start) / 1000);
  const coop = d.series.map((p) => p.quad[1] + p.quad[2]);
  const conf = d.series.map((p) => p.quad[3] + p.quad[4]);
  const nci = d.series.map((p) => p.net_cooperation);
  const box = $('dyad-chart');
  if (state.plot) { state.plot.destroy(); state.plot = null; }
  box.replaceChildren();
  if (!xs.length) { box.appendChild(el('p', { class: 'muted' }, `no events between ${d.a} and ${d.b}`)); return; }
  if (typeof uPlot !== 'function') { status('chart library failed to load'); return; }
  state.plot = new uPlot({
    width: Math.max(300, box.clientWidth - 10), height: 220, title: `${d.a} – ${d.b} by ${d.by}`,
    scales: { nci: { range: [-1, 1] } },
    series: [{}, { label: 'cooperation', stroke: '#2a8f4a' }, { label: 'conflict', stroke: '#c23b2e' },
      { label: 'net cooperation', stroke: '#345', scale: 'nci', dash: [4, 4] }],
    axes: [{}, {}, { scale: 'nci', side: 1, grid: { show: false } }],
  }, [xs, coop, conf, nci], box);
}

// ---- events and articles -------------------------------------------------

async function loadEvents(filter) {
  if (filter) { state.eventsFilter = filter; state.eventsOffset = 0; }
  const f = state.eventsFilter;
  $('events-filter').textContent = f.actor ? `with ${f.actor}` : f.source ? `${f.source} – ${f.target}` : '';
  const r = await api('/api/events' + qs({ ...f, limit: 25, offset: state.eventsOffset }));
  const body = $('events').tBodies[0];
  body.replaceChildren();
  for (const e of r.items) {
    const tr = el('tr', { 'data-id': e.id, 'data-doc': e.doc_id },
      el('td', {}, e.date || ''), el('td', {}, e.source || '?'), el('td', { title: e.rule }, e.cameo + (e.plover_type ? ' ' + e.plover_type : '')),
      el('td', {}, e.target || '?'), el('td', {}, e.modality), el('td', { class: 'sentence', title: e.text }, e.text));
    tr.addEventListener('click', () => openArticle(e.doc_id, e).catch((err) => status(err.message)));
    body.appendChild(tr);
  }
  if (!r.items.length) body.appendChild(el('tr', {}, el('td', { class: 'muted' }, 'no events')));
}

const enc = new TextEncoder();
const dec = new TextDecoder();

/** Renders `text` with highlight classes over UTF-8 byte ranges, as text nodes only. */
function renderHighlighted(container, text, marks) {
  const bytes = enc.encode(text);
  const cuts = new Set([0, bytes.length]);
  for (const m of marks) { cuts.add(Math.max(0, Math.min(m.start, bytes.length))); cuts.add(Math.max(0, Math.min(m.end, bytes.length))); }
  const pts = [...cuts].sort((a, b) => a - b);
  container.replaceChildren();
  let first = null;
  for (let i = 0; i + 1 < pts.length; i++) {
    const a = pts[i], b = pts[i + 1];
    const piece = dec.decode(bytes.subarray(a, b));
    const cls = marks.filter((m) => m.start <= a && b <= m.end).map((m) => m.cls);
    if (cls.length) {
      const s = el('span', { class: cls.join(' ') }, piece);
      if (!first && cls.includes('hl-sentence')) first = s;
      container.appendChild(s);
    } else container.appendChild(document.createTextNode(piece));
  }
  return first;
}

async function openArticle(docId, ev) {
  const d = await api('/api/documents/' + encodeURIComponent(docId));
  const doc = d.document;
  $('article-title').textContent = doc.title || doc.id;
  $('article-meta').textContent = [doc.date, doc.url || doc.source].filter(Boolean).join(' · ');
  const marks = [];
  if (ev) {
    const s = d.sentences.find((x) => x.idx === ev.sentence);
    if (s) marks.push({ start: s.start, end: s.end, cls: 'hl-sentence' });
    if (ev.trigger_span) marks.push({ start: ev.trigger_span[0], end: ev.trigger_span[1], cls: 'hl-trigger' });
    if (ev.source_span) marks.push({ start: ev.source_span[0], end: ev.source_span[1], cls: 'hl-source' });
    if (ev.target_span) marks.push({ start: ev.target_span[0], end: ev.target_span[1], cls: 'hl-target' });
    for (const tr of $('events').tBodies[0].rows) tr.classList.toggle('selected', tr.dataset.id === ev.id);
  }
  const first = renderHighlighted($('article-text'), doc.text, marks);
  if (first) first.scrollIntoView({ block: 'center' });
  state.selected = ev ? ev.id : null;
  drawQuotes(d.quotes, 'in this article');
}

// ---- quotes --------------------------------------------------------------

function drawQuotes(items, where) {
  const ul = $('quotes');
  ul.replaceChildren();
  for (const q of items) {
    const who = q.speaker_name || q.speaker || (q.anonymous ? 'anonymous source' : 'unattributed');
    ul.appendChild(el('li', { 'data-doc': q.doc_id },
      el('span', { class: 'speaker' }, who), q.speaker_code ? el('span', { class: 'muted' }, ` [${q.speaker_code}]`) : null,
      q.anonymous_inferred ? el('span', { class: 'muted' }, ` (${q.anonymous_inferred})`) : null,
      ': “', el('q', {}, q.quote), '”',
      q.cue ? el('span', { class: 'muted' }, ` — ${q.cue}${q.outlet ? ' to ' + q.outlet : ''}${q.hedge ? ', ' + q.hedge : ''}`) : null));
  }
  if (!items.length) ul.appendChild(el('li', { class: 'muted' }, `no quotes ${where || ''}`));
}

// ---- start ---------------------------------------------------------------

async function start() {
  try {
    const [rep, per] = await Promise.all([api('/api/report'), api('/api/periods?by=month')]);
    $('summary').textContent = `${rep.documents} documents · ${rep.event_mentions} event mentions → ${rep.events} canonical events · ${rep.quotes} quotes`;
    state.periods = per.items;
    const sl = $('slider');
    sl.max = String(Math.max(0, per.items.length - 1));
    sl.value = sl.max;
    sl.disabled = per.items.length < 2;
    sl.addEventListener('input', () => loadNetwork().catch((e) => status(e.message)));
    $('cumulative').addEventListener('change', () => loadNetwork().catch((e) => status(e.message)));
    $('dyad-go').addEventListener('click', () => loadDyad().catch((e) => status(e.message)));
    $('events-go').addEventListener('click', () => loadEvents({ actor: $('events-actor').value.trim() }).catch((e) => status(e.message)));
    $('events-prev').addEventListener('click', () => { state.eventsOffset = Math.max(0, state.eventsOffset - 25); loadEvents().catch((e) => status(e.message)); });
    $('events-next').addEventListener('click', () => { state.eventsOffset += 25; loadEvents().catch((e) => status(e.message)); });
    const q = await api('/api/quotes?limit=30');
    await Promise.all([loadNetwork(), loadEvents({}), loadDyad()]);
    drawQuotes(q.items, 'in the store');
    const m = /doc=([^&]+)/.exec(location.hash);
    if (m) await openArticle(decodeURIComponent(m[1]), null);
    state.ready = true;
    document.body.dataset.ready = 'true';
  } catch (e) {
    status('error: ' + e.message);
    document.body.dataset.ready = 'error';
  }
}

document.addEventListener('DOMContentLoaded', start);
