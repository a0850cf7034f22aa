import { expect, it } from 'vitest';
import type { Document } from '../../src/domain/index.js';
import type { EventQuery, Store, StoredEvent } from '../../src/store/store.js';
import { filterEvents, makeStoredEvent } from './event-fixtures.js';
import { makeDocument, makeExtraction, makeMention } from './fixtures.js';

async function ids(iterable: AsyncIterable<StoredEvent>): Promise<string[]> {
  const out: string[] = [];
  for await (const e of iterable) out.push(e.record.id);
  return out;
}

/** The ids a query finds through every read that takes the filters: the list, its JSON, the count, the stats. */
async function found(store: Store, query: EventQuery): Promise<string[]> {
  const list = await ids(store.queryEvents(query));
  const json: string[] = [];
  for await (const text of store.queryEventJson(query)) json.push((JSON.parse(text) as { id: string }).id);
  expect({ query, json }).toEqual({ query, json: list });
  expect({ query, count: await store.countEvents(query) }).toEqual({ query, count: list.length });
  const stats = await store.eventStats(query, 'type');
  expect({ query, stats: stats.reduce((n, r) => n + r.events, 0) }).toEqual({ query, stats: list.length });
  return list;
}

/** With its notes and first evidence sentence rewritten: the fields a researcher would search. */
function withText(event: StoredEvent, notes: string, evidence?: string): StoredEvent {
  const r = event.record;
  return {
    ...event,
    record: {
      ...r,
      notes,
      evidence:
        evidence === undefined
          ? r.evidence
          : [{ doc_id: r.doc_ids[0]!, span: [0, evidence.length], text: evidence }],
    },
  };
}

const ALL = ['ev-e', 'ev-a', 'ev-b', 'ev-c', 'ev-d'];

