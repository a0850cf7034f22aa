import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { feature } from 'topojson-client';
import type { Topology, GeometryCollection } from 'topojson-specification';
import countries from 'world-atlas/countries-50m.json';
import type { EventPoint } from '../../src/api/event-schemas.js';
import { colourOf } from './colours.js';
import { el } from './dom.js';
import { fanOut } from './fan-out.js';
import { gridCluster } from './grid-cluster.js';
import type { MapAt } from './url-state.js';

const CELL = 44;
/** Events placed only to a district, a province or a country: drawn apart, never merged into a town's cluster. */
const AREA_PRECISIONS: ReadonlySet<string> = new Set(['district', 'province', 'country']);
const AREA_WORDS: Readonly<Record<string, string>> = {
  district: 'placed only to the district',
  province: 'placed only to the province',
  country: 'placed only to the country',
};

/** The map of the current view: offline country outlines, clustered event markers, district labels. */
export interface MapView {
  /** Draws the points; those in `fresh` (just arrived) are ringed until they are shown again without it. */
  show(points: readonly EventPoint[], fresh?: ReadonlySet<string>): void;
  destroy(): void;
}

/** A marker's radius in pixels: it grows with the square root of the people killed, up to a cap. */
export function radiusOf(fatalities: number | null): number {
  return 5 + Math.min(16, Math.sqrt(Math.max(0, fatalities ?? 0)) * 2.2);
}

/** Where a group of events is: the district (and province) most of them are in. */
function placeOf(items: readonly EventPoint[]): string {
  const counts = new Map<string, number>();
  for (const p of items) {
    const place = [p[6], p[8]].filter(Boolean).join(', ');
    if (place) counts.set(place, (counts.get(place) ?? 0) + 1);
  }
  let best = 'an unknown place';
  let most = 0;
  for (const [place, n] of counts) if (n > most) [best, most] = [place, n];
  return best;
}

export interface MapViewOptions {
  readonly tileUrl: string | null;
  /** Where to look first; null fits the map to the events. */
  readonly at: MapAt | null;
  readonly onOpen: (id: string) => void;
  /** Called when the reader (not the page) moves or zooms the map. */
  readonly onMove: (at: MapAt) => void;
}

