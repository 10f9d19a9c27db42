// entente dashboard: shared helpers, the time window, articles and quotes.
// Every piece of data from the API — above all article text — enters the
// page through text nodes (el() / textContent), never as markup, so a
// hostile article cannot inject script or elements. The other files
// (network.js, map.js, why.js, table.js, start.js) add to `E`.
'use strict';

const $ = (id) => document.getElementById(id);

/** Builds an element; string children become text nodes. */
function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === 'class') e.className = v;
    else if (k.startsWith('data-')) e.setAttribute(k, String(v));
    else if (k === 'title') e.title = String(v);
    else if (k === 'href') e.setAttribute('href', String(v));
  }
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    e.appendChild(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
  }
  return e;
}

function status(msg) { $('status').textContent = msg || ''; }
const report = (e) => status('error: ' + (e && e.message ? e.message : e));

async function api(path) {
  const r = await fetch(path, { headers: { Accept: 'application/json' } });
  const body = await r.json().catch(() => ({}));
  if (!r.ok) throw new Error(body.error || (r.status + ' ' + r.statusText));
  return body;
}

function qs(obj) {
  const u = new URLSearchParams();
  for (const [k, v] of Object.entries(obj)) if (v !== undefined && v !== null && v !== '' && v !== false) u.set(k, v);
  const s = u.toString();
  return s ? '?' + s : '';
}

/** Signed number with a real minus sign. */
function signed(x, digits) {
  const s = Math.abs(x).toFixed(digits === undefined ? 2 : digits);
  return x > 0 ? '+' + s : x < 0 ? '\u2212' + s : s;
}

/** Colour of a net-cooperation index in −1..1: red, grey, green. */
function netColour(w) {
  if (w === null || w === undefined || Number.isNaN(w)) return '#9a9a9a';
  const t = Math.max(-1, Math.min(1, w));
  const mix = (a, b, f) => Math.round(a + (b - a) * f);
  const [r, g, b] = t >= 0
    ? [mix(154, 42, t), mix(154, 143, t), mix(154, 74, t)]
    : [mix(154, 194, -t), mix(154, 59, -t), mix(154, 46, -t)];
  return `rgb(${r},${g},${b})`;
}

const E = {
  timeline: null, // /api/timeline
  cy: null,
  plot: null,
  selected: null,
  ready: false,
  eventsOffset: 0,
  eventsFilter: {},
};
window.entente = E;

/** The network/map window from the time slider. */
E.window = function () {
  const t = E.timeline;
  if (!t || !t.items.length) return {};
  const i = Math.min(Number($('slider').value), t.items.length - 1);
  const p = t.items[i];
  // The first and last stops reach the events dated shortly before the
  // first and after the last document (news of the range, not history).
  const to = i === t.items.length - 1 ? t.events_to : p.end;
  const cumulative = $('window-mode').value === 'cumulative';
  const from = cumulative || i === 0 ? t.events_from : p.start;
  // "Everything up to the last stop" also counts the undated events.
  return { from, to, undated: cumulative && i === t.items.length - 1 ? 'true' : 'false' };
};

E.windowLabel = function () {
  const t = E.timeline;
  if (!t || !t.items.length) return 'all time';
  const p = t.items[Number($('slider').value)];
  return ($('window-mode').value === 'cumulative' ? 'up to ' : '') + p.label;
};

// ---- articles ------------------------------------------------------------

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

/** Opens a document, highlighting event `ev`'s sentence, trigger and actors. */
E.openArticle = async function (docId, ev) {
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
  $('article-panel').scrollIntoView({ block: 'start' });
  if (first) first.scrollIntoView({ block: 'center' });
  E.selected = ev ? ev.id : null;
  E.drawQuotes(d.quotes, 'in this article');
};

// ---- quotes --------------------------------------------------------------

const QUOTE_MARKS = /^[\s"'“”„‟«»‘’‚‛]+|[\s"'“”„‟«»‘’‚‛]+$/g;
const PRONOUNS = new Set(['i', 'we', 'he', 'she', 'they', 'it', 'you', 'me', 'us', 'him', 'her', 'them']);

/** The speaker as shown: the resolved name, the words in the article on hover. */
function speakerOf(q) {
  const surface = q.speaker || '';
  const resolved = q.speaker_name || '';
  if (resolved && !PRONOUNS.has(resolved.toLowerCase())) return { shown: resolved, hover: surface ? `in the article: “${surface}”` : '' };
  if (surface && !PRONOUNS.has(surface.toLowerCase())) return { shown: surface, hover: 'not resolved to a known actor' };
  if (q.anonymous) return { shown: 'anonymous source', hover: q.anonymous_inferred || '' };
  return { shown: 'unresolved speaker', hover: surface ? `in the article: “${surface}”` : 'no speaker found' };
}

E.drawQuotes = function (items, where) {
  const ul = $('quotes');
  ul.replaceChildren();
  for (const q of items) {
    const who = speakerOf(q);
    // Quote marks are drawn once, here: the stored text may carry its own.
    const text = String(q.quote || '').replace(QUOTE_MARKS, '');
    ul.appendChild(el('li', { 'data-doc': q.doc_id },
      el('span', { class: 'speaker', title: who.hover }, who.shown),
      q.speaker_code ? el('span', { class: 'muted' }, ` [${q.speaker_code}]`) : null,
      q.anonymous_inferred ? el('span', { class: 'muted' }, ` (${q.anonymous_inferred})`) : null,
      ': ', el('span', { class: 'quote' }, '\u201c' + text + '\u201d'),
      q.cue ? el('span', { class: 'muted' }, ` — ${q.cue}${q.outlet ? ' to ' + q.outlet : ''}${q.hedge ? ', ' + q.hedge : ''}`) : null));
  }
  if (!items.length) ul.appendChild(el('li', { class: 'muted' }, `no quotes ${where || ''}`));
};
