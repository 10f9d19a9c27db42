// Start-up and the time slider: the slider spans the documents' publication
// range, its stops are days, weeks or months chosen from the span.
'use strict';

E.loadTimeline = async function () {
  const t = await api('/api/timeline' + qs({ by: $('by').value }));
  E.timeline = t;
  const sl = $('slider');
  sl.min = '0';
  sl.max = String(Math.max(0, t.items.length - 1));
  sl.value = sl.max;
  sl.disabled = t.items.length < 2;
  sl.dataset.from = t.from || '';
  sl.dataset.to = t.to || '';
  $('range-from').textContent = t.from || '';
  $('range-to').textContent = t.to || '';
  $('time-note').textContent = t.from
    ? `${t.documents} documents by ${t.by}` + (t.outside ? ` · ${t.outside} events dated outside (historical references, marked in the table)` : '') +
      (t.undated ? ` · ${t.undated} undated events (in the last stop)` : '')
    : 'no dated documents';
};

/** Redraws what depends on the window, at most one run at a time. */
let pending = null;
let running = false;
E.refreshWindow = function () {
  pending = true;
  if (running) return;
  running = true;
  (async () => {
    while (pending) {
      pending = false;
      $('period-label').textContent = E.windowLabel();
      await Promise.all([E.loadNetwork(), E.loadMap(), E.loadWhy()]).catch(report);
    }
    running = false;
  })();
};

async function start() {
  try {
    const [rep, q] = await Promise.all([api('/api/report'), api('/api/quotes?limit=30'), E.loadTimeline()]);
    $('summary').textContent = `${rep.documents} documents · ${rep.event_mentions} event mentions · ${rep.quotes} quotes`;
    $('slider').addEventListener('input', E.refreshWindow);
    $('window-mode').addEventListener('change', E.refreshWindow);
    $('by').addEventListener('change', () => E.loadTimeline().then(() => { E.refreshWindow(); return E.loadDyad(); }).catch(report));
    $('top-n').addEventListener('input', () => { $('top-n-label').textContent = $('top-n').value; });
    $('top-n').addEventListener('change', () => E.loadNetwork().catch(report));
    $('split').addEventListener('change', () => { E.focus = null; E.loadNetwork().catch(report); });
    $('search').addEventListener('change', () => E.search().catch(report));
    $('search').addEventListener('keydown', (ev) => { if (ev.key === 'Enter') E.search().catch(report); });
    $('map-by').addEventListener('change', () => E.loadMap().catch(report));
    $('why-go').addEventListener('click', () => E.loadWhy().catch(report));
    $('dyad-go').addEventListener('click', () => E.loadDyad().catch(report));
    E.initTable();
    await E.initMap();
    await Promise.all([E.loadNetwork(), E.loadMap(), E.loadEvents({}), E.loadDyad(), E.defaultWhy()]);
    E.drawQuotes(q.items, 'in the store');
    const m = /doc=([^&]+)/.exec(location.hash);
    if (m) await E.openArticle(decodeURIComponent(m[1]), null);
    E.ready = true;
    document.body.dataset.ready = 'true';
  } catch (e) {
    report(e);
    document.body.dataset.ready = 'error';
  }
}

document.addEventListener('DOMContentLoaded', start);
