import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCrashStore, type CrashStore } from '../../bench/crash-stores.js';
import type { Mention } from '../../src/domain/index.js';
import { MIN_LANE_SHARE, resolvePending, type ResolutionLane } from '../../src/pipeline/resolve-pending.js';
import { refreshPublisherProfiles, resolutionCell, seedOf } from '../../src/pipeline/resolve-stored.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import type { CellLocks, Store } from '../../src/store/store.js';
import { makeDocument, makeExtraction, makeMention } from '../store/fixtures.js';
import { eventSnapshot, ingestUnresolved } from './pipeline-fixtures.js';

const url = process.env.FAULTLINE_TEST_DATABASE_URL;

const pendingArticles = (store: Store, count: number): Promise<void> => ingestUnresolved(store, count, 31);

/** Rounds of one lane until nothing is pending; how many rounds planned, and how many found all held. */
async function drainLane(store: Store, lane: ResolutionLane): Promise<{ rounds: number; busy: number }> {
  let rounds = 0;
  let busy = 0;
  for (;;) {
    const round = await resolvePending(store, {
      maxRounds: 1,
      refreshProfiles: false,
      lane,
      // small rounds, so that the lanes' rounds interleave
      mentionsPerRound: 40,
    });
    rounds += round.rounds;
    if (round.busy) {
      busy++;
      await new Promise((resolve) => setTimeout(resolve, 20));
    } else if (round.rounds === 0) return { rounds, busy };
  }
}

/** Runs `work` while another resolution (on `store`) holds `cells`. */
async function whileHeld<T>(store: Store, cells: readonly string[], work: () => Promise<T>): Promise<T> {
  let release = (): void => undefined;
  let held = (_: boolean): void => undefined;
  const taken = new Promise<boolean>((resolve) => (held = resolve));
  const holding = store.whileResolvingCells(async (locks: CellLocks) => {
    const ok = await locks.take(cells);
    await new Promise<void>((resolve) => {
      release = resolve;
      held(ok);
    });
  });
  expect(await taken).toBe(true);
  try {
    return await work();
  } finally {
    release();
    await holding;
  }
}

const LANE: ResolutionLane = { index: 0, of: 2 };

