// Map overlays, one function each. Vector tiles for the big layers; small ones as GeoJSON from OGC API – Features.
import { bearer } from './api.js';
import { h } from './dom.js';
import { currentLang, t, tOr } from './i18n.js';

import * as vocabulary from './vocabulary.js';
import { findingDetail } from './findings.js';

/**
 * The tiles' epoch: browsers keep a tile for a minute (Cache-Control max-age=60); after a change this page made
 * itself (a redistricting publish), a new epoch in the URL makes the map fetch the new tiles at once.
 */
let epoch = 0;
export function newTileEpoch() {
  epoch = Date.now();
}
const fresh = url => (epoch ? `${url}${url.includes('?') ? '&' : '?'}v=${epoch}` : url);

/** Water depth bands of the flood-zone layer, deepest first (the legend lists them). */
export const DEPTH_BANDS = [
  { min: 2, hex: '#08306b', label: '≥ 2 m' }, { min: 1, hex: '#2171b5', label: '1–2 m' },
  { min: 0.5, hex: '#4292c6', label: '0.5–1 m' }, { min: 0.15, hex: '#9ecae1', label: '0.15–0.5 m' },
  { min: -Infinity, hex: '#deebf7', label: '< 0.15 m' },
];

function depthColour(d) {
  return (DEPTH_BANDS.find(b => d >= b.min) || DEPTH_BANDS[DEPTH_BANDS.length - 1]).hex;
}

export function areas() {
  return L.vectorGrid.protobuf(fresh('/tiles/admin_areas/{z}/{x}/{y}.mvt'), {
    minZoom: 8, maxNativeZoom: 18, maxZoom: 19, interactive: false,
    vectorTileLayerStyles: {
      admin_areas: p => ({ weight: p.level === 'STREET' ? 2.5 : p.level === 'COMMUNITY' ? 1.2 : 3,
        color: '#0f3057', fill: false, opacity: 0.8 }),
    },
  });
}

export function gridRisk(scenario, onClick) {
  const layer = L.vectorGrid.protobuf(fresh('/tiles/grid_risk/{z}/{x}/{y}.mvt?scenario=' + encodeURIComponent(scenario)), {
    minZoom: 10, maxNativeZoom: 18, maxZoom: 19, interactive: true, getFeatureId: f => f.properties.grid_code,
    vectorTileLayerStyles: {
      grid_risk: p => ({ weight: 0.8, color: '#444', fill: true, fillOpacity: 0.35,
        fillColor: vocabulary.hex('risk_colors', p.worst_color) }),
    },
  });
  layer.on('click', e => onClick(e.layer.properties, e.latlng));
  return layer;
}

/** The buildings in their 四色; {@code busy()} true while a click means something else (placing a ticket). */
export function buildings(scenario, busy = () => false) {
  const layer = L.vectorGrid.protobuf(fresh('/tiles/buildings/{z}/{x}/{y}.mvt?scenario=' + encodeURIComponent(scenario)), {
    minZoom: 15, maxNativeZoom: 20, maxZoom: 20, interactive: true, fetchOptions: { headers: bearer() },
    vectorTileLayerStyles: {
      buildings: p => ({ weight: 0.5, color: '#222', fill: true, fillOpacity: 0.9, fillColor: vocabulary.hex('risk_colors', p.color) }),
    },
  });
  layer.on('click', async e => {
    if (busy()) return; // the click places a ticket's pin
    const p = e.layer.properties;
    const popup = L.popup().setLatLng(e.latlng)
      .setContent(h('div', null, h('b', null, p.building_id), h('br'),
        `${vocabulary.label('risk_colors', p.color)} · ${p.floors}F · ${tOr('structure_' + p.structure, p.structure)}`))
      .openOn(layer._map);
    try {
      const r = await fetch(`/api/buildings/${encodeURIComponent(p.building_id)}/risk?scenario=${encodeURIComponent(scenario)}`,
        { headers: { Accept: 'application/json', ...bearer() } });
      if (r.ok) {
        const x = await r.json();
        const reason = currentLang() === 'zh' ? x.reason_zh : x.reason_en;
        popup.setContent(h('div', null, h('b', null, p.building_id), ' ', vocabulary.swatch(x.color),
          vocabulary.label('risk_colors', x.color), h('br'), reason));
      }
    } catch (err) { /* the popup keeps the tile's colour */ }
  });
  return layer;
}

export function floodZones(scenario) {
  return L.vectorGrid.protobuf(fresh('/tiles/flood_zones/{z}/{x}/{y}.mvt?scenario=' + encodeURIComponent(scenario)), {
    minZoom: 8, maxNativeZoom: 18, maxZoom: 19, interactive: false,
    vectorTileLayerStyles: {
      flood_zones: p => ({ weight: 0, fill: true, fillOpacity: 0.45, fillColor: depthColour(p.depth_m) }),
    },
  });
}

export const FINDING_COLOURS = {
  GAP: '#e7298a', OVERLAP: '#7570b3', OUTSIDE_COMMUNITY: '#d95f02', INVALID_EDGE: '#e6ab02',
  COMMUNITY_WITHOUT_GRIDS: '#a6761d', BUILDING_NO_GRID: '#e7298a', BUILDING_SPLIT: '#66a61e',
  HOUSEHOLD_BAND: '#666666', NO_GRID_CHIEF: '#999999', NO_GRID_WORKER: '#999999',
};

/** Coverage QA findings (gaps, overlaps, split buildings…), cut to the caller's area; grid-wide findings as outlines. */
export function coverageFindings() {
  const layer = L.vectorGrid.protobuf(fresh('/tiles/coverage_findings/{z}/{x}/{y}.mvt'), {
    minZoom: 10, maxNativeZoom: 20, maxZoom: 20, interactive: true, fetchOptions: { headers: bearer() },
    vectorTileLayerStyles: {
      coverage_findings: p => {
        const gridWide = ['HOUSEHOLD_BAND', 'NO_GRID_CHIEF', 'NO_GRID_WORKER'].includes(p.kind);
        // Grid-wide findings (household band, missing stewards) outline the grid; the others are shapes to look at.
        return { weight: gridWide ? 1.5 : 2.5, color: FINDING_COLOURS[p.kind] || '#e7298a', dashArray: '4 3',
          fill: !gridWide, fillOpacity: 0.6, fillColor: FINDING_COLOURS[p.kind] || '#e7298a', radius: 4 };
      },
    },
  });
  layer.on('click', e => {
    const p = e.layer.properties;
    L.popup().setLatLng(e.latlng).setContent(h('div', null, h('b', null, t('finding_' + p.kind)), h('br'),
      `${p.grid_code || p.community_code || ''}${p.other_grid_code ? ' / ' + p.other_grid_code : ''}`, h('br'),
      findingDetail(p)))
      .openOn(layer._map);
  });
  return layer;
}

/** A small public collection as GeoJSON, loaded once; popup(properties) returns the popup's element. */
export async function collection(id, style, popup) {
  const r = await fetch('/ogc/collections/' + id + '/items?limit=1000', { headers: { Accept: 'application/geo+json' } });
  const fc = await r.json();
  return L.geoJSON(fc, {
    style,
    pointToLayer: (f, latlng) => L.marker(latlng, { icon: L.divIcon({ className: 'shelter-icon', iconSize: [14, 14] }),
      title: f.properties.name }),
    onEachFeature: popup ? (f, l) => l.bindPopup(() => popup(f.properties)) : undefined,
  });
}
