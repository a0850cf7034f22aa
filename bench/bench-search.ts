import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageRoot } from '../src/cli/package-root.js';
import { loadKnowledge } from '../src/lexicon/load-knowledge.js';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import type { EventQuery, Store, StoredEvent } from '../src/store/store.js';
import { seedSyntheticEvents } from './bench-api.js';

export interface SearchTiming {
  readonly label: string;
  readonly query: EventQuery;
  readonly matches: number;
  /** Median over the runs: the first page of 100 and the total, as the API's list asks for them uncached. */
  readonly ms: number;
}

export interface SearchBench {
  readonly events: number;
  readonly insertSeconds: number;
  readonly timings: readonly SearchTiming[];
}

const RUNS = 7;

const SUBJECTS = [
  'a checkpoint',
  'a convoy',
  'a police station',
  'a bus',
  'a gas pipeline',
  'a market',
  'a school',
];
const VERBS = ['attacked', 'ambushed', 'fired on', 'bombed', 'stormed'];
const SOURCES = ['officials said', 'police said', 'a spokesman claimed', 'residents told reporters'];

/** Source sentences that differ from event to event, as real evidence does: the words a search reads. */
function withEvidence(event: StoredEvent, i: number): StoredEvent {
  const r = event.record;
  const place = r.location?.name ?? 'the district';
  const text =
    `Gunmen ${VERBS[i % VERBS.length]} ${SUBJECTS[i % SUBJECTS.length]} near ${place} on the night of report ${i}, ` +
    `killing ${r.fatalities?.best ?? 0} people, ${SOURCES[i % SOURCES.length]}. ` +
    `The attackers fled towards the hills after an exchange of fire lasting ${1 + (i % 5)} hours.`;
  return { ...event, record: { ...r, evidence: [{ doc_id: r.doc_ids[0]!, span: [0, text.length], text }] } };
}

async function timed(store: Store, label: string, query: EventQuery): Promise<SearchTiming> {
  const page: EventQuery = { ...query, sort: '-date', limit: 100 };
  const times: number[] = [];
  let matches = 0;
  for (let run = 0; run < RUNS; run++) {
    const t0 = performance.now();
    let items = 0;
    for await (const _ of store.queryEventJson(page)) items++;
    matches = await store.countEvents(query);
    times.push(performance.now() - t0);
    if (items > matches) throw new Error(`${label}: a page longer than its total`);
  }
  return { label, query, matches, ms: times.sort((a, b) => a - b)[Math.floor(RUNS / 2)]! };
}

/** One search over `count` events on SQLite, from a rare word to one every event holds, beside the plain list. */
export async function benchSearch(count = 100_000): Promise<SearchBench> {
  const root = packageRoot();
  const knowledge = loadKnowledge({ dataDir: join(root, 'data'), countries: ['PK'], extraRows: [] });
  const dir = await mkdtemp(join(tmpdir(), 'faultline-bench-search-'));
  const store = await openSqliteStore({ path: join(dir, 'search.db') });
  try {
    const t0 = performance.now();
    await seedSyntheticEvents(store, count, knowledge, withEvidence);
    const insertSeconds = (performance.now() - t0) / 1000;
    const timings = [
      await timed(store, 'no search (the plain list)', {}),
      await timed(store, 'a district: q=Panjgur', { q: 'Panjgur' }),
      await timed(store, 'two words: q=convoy ambushed', { q: 'convoy ambushed' }),
      await timed(store, 'an actor: q=taliban', { q: 'taliban' }),
      await timed(store, 'a phrase: q="police station" hills', { q: '"police station" hills' }),
      await timed(store, 'in every event: q=gunmen', { q: 'gunmen' }),
      await timed(store, 'no match: q=zzyzx', { q: 'zzyzx' }),
      await timed(store, 'with a filter: q=convoy, Balochistan', { q: 'convoy', admin1: 'Balochistan' }),
    ];
    return { events: count, insertSeconds, timings };
  } finally {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
}
