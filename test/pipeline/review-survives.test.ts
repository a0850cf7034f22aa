import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import type { Editor } from '../../src/domain/index.js';
import { EXTRACTOR_VERSION } from '../../src/extract/extract-document.js';
import type { InputResult } from '../../src/ingest/types.js';
import { ingestInputs } from '../../src/pipeline/ingest-pipeline.js';
import { mergeEvents, splitEvent } from '../../src/pipeline/review-events.js';
import { openPostgresStore } from '../../src/store/postgres/postgres-store.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import type { Store, StoredEvent } from '../../src/store/store.js';
import { projectKnowledge } from '../helpers/knowledge.js';

/** Written for this test: two outlets' reports of one attack, and a third report of another incident. */
const TEXTS = [
  'Gunmen attacked a police checkpoint in Turbat on Monday, killing three policemen, officials said. ' +
    'The attackers fled on motorcycles.',
  'Three policemen were killed on Monday when gunmen stormed a checkpoint in Turbat, a police officer said.',
  'A roadside bomb struck a paramilitary vehicle in Panjgur on Sunday, wounding four soldiers, a security official said.',
];

const knowledge = projectKnowledge();
const EDITOR: Editor = { userId: null, name: 'api-token' };

async function* inputs(): AsyncGenerator<InputResult> {
  for (const [i, content] of TEXTS.entries())
    yield {
      ok: true,
      raw: { origin: `report-${i}.txt`, format: 'text', content, meta: { published: '2025-06-10' } },
    };
}

async function ingest(store: Store, extractorVersion = EXTRACTOR_VERSION): Promise<void> {
  await ingestInputs({ store, knowledge, report: () => undefined, extractorVersion }, inputs(), {
    maxBytes: 100_000,
  });
}

async function events(store: Store): Promise<StoredEvent[]> {
  const out: StoredEvent[] = [];
  for await (const e of store.queryEvents({ sort: 'date' })) out.push(e);
  return out;
}

function byPlace(list: readonly StoredEvent[], place: string): StoredEvent {
  const found = list.find((e) => e.record.location?.name === place);
  if (!found) throw new Error(`no event in ${place}: ${list.map((e) => e.record.location?.name).join(', ')}`);
  return found;
}

const pgUrl = process.env.FAULTLINE_TEST_DATABASE_URL;
const schemas: string[] = [];

/** Both stores: SQLite always, PostgreSQL (a schema of its own per test) when a test database is given. */
const BACKENDS: readonly { readonly name: string; readonly open: () => Promise<Store> }[] = [
  { name: 'sqlite', open: () => openSqliteStore({ path: ':memory:' }) },
  ...(pgUrl
    ? [
        {
          name: 'postgres',
          open: () => {
            const schema = `faultline_review_${randomBytes(4).toString('hex')}_${schemas.length}`;
            schemas.push(schema);
            return openPostgresStore({ connectionString: pgUrl, schema });
          },
        },
      ]
    : []),
];

afterAll(async () => {
  if (!pgUrl || schemas.length === 0) return;
  const client = new pg.Client({ connectionString: pgUrl });
  await client.connect();
  try {
    for (const schema of schemas) await client.query(`drop schema if exists "${schema}" cascade`);
  } finally {
    await client.end();
  }
});

/** A newer extractor: every stored document is extracted again and every event re-resolved. */
const BUMPED = `${EXTRACTOR_VERSION}.1`;

describe.each(BACKENDS)("people's decisions survive re-extraction and re-resolution ($name)", ({ open }) => {
  it('keeps a locked figure after the same documents are ingested with a newer extractor, and shows the machine disagreeing', async () => {
    const store = await open();
    try {
      await ingest(store);
      const before = await events(store);
      expect(before.map((e) => [e.record.location?.name, e.record.doc_ids.length])).toEqual([
        ['Panjgur', 1],
        ['Turbat', 2],
      ]);
      const turbat = byPlace(before, 'Turbat');
      const machine = turbat.record.fatalities;
      expect(machine?.best).toBe(3);
      const review = await store.getEventReview(turbat.record.id);
      await store.editEvent({
        eventId: turbat.record.id,
        version: review!.version,
        editor: EDITOR,
        reason: 'the hospital listed four',
        changes: { fatalities: { low: 3, best: 4, high: 4 } },
      });
      await store.decideEvent({
        eventId: turbat.record.id,
        version: review!.version + 1,
        editor: EDITOR,
        reason: null,
        decision: 'confirm',
      });
      expect(await store.listDocumentsToExtract(BUMPED)).toHaveLength(3);
      await ingest(store, BUMPED);
      expect(await store.listDocumentsToExtract(BUMPED)).toHaveLength(0);
      expect(await store.countPendingMentions()).toBe(0);
      const after = await events(store);
      const again = byPlace(after, 'Turbat');
      expect(again.record.id).toBe(turbat.record.id);
      expect(again.record.fatalities).toEqual({ low: 3, best: 4, high: 4 });
      expect(again.record).toMatchObject({ reviewed: true, reviewed_by: 'api-token' });
      const lock = (await store.getEventReview(turbat.record.id))?.locks[0];
      expect(lock).toMatchObject({ field: 'fatalities', value: { low: 3, best: 4, high: 4 }, machine });
      // the unlocked fields were rebuilt from the new extraction, the history kept in order
      expect(again.record.notes).toBe(turbat.record.notes);
      expect((await store.listEventEdits(turbat.record.id)).map((e) => e.action)).toEqual([
        'edit',
        'confirm',
      ]);
    } finally {
      await store.close();
    }
  });

  it("applies a person's merge and split again when the events are rebuilt", async () => {
    const store = await open();
    try {
      await ingest(store);
      const first = await events(store);
      const turbat = byPlace(first, 'Turbat');
      const panjgur = byPlace(first, 'Panjgur');
      const version = async (id: string) => (await store.getEventReview(id))!.version;
      const merged = await mergeEvents(store, {
        keep: { id: turbat.record.id, version: await version(turbat.record.id) },
        other: { id: panjgur.record.id, version: await version(panjgur.record.id) },
        editor: EDITOR,
        reason: 'one attack, reported twice',
      });
      expect(merged.mentionIds).toHaveLength(3);
      expect(await store.getEvent(panjgur.record.id)).toBeNull();
      const secondDoc = turbat.record.doc_ids[1]!;
      const split = await splitEvent(store, {
        event: { id: turbat.record.id, version: await version(turbat.record.id) },
        docId: secondDoc,
        editor: EDITOR,
        reason: 'a different checkpoint',
      });
      expect(split.record.doc_ids).toEqual([secondDoc]);
      const shape = async () =>
        (await events(store)).map((e) => [e.record.id, [...e.record.doc_ids].sort()] as const).sort();
      const decided = await shape();
      expect(decided).toHaveLength(2);
      await ingest(store, BUMPED);
      expect(await shape()).toEqual(decided);
      const history = await store.listEventEdits(turbat.record.id);
      expect(history.map((h) => [h.action, h.reason])).toEqual([
        ['merge', 'one attack, reported twice'],
        ['split', 'a different checkpoint'],
      ]);
    } finally {
      await store.close();
    }
  });
});
