import type { FastifyInstance } from 'fastify';
import type { Claim, Document, Mention, OperationRecord } from '../../src/domain/index.js';
import { buildApp } from '../../src/server/app.js';
import { projectKnowledge } from '../helpers/knowledge.js';
import { EXTRACTOR_VERSION } from '../../src/extract/extract-document.js';
import { buildEventRecord } from '../../src/domain/index.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import type { Store, StoredEvent } from '../../src/store/store.js';

/** Hand-written reports (never seed text): two outlets disagree about one ambush near Turbat. */
export const TEXTS = {
  coast:
    'Fighters of the Baloch Liberation Army ambushed an army convoy near Turbat on Tuesday. ' +
    'The group said in a statement that twelve soldiers were killed in the ambush. ' +
    'The district administration closed the road for the rest of the day.',
  capital:
    'Security officials said three soldiers were killed when militants attacked a convoy near Turbat. ' +
    'Officials said the attackers fled towards the hills after a long exchange of fire.',
  quetta:
    'A roadside bomb exploded near a police van in Quetta on Friday, killing two policemen, a police spokesman said. ' +
    'No group immediately claimed the blast.',
  panjgur:
    'Gunmen attacked a levies post in Panjgur and a bank in Kharan on Sunday in what officials called a coordinated operation. ' +
    'Officials said four levies personnel died in Panjgur.',
} as const;

const PUBLISHERS: Record<keyof typeof TEXTS, string> = {
  coast: 'Coast Courier',
  capital: 'Capital Times',
  quetta: 'Capital Times',
  panjgur: 'Hill Post',
};

const PUBLISHED: Record<keyof typeof TEXTS, string> = {
  coast: '2025-03-05',
  capital: '2025-03-05',
  quetta: '2025-03-15',
  panjgur: '2025-04-07',
};

function doc(key: keyof typeof TEXTS): Document {
  return {
    kind: 'Document',
    id: `doc-${key}`,
    url: `https://news.example.org/${key}`,
    title: `Report ${key}`,
    publisher: PUBLISHERS[key],
    published: PUBLISHED[key],
    publishedSource: 'given',
    language: 'eng',
    text: TEXTS[key],
    origin: `fixtures/${key}.txt`,
  };
}

function spanOf(text: string, quote: string): [number, number] {
  const start = text.indexOf(quote);
  if (start < 0) throw new Error(`quote not in text: ${quote}`);
  return [start, start + quote.length];
}

function claim(key: keyof typeof TEXTS, quote: string, c: Partial<Claim>): Claim {
  return {
    claimant: 'officials',
    claimantKind: 'state_official',
    stance: 'confirmed',
    metric: 'killed',
    category: 'security_forces',
    low: 1,
    high: 1,
    approximate: false,
    best: 1,
    quote,
    docId: `doc-${key}`,
    span: spanOf(TEXTS[key], quote),
    ruleId: 'test.claim',
    ...c,
  };
}

const PLACES = {
  Turbat: { admin2: 'Kech', admin1: 'Balochistan', lat: 26.0, lon: 63.05 },
  Quetta: { admin2: 'Quetta', admin1: 'Balochistan', lat: 30.19, lon: 67.01 },
  Panjgur: { admin2: 'Panjgur', admin1: 'Balochistan', lat: 26.97, lon: 64.09 },
  Kharan: { admin2: 'Kharan', admin1: 'Balochistan', lat: 28.58, lon: 65.42 },
} as const;

function mention(
  key: keyof typeof TEXTS,
  index: number,
  town: keyof typeof PLACES,
  date: string,
  m: Partial<Mention>,
  evidence: string,
): Mention {
  const p = PLACES[town];
  return {
    kind: 'Mention',
    id: `doc-${key}#m${index}`,
    docId: `doc-${key}`,
    index,
    operationKey: null,
    date: { start: date, end: date, precision: 'day' },
    location: { name: town, ...p, country: 'PK', precision: 'place', placeId: null },
    eventType: 'Battles',
    subEventType: 'Armed clash',
    weapon: 'firearms',
    target: 'security_forces',
    actor1: null,
    actor2: { name: 'Pakistan Army', id: 'pakistan-army', type: 'state_forces', claimed: false },
    claims: [],
    operationClaims: [],
    evidence: [spanOf(TEXTS[key], evidence)],
    provenance: [],
    confidence: 0.8,
    ...m,
  };
}

const BLA = { name: 'Baloch Liberation Army', id: 'bla', type: 'rebel_group' as const, claimed: true };

