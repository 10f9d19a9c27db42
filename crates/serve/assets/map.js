// The world map: Natural Earth 1:110m boundaries (vendored world-atlas,
// drawn with vendored d3-geo + topojson-client; nothing fetched from
// elsewhere), countries coloured by events or net cooperation in the window,
// event places the gazetteer locates as circles.
'use strict';

const SVG = 'http://www.w3.org/2000/svg';

function svgEl(tag, attrs) {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, String(v));
  return e;
}

/** Loads the boundaries once and draws the countries, uncoloured. */
E.initMap = async function () {
  if (typeof d3 === 'undefined' || typeof topojson === 'undefined' || !d3.geoPath) {
    status('map library failed to load');
    return;
  }
  const [topo, codes] = await Promise.all([api('/assets/vendor/countries-110m.json'), api('/assets/country-codes.json')]);
  const countries = topojson.feature(topo, topo.objects.countries).features;
  const box = $('map');
  const w = Math.max(300, box.clientWidth), h = Math.max(200, box.clientHeight);
  const projection = d3.geoNaturalEarth1().fitExtent([[4, 4], [w - 4, h - 4]], { type: 'Sphere' });
  const path = d3.geoPath(projection);
  const svg = svgEl('svg', { viewBox: `0 0 ${w} ${h}`, role: 'img', 'aria-label': 'world map' });
  svg.appendChild(svgEl('path', { d: path({ type: 'Sphere' }), fill: '#eef3f7', stroke: '#c8d3dc' }));
  E.mapPaths = new Map();
  for (const f of countries) {
    const d = path(f);
    if (!d) continue;
    const code = codes[f.id] || '';
    const p = svgEl('path', { d, class: 'country none', 'data-code': code, 'data-name': f.properties.name });
    const title = svgEl('title');
    title.textContent = f.properties.name;
    p.appendChild(title);
    p.addEventListener('click', () => {
      if (!code) return;
      E.focus = code;
      $('search').value = code;
      E.loadNetwork().then(() => E.showNode(code)).catch(report);
    });
    svg.appendChild(p);
    if (code) {
      if (!E.mapPaths.has(code)) E.mapPaths.set(code, []);
      E.mapPaths.get(code).push(p);
    }
  }
  box.replaceChildren(svg);
  E.mapSvg = svg;
  E.mapProjection = projection;
};

/** Event places with coordinates (from the gazetteer), as circles. */
function drawPlaces(places) {
  const old = E.mapSvg.querySelector('g.places');
  if (old) old.remove();
  const g = svgEl('g', { class: 'places' });
  for (const p of places) {
    const xy = E.mapProjection([p.lon, p.lat]);
    if (!xy || !Number.isFinite(xy[0])) continue;
    const c = svgEl('circle', { cx: xy[0].toFixed(1), cy: xy[1].toFixed(1), r: (2 + 2 * Math.sqrt(p.events)).toFixed(1),
      class: 'place', fill: netColour(p.net_cooperation), 'data-place': p.place });
    const title = svgEl('title');
    title.textContent = `${p.name} (${p.country}): ${p.events} events`;
    c.appendChild(title);
    g.appendChild(c);
  }
  E.mapSvg.appendChild(g);
}

/** Colours the countries for the current window. */
E.loadMap = async function () {
  if (!E.mapPaths) return;
  const m = await api('/api/map' + qs(E.window()));
  const byNet = $('map-by').value === 'net';
  const max = Math.max(1, ...m.countries.map((c) => c.events));
  const blue = (n) => {
    const t = Math.log1p(n) / Math.log1p(max);
    const mix = (a, b) => Math.round(a + (b - a) * t);
    return `rgb(${mix(214, 31)},${mix(229, 78)},${mix(240, 140)})`;
  };
  for (const paths of E.mapPaths.values()) for (const p of paths) {
    p.setAttribute('class', 'country none');
    p.removeAttribute('fill');
    p.firstChild.textContent = p.dataset.name;
  }
  let drawn = 0;
  for (const c of m.countries) {
    const paths = E.mapPaths.get(c.code);
    if (!paths) continue;
    drawn++;
    const fill = byNet ? netColour(c.net_cooperation) : blue(c.events);
    for (const p of paths) {
      p.setAttribute('class', 'country has-events');
      p.setAttribute('fill', fill);
      p.firstChild.textContent = `${p.dataset.name} (${c.code}): ${c.events} events, ${c.cooperation} cooperative, ` +
        `${c.conflict} conflictual, net cooperation ${c.net_cooperation === null ? 'n/a' : signed(c.net_cooperation)}`;
    }
  }
  E.mapCountries = m.countries;
  E.mapPlaces = m.places;
  drawPlaces(m.places);
  $('map-count').textContent = `${drawn} countries with events, ${m.places.length} places ${E.windowLabel()}`;
  const legend = $('map-legend');
  const sw = (colour) => { const s = el('span', { class: 'swatch' }); s.style.background = colour; return s; };
  legend.replaceChildren(...(byNet
    ? ['conflict ', sw(netColour(-1)), sw(netColour(-0.5)), sw(netColour(0)), sw(netColour(0.5)), sw(netColour(1)), ' cooperation']
    : ['1 ', sw(blue(1)), sw(blue(Math.sqrt(max))), sw(blue(max)), ` ${max} events`]));
};
