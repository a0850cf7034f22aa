import type { EventPoint, EventRecordWire } from '../../src/api/event-schemas.js';
import { api, ApiError } from './api-client.js';
import { colourOf, TYPE_COLOURS } from './colours.js';
import { el, replace } from './dom.js';
import { filtersForm } from './filters-form.js';
import { dateText, figureText, placeText } from './format.js';
import { subscribeLive, type LiveState } from './live-events.js';
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
let stopLive: (() => void) | null = null;

/** Ends the map's live stream: the other views have no use for it. */
export function stopLiveUpdates(): void {
  stopLive?.();
  stopLive = null;
}

const LIVE_WORDS: Readonly<Record<LiveState, string>> = {
  connecting: 'Connecting to live updates…',
  live: 'Live: new events appear as they are stored',
  reconnecting: 'Live updates lost; reconnecting…',
};

/** The map's compact form of a record, as /api/points gives it. */
function pointOf(r: EventRecordWire): EventPoint {
  return [
    r.id,
    r.location?.lat ?? null,
    r.location?.lon ?? null,
    r.date.start,
    r.event_type,
    r.fatalities?.best ?? null,
    r.location?.admin2 ?? null,
    r.location?.precision ?? 'country',
    r.location?.admin1 ?? null,
    r.date.precision,
  ];
}

/** Whether row a comes before row b in the list's order (newest first, then by id, as sort=-date). */
function before(a: { date: string; id: string }, b: { date: string; id: string }): boolean {
  return a.date > b.date || (a.date === b.date && a.id > b.id);
}

function inRange(p: EventPoint, f: Filters): boolean {
  return (!f.from || p[3] >= f.from) && (!f.to || p[3] <= f.to);
}

function uniq(values: readonly (string | null)[]): string[] {
  return [...new Set(values.filter((v): v is string => !!v))].sort((a, b) => a.localeCompare(b));
}

function eventRow(e: EventRecordWire, filters: Filters, at: () => string | null): HTMLLIElement {
  return el(
    'li',
    { class: 'event-row', 'data-id': e.id, 'data-date': e.date.start },
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
  // a view with no event yet is worth following too: this stays when the downloads give way to the empty hint
  const subscribe = el(
    'p',
    { class: 'subscribe' },
    'Follow this view in a feed reader: ',
    el('a', { href: `/api/events.atom${query ? `?${query}` : ''}`, type: 'application/atom+xml' }, 'Atom'),
    ' · ',
    el('a', { href: `/api/events.rss${query ? `?${query}` : ''}`, type: 'application/rss+xml' }, 'RSS'),
  );
  const filterSlot = el('div', { class: 'filter-slot' });
  const liveState = el('p', { class: 'live-state', 'data-state': 'connecting' }, LIVE_WORDS.connecting);
  const seen = el('button', { type: 'button', class: 'mark-seen' }, 'Mark as seen');
  const newNote = el('p', { class: 'new-note', role: 'status', 'aria-live': 'polite', hidden: true });
  replace(
    main,
    el('section', { class: 'controls' }, filterSlot, status),
    el('section', { class: 'visuals' }, mapBox, legend(), timeline),
    el('section', { class: 'listing' }, count, liveState, newNote, downloads, subscribe, list, more),
  );
  // the stream opens before the view is read, and what it sends meanwhile waits: nothing stored between the
  // two reads is missed (a record sent twice is drawn once)
  stopLiveUpdates();
  let applyLive: ((events: readonly EventRecordWire[]) => void) | null = null;
  const waiting: EventRecordWire[] = [];
  stopLive = subscribeLive(query, {
    onEvents: (events) => (applyLive ? applyLive(events) : waiting.push(...events)),
    onReset: () => void renderMapPage(main, filters, at, tileUrl, formats),
    onState: (state) => {
      liveState.dataset['state'] = state;
      liveState.textContent = LIVE_WORDS[state];
    },
  });
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
    const all = [...points.points];
    filterSlot.appendChild(
      filtersForm(
        filters,
        { provinces: uniq(all.map((p) => p[8])), districts: uniq(all.map((p) => p[6])), actors, publishers },
        go,
      ),
    );
    const view = mapView;
    view.show(all.filter((p) => inRange(p, filters)));
    renderTimeline(timeline, all, filters, (from, to) => {
      const f: Filters = { ...filters };
      delete f.from;
      delete f.to;
      if (from) f.from = from;
      if (to) f.to = to;
      go(f);
    });
    // past a threshold the server estimates the total and says so: shown as "about", never as a count
    let total = events.total;
    const showTotal = (): void =>
      replace(
        count,
        `${events.totalIsEstimate ? 'about ' : ''}${total.toLocaleString('en')} event${total === 1 ? '' : 's'}`,
      );
    showTotal();
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

    // events the stream brings: on the map and in the list at once, marked new until the reader marks them seen
    const fresh = new Set<string>();
    const known = new Set(all.map((p) => p[0]));
    const showFresh = (): void => {
      newNote.hidden = fresh.size === 0;
      replace(
        newNote,
        `${fresh.size} new event${fresh.size === 1 ? '' : 's'} since you opened this view `,
        seen,
      );
    };
    seen.addEventListener('click', () => {
      fresh.clear();
      for (const row of list.querySelectorAll('.event-row.is-new')) row.classList.remove('is-new');
      for (const badge of list.querySelectorAll('.new-badge')) badge.remove();
      view.show(
        all.filter((p) => inRange(p, filters)),
        fresh,
      );
      showFresh();
    });
    applyLive = (incoming) => {
      if (incoming.length === 0) return;
      for (const e of incoming) {
        const point = pointOf(e);
        const index = all.findIndex((p) => p[0] === e.id);
        if (index >= 0) all[index] = point;
        else all.push(point);
        if (!known.has(e.id)) total++;
        known.add(e.id);
        fresh.add(e.id);
        const row = eventRow(e, filters, () => at);
        row.classList.add('is-new');
        row.append(el('span', { class: 'new-badge' }, 'new'));
        const held = [...list.querySelectorAll<HTMLLIElement>('.event-row')];
        const same = held.find((r) => r.dataset['id'] === e.id);
        if (same) {
          same.replaceWith(row);
          continue;
        }
        const key = { date: e.date.start, id: e.id };
        const next = held.find((r) =>
          before(key, { date: r.dataset['date'] ?? '', id: r.dataset['id'] ?? '' }),
        );
        // past the last row while more pages follow: that page brings it when asked for
        if (next) next.before(row);
        else if (after === null) list.append(row);
      }
      paintSwatches(list);
      view.show(
        all.filter((p) => inRange(p, filters)),
        fresh,
      );
      showTotal();
      showFresh();
      if (total > 0) main.querySelector('.empty-hint')?.replaceWith(downloads);
    };
    applyLive(waiting.splice(0));
  } catch (error) {
    if (filterSlot.childElementCount === 0)
      filterSlot.appendChild(filtersForm(filters, { provinces: [], districts: [], actors, publishers }, go));
    status.textContent =
      error instanceof ApiError ? `Cannot show these events: ${error.message}` : 'The server did not answer.';
    status.classList.add('error');
  }
}
