import { FILTER_KEYS } from '../../src/api/query-schemas.js';

export type Filters = Partial<Record<(typeof FILTER_KEYS)[number], string>>;

export interface Route {
  readonly view: 'map' | 'event' | 'publishers' | 'add';
  readonly id: string | null;
  readonly filters: Filters;
}

/** Reads the view and the filters from the hash (#/?from=…, #/event/ID, #/publishers, #/add). */
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
  const event = /^\/event\/(.+)$/.exec(path);
  if (event) return { view: 'event', id: decodeURIComponent(event[1] ?? ''), filters };
  if (path === '/publishers') return { view: 'publishers', id: null, filters };
  if (path === '/add') return { view: 'add', id: null, filters };
  return { view: 'map', id: null, filters };
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

export function mapHash(filters: Filters): string {
  const q = filterQuery(filters);
  return q ? `#/?${q}` : '#/';
}

/** An event's page, carrying the map's filters so that "← All events" returns to the same view. */
export function eventHash(id: string, filters: Filters): string {
  const q = filterQuery(filters);
  return `#/event/${encodeURIComponent(id)}${q ? `?${q}` : ''}`;
}