describe('a lane that starts late in the pending reports', () => {
  it('goes round to the earliest and plans every report it takes, on SQLite too', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'faultline-lanes-'));
    const store = await openSqliteStore({ path: join(dir, 'lanes.db') });
    try {
      const [d1, d2] = [makeDocument(91), makeDocument(92)];
      await store.saveDocuments([d1, d2]);
      // one province, months apart: the second lane of two starts at the September report
      const may = makeMention(d1.id, 0, {
        date: { start: '2025-05-06', end: '2025-05-06', precision: 'day' },
      });
      const september = makeMention(d2.id, 0, {
        date: { start: '2025-09-10', end: '2025-09-10', precision: 'day' },
      });
      await store.saveExtraction({ ...makeExtraction(d1.id), mentions: [may], aggregates: [] });
      await store.saveExtraction({ ...makeExtraction(d2.id), mentions: [september], aggregates: [] });
      const round = await resolvePending(store, { maxRounds: 1, lane: { index: 1, of: 2 } });
      expect(round).toMatchObject({ rounds: 1, mentions: 2 });
      expect(await store.countPendingMentions()).toBe(0);
      const events = [...(await eventSnapshot(store)).values()] as { mentionIds: string[] }[];
      expect(events.map((e) => e.mentionIds).sort()).toEqual([[may.id], [september.id]]);
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("a lane's share of a backlog", () => {
  const dir = mkdtempSync(join(tmpdir(), 'faultline-shares-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is what one round takes, the rest told and left to the other lanes, which plan the same events', async () => {
    const alone = await openSqliteStore({ path: join(dir, 'alone.db') });
    const shared = await openSqliteStore({ path: join(dir, 'shared.db') });
    try {
      // a backlog of several lanes' minimum shares
      for (const store of [alone, shared]) await pendingArticles(store, 150);
      const pending = await shared.countPendingMentions();
      expect(pending).toBeGreaterThan(4 * MIN_LANE_SHARE);
      const told: number[] = [];
      const lane = (index: number): ResolutionLane => ({
        index,
        of: 4,
        onTaken: async (left) => void told.push(left),
      });
      const first = await resolvePending(shared, { maxRounds: 1, refreshProfiles: false, lane: lane(1) });
      // about a quarter: the round stops at the first group of reports past its share
      expect(first.mentions).toBeGreaterThanOrEqual(Math.ceil(pending / 4));
      expect(first.mentions).toBeLessThan(pending / 2);
      expect(told).toEqual([pending - first.mentions]);
      expect(await shared.countPendingMentions()).toBe(pending - first.mentions);
      for (let index = 0; (await shared.countPendingMentions()) > 0; index = (index + 1) % 4)
        await resolvePending(shared, { maxRounds: 1, refreshProfiles: false, lane: lane(index) });
      await refreshPublisherProfiles(shared);
      await resolvePending(alone);
      expect(await eventSnapshot(shared)).toEqual(await eventSnapshot(alone));
    } finally {
      await Promise.all([alone.close(), shared.close()]);
    }
  }, 120_000);

  it('is the whole of a small backlog: one round takes it, and leaves nothing to tell', async () => {
    const store = await openSqliteStore({ path: join(dir, 'small.db') });
    try {
      await pendingArticles(store, 10);
      const pending = await store.countPendingMentions();
      expect(pending).toBeLessThan(MIN_LANE_SHARE);
      const told: number[] = [];
      const round = await resolvePending(store, {
        maxRounds: 1,
        lane: { index: 2, of: 4, onTaken: async (left) => void told.push(left) },
      });
      expect(round.mentions).toBe(pending);
      expect(told).toEqual([0]);
    } finally {
      await store.close();
    }
  }, 60_000);
});

describe.skipIf(!url)('resolution in lanes on PostgreSQL', () => {
  const targets: CrashStore[] = [];
  const stores: Store[] = [];
  const open = async (label: string): Promise<[CrashStore, Store]> => {
    const target = await createCrashStore({ kind: 'postgres', url: url! }, label);
    targets.push(target);
    const store = await target.open();
    stores.push(store);
    return [target, store];
  };

  afterEach(async () => {
    for (const s of stores.splice(0)) await s.close();
    for (const t of targets.splice(0)) await t.drop();
  });

  it('plans, with two lanes resolving at once from two processes, the events one resolution alone plans', async () => {
    const [, alone] = await open('lanealone');
    await pendingArticles(alone, 40);
    await resolvePending(alone);
    const expected = await eventSnapshot(alone);
    expect(expected.size).toBeGreaterThan(20);

    const [target, first] = await open('lanestwo');
    await pendingArticles(first, 40);
    const second = await target.open();
    stores.push(second);
    const [a, b] = await Promise.all([
      drainLane(first, { index: 0, of: 2 }),
      drainLane(second, { index: 1, of: 2 }),
    ]);
    // both lanes planned: the rounds ran side by side rather than one lane doing it all
    expect(a.rounds).toBeGreaterThan(0);
    expect(b.rounds).toBeGreaterThan(0);
    await refreshPublisherProfiles(first);
    expect(await first.countPendingMentions()).toBe(0);
    expect(await eventSnapshot(first)).toEqual(expected);
  }, 180_000);

  describe('with hand-made reports', () => {
    let store: Store;
    let other: Store;
    const [d1, d2] = [makeDocument(81), makeDocument(82)];
    const day = (iso: string) => ({ start: iso, end: iso, precision: 'day' as const });
    const save = (docId: string, mentions: Mention[]) =>
      store.saveExtraction({ ...makeExtraction(docId), mentions, aggregates: [] });

    beforeEach(async () => {
      const [target, s] = await open('lanecells');
      store = s;
      other = await target.open();
      stores.push(other);
      await store.saveDocuments([d1, d2]);
    });

    it('passes over the reports whose cells another resolution holds, and plans the others', async () => {
      const may = makeMention(d1.id, 0, { date: day('2025-05-06') });
      const september = makeMention(d2.id, 0, { date: day('2025-09-10') });
      await save(d1.id, [may]);
      await save(d2.id, [september]);
      const round = await whileHeld(other, [resolutionCell(seedOf(may))], () =>
        resolvePending(store, { maxRounds: 1, lane: LANE, refreshProfiles: false }),
      );
      expect(round).toMatchObject({ rounds: 1, busy: false, mentions: 1 });
      expect((await store.listPendingMentions(10)).map((m) => m.id)).toEqual([may.id]);
      const events = [...(await eventSnapshot(store)).values()] as { mentionIds: string[] }[];
      expect(events.map((e) => e.mentionIds)).toEqual([[september.id]]);
    });

    it('plans nothing while another resolution holds the cell of a report it reads, then plans it', async () => {
      const pending = makeMention(d1.id, 0, { date: day('2025-05-06') });
      // a month's span that ends in the pending report's window: read with it, its cell a month earlier
      const month = makeMention(d2.id, 0, {
        date: { start: '2025-04-02', end: '2025-05-01', precision: 'month' },
      });
      await save(d2.id, [month]);
      await resolvePending(store);
      await save(d1.id, [pending]);
      expect(resolutionCell(seedOf(month))).not.toEqual(resolutionCell(seedOf(pending)));
      const before = await eventSnapshot(store);

      const held = await whileHeld(other, [resolutionCell(seedOf(month))], () =>
        resolvePending(store, { maxRounds: 1, lane: LANE, refreshProfiles: false }),
      );
      expect(held).toMatchObject({ rounds: 0, busy: true, mentions: 0 });
      expect(await store.countPendingMentions()).toBe(1);
      expect(await eventSnapshot(store)).toEqual(before);

      const free = await resolvePending(store, { maxRounds: 1, lane: LANE, refreshProfiles: false });
      expect(free).toMatchObject({ rounds: 1, busy: false });
      expect(await store.countPendingMentions()).toBe(0);
    });
  });
});
