// "Why this relation": a dyad or triad stated in words, with the evidence
// sentences behind every tie named; each opens its article highlighted.
'use strict';

E.loadWhy = async function () {
  const a = $('why-a').value.trim(), b = $('why-b').value.trim(), c = $('why-c').value.trim();
  if (!a || !b) return;
  const w = E.window();
  const r = await api('/api/why' + qs({ a, b, c, ...w }));
  const text = $('why-text');
  text.replaceChildren(...r.text.map((s, i) => el('p', { class: i === 0 ? 'why-main' : '' }, s)));
  if (r.balance) text.appendChild(el('p', { class: 'muted' }, `The triad ${r.a}–${r.b}–${r.c} is ${r.balance}.`));
  const ev = $('why-evidence');
  ev.replaceChildren();
  for (const g of r.evidence) {
    const e = g.edge;
    const group = el('div', { class: 'evidence-group' },
      el('h3', { class: e.sign === 'positive' ? 'pos' : e.sign === 'negative' ? 'neg' : '' },
        `${e.a_name} – ${e.b_name}: ${e.sign}, ${e.events} events (${e.cooperation} cooperative, ${e.conflict} conflictual)`));
    for (const row of g.rows) {
      const item = el('span', { class: 'evidence ' + (e.sign === 'positive' ? 'pos' : e.sign === 'negative' ? 'neg' : ''),
        'data-doc': row.doc_id, title: 'open the article' },
      el('span', { class: 'muted' }, `${row.date || row.doc_date || ''} ${row.source || '?'} → ${row.target || '?'} (${row.cameo}): `),
      row.text);
      item.addEventListener('click', () => E.openArticle(row.doc_id, row).catch(report));
      group.appendChild(item);
    }
    ev.appendChild(group);
  }
  $('why-panel').dataset.loaded = `${r.a} ${r.b}`;
};

/** Default explanation: the first unbalanced triad, else the busiest tie. */
E.defaultWhy = async function () {
  const w = E.window();
  const bal = await api('/api/balance' + qs(w));
  const t = bal.balance.unbalanced[0];
  if (t) {
    // The two with the negative tie in the triad, the third as context.
    const neg = t.edges.find((e) => e.sign === 'negative') || t.edges[0];
    $('why-a').value = neg.a;
    $('why-b').value = neg.b;
  } else {
    const d = await api('/api/dyads' + qs({ ...w, limit: 1 }));
    if (!d.items.length) return;
    $('why-a').value = d.items[0].a;
    $('why-b').value = d.items[0].b;
  }
  await E.loadWhy();
};
