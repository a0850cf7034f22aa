import type { EventPoint, EventRecordWire } from '../../src/api/event-schemas.js';
import { api, ApiError } from './api-client.js';
import { colourOf, TYPE_COLOURS } from './colours.js';
import { el, replace } from './dom.js';
import { filtersForm } from './filters-form.js';
import { dateText, figureText, placeText } from './format.js';
import { createMapView, radiusOf, type MapView } from './map-view.js';
import { renderTimeline } from './timeline.js';
import {
  documentsHash,
  eventHash,
  filterQuery,
  formatAt,
  mapHash,
  parseAt,
  type Filters,
} from './url-state.js';

const PAGE = 50;
let mapView: MapView | null = null;

function inRange(p: EventPoint, f: Filters): boolean {
  return (!f.from || p[3] >= f.from) && (!f.to || p[3] <= f.to);
}

function uniq(values: readonly (string | null)[]): string[] {
  return [...new Set(values.filter((v): v is string => !!v))].sort((a, b) => a.localeCompare(b));
}

function eventRow(e: EventRecordWire, filters: Filters, at: () => string | null): HTMLLIElement {
  return el(
    'li',
    { class: 'event-row' },
    el('span', { class: 'swatch', 'data-type': e.event_type, style: undefined }),
    el(
      'a',
      { href: eventHash(e.id, filters, at()), 'data-id': e.id },
      el('strong', {}, dateText(e.date)),
      ' · ',
      placeText(e.location),
    ),
    el(
      'span',
      { class: 'meta' },
      `${e.sub_event_type} · killed ${figureText(e.fatalities)}${e.actor1 ? ` · ${e.actor1.name}` : ''}`,
    ),
  );
}

/** What to do when no event matches: say so, and offer the way out. */
function emptyHint(filters: Filters): HTMLElement {
  if (filters.q) {
    const rest: Filters = { ...filters };
    delete rest.q;
    const narrowed = filterQuery(rest) !== '';
    return el(
      'p',
      { class: 'empty-hint', role: 'note' },
      `No event matches the search “${filters.q}”${narrowed ? ' with these filters' : ''}. `,
      'Every word must appear in an event; try fewer or other words, or ',
      el('a', { href: mapHash(rest) }, 'clear the search'),
      '.',
    );
  }
  const any = filterQuery(filters) !== '';
  return el(
    'p',
    { class: 'empty-hint', role: 'note' },
    any
      ? 'No event matches these filters. Widen the dates, clear a field, or '
      : 'No events are stored yet. ',
    any ? el('a', { href: '#/' }, 'show all events') : el('a', { href: '#/add' }, 'add an article'),
    '.',
  );
}

/** A marker of the size the map draws for this many killed. */
function sizedDot(killed: number): HTMLElement {
  const dot = el('span', { class: 'key-dot' });
  const size = `${Math.round(radiusOf(killed) * 2)}px`;
  dot.style.width = size;
  dot.style.height = size;
  return dot;
}

function legend(): HTMLElement {
  return el(
    'div',
    { class: 'legends' },
    el(
      'ul',
      { class: 'legend', 'aria-label': 'Event types' },
      ...Object.keys(TYPE_COLOURS).map((t) =>
        el('li', {}, el('span', { class: 'swatch', 'data-type': t }), t),
      ),
    ),
    el(
      'ul',
      { class: 'legend marker-key', 'aria-label': 'Map symbols' },
      el(
        'li',
        { class: 'key-size' },
        sizedDot(0),
        sizedDot(10),
        sizedDot(50),
        'size: people killed (0, 10, 50)',
      ),
      el(
        'li',
        { class: 'key-cluster' },
        el('span', { class: 'key-cluster-badge' }, '3'),
        'events close together (select to zoom in)',
      ),
      el(
        'li',
        { class: 'key-area' },
        el('span', { class: 'key-square' }),
        'placed only to a district or province',
      ),
    ),
  );
}

/** Colours come from data attributes through the CSSOM, never from inline style markup (CSP). */
function paintSwatches(root: HTMLElement): void {
  for (const s of root.querySelectorAll<HTMLElement>('.swatch[data-type]'))
    s.style.background = colourOf(s.dataset['type'] ?? '');
}

