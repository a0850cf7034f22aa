import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Document } from '../../src/domain/index.js';
import { FaultlineError } from '../../src/errors/errors.js';
import type { DocumentSummary, Store } from '../../src/store/store.js';
import { changeContractCases } from './change-contract.js';
import { documentUpdateContractCases } from './document-update-contract.js';
import { eventContractCases } from './event-contract.js';
import { deliveryContractCases } from './delivery-contract.js';
import { alertContractCases, feedContractCases } from './feed-contract.js';
import { pageContractCases } from './page-contract.js';
import { pendingContractCases } from './pending-contract.js';
import { rollupContractCases } from './rollup-contract.js';
import { searchContractCases } from './search-contract.js';
import { userContractCases } from './user-contract.js';
import { reviewContractCases } from './review-contract.js';
import {
  FRAMING,
  makeAggregate,
  makeDocument,
  makeExtraction,
  makeGazetteerRow,
  makeMention,
  makeOperationMention,
} from './fixtures.js';

async function collect(iterable: AsyncIterable<DocumentSummary>): Promise<DocumentSummary[]> {
  const out: DocumentSummary[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

async function expectStoreError(promise: Promise<unknown>, code = 'FL_ERR_STORE'): Promise<FaultlineError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(FaultlineError);
  expect((error as FaultlineError).code).toBe(code);
  return error as FaultlineError;
}

/** The behaviour every Store must have, run against each backend with a fresh, empty store per test. */
export function describeStoreContract(
  name: string,
  open: () => Promise<Store>,
  cleanup: () => Promise<void>,
): void {
  describe(`Store contract: ${name}`, () => {
    let store: Store;

    beforeEach(async () => {
      store = await open();
    });

    afterEach(async () => {
      await store.close();
      await cleanup();
    });

    it('stores a new document once and reports it present afterwards', async () => {
      const doc = makeDocument(1);
      expect(await store.saveDocuments([doc])).toEqual([{ id: doc.id, outcome: 'stored' }]);
      expect(await store.saveDocuments([doc, makeDocument(2)])).toEqual([
        { id: doc.id, outcome: 'present' },
        { id: makeDocument(2).id, outcome: 'stored' },
      ]);
      expect(await store.countDocuments()).toBe(2);
      expect(await store.saveDocuments([])).toEqual([]);
    });

    it('reports the second copy of an id within one batch as present and keeps the first', async () => {
      const first = makeDocument(3);
      const copy = { ...first, title: 'a second title for the same text' };
      const saved = await store.saveDocuments([first, copy]);
      expect(saved.map((s) => s.outcome)).toEqual(['stored', 'present']);
      expect((await store.getDocument(first.id))?.title).toBe(first.title);
    });

    it('round-trips a document, unicode and control characters included', async () => {
      const doc = makeDocument(4, {
        text: 'سیکیورٹی فورسز نے کہا\tquoted “figures”\r\nand a bell \u0007 and an emoji 🚒.',
        url: null,
        title: null,
        publisher: null,
        published: null,
        publishedSource: 'none',
        language: 'und',
      });
      await store.saveDocuments([doc]);
      expect(await store.getDocument(doc.id)).toEqual(doc);
      expect(await store.hasDocument(doc.id)).toBe(true);
      expect(await store.hasDocument('doc-absent')).toBe(false);
      expect(await store.getDocument('doc-absent')).toBeNull();
      const [summary] = await collect(store.listDocuments());
      expect(summary?.length).toBe(doc.text.length);
    });

    it('stores none of a batch when one document violates a constraint, leaving earlier ones intact', async () => {
      const earlier = makeDocument(5);
      await store.saveDocuments([earlier]);
      const broken = { ...makeDocument(7), text: null } as unknown as Document;
      const error = await expectStoreError(store.saveDocuments([makeDocument(6), broken, makeDocument(8)]));
      expect(error.message.length).toBeGreaterThan(20);
      const badSource = { ...makeDocument(9), publishedSource: 'guessed' } as unknown as Document;
      await expectStoreError(store.saveDocuments([makeDocument(10), badSource]));
      expect(await store.countDocuments()).toBe(1);
      expect(await store.hasDocument(makeDocument(6).id)).toBe(false);
      expect(await store.hasDocument(makeDocument(10).id)).toBe(false);
      expect(await store.getDocument(earlier.id)).toEqual(earlier);
    });

    it('round-trips an extraction: mentions with claims, operation claims, evidence, provenance', async () => {
      const doc = makeDocument(11);
      await store.saveDocuments([doc]);
      const record = makeExtraction(doc.id);
      await store.saveExtraction(record);
      const mentions = await store.listMentions(doc.id);
      expect(mentions).toEqual(record.mentions);
      expect(mentions[0]?.evidence[1]).toEqual([145, 214]);
      expect(mentions[1]?.operationClaims[0]?.approximate).toBe(true);
      expect(mentions[1]?.location?.lat).toBeNull();
      expect(await store.getFraming(doc.id)).toEqual(FRAMING);
      expect(await store.listAggregates(doc.id)).toEqual(record.aggregates);
      expect(await store.listMentions('doc-absent')).toEqual([]);
      expect(await store.getFraming('doc-absent')).toBeNull();
    });

    it('keeps a mention without place or actors and orders mentions by index', async () => {
      const doc = makeDocument(12);
      await store.saveDocuments([doc]);
      const bare = makeMention(doc.id, 0, {
        location: null,
        actor1: null,
        actor2: null,
        claims: [],
        evidence: [],
      });
      const later = makeMention(doc.id, 1, { confidence: 0.1 + 0.2 });
      await store.saveExtraction({ ...makeExtraction(doc.id), mentions: [later, bare], aggregates: [] });
      expect(await store.listMentions(doc.id)).toEqual([bare, later]);
    });

    it('replaces the previous extraction of a document', async () => {
      const [a, b] = [makeDocument(13), makeDocument(14)];
      await store.saveDocuments([a, b]);
      await store.saveExtraction(makeExtraction(a.id, '1.0.0'));
      await store.saveExtraction(makeExtraction(b.id, '1.0.0'));
      const replacement = makeMention(a.id, 0, { id: `${a.id}#new`, weapon: 'explosives_ied', claims: [] });
      const framing = { insurgent: { martyred: 1 }, state: {}, neutral: {} };
      await store.saveExtraction({
        docId: a.id,
        mentions: [replacement],
        aggregates: [makeAggregate(a.id, { value: '12' })],
        framing,
        extractorVersion: '1.1.0',
      });
      expect(await store.listMentions(a.id)).toEqual([replacement]);
      expect(await store.getFraming(a.id)).toEqual(framing);
      expect((await store.listAggregates(a.id)).map((x) => x.value)).toEqual(['12']);
      expect(await store.listMentions(b.id)).toEqual(makeExtraction(b.id).mentions);
      expect((await store.listAggregates()).map((x) => x.docId)).toEqual([a.id, b.id, b.id]);
      expect(await store.listDocumentsToExtract('1.1.0')).toEqual([b.id]);
    });

    it('leaves the stored extraction whole when a replacement fails', async () => {
      const doc = makeDocument(15);
      await store.saveDocuments([doc]);
      const record = makeExtraction(doc.id);
      await store.saveExtraction(record);
      const clash = makeMention(doc.id, 1);
      await expectStoreError(
        store.saveExtraction({
          ...record,
          mentions: [clash, { ...clash, index: 2 }],
          extractorVersion: '2.0.0',
        }),
      );
      expect(await store.listMentions(doc.id)).toEqual(record.mentions);
      expect(await store.listDocumentsToExtract('1.0.0')).toEqual([]);
      await expectStoreError(store.saveExtraction(makeExtraction('doc-absent')), 'FL_ERR_NOT_FOUND');
      const foreign = { ...record, mentions: [makeOperationMention('doc-other', 0, 'Kech')] };
      await expectStoreError(store.saveExtraction(foreign), 'FL_ERR_BAD_ARGUMENT');
      // a claim is read and replaced by its own document: one of another document is refused, not lost
      const plain = makeMention(doc.id, 0);
      const operation = makeOperationMention(doc.id, 0, 'Kech');
      const claimOf = (c: (typeof plain.claims)[number]) => ({ ...c, docId: 'doc-other' });
      for (const mention of [
        { ...plain, claims: [plain.claims[0]!, claimOf(plain.claims[1]!)] },
        { ...operation, operationClaims: operation.operationClaims.map(claimOf) },
      ]) {
        await expectStoreError(
          store.saveExtraction({ ...record, mentions: [mention], extractorVersion: '2.0.0' }),
          'FL_ERR_BAD_ARGUMENT',
        );
      }
      expect(await store.listMentions(doc.id)).toEqual(record.mentions);
    });

    it('lists documents in ingestion order over several pages, with and without text', async () => {
      const docs = Array.from({ length: 23 }, (_, i) => makeDocument(100 - i));
      for (let i = 0; i < docs.length; i += 5) await store.saveDocuments(docs.slice(i, i + 5));
      const light = await collect(store.listDocuments({ pageSize: 4 }));
      expect(light.map((d) => d.id)).toEqual(docs.map((d) => d.id));
      expect(light.every((d) => d.text === undefined)).toBe(true);
      expect(light[0]).toMatchObject({ publisher: docs[0]!.publisher, length: docs[0]!.text.length });
      expect(Number.isNaN(Date.parse(light[0]!.ingestedAt))).toBe(false);
      const full = await collect(store.listDocuments({ withText: true, pageSize: 23 }));
      expect(full.map((d) => d.text)).toEqual(docs.map((d) => d.text));
      expect((await collect(store.listDocuments())).length).toBe(23);
    });

    it('lists the documents whose extraction is missing or older than a version', async () => {
      const docs = [makeDocument(20), makeDocument(21), makeDocument(22), makeDocument(23)];
      await store.saveDocuments(docs);
      await store.saveExtraction(makeExtraction(docs[1]!.id, '1.2.0'));
      await store.saveExtraction(makeExtraction(docs[2]!.id, '1.10.0'));
      await store.saveExtraction(makeExtraction(docs[3]!.id, '1.9.0'));
      expect(await store.listDocumentsToExtract('1.9.0')).toEqual([docs[0]!.id, docs[1]!.id]);
      expect(await store.listDocumentsToExtract('1.10.0')).toEqual([docs[0]!.id, docs[1]!.id, docs[3]!.id]);
    });

    it('upserts gazetteer rows by id', async () => {
      expect(await store.saveGazetteerRows([makeGazetteerRow('1168166'), makeGazetteerRow('1164909')])).toBe(
        2,
      );
      const renamed = makeGazetteerRow('1168166', {
        name: 'Noshki',
        alternateNames: [],
        population: 1_400_000_000,
      });
      const twice = [
        makeGazetteerRow('900001', { name: 'first' }),
        makeGazetteerRow('900001', { name: 'Zamuran' }),
      ];
      expect(await store.saveGazetteerRows([renamed, ...twice])).toBe(2);
      expect(await store.listGazetteerRows()).toEqual([
        makeGazetteerRow('1164909'),
        renamed,
        makeGazetteerRow('900001', { name: 'Zamuran' }),
      ]);
      expect(await store.saveGazetteerRows([])).toBe(0);
    });

    eventContractCases(() => store);
    rollupContractCases(() => store);

    pendingContractCases(() => store);
    feedContractCases(() => store);
    userContractCases(() => store);
    reviewContractCases(() => store);
    changeContractCases(() => store);
    alertContractCases(() => store);
    deliveryContractCases(() => store);

    searchContractCases(() => store);

    documentUpdateContractCases(() => store);

    pageContractCases(() => store);

    it('fails with FL_ERR_STORE after close, and closes twice harmlessly', async () => {
      await store.close();
      await store.close();
      await expectStoreError(store.countDocuments());
      store = await open();
    });
  });
}
