import { describe, expect, it } from 'vitest';
import type { Document } from '../../src/domain/index.js';
import { buildDocument } from '../../src/ingest/build-document.js';
import { ingestDocuments } from '../../src/pipeline/ingest-documents.js';
import { ingestInputs } from '../../src/pipeline/ingest-pipeline.js';
import { resolvePending } from '../../src/pipeline/resolve-pending.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import type { Store } from '../../src/store/store.js';
import { projectKnowledge } from '../helpers/knowledge.js';
import { failing } from './pipeline-fixtures.js';

/** Written for this test: an incident dated only by its weekday, and another outlet's report of it. */
const TEXTS = [
  'Gunmen opened fire on a police checkpoint in Turbat on Monday, killing three policemen, officials said. ' +
    'The attackers escaped on motorcycles.',
  'Three policemen were killed on Monday when gunmen attacked a police checkpoint in Turbat, a police officer said. ' +
    'Police said the attackers fled on motorcycles.',
];

const knowledge = projectKnowledge();

function article(i: number, published: string): Document {
  const doc = buildDocument(
    { origin: `report-${i}.txt`, format: 'text', content: TEXTS[i]!, meta: { published } },
    { maxBytes: 100_000 },
  );
  if (!('kind' in doc)) throw doc;
  return doc;
}

async function eventDays(store: Store): Promise<[string, number][]> {
  const days: [string, number][] = [];
  for await (const e of store.queryEvents({ sort: 'date' }))
    days.push([e.record.date.start, e.record.doc_ids.length]);
  return days;
}

async function stored(): Promise<Store> {
  const store = await openSqliteStore({ path: ':memory:' });
  await ingestDocuments({ store, knowledge, report: () => undefined }, [
    article(0, '2025-06-10'),
    article(1, '2025-06-10'),
  ]);
  expect(await eventDays(store)).toEqual([['2025-06-09', 2]]);
  return store;
}

describe('a document given again with a new published date, interrupted (issue 15)', () => {
  it('loses nothing when the re-extraction fails: the next ingest re-extracts it', async () => {
    const store = await stored();
    try {
      const problems: string[] = [];
      const broken = failing(
        store,
        'saveExtraction',
        () => true,
        () => new Error('killed'),
      );
      const { documents } = await ingestDocuments(
        { store: broken, knowledge, report: (l) => problems.push(l) },
        [article(0, '2025-06-17')],
      );
      expect(documents[0]).toMatchObject({ outcome: 'updated', changed: ['published'] });
      expect(problems.join('\n')).toMatch(/report-0\.txt: extraction not stored: .*killed/);
      // the date is stored, the old mentions and events are intact, and the document awaits re-extraction
      expect((await store.getDocument(documents[0]!.id))?.published).toBe('2025-06-17');
      expect(await eventDays(store)).toEqual([['2025-06-09', 2]]);
      async function* none() {}
      await ingestInputs({ store, knowledge, report: () => undefined }, none(), { maxBytes: 100_000 });
      expect(await eventDays(store)).toEqual([
        ['2025-06-09', 1],
        ['2025-06-16', 1],
      ]);
      expect(await store.countPendingMentions()).toBe(0);
    } finally {
      await store.close();
    }
  });

  it('loses nothing when the resolution after it fails: `resolve` finishes it', async () => {
    const store = await stored();
    try {
      const problems: string[] = [];
      const broken = failing(
        store,
        'replaceResolution',
        () => true,
        () => new Error('killed'),
      );
      await ingestDocuments({ store: broken, knowledge, report: (l) => problems.push(l) }, [
        article(0, '2025-06-17'),
      ]);
      expect(problems.join('\n')).toMatch(/resolution failed/);
      // the other outlet's event stays readable; every mention it needs is marked for the next resolution
      expect((await eventDays(store)).map(([day]) => day)).toEqual(['2025-06-09']);
      expect(await store.countPendingMentions()).toBeGreaterThanOrEqual(2);
      await resolvePending(store);
      expect(await eventDays(store)).toEqual([
        ['2025-06-09', 1],
        ['2025-06-16', 1],
      ]);
      expect(await store.countPendingMentions()).toBe(0);
    } finally {
      await store.close();
    }
  });

  it("gives a text twice in one batch its second copy's date, extracted under that date", async () => {
    const store = await openSqliteStore({ path: ':memory:' });
    try {
      async function* twice() {
        for (const published of ['2025-06-10', '2025-06-17'])
          yield {
            ok: true as const,
            raw: {
              origin: `copy-${published}.txt`,
              format: 'text' as const,
              content: TEXTS[0]!,
              meta: { published },
            },
          };
      }
      const summary = await ingestInputs({ store, knowledge, report: () => undefined }, twice(), {
        maxBytes: 100_000,
      });
      expect(summary).toMatchObject({ stored: 1, updated: 1, failed: 0 });
      expect(await eventDays(store)).toEqual([['2025-06-16', 1]]);
      expect(await store.countPendingMentions()).toBe(0);
    } finally {
      await store.close();
    }
  });
});
