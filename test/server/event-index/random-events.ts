import { EVENT_TYPES, type Document, type EventRecord } from '../../../src/domain/index.js';
import type { EventQuery, StoredEvent } from '../../../src/store/store.js';

/** Deterministic pseudo-random numbers: a failing case names its seed and comes back the same. */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

const PLACES = [
  ['Balochistan', 'Kech'],
  ['Balochistan', 'Quetta'],
  ['Balochistan', 'Panjgur'],
  ['Khyber Pakhtunkhwa', 'Bannu'],
  ['Khyber Pakhtunkhwa', 'North Waziristan'],
  ['Sindh', 'Karachi'],
] as const;
const ACTORS = ['Baloch Liberation Army', 'Tehrik-i-Taliban Pakistan', 'Pakistan Army', 'Police Forces'];
// one outlet written two ways: the publisher filter folds case
const PUBLISHERS = ['Frontier Wire', 'FRONTIER WIRE', 'Example Daily', 'Hill Post', 'Coast Courier'];
const TYPES = Object.entries(EVENT_TYPES).flatMap(([t, subs]) =>
  subs.slice(0, 2).map((s) => [t, s] as const),
);
export const OPERATIONS = ['op-east', 'op-west'];

function day(n: number): string {
  return new Date(Date.UTC(2025, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
}

export function randomDocuments(count: number): Document[] {
  return Array.from({ length: count }, (_, i) => ({
    kind: 'Document',
    id: `doc-${i}`,
    url: `https://news.example.org/${i}`,
    title: `Report ${i}`,
    publisher: PUBLISHERS[i % PUBLISHERS.length]!,
    published: '2025-06-01',
    publishedSource: 'given',
    language: 'eng',
    text: `A report numbered ${i}.`,
    origin: `random-${i}`,
  }));
}

/** Events that differ along every filter and share sort keys often (ties are where orders go wrong). */
export function randomEvents(
  r: () => number,
  count: number,
  docs: readonly Document[],
  prefix = 'ev',
): StoredEvent[] {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(r() * list.length)]!;
  return Array.from({ length: count }, (_, i) => {
    const start = Math.floor(r() * 200);
    const span = r() < 0.1 ? Math.floor(r() * 40) : 0;
    const place = r() < 0.1 ? null : pick(PLACES);
    const [type, sub] = pick(TYPES);
    const sources = [...new Set([pick(docs), ...(r() < 0.3 ? [pick(docs)] : [])])];
    const low = Math.floor(r() * 4);
    const high = r() < 0.3 ? low + Math.floor(r() * 3) : low;
    const actor1 = r() < 0.2 ? null : pick(ACTORS);
    const record: EventRecord = {
      id: `${prefix}-${String(i).padStart(4, '0')}`,
      operation_id: r() < 0.1 ? pick(OPERATIONS) : null,
      doc_ids: sources.map((d) => d.id),
      date: { start: day(start), end: day(start + span), precision: span > 0 ? 'days' : 'day' },
      location:
        place === null
          ? null
          : {
              name: place[1],
              admin2: place[1],
              admin1: place[0],
              country: 'PK',
              lat: 27,
              lon: 66,
              precision: 'place',
            },
      event_type: type,
      sub_event_type: sub,
      weapon: 'firearms',
      target: 'security_forces',
      actor1: actor1 === null ? null : { name: actor1, type: 'rebel_group', claimed: false },
      actor2: r() < 0.5 ? null : { name: pick(ACTORS), type: 'state_forces' },
      fatalities: r() < 0.2 ? null : { low, best: low, high },
      injured: null,
      casualties: [],
      claims: [],
      sources: sources.map((d) => ({
        doc_id: d.id,
        publisher: d.publisher,
        url: d.url,
        published: d.published,
      })),
      evidence: [],
      notes: 'A made-up event for the index tests.',
      confidence: 0.5,
      background: false,
    };
    return { record, mentionIds: [], decisions: [] };
  });
}

/** A query as the API would send one: any mix of filters, sorts, pages; names in any case. */
export function randomQuery(r: () => number): EventQuery {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(r() * list.length)]!;
  const maybe = (p: number) => r() < p;
  const from = Math.floor(r() * 220) - 10;
  const q: Record<string, unknown> = {
    sort: pick(['date', '-date', 'fatalities', '-fatalities', undefined]),
    limit: pick([1, 3, 10, 50]),
    offset: pick([0, 0, 2, 7]),
  };
  if (maybe(0.5)) q.from = day(from);
  if (maybe(0.5)) q.to = day(from + Math.floor(r() * 90));
  if (maybe(0.3)) q.admin1 = pick([...PLACES.map((p) => p[0]), 'balochistan', 'Punjab']);
  if (maybe(0.2)) q.admin2 = pick(PLACES.map((p) => p[1]));
  if (maybe(0.3)) q.actor = pick([...ACTORS, 'baloch liberation army']);
  if (maybe(0.3)) q.type = pick(TYPES.flat());
  if (maybe(0.15)) q.publisher = pick(['Frontier Wire', 'hill post', 'Nobody']);
  if (maybe(0.1)) q.docId = `doc-${Math.floor(r() * 12)}`;
  if (maybe(0.1)) q.operationId = pick(OPERATIONS);
  if (maybe(0.15)) q.contested = maybe(0.5);
  if (maybe(0.1)) q.minPublishers = 2;
  if (maybe(0.2)) q.includeDismissed = true;
  for (const key of Object.keys(q)) if (q[key] === undefined) delete q[key];
  return q as EventQuery;
}
