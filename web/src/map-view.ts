import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { feature } from 'topojson-client';
import type { Topology, GeometryCollection } from 'topojson-specification';
import countries from 'world-atlas/countries-50m.json';
import type { EventPoint } from '../../src/api/event-schemas.js';
import { colourOf } from './colours.js';
import { el } from './dom.js';
import { gridCluster } from './grid-cluster.js';

const CELL = 44;

/** The map of the current view: offline country outlines, clustered event markers, district labels. */
export interface MapView {
  show(points: readonly EventPoint[]): void;
  destroy(): void;
}

function radiusOf(fatalities: number | null): number {
  return 5 + Math.min(16, Math.sqrt(Math.max(0, fatalities ?? 0)) * 2.2);
}

export function createMapView(
  container: HTMLElement,
  options: { tileUrl: string | null; onOpen: (id: string) => void },
): MapView {
  const map = L.map(container, { zoomControl: true, worldCopyJump: false, minZoom: 2, maxZoom: 12 });
  map.attributionControl.setPrefix(false);
  if (options.tileUrl) L.tileLayer(options.tileUrl, { maxZoom: 12 }).addTo(map);
  const topo = countries as unknown as Topology<{ countries: GeometryCollection }>;
  L.geoJSON(feature(topo, topo.objects.countries), {
    style: { color: '#8a8f98', weight: 0.8, fillColor: '#f3efe6', fillOpacity: options.tileUrl ? 0 : 1 },
    interactive: false,
  }).addTo(map);
  map.attributionControl.addAttribution('Natural Earth');
  map.setView([29.5, 67], 5);

  const markers = L.layerGroup().addTo(map);
  const labels = L.layerGroup().addTo(map);
  let current: readonly EventPoint[] = [];
  let fitted = false;

  function render(): void {
    markers.clearLayers();
    labels.clearLayers();
    const located = current.filter((p) => p[1] !== null && p[2] !== null);
    const projected = located.map((p) => {
      const pt = map.latLngToLayerPoint([p[1] as number, p[2] as number]);
      return { x: pt.x, y: pt.y, item: p };
    });
    for (const c of gridCluster(projected, CELL)) {
      const first = c.items[0]!;
      if (c.items.length === 1) {
        const m = L.circleMarker([first[1] as number, first[2] as number], {
          radius: radiusOf(first[5]),
          color: '#222',
          weight: 1,
          fillColor: colourOf(first[4]),
          fillOpacity: 0.8,
          className: 'event-marker',
        });
        m.bindTooltip(`${first[3]} · ${first[4]}${first[5] !== null ? ` · ${first[5]} killed` : ''}`);
        m.on('click', () => options.onOpen(first[0]));
        m.addTo(markers);
        continue;
      }
      const total = c.items.reduce((s, p) => s + (p[5] ?? 0), 0);
      const latlng = map.layerPointToLatLng([c.x, c.y]);
      const size = Math.round(26 + Math.min(26, Math.log2(c.items.length) * 4));
      const badge = el('span', { class: 'cluster-badge' }, String(c.items.length));
      const icon = L.divIcon({ className: 'cluster', html: badge, iconSize: [size, size] });
      const m = L.marker(latlng, {
        icon,
        keyboard: false,
        title: `${c.items.length} events, ${total} killed`,
      });
      m.on('click', () => {
        const bounds = L.latLngBounds(
          c.items.map((p) => [p[1] as number, p[2] as number] as [number, number]),
        );
        map.fitBounds(bounds.pad(0.3), { maxZoom: Math.min(map.getZoom() + 3, 12) });
      });
      m.addTo(markers);
    }
    // one label per district with events, at its seat when an event is placed there at district precision
    const seats = new Map<string, EventPoint>();
    for (const p of located) {
      if (!p[6]) continue;
      const held = seats.get(p[6]);
      if (!held || (held[7] !== 'district' && p[7] === 'district')) seats.set(p[6], p);
    }
    if (map.getZoom() >= 6 || seats.size <= 40) {
      for (const [name, p] of seats) {
        const label = L.divIcon({
          className: 'district-label',
          html: el('span', {}, name),
          iconSize: [0, 0],
        });
        L.marker([p[1] as number, p[2] as number], {
          icon: label,
          interactive: false,
          keyboard: false,
        }).addTo(labels);
      }
    }
  }

  map.on('zoomend', render);
  return {
    show(points) {
      current = points;
      if (!fitted) {
        const located = points.filter((p) => p[1] !== null && p[2] !== null);
        if (located.length > 0) {
          map.fitBounds(
            L.latLngBounds(located.map((p) => [p[1] as number, p[2] as number] as [number, number])).pad(0.2),
            { maxZoom: 8 },
          );
          fitted = true;
        }
      }
      render();
    },
    destroy() {
      map.remove();
    },
  };
}
