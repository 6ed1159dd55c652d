// Map overlays, one function each. Vector tiles for the big layers; small ones as GeoJSON from OGC API – Features.
import { bearer } from './api.js';
import { currentLang, t } from './i18n.js';

export const COLOURS = { RED: '#d73027', ORANGE: '#fc8d59', YELLOW: '#fee08b', GREEN: '#1a9850' };

function depthColour(d) {
  return d >= 2 ? '#08306b' : d >= 1 ? '#2171b5' : d >= 0.5 ? '#4292c6' : d >= 0.15 ? '#9ecae1' : '#deebf7';
}

export function areas() {
  return L.vectorGrid.protobuf('/tiles/admin_areas/{z}/{x}/{y}.mvt', {
    minZoom: 8, maxNativeZoom: 18, maxZoom: 19, interactive: false,
    vectorTileLayerStyles: {
      admin_areas: p => ({ weight: p.level === 'STREET' ? 2.5 : p.level === 'COMMUNITY' ? 1.2 : 3,
        color: '#0f3057', fill: false, opacity: 0.8 }),
    },
  });
}

export function gridRisk(scenario, onClick) {
  const layer = L.vectorGrid.protobuf('/tiles/grid_risk/{z}/{x}/{y}.mvt?scenario=' + encodeURIComponent(scenario), {
    minZoom: 10, maxNativeZoom: 18, maxZoom: 19, interactive: true, getFeatureId: f => f.properties.grid_code,
    vectorTileLayerStyles: {
      grid_risk: p => ({ weight: 0.8, color: '#444', fill: true, fillOpacity: 0.35,
        fillColor: COLOURS[p.worst_color] || '#ccc' }),
    },
  });
  layer.on('click', e => onClick(e.layer.properties, e.latlng));
  return layer;
}

export function buildings(scenario) {
  const layer = L.vectorGrid.protobuf('/tiles/buildings/{z}/{x}/{y}.mvt?scenario=' + encodeURIComponent(scenario), {
    minZoom: 15, maxNativeZoom: 20, maxZoom: 20, interactive: true, fetchOptions: { headers: bearer() },
    vectorTileLayerStyles: {
      buildings: p => ({ weight: 0.5, color: '#222', fill: true, fillOpacity: 0.9, fillColor: COLOURS[p.color] }),
    },
  });
  layer.on('click', async e => {
    const p = e.layer.properties;
    const popup = L.popup().setLatLng(e.latlng)
      .setContent(`<b>${p.building_id}</b><br>${t(p.color)} · ${p.floors}F · ${p.structure}`).openOn(layer._map);
    try {
      const r = await fetch(`/api/buildings/${encodeURIComponent(p.building_id)}/risk?scenario=${encodeURIComponent(scenario)}`,
        { headers: { Accept: 'application/json', ...bearer() } });
      if (r.ok) {
        const x = await r.json();
        const reason = currentLang() === 'zh' ? x.reason_zh : x.reason_en;
        popup.setContent(`<b>${p.building_id}</b> <span class="swatch c-${x.color}"></span>${t(x.color)}<br>${reason}`);
      }
    } catch (err) { /* the popup keeps the tile's colour */ }
  });
  return layer;
}

export function floodZones(scenario) {
  return L.vectorGrid.protobuf('/tiles/flood_zones/{z}/{x}/{y}.mvt?scenario=' + encodeURIComponent(scenario), {
    minZoom: 8, maxNativeZoom: 18, maxZoom: 19, interactive: false,
    vectorTileLayerStyles: {
      flood_zones: p => ({ weight: 0, fill: true, fillOpacity: 0.45, fillColor: depthColour(p.depth_m) }),
    },
  });
}

/** A small public collection as GeoJSON, loaded once. */
export async function collection(id, style, popup) {
  const r = await fetch('/ogc/collections/' + id + '/items?limit=1000', { headers: { Accept: 'application/geo+json' } });
  const fc = await r.json();
  return L.geoJSON(fc, {
    style, pointToLayer: (f, latlng) => L.circleMarker(latlng, { radius: 6, color: '#5e3c99', weight: 2,
      fillColor: '#fff', fillOpacity: 1 }),
    onEachFeature: popup ? (f, l) => l.bindPopup(popup(f.properties)) : undefined,
  });
}