export function createMapView(container: HTMLElement, options: MapViewOptions): MapView {
  const map = L.map(container, { zoomControl: true, worldCopyJump: false, minZoom: 2, maxZoom: 12 });
  map.attributionControl.setPrefix(false);
  if (options.tileUrl) L.tileLayer(options.tileUrl, { maxZoom: 12 }).addTo(map);
  const topo = countries as unknown as Topology<{ countries: GeometryCollection }>;
  L.geoJSON(feature(topo, topo.objects.countries), {
    // colours from the stylesheet (path.country), so that they follow the light or dark theme
    style: { className: 'country', weight: 0.8, fillOpacity: options.tileUrl ? 0 : 1 },
    interactive: false,
  }).addTo(map);
  map.attributionControl.addAttribution('Natural Earth');
  if (options.at) map.setView([options.at.lat, options.at.lon], options.at.zoom, { animate: false });
  else map.setView([29.5, 67], 5, { animate: false });
  // the page's own moves (the first fit) are not the reader's: only a move away from them is reported
  const here = (): string =>
    `${map.getCenter().lat.toFixed(4)},${map.getCenter().lng.toFixed(4)},${map.getZoom()}`;
  let placedAt = here();
  let placing = false;
  map.on('moveend', () => {
    if (placing || here() === placedAt) return;
    placedAt = here();
    const c = map.getCenter();
    options.onMove({ lat: c.lat, lon: c.lng, zoom: map.getZoom() });
  });
  // district names above the markers, so a cluster never hides them; they take no clicks
  map.createPane('labels');

  const markers = L.layerGroup().addTo(map);
  const labels = L.layerGroup().addTo(map);
  /** The focusable markers and clusters drawn, with the events behind each. */
  let buttons: { icon: HTMLElement; items: readonly EventPoint[] }[] = [];
  let current: readonly EventPoint[] = [];
  let fresh: ReadonlySet<string> = new Set();
  let fitted = options.at !== null;
  /** Events whose cluster the user opened where zooming in could not split it: drawn fanned out around it. */
  let spread = new Set<string>();

  /**
   * Adds a marker that acts as a button, named by its label (also its tooltip, shown on hover and on focus):
   * Enter and Space do what a click does, Escape returns to the map.
   */
  function addButton(
    m: L.Marker,
    label: string,
    items: readonly EventPoint[],
    activate: () => void,
  ): HTMLElement | null {
    m.bindTooltip(el('span', {}, label));
    m.on('click', activate);
    m.addTo(markers);
    const icon = m.getElement();
    if (!icon) return null;
    icon.setAttribute('aria-label', label);
    icon.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        activate();
      } else if (e.key === 'Escape') container.focus();
    });
    buttons.push({ icon, items });
    return icon;
  }

  function render(): void {
    // a redraw replaces the focused marker: a keyboard user keeps the focus on what then holds the same event
    const focused = buttons.find((b) => b.icon === document.activeElement);
    const followed = focused?.icon.matches(':focus-visible') ? focused.items[0] : undefined;
    markers.clearLayers();
    labels.clearLayers();
    buttons = [];
    const located = current.filter((p) => p[1] !== null && p[2] !== null);
    const projected = located.map((p) => {
      const pt = map.latLngToLayerPoint([p[1] as number, p[2] as number]);
      return { x: pt.x, y: pt.y, item: p };
    });
    // towns cluster when they crowd; each area-level point (district, province) is a group of its own, fanned out
    const towns = projected.filter((p) => !AREA_PRECISIONS.has(p.item[7]));
    const areas = new Map<string, { x: number; y: number; items: EventPoint[] }>();
    for (const p of projected) {
      if (!AREA_PRECISIONS.has(p.item[7])) continue;
      const key = `${p.item[7]}:${p.item[1]}:${p.item[2]}`;
      const group = areas.get(key);
      if (group) group.items.push(p.item);
      else areas.set(key, { x: p.x, y: p.y, items: [p.item] });
    }
    // Tab visits them in reading order: row of cells by row from the top, each row from the left
    const groups = [
      ...gridCluster(towns, CELL).map((c) => ({ ...c, area: false })),
      ...[...areas.values()].map((a) => ({ ...a, area: true })),
    ].sort((a, b) => Math.floor(a.y / CELL) - Math.floor(b.y / CELL) || a.x - b.x);
    const drawEvent = (item: EventPoint, latlng: L.LatLngExpression): void => {
      const size = Math.round(radiusOf(item[5]) * 2);
      const area = AREA_WORDS[item[7]];
      const className = `${area ? `event-marker area-marker area-${item[7]}` : 'event-marker'}${fresh.has(item[0]) ? ' is-new' : ''}`;
      const m = L.marker(latlng, { icon: L.divIcon({ className, iconSize: [size, size] }) });
      const killed = item[5] === null ? 'fatalities unknown' : `${item[5]} killed`;
      const label = `${item[4]}, ${placeOf([item])}${area ? ` (${area})` : ''}, ${item[3]}, ${killed}`;
      const icon = addButton(m, label, [item], () => options.onOpen(item[0]));
      if (icon) icon.style.background = `${colourOf(item[4])}cc`;
    };
    for (const c of groups) {
      const first = c.items[0]!;
      if (c.area && c.items.length > 1) {
        const offsets = fanOut(c.items.length, 2 * radiusOf(null) + 8);
        c.items.forEach((p, i) =>
          drawEvent(p, map.layerPointToLatLng([c.x + offsets[i]!.dx, c.y + offsets[i]!.dy])),
        );
        continue;
      }
      if (c.items.length === 1) {
        drawEvent(first, [first[1] as number, first[2] as number]);
        continue;
      }
      if (c.items.every((p) => spread.has(p[0]))) {
        const offsets = fanOut(c.items.length, 2 * radiusOf(null) + 8);
        c.items.forEach((p, i) =>
          drawEvent(p, map.layerPointToLatLng([c.x + offsets[i]!.dx, c.y + offsets[i]!.dy])),
        );
        continue;
      }
      const total = c.items.reduce((s, p) => s + (p[5] ?? 0), 0);
      const latlng = map.layerPointToLatLng([c.x, c.y]);
      const size = Math.round(26 + Math.min(26, Math.log2(c.items.length) * 4));
      const badge = el('span', { class: 'cluster-badge' }, String(c.items.length));
      const className = c.items.some((p) => fresh.has(p[0])) ? 'cluster is-new' : 'cluster';
      const icon = L.divIcon({ className, html: badge, iconSize: [size, size] });
      const label = `${c.items.length} events near ${placeOf(c.items)}, ${total} killed`;
      addButton(L.marker(latlng, { icon }), label, c.items, () => {
        const bounds = L.latLngBounds(
          c.items.map((p) => [p[1] as number, p[2] as number] as [number, number]),
        );
        const zoom = Math.min(map.getBoundsZoom(bounds.pad(0.3)), map.getMaxZoom());
        // events on one point (or too close for the deepest zoom) only come apart when fanned out
        if (
          zoom <= map.getZoom() ||
          !bounds.isValid() ||
          bounds.getNorthEast().equals(bounds.getSouthWest())
        ) {
          spread = new Set([...spread, ...c.items.map((p) => p[0])]);
          render();
        } else map.fitBounds(bounds.pad(0.3), { maxZoom: Math.min(map.getZoom() + 3, 12) });
      });
    }
    if (focused) {
      const next = followed && buttons.find((b) => b.items.some((p) => p[0] === followed[0]));
      if (next) next.icon.focus();
      else container.focus({ preventScroll: true });
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
          pane: 'labels',
        }).addTo(labels);
      }
    }
  }

  map.on('zoomend', render);
  return {
    show(points, newIds = new Set()) {
      current = points;
      fresh = newIds;
      spread = new Set();
      if (!fitted) {
        const located = points.filter((p) => p[1] !== null && p[2] !== null);
        if (located.length > 0) {
          placing = true;
          map.fitBounds(
            L.latLngBounds(located.map((p) => [p[1] as number, p[2] as number] as [number, number])).pad(0.2),
            { maxZoom: 8, animate: false },
          );
          placing = false;
          placedAt = here();
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
