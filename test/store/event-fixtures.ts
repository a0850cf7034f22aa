import { buildEventRecord } from '../../src/domain/build-event-record.js';
import type {
  Document,
  MergeDecision,
  Mention,
  OperationRecord,
  PublisherProfile,
} from '../../src/domain/index.js';
import type { StoredEvent } from '../../src/store/store.js';
import { claim, makeMention } from './fixtures.js';

function sourceOf(doc: Document) {
  return { docId: doc.id, publisher: doc.publisher, url: doc.url, published: doc.published, text: doc.text };
}

function decisionsOf(id: string, mentions: readonly Mention[]): MergeDecision[] {
  return mentions.map((m, i) => ({
    mentionId: m.id,
    eventId: id,
    joined: i > 0,
    comparedWith: i > 0 ? mentions[0]!.id : null,
    score: i > 0 ? 0.82 : 1,
    threshold: 0.6,
    features: [{ name: 'place', score: 1, detail: 'same town' }],
  }));
}

/** An event as resolution would store it: the record built from its mentions and their documents. */
export function makeStoredEvent(
  id: string,
  mentions: readonly Mention[],
  docs: readonly Document[],
  operationId: string | null = null,
): StoredEvent {
  const used = docs.filter((d) => mentions.some((m) => m.docId === d.id));
  return {
    record: buildEventRecord({ id, operationId, mentions, sources: used.map(sourceOf) }),
    mentionIds: mentions.map((m) => m.id),
    decisions: decisionsOf(id, mentions),
  };
}

export function makeOperation(
  id: string,
  eventIds: readonly string[],
  docIds: readonly string[],
): OperationRecord {
  return {
    id,
    event_ids: eventIds,
    doc_ids: docIds,
    date: { start: '2025-05-06', end: '2025-05-20', precision: 'days' },
    country: 'PK',
    admin1: 'Balochistan',
    actor1: 'Baloch Liberation Army',
    claims: [],
    casualties: [],
    fatalities: { low: 24, best: 24, high: 36 },
    injured: null,
    notes: 'A coordinated operation on two towns.',
  };
}

function place(name: string, admin2: string | null, admin1: string, country = 'PK'): Mention['location'] {
  return { name, admin2, admin1, country, lat: 26.1, lon: 63.1, precision: 'place', placeId: null };
}

const BLA = { name: 'Baloch Liberation Army', id: 'bla', type: 'rebel_group', claimed: true } as const;
const ARMY = { name: 'Pakistan Army', id: 'pakistan-army', type: 'state_forces', claimed: false } as const;
const TTP = { name: 'Tehrik-i-Taliban Pakistan', id: 'ttp', type: 'rebel_group', claimed: false } as const;

/**
 * Five events that differ along every filter. docA is published by 'Frontier Wire' (odd n), docB by
 * 'Example Daily' (even n). Fatalities: a 2..7 (contested), b 3, c none, d 5, e 1.
 */
export function filterEvents(docA: Document, docB: Document): StoredEvent[] {
  const single = (docId: string, n: number) => [claim(docId, { low: n, high: n, best: n })];
  const a = makeMention(docA.id, 0, {
    location: place('Turbat', 'Kech', 'Balochistan'),
    actor1: BLA,
    actor2: ARMY,
  });
  const b = makeMention(docB.id, 0, {
    date: { start: '2025-05-06', end: '2025-05-08', precision: 'days' },
    location: place('Tump', 'Kech', 'Balochistan'),
    eventType: 'Explosions/Remote violence',
    subEventType: 'Remote explosive/landmine/IED',
    claims: single(docB.id, 3),
  });
  const c1 = makeMention(docA.id, 1, {
    date: { start: '2025-05-20', end: '2025-05-20', precision: 'day' },
    location: place('Panjgur', 'Panjgur', 'Balochistan'),
    actor1: ARMY,
    actor2: BLA,
    claims: [],
  });
  const c2 = { ...c1, id: `${docB.id}#m1`, docId: docB.id };
  const d = makeMention(docB.id, 2, {
    date: { start: '2025-06-02', end: '2025-06-02', precision: 'day' },
    location: place('Bannu', 'Bannu', 'Khyber Pakhtunkhwa'),
    actor1: TTP,
    eventType: 'Violence against civilians',
    subEventType: 'Attack',
    claims: single(docB.id, 5),
  });
  const e = makeMention(docA.id, 2, {
    date: { start: '2024-12-30', end: '2024-12-30', precision: 'day' },
    location: null,
    actor1: null,
    actor2: null,
    claims: single(docA.id, 1),
  });
  return [
    makeStoredEvent('ev-a', [a], [docA], 'op-1'),
    makeStoredEvent('ev-b', [b], [docB]),
    makeStoredEvent('ev-c', [c1, c2], [docA, docB], 'op-1'),
    makeStoredEvent('ev-d', [d], [docB]),
    makeStoredEvent('ev-e', [e], [docA]),
  ];
}

export function makeProfile(name: string, documents: number): PublisherProfile {
  return {
    name,
    documents,
    framing: { insurgent: 1, state: documents, neutral: 2, terms: { martyred: 1, militants: 2 } },
    contestedEvents: 3,
    highest: 2,
    lowest: 1,
  };
}