export async function renderMapPage(
  main: HTMLElement,
  filters: Filters,
  initialAt: string | null,
  tileUrl: string | null,
  formats: readonly string[],
): Promise<void> {
  // where the reader has moved the map: kept in the URL with the filters, and through every filter change
  let at = initialAt;
  const go = (f: Filters) => {
    location.hash = mapHash(f, at);
  };
  const status = el('p', { class: 'status', role: 'status', 'aria-live': 'polite' }, 'Loading…');
  const mapBox = el('div', { class: 'map', id: 'map', 'aria-label': 'Map of events' });
  const timeline = el('div', { class: 'timeline', 'aria-label': 'Timeline: drag to choose dates' });
  const list = el('ol', { class: 'event-list', 'aria-label': 'Events' });
  const more = el('button', { type: 'button', class: 'more', hidden: true }, 'More events');
  const count = el('h2', { class: 'count' }, 'Events');
  const query = filterQuery(filters);
  const downloads = el(
    'p',
    { class: 'downloads' },
    'Download this view: ',
    ...formats.flatMap((f, i) => [
      i > 0 ? ' · ' : '',
      el('a', { href: `/api/export/${f}${query ? `?${query}` : ''}`, download: '' }, f.toUpperCase()),
    ]),
    ' · ',
    el('a', { href: documentsHash(filters), class: 'sources-link' }, 'Their source documents'),
  );
  const filterSlot = el('div', { class: 'filter-slot' });
  replace(
    main,
    el('section', { class: 'controls' }, filterSlot, status),
    el('section', { class: 'visuals' }, mapBox, legend(), timeline),
    el('section', { class: 'listing' }, count, downloads, list, more),
  );
  paintSwatches(main);
  mapView?.destroy();
  mapView = createMapView(mapBox, {
    tileUrl,
    at: parseAt(initialAt),
    onOpen: (id) => (location.hash = eventHash(id, filters, at)),
    onMove: (moved) => {
      at = formatAt(moved);
      // replaceState: the URL follows the map without a new history entry or a redraw
      history.replaceState(null, '', mapHash(filters, at));
      for (const a of list.querySelectorAll<HTMLAnchorElement>('a[data-id]'))
        a.href = eventHash(a.dataset['id'] ?? '', filters, at);
    },
  });

  let publishers: string[] = [];
  let actors: string[] = [];
  try {
    const [pubs, actorStats] = await Promise.all([api.publishers(), api.stats('by=actor')]);
    publishers = pubs.map((p) => p.name);
    actors = actorStats.rows.map((r) => r.key).filter((k) => k && k !== 'unknown');
  } catch {
    // the choices only help typing; the filters work without them
  }
  try {
    const [points, events] = await Promise.all([
      api.points(filterQuery(filters, ['from', 'to'])),
      api.events(`${query ? `${query}&` : ''}sort=-date&limit=${PAGE}`),
    ]);
    const all = points.points;
    filterSlot.appendChild(
      filtersForm(
        filters,
        { provinces: uniq(all.map((p) => p[8])), districts: uniq(all.map((p) => p[6])), actors, publishers },
        go,
      ),
    );
    const shown = all.filter((p) => inRange(p, filters));
    mapView.show(shown);
    renderTimeline(timeline, all, filters, (from, to) => {
      const f: Filters = { ...filters };
      delete f.from;
      delete f.to;
      if (from) f.from = from;
      if (to) f.to = to;
      go(f);
    });
    // past a threshold the server estimates the total and says so: shown as "about", never as a count
    replace(
      count,
      `${events.totalIsEstimate ? 'about ' : ''}${events.total.toLocaleString('en')} event${events.total === 1 ? '' : 's'}`,
    );
    if (events.total === 0) {
      // nothing to download: the links would give empty files
      downloads.replaceWith(emptyHint(filters));
    }
    list.replaceChildren(...events.items.map((e) => eventRow(e, filters, () => at)));
    paintSwatches(list);
    status.textContent = points.truncated
      ? `Map shows the first ${all.length} of ${points.total} events.`
      : '';
    // each page says where the next one starts: a deep page costs the server what the first did
    let after = events.next;
    more.hidden = after === null;
    more.addEventListener('click', async () => {
      if (after === null) return;
      const next = await api.events(
        `${query ? `${query}&` : ''}sort=-date&limit=${PAGE}&after=${encodeURIComponent(after)}`,
      );
      after = next.next;
      list.append(...next.items.map((e) => eventRow(e, filters, () => at)));
      paintSwatches(list);
      more.hidden = after === null;
    });
  } catch (error) {
    if (filterSlot.childElementCount === 0)
      filterSlot.appendChild(filtersForm(filters, { provinces: [], districts: [], actors, publishers }, go));
    status.textContent =
      error instanceof ApiError ? `Cannot show these events: ${error.message}` : 'The server did not answer.';
    status.classList.add('error');
  }
}
