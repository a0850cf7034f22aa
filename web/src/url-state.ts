import { FILTER_KEYS } from '../../src/api/query-schemas.js';

export type Filters = Partial<Record<(typeof FILTER_KEYS)[number], string>>;

export interface Route {
  readonly view:
    'map' | 'event' | 'publishers' | 'documents' | 'add' | 'signin' | 'trends' | 'alerts' | 'review' | 'edit';
  readonly id: string | null;
  readonly filters: Filters;
  /** Where the map looks, "lat,lon,zoom", when the reader moved it; null lets it fit the events. */
  readonly at: string | null;
  /** The Trends page's own choices (interval, split, window), read from the same query as the filters. */
  readonly trend: TrendView;
}

export interface TrendView {
  readonly interval: 'day' | 'week' | 'month';
  readonly split: 'district' | 'actor' | 'type';
  readonly window: 'week' | 'month';
}

export const DEFAULT_TREND: TrendView = { interval: 'week', split: 'district', window: 'week' };

function choice<T extends string>(value: string | null, allowed: readonly T[], fallback: T): T {
  return allowed.includes(value as T) ? (value as T) : fallback;
}

function trendOf(params: URLSearchParams): TrendView {
  return {
    interval: choice(params.get('interval'), ['day', 'week', 'month'], DEFAULT_TREND.interval),
    split: choice(params.get('split'), ['district', 'actor', 'type'], DEFAULT_TREND.split),
    window: choice(params.get('window'), ['week', 'month'], DEFAULT_TREND.window),
  };
}

/** A map position, from the URL's `at=lat,lon,zoom`. */
export interface MapAt {
  readonly lat: number;
  readonly lon: number;
  readonly zoom: number;
}

const AT = /^(-?\d{1,2}(?:\.\d{1,6})?),(-?\d{1,3}(?:\.\d{1,6})?),(\d{1,2})$/;

/** "30.1,66.9,8" → a position, or null for anything that is not one. */
export function parseAt(value: string | null): MapAt | null {
  const m = AT.exec(value ?? '');
  if (!m) return null;
  const [lat, lon, zoom] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return Math.abs(lat) <= 90 && Math.abs(lon) <= 180 && zoom >= 2 && zoom <= 12 ? { lat, lon, zoom } : null;
}

export function formatAt(at: MapAt): string {
  return `${at.lat.toFixed(4)},${at.lon.toFixed(4)},${at.zoom}`;
}

/** Reads the view and the filters from the hash (#/?from=…, #/event/ID, #/publishers, #/documents?…, #/add, #/signin). */
export function parseHash(hash: string): Route {
  const raw = hash.replace(/^#/, '');
  const q = raw.indexOf('?');
  const path = q < 0 ? raw : raw.slice(0, q);
  const params = new URLSearchParams(q < 0 ? '' : raw.slice(q + 1));
  const filters: Filters = {};
  for (const key of FILTER_KEYS) {
    const v = params.get(key);
    if (v !== null && v !== '') filters[key] = v;
  }
  const trend = trendOf(params);
  const parsedAt = parseAt(params.get('at'));
  const at = parsedAt ? formatAt(parsedAt) : null;
  const event = /^\/event\/(.+)$/.exec(path);
  if (event) return { view: 'event', id: decodeURIComponent(event[1] ?? ''), filters, at, trend };
  const edit = /^\/edit\/(.+)$/.exec(path);
  if (edit) return { view: 'edit', id: decodeURIComponent(edit[1] ?? ''), filters, at: null, trend };
  if (path === '/review') return { view: 'review', id: null, filters, at: null, trend };
  if (path === '/publishers') return { view: 'publishers', id: null, filters, at: null, trend };
  if (path === '/documents') return { view: 'documents', id: null, filters, at: null, trend };
  if (path === '/add') return { view: 'add', id: null, filters, at: null, trend };
  if (path === '/signin') return { view: 'signin', id: null, filters, at: null, trend };
  if (path === '/alerts') return { view: 'alerts', id: null, filters, at: null, trend };
  if (path === '/trends') return { view: 'trends', id: null, filters, at: null, trend };
  return { view: 'map', id: null, filters, at, trend };
}

/** The query string of the filters, in a stable order, for the API and for the URL. */
export function filterQuery(filters: Filters, without: readonly string[] = []): string {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const v = filters[key];
    if (v !== undefined && v !== '' && !without.includes(key)) params.set(key, v);
  }
  return params.toString();
}

/** The filters' query with the map position after them (the API is never sent `at`). */
function viewQuery(filters: Filters, at: string | null): string {
  const q = filterQuery(filters);
  const position = at ? `at=${at}` : '';
  return [q, position].filter(Boolean).join('&');
}

export function mapHash(filters: Filters, at: string | null = null): string {
  const q = viewQuery(filters, at);
  return q ? `#/?${q}` : '#/';
}

/** An event's page, carrying the map's filters so that "← All events" returns to the same view. */
export function eventHash(id: string, filters: Filters, at: string | null = null): string {
  const q = viewQuery(filters, at);
  return `#/event/${encodeURIComponent(id)}${q ? `?${q}` : ''}`;
}

/** The Documents view of the events these filters match. */
export function documentsHash(filters: Filters): string {
  const q = filterQuery(filters);
  return `#/documents${q ? `?${q}` : ''}`;
}

/** The Trends view: its choices where they differ from the defaults, then the filters as the map writes them. */
export function trendsHash(filters: Filters, trend: TrendView = DEFAULT_TREND): string {
  const own = (['interval', 'split', 'window'] as const)
    .filter((k) => trend[k] !== DEFAULT_TREND[k])
    .map((k) => `${k}=${trend[k]}`);
  const q = [...own, filterQuery(filters)].filter(Boolean).join('&');
  return `#/trends${q ? `?${q}` : ''}`;
}
