import { describe, expect, it } from 'vitest';
import type { Document } from '../../src/domain/index.js';
import type { InputResult, RawInput } from '../../src/ingest/types.js';
import { ingestInputs } from '../../src/pipeline/ingest-pipeline.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import type { Store } from '../../src/store/store.js';
import { projectKnowledge } from '../helpers/knowledge.js';

function raw(i: number): RawInput {
  return {
    origin: `article-${i}.txt`,
    format: 'text',
    content: `On ${(i % 27) + 1} February 2025, gunmen fired at a police post in Turbat number ${i}, wounding ${i + 1} policemen.`,
    meta: {},
  };
}

async function* inputs(n: number): AsyncGenerator<InputResult> {
  for (let i = 0; i < n; i++) yield { ok: true, raw: raw(i) };
}

/** A store that fails every saveDocuments call after the first `okBatches`, as a crash mid-run would. */
function failingAfter(store: Store, okBatches: number): Store {
  let calls = 0;
  return new Proxy(store, {
    get(target, prop, receiver) {
      if (prop === 'saveDocuments') {
        return async (docs: readonly Document[]) => {
          calls++;
          if (calls > okBatches) throw new Error('disk gone');
          return target.saveDocuments(docs);
        };
      }
      return Reflect.get(target, prop, receiver) as unknown;
    },
  });
}

describe('ingestInputs', () => {
  it('keeps what a failed run reported stored, and a re-run completes it without duplicates', async () => {
    const store = await openSqliteStore({ path: ':memory:' });
    try {
      const lines: string[] = [];
      const deps = { knowledge: projectKnowledge(), report: (l: string) => lines.push(l), batchSize: 10 };
      const crashed = await ingestInputs({ ...deps, store: failingAfter(store, 2) }, inputs(35), {
        published: '2025-02-28',
        maxBytes: 1e6,
      });
      expect(crashed.stored).toBe(20);
      expect(crashed.failed).toBe(15);
      expect(lines.some((l) => l.includes('disk gone'))).toBe(true);
      expect(await store.countDocuments()).toBe(20);

      const rerun = await ingestInputs({ ...deps, store }, inputs(35), {
        published: '2025-02-28',
        maxBytes: 1e6,
      });
      expect(rerun).toMatchObject({ read: 35, stored: 15, present: 20, failed: 0 });
      expect(await store.countDocuments()).toBe(35);
      expect(await store.listDocumentsToExtract('0')).toEqual([]);
    } finally {
      await store.close();
    }
  });

  it('extracts documents stored by an earlier run that stopped before extracting them', async () => {
    const store = await openSqliteStore({ path: ':memory:' });
    try {
      const report = (): void => {};
      await ingestInputs({ store, knowledge: null, report }, inputs(3), {
        published: '2025-02-28',
        maxBytes: 1e6,
      });
      const again = await ingestInputs({ store, knowledge: projectKnowledge(), report }, inputs(3), {
        published: '2025-02-28',
        maxBytes: 1e6,
      });
      expect(again).toMatchObject({ stored: 0, present: 3, extracted: 3 });
      const docs = [];
      for await (const d of store.listDocuments()) docs.push(d);
      const mentions = await store.listMentions(docs[0]!.id);
      expect(mentions[0]?.location?.name).toBe('Turbat');
    } finally {
      await store.close();
    }
  });
});