export const MENTIONS: readonly Mention[] = [
  mention(
    'coast',
    0,
    'Turbat',
    '2025-03-04',
    {
      actor1: BLA,
      claims: [
        claim('coast', 'twelve soldiers were killed', {
          claimant: 'Baloch Liberation Army',
          claimantKind: 'armed_group',
          stance: 'claimed',
          low: 12,
          high: 12,
          best: 12,
        }),
      ],
    },
    'ambushed an army convoy near Turbat on Tuesday',
  ),
  mention(
    'capital',
    0,
    'Turbat',
    '2025-03-04',
    {
      claims: [claim('capital', 'three soldiers were killed', { low: 3, high: 3, best: 3 })],
    },
    'militants attacked a convoy near Turbat',
  ),
  mention(
    'quetta',
    0,
    'Quetta',
    '2025-03-14',
    {
      eventType: 'Explosions/Remote violence',
      subEventType: 'Remote explosive/landmine/IED',
      weapon: 'explosives_ied',
      actor2: {
        name: 'Police Forces of Pakistan',
        id: 'pakistan-police',
        type: 'state_forces',
        claimed: false,
      },
      claims: [
        claim('quetta', 'killing two policemen', {
          claimant: 'a police spokesman',
          low: 2,
          high: 2,
          best: 2,
        }),
      ],
    },
    'A roadside bomb exploded near a police van in Quetta',
  ),
  mention(
    'panjgur',
    0,
    'Panjgur',
    '2025-04-06',
    {
      operationKey: 'op-1',
      claims: [claim('panjgur', 'four levies personnel died', { low: 4, high: 4, best: 4 })],
    },
    'attacked a levies post in Panjgur',
  ),
  mention(
    'panjgur',
    1,
    'Kharan',
    '2025-04-06',
    {
      operationKey: 'op-1',
      eventType: 'Strategic developments',
      subEventType: 'Looting/property destruction',
      target: 'infrastructure',
      actor2: null,
    },
    'a bank in Kharan',
  ),
];

const SOURCES = Object.fromEntries(
  (Object.keys(TEXTS) as (keyof typeof TEXTS)[]).map((k) => {
    const d = doc(k);
    return [d.id, { docId: d.id, publisher: d.publisher, url: d.url, published: d.published, text: d.text }];
  }),
);

function event(id: string, mentions: readonly Mention[], operationId: string | null = null): StoredEvent {
  const docIds = [...new Set(mentions.map((m) => m.docId))];
  return {
    record: buildEventRecord({ id, operationId, mentions, sources: docIds.map((d) => SOURCES[d]!) }),
    mentionIds: mentions.map((m) => m.id),
    decisions: mentions.map((m, i) => ({
      mentionId: m.id,
      eventId: id,
      joined: i > 0,
      comparedWith: i > 0 ? mentions[0]!.id : null,
      score: i > 0 ? 0.9 : 1,
      threshold: 0.6,
      features: [{ name: 'place' as const, score: 1, detail: 'same town' }],
    })),
  };
}

export const EVENTS: readonly StoredEvent[] = [
  event('ev-turbat', [MENTIONS[0]!, MENTIONS[1]!]),
  event('ev-quetta', [MENTIONS[2]!]),
  event('ev-panjgur', [MENTIONS[3]!], 'op-1'),
  event('ev-kharan', [MENTIONS[4]!], 'op-1'),
];

export const OPERATION: OperationRecord = {
  id: 'op-1',
  event_ids: ['ev-panjgur', 'ev-kharan'],
  doc_ids: ['doc-panjgur'],
  date: { start: '2025-04-06', end: '2025-04-06', precision: 'day' },
  country: 'PK',
  admin1: 'Balochistan',
  actor1: null,
  claims: [],
  casualties: [],
  fatalities: null,
  injured: null,
  notes: 'A coordinated attack on two towns.',
};

/** An in-memory SQLite store holding the four hand-written documents, their mentions and four events. */
export async function seededStore(): Promise<Store> {
  const store = await openSqliteStore({ path: ':memory:' });
  await store.saveDocuments((Object.keys(TEXTS) as (keyof typeof TEXTS)[]).map(doc));
  for (const key of Object.keys(TEXTS) as (keyof typeof TEXTS)[]) {
    await store.saveExtraction({
      docId: `doc-${key}`,
      mentions: MENTIONS.filter((m) => m.docId === `doc-${key}`),
      aggregates: [],
      framing: { insurgent: {}, state: {}, neutral: {} },
      extractorVersion: EXTRACTOR_VERSION,
    });
  }
  await store.replaceResolution({
    mentionIds: MENTIONS.map((m) => m.id),
    events: EVENTS,
    operations: [OPERATION],
  });
  await store.savePublisherProfiles([
    {
      name: 'Coast Courier',
      documents: 1,
      framing: { insurgent: 1, state: 0, neutral: 2, terms: {} },
      contestedEvents: 1,
      highest: 1,
      lowest: 0,
    },
    {
      name: 'Capital Times',
      documents: 2,
      framing: { insurgent: 0, state: 1, neutral: 1, terms: {} },
      contestedEvents: 1,
      highest: 0,
      lowest: 1,
    },
  ]);
  return store;
}

/** The seeded store behind a ready app on loopback without a token, as most API tests want it. */
export async function seededApp(): Promise<{ store: Store; app: FastifyInstance }> {
  const store = await seededStore();
  const app = buildApp({
    store,
    knowledge: projectKnowledge(),
    config: { apiToken: null, host: '127.0.0.1', webRoot: null },
  });
  await app.ready();
  return { store, app };
}
