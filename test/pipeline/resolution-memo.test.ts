import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Mention } from '../../src/domain/index.js';
import { ResolutionMemo } from '../../src/pipeline/resolution-memo.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import type { ResolutionScope, Store, StoredInput } from '../../src/store/store.js';
import { createCrashStore, type CrashStore } from '../../bench/crash-stores.js';
import { makeStoredEvent } from '../store/event-fixtures.js';
import { makeDocument, makeExtraction, makeMention } from '../store/fixtures.js';

const url = process.env.FAULTLINE_TEST_DATABASE_URL;
const SCOPE: ResolutionScope = { country: 'PK', admin1: 'Balochistan', from: '2025-05-01', to: '2025-05-10' };

/** The store, with the ids each `listMentionInputs` call asked for. */
function recording(store: Store): { readonly store: Store; readonly asked: string[][] } {
  const asked: string[][] = [];
  const recorded = new Proxy(store, {
    get(target, name, receiver) {
      const value: unknown = Reflect.get(target, name, receiver);
      if (name !== 'listMentionInputs' || typeof value !== 'function') return value;
      return (ids: readonly string[], ...rest: unknown[]) => {
        asked.push([...ids].sort());
        return (value as (...a: unknown[]) => unknown).apply(target, [ids, ...rest]);
      };
    },
  });
  return { store: recorded, asked };
}

/** What a round plans from: each mention, its event and its source, in id order. */
const planned = (inputs: readonly StoredInput[]) =>
  [...inputs]
    .sort((a, b) => (a.mention.id < b.mention.id ? -1 : 1))
    .map((i) => ({ mention: i.mention, eventId: i.eventId, source: i.source }));

async function saveMentions(store: Store, docId: string, mentions: Mention[]): Promise<void> {
  await store.saveExtraction({ ...makeExtraction(docId), mentions, aggregates: [] });
}

describe.skipIf(!url)('a resolution memo on PostgreSQL', () => {
  let target: CrashStore;
  let store: Store;

  // a database of its own: a schema dropped beside other test files' migrations could fail their catalog reads
  beforeEach(async () => {
    target = await createCrashStore({ kind: 'postgres', url: url! }, 'memo');
    store = await target.open();
  });

  afterEach(async () => {
    await store.close();
    await target.drop();
  });

  it('reads again only the mentions of documents written since, and gives what a full read gives', async () => {
    const [d1, d2] = [makeDocument(71), makeDocument(72)];
    await store.saveDocuments([d1, d2]);
    const a = makeMention(d1.id, 0);
    const b = makeMention(d2.id, 0, { date: { start: '2025-05-04', end: '2025-05-04', precision: 'day' } });
    await saveMentions(store, d1.id, [a]);
    await saveMentions(store, d2.id, [b]);
    const { store: seen, asked } = recording(store);
    const memo = new ResolutionMemo();
    const full = async () => planned(await store.listResolutionInputs(SCOPE));
    const throughMemo = async () => planned(await memo.window(seen, SCOPE, new Map()));

    expect(await throughMemo()).toEqual(await full());
    expect(asked).toEqual([[a.id, b.id].sort()]);

    // nothing written: nothing read but the keys
    expect(await throughMemo()).toEqual(await full());
    // linked to an event by a resolution: the memo's mention now points at it, still without a read
    await store.replaceResolution({
      mentionIds: [a.id, b.id],
      events: [makeStoredEvent('ev-memo', [a, b], [d1, d2])],
      operations: [],
    });
    const linked = await throughMemo();
    expect(linked.map((i) => i.eventId)).toEqual(['ev-memo', 'ev-memo']);
    expect(linked).toEqual(await full());
    expect(asked).toHaveLength(1);

    // extracted again, with the same ids and other content: read again, and only that document's mention
    const changed: Mention = {
      ...a,
      eventType: 'Explosions/Remote violence',
      subEventType: 'Remote explosive/landmine/IED',
    };
    await saveMentions(store, d1.id, [changed]);
    const after = await throughMemo();
    expect(after).toEqual(await full());
    expect(after.find((i) => i.mention.id === a.id)?.mention.eventType).toBe('Explosions/Remote violence');
    expect(asked.at(-1)).toEqual([a.id]);

    // a document's publisher corrected: its reports carry the new one
    await store.updateDocumentMetadata(d2.id, {
      url: null,
      title: null,
      publisher: 'Corrected Publisher',
      published: null,
      publishedSource: 'none',
    });
    const corrected = await throughMemo();
    expect(corrected.find((i) => i.mention.id === b.id)?.source.publisher).toBe('Corrected Publisher');
    expect(corrected).toEqual(await full());
    expect(asked.at(-1)).toEqual([b.id]);
  });

  it('starts afresh past its limit and stays exact', async () => {
    const docs = [73, 74, 75].map((n) => makeDocument(n));
    await store.saveDocuments(docs);
    for (const d of docs) await saveMentions(store, d.id, [makeMention(d.id, 0)]);
    const { store: seen, asked } = recording(store);
    const memo = new ResolutionMemo(2);
    const full = planned(await store.listResolutionInputs(SCOPE));
    expect(full).toHaveLength(3);
    expect(planned(await memo.window(seen, SCOPE, new Map()))).toEqual(full);
    expect(memo.size).toBe(3);
    // past its limit: the next window empties it first, reads all three again, and holds them
    expect(planned(await memo.window(seen, SCOPE, new Map()))).toEqual(full);
    expect(asked).toHaveLength(2);
    expect(asked[1]).toHaveLength(3);
    expect(memo.size).toBe(3);
  });
});

describe('a resolution memo on SQLite', () => {
  it('reads every window whole, since SQLite keeps no row versions', async () => {
    const store = await openSqliteStore({ path: ':memory:' });
    try {
      const doc = makeDocument(76);
      await store.saveDocuments([doc]);
      await saveMentions(store, doc.id, [makeMention(doc.id, 0)]);
      expect(await store.listResolutionKeys(SCOPE)).toBeNull();
      const { store: seen, asked } = recording(store);
      const memo = new ResolutionMemo();
      const inputs = await memo.window(seen, SCOPE, new Map());
      expect(planned(inputs)).toEqual(planned(await store.listResolutionInputs(SCOPE)));
      expect(inputs).toHaveLength(1);
      expect(asked).toEqual([]);
      expect(memo.size).toBe(0);
    } finally {
      await store.close();
    }
  });
});