/** Free-text search (EventQuery.q) cases of the contract; `store` gives the current test's fresh store. */
export function searchContractCases(store: () => Store): void {
  async function storeDocs(...docs: Document[]): Promise<void> {
    await store().saveDocuments(docs);
    for (const d of docs) await store().saveExtraction({ ...makeExtraction(d.id), aggregates: [] });
  }

  async function storeFilterEvents(): Promise<void> {
    const [a, b] = [makeDocument(71), makeDocument(72)];
    await storeDocs(a, b);
    const events = filterEvents(a, b);
    events[3] = withText(
      events[3]!,
      'Gunmen stormed a girls’ school in Bannu; Ḍērā Ismāʿīl Khān police were sent.',
      'The attackers, who arrived on motorcycles, set fire to the Government Girls Middle School.',
    );
    await store().replaceResolution({ mentionIds: [], events, operations: [] });
  }

  it('finds events by place, actor, type, notes, claimant and source sentence, every word and-ed, in the list order', async () => {
    await storeFilterEvents();
    const cases: [EventQuery, string[]][] = [
      // every evidence sentence but ev-d's (rewritten above) names Turbat
      [{ q: 'Turbat' }, ['ev-e', 'ev-a', 'ev-b', 'ev-c']],
      [{ q: 'Kech' }, ['ev-a', 'ev-b']],
      [{ q: 'Panjgur' }, ['ev-c']],
      [{ q: 'Baloch Liberation Army' }, ['ev-a', 'ev-c']],
      [{ q: 'taliban' }, ['ev-d']],
      [{ q: 'landmine' }, ['ev-b']],
      [{ q: 'officials' }, ['ev-e', 'ev-a', 'ev-b', 'ev-c', 'ev-d']],
      [{ q: 'girls school' }, ['ev-d']],
      [{ q: 'motorcycles' }, ['ev-d']],
      [{ q: 'spokesman insurgents' }, ['ev-e', 'ev-a', 'ev-b', 'ev-c']],
      [{ q: 'Panjgur Kech' }, []],
      [{ q: 'checkpoint', admin2: 'Kech' }, ['ev-a', 'ev-b']],
      [{ q: 'army', sort: '-date' }, ['ev-c', 'ev-a']],
      [{ q: 'security', sort: '-fatalities', limit: 2 }, ['ev-b', 'ev-a']],
      [{ q: 'security', limit: 2, offset: 2 }, ['ev-b', 'ev-c']],
      [{ q: 'nowhere-to-be-found' }, []],
    ];
    for (const [query, expected] of cases) {
      if (query.limit === undefined)
        expect({ query, got: await found(store(), query) }).toEqual({ query, got: expected });
      else expect({ query, got: await ids(store().queryEvents(query)) }).toEqual({ query, got: expected });
    }
  });

  it('matches a quoted phrase only as a phrase, and a word with punctuation inside as the phrase of its parts', async () => {
    await storeFilterEvents();
    expect(await found(store(), { q: '"liberation army attacked"' })).toEqual(['ev-a']);
    expect(await found(store(), { q: '"attacked army liberation"' })).toEqual([]);
    expect(await found(store(), { q: 'attacked army liberation' })).toEqual(['ev-a', 'ev-c']);
    expect(await found(store(), { q: '“Baloch Liberation Army” Turbat' })).toEqual(['ev-a', 'ev-c']);
    expect(await found(store(), { q: 'Tehrik-i-Taliban' })).toEqual(['ev-d']);
    expect(await found(store(), { q: 'Taliban-Tehrik' })).toEqual([]);
    expect(await found(store(), { q: 'girls’' })).toEqual(['ev-d']);
  });

  it('ignores case and diacritics on both sides', async () => {
    await storeFilterEvents();
    for (const q of ['dera ismail khan', 'DĒRĀ ISMĀʿĪL', 'Ḍērā', 'TURBAT', 'tUrBaT', 'panjgúr', 'PANJGÜR']) {
      expect({ q, got: (await found(store(), { q })).length }).toEqual({
        q,
        got: q.toLowerCase().includes('urbat') ? 4 : 1,
      });
    }
  });

  it('reads hostile input as plain words, never as a query language, and never fails', async () => {
    await storeFilterEvents();
    // nothing searchable is left: no filter at all
    for (const q of [
      '',
      '   ',
      '"',
      '""',
      '"""',
      '*',
      '-',
      '()',
      '^',
      '; --',
      "'",
      '%',
      '_',
      '\\',
      '\u0000',
      '🚒',
      '.'.repeat(10_000),
    ])
      expect({ q, got: await found(store(), { q }) }).toEqual({ q, got: ALL });
    // operators are words: FTS5's and tsquery's syntax never reaches the backend
    const words: [string, string[]][] = [
      ['"Panjgur', ['ev-c']],
      ['Panjgur"', ['ev-c']],
      ['Panjgur*', ['ev-c']],
      ['-Panjgur', ['ev-c']],
      ['+Panjgur', ['ev-c']],
      ['NEAR(', []],
      ['NEAR(Panjgur', []],
      ['Panjgur OR Bannu', []],
      ['Panjgur AND army', ['ev-c']],
      ['Panjgur NOT army', []],
      ['body:Panjgur', []],
      ['{body}: Panjgur', []],
      ['Panjgur & !army | <-> :*', ['ev-c']],
      ["Panjgur'); drop table events; --", []],
      ['Panjgur \'" ) ( " ( ', ['ev-c']],
      ['panjgur '.repeat(2_000), ['ev-c']],
      ['x'.repeat(10_000), []],
      [Array.from({ length: 500 }, (_, i) => `w${i}`).join(' '), []],
    ];
    for (const [q, expected] of words)
      expect({ q, got: await found(store(), { q }) }).toEqual({ q, got: expected });
    // the store still answers: nothing above broke a statement or a transaction
    expect(await store().countEvents({})).toBe(5);
  });

  it('follows the events as resolution replaces and removes them', async () => {
    const doc = makeDocument(75);
    await storeDocs(doc);
    const m = makeMention(doc.id, 0);
    const first = withText(makeStoredEvent('ev-1', [m], [doc]), 'A bomb hit a convoy near Mastung.');
    await store().replaceResolution({ mentionIds: [m.id], events: [first], operations: [] });
    expect(await found(store(), { q: 'Mastung convoy' })).toEqual(['ev-1']);
    // resolved again under the same id with other words: the old words no longer find it
    const again = withText(makeStoredEvent('ev-1', [m], [doc]), 'Rockets struck a camp at Kohlu.');
    await store().replaceResolution({ mentionIds: [m.id], events: [again], operations: [] });
    expect(await found(store(), { q: 'Mastung' })).toEqual([]);
    expect(await found(store(), { q: 'Kohlu rockets' })).toEqual(['ev-1']);
    // merged into a new event with another id: found under the new id only
    const merged = withText(
      makeStoredEvent('ev-2', [m], [doc]),
      'Rockets struck a camp at Kohlu; a second report.',
    );
    await store().replaceResolution({ mentionIds: [m.id], events: [merged], operations: [] });
    expect(await found(store(), { q: 'Kohlu' })).toEqual(['ev-2']);
    expect(await found(store(), { q: '"second report"' })).toEqual(['ev-2']);
    // the plan no longer makes an event of it: nothing is found
    await store().replaceResolution({ mentionIds: [m.id], events: [], operations: [] });
    expect(await found(store(), { q: 'Kohlu' })).toEqual([]);
    expect(await found(store(), {})).toEqual([]);
  });

  it('keeps a failed replacement from touching the search index', async () => {
    const doc = makeDocument(76);
    await storeDocs(doc);
    const m = makeMention(doc.id, 0);
    const kept = withText(makeStoredEvent('ev-kept', [m], [doc]), 'An ambush at Zehri.');
    await store().replaceResolution({ mentionIds: [m.id], events: [kept], operations: [] });
    const twin = withText(makeStoredEvent('ev-twin', [m], [doc]), 'A raid at Jhau.');
    await store()
      .replaceResolution({ mentionIds: [m.id], events: [twin, twin], operations: [] })
      .catch(() => undefined);
    expect(await found(store(), { q: 'Zehri' })).toEqual(['ev-kept']);
    expect(await found(store(), { q: 'Jhau' })).toEqual([]);
  });
}
