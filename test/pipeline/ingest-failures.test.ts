import { describe, expect, it } from 'vitest';
import type { Document } from '../../src/domain/index.js';
import { FaultlineError } from '../../src/errors/errors.js';
import { EXTRACTOR_VERSION } from '../../src/extract/extract-document.js';
import { buildDocument } from '../../src/ingest/build-document.js';
import { ingestDocuments } from '../../src/pipeline/ingest-documents.js';
import { ingestInputs } from '../../src/pipeline/ingest-pipeline.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import type { ExtractionRecord } from '../../src/store/store.js';
import { projectKnowledge } from '../helpers/knowledge.js';
import { DEFAULTS, failing, syntheticInputs } from './pipeline-fixtures.js';

const busy = () => new FaultlineError('FL_ERR_STORE', 'saveExtraction', 'database is locked; SQLITE_BUSY');

async function originOf(docs: AsyncIterable<{ id: string; origin: string }>, id: string): Promise<string> {
  for await (const d of docs) if (d.id === id) return d.origin;
  return '';
}

describe('one failure costs one document (issue 9, defects 8 and 2)', () => {
  it('names the one document whose extraction could not be saved, counts it once, and a re-run extracts it', async () => {
    const store = await openSqliteStore({ path: ':memory:' });
    try {
      let victim: string | null = null;
      // from the fifth extraction on, the store is busy whenever it saves that document, as when another
      // writer holds SQLite's lock
      let calls = 0;
      const flaky = failing(
        store,
        'saveExtraction',
        (record: ExtractionRecord) => {
          if (++calls === 5) victim = record.docId;
          return record.docId === victim;
        },
        busy,
      );
      const lines: string[] = [];
      const summary = await ingestInputs(
        { store: flaky, knowledge: projectKnowledge(), report: (l) => lines.push(l), batchSize: 10 },
        syntheticInputs(12, 5),
        DEFAULTS,
      );
      expect(summary).toMatchObject({ read: 12, stored: 12, present: 0, failed: 1, extracted: 11 });
      expect(lines.some((l) => l.includes('batch of'))).toBe(false);
      const origin = await originOf(store.listDocuments(), victim!);
      expect(lines).toEqual([`${origin}: extraction not stored: ${busy().message}`]);
      expect(await store.listDocumentsToExtract(EXTRACTOR_VERSION)).toEqual([victim]);

      const rerun = await ingestInputs(
        { store, knowledge: projectKnowledge(), report: () => undefined },
        syntheticInputs(12, 5),
        DEFAULTS,
      );
      expect(rerun).toMatchObject({ stored: 0, present: 12, failed: 0, extracted: 1 });
      expect(await store.listDocumentsToExtract(EXTRACTOR_VERSION)).toEqual([]);
      expect(await store.countPendingMentions()).toBe(0);
    } finally {
      await store.close();
    }
  });

  it('stores the rest of a batch that one document fails, and names the one', async () => {
    const store = await openSqliteStore({ path: ':memory:' });
    try {
      let refused = '';
      // the backend refuses one document (PostgreSQL and a NUL, say): every batch holding it fails whole
      const picky = failing(
        store,
        'saveDocuments',
        (docs: readonly Document[]) => {
          const bad = docs.find((d) => d.origin.startsWith('synthetic-5-000007'));
          if (bad) refused = bad.origin;
          return bad !== undefined;
        },
        () => new Error('invalid byte sequence for encoding "UTF8": 0x00'),
      );
      const lines: string[] = [];
      const summary = await ingestInputs(
        { store: picky, knowledge: projectKnowledge(), report: (l) => lines.push(l), batchSize: 10 },
        syntheticInputs(12, 5),
        DEFAULTS,
      );
      expect(refused).not.toBe('');
      expect(summary).toMatchObject({ read: 12, stored: 11, failed: 1, extracted: 11 });
      expect(lines).toEqual([`${refused}: not stored: invalid byte sequence for encoding "UTF8": 0x00`]);
      expect(await store.countDocuments()).toBe(11);
    } finally {
      await store.close();
    }
  });
});

describe('ingestDocuments', () => {
  it('stores, extracts and resolves exactly the given documents, leaving the backlog alone', async () => {
    const store = await openSqliteStore({ path: ':memory:' });
    try {
      const report = (): void => undefined;
      await ingestInputs({ store, knowledge: null, report }, syntheticInputs(6, 9), DEFAULTS);
      const docs: Document[] = [];
      const knowledge = projectKnowledge();
      for await (const input of syntheticInputs(8, 9)) {
        if (!input.ok) continue;
        const doc = buildDocument(input.raw, DEFAULTS);
        if (!(doc instanceof FaultlineError)) docs.push(doc);
      }
      const backlog = await store.listDocumentsToExtract(EXTRACTOR_VERSION);
      const { summary, documents } = await ingestDocuments({ store, knowledge, report }, docs.slice(5));
      expect(documents.map((d) => d.outcome)).toEqual(['present', 'stored', 'stored']);
      expect(summary).toMatchObject({ read: 3, stored: 2, present: 1, extracted: 2, failed: 0 });
      expect(summary.events).toBeGreaterThan(0);
      // the documents ingest left unextracted are still the backlog's
      expect(await store.listDocumentsToExtract(EXTRACTOR_VERSION)).toEqual(backlog);
      expect(await store.countPendingMentions()).toBe(0);
    } finally {
      await store.close();
    }
  });
});
