// The event table: newest first, filters, paging, downloads of the rows
// matching the filters (CSV/JSONL, produced by the API).
'use strict';

const PAGE = 25;

/** The filter from the form fields. */
E.formFilter = function () {
  const code = $('f-code').value.trim();
  const f = {
    actor: $('f-actor').value.trim(),
    modality: $('f-modality').value,
    from: $('f-from').value,
    to: $('f-to').value,
    min_confidence: $('f-conf').value,
  };
  // Digits are a CAMEO code prefix (root "19" or code "190"), words a PLOVER type.
  if (/^\d+$/.test(code)) f.code = code;
  else if (code) f.plover = code.toUpperCase();
  return f;
};

function filterText(f) {
  const parts = [];
  if (f.actor) parts.push(`with ${f.actor}`);
  if (f.source) parts.push(`${f.source} – ${f.target}`);
  if (f.code) parts.push(`CAMEO ${f.code}…`);
  if (f.plover) parts.push(f.plover);
  if (f.modality) parts.push(f.modality);
  if (f.from || f.to) parts.push(`${f.from || '…'} to ${f.to || '…'}`);
  if (f.min_confidence) parts.push(`confidence ≥ ${f.min_confidence}`);
  return parts.join(' · ');
}

E.loadEvents = async function (filter) {
  if (filter) {
    E.eventsFilter = filter;
    E.eventsOffset = 0;
    $('f-actor').value = filter.actor || '';
  }
  const f = E.eventsFilter;
  $('events-filter').textContent = filterText(f);
  const r = await api('/api/events' + qs({ ...f, order: 'newest', limit: PAGE, offset: E.eventsOffset }));
  const dl = qs({ ...f, order: 'newest' });
  $('dl-csv').setAttribute('href', '/api/events' + dl + (dl ? '&' : '?') + 'format=csv');
  $('dl-jsonl').setAttribute('href', '/api/events' + dl + (dl ? '&' : '?') + 'format=jsonl');
  const body = $('events').tBodies[0];
  body.replaceChildren();
  for (const e of r.items) {
    const date = el('td', { class: 'date' }, e.date || (e.doc_date ? e.doc_date + ' (published)' : ''));
    if (e.historical) {
      date.appendChild(el('span', { class: 'hist-mark', title: `historical reference: dated ${e.date}, in an article published ${e.doc_date}` }, 'hist.'));
    }
    const tr = el('tr', { class: e.historical ? 'historical' : '', 'data-id': e.id, 'data-doc': e.doc_id, 'data-date': e.date || '' },
      date, el('td', {}, e.source || '?'),
      el('td', { title: e.rule }, e.cameo + (e.plover_type ? ' ' + e.plover_type : '')),
      el('td', {}, e.target || '?'), el('td', {}, e.modality), el('td', {}, Number(e.confidence).toFixed(2)),
      el('td', { class: 'sentence', title: e.text }, e.text));
    tr.addEventListener('click', () => E.openArticle(e.doc_id, e).catch(report));
    body.appendChild(tr);
  }
  if (!r.items.length) body.appendChild(el('tr', {}, el('td', { class: 'muted' }, 'no events')));
  const end = E.eventsOffset + r.items.length;
  $('events-page').textContent = r.total ? `${E.eventsOffset + 1}–${end} of ${r.total}` : '0 of 0';
  $('events-prev').disabled = E.eventsOffset === 0;
  $('events-next').disabled = end >= r.total;
};

E.initTable = function () {
  $('f-go').addEventListener('click', () => E.loadEvents(E.formFilter()).catch(report));
  $('f-clear').addEventListener('click', () => {
    for (const id of ['f-actor', 'f-code', 'f-from', 'f-to', 'f-conf']) $(id).value = '';
    $('f-modality').value = '';
    E.loadEvents({}).catch(report);
  });
  for (const id of ['f-actor', 'f-code', 'f-conf']) {
    $(id).addEventListener('keydown', (ev) => { if (ev.key === 'Enter') E.loadEvents(E.formFilter()).catch(report); });
  }
  $('events-prev').addEventListener('click', () => { E.eventsOffset = Math.max(0, E.eventsOffset - PAGE); E.loadEvents().catch(report); });
  $('events-next').addEventListener('click', () => { E.eventsOffset += PAGE; E.loadEvents().catch(report); });
};
