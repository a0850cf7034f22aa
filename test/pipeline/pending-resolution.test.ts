import { describe, expect, it } from 'vitest';
import { ingestInputs } from '../../src/pipeline/ingest-pipeline.js';
import { resolvePending } from '../../src/pipeline/resolve-pending.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import type { Store } from '../../src/store/store.js';
import { projectKnowledge } from '../helpers/knowledge.js';
import { DEFAULTS, eventSnapshot, failing, ingestUnresolved, syntheticInputs } from './pipeline-fixtures.js';

const COUNT = 160;
const SEED = 17;

async function withStores<T>(n: number, body: (stores: Store[]) => Promise<T>): Promise<T> {
  const stores = await Promise.all(Array.from({ length: n }, () => openSqliteStore({ path: ':memory:' })));
  try {
    return await body(stores);
  } finally {
    for (const s of stores) await s.close();
  }
}

/** Ingests the corpus into each store with every resolution refused: a backlog of pending mentions. */
async function saveUnresolved(...stores: Store[]): Promise<void> {
  for (const store of stores) await ingestUnresolved(store, COUNT, SEED);
}

describe('resolution driven by the store (issue 9, defect 1)', () => {
  it('resolves on the next run the mentions a run saved but never resolved, as one clean run would', async () => {
    await withStores(2, async ([store, clean]) => {
      const lines: string[] = [];
      const deps = { knowledge: projectKnowledge(), report: (l: string) => lines.push(l) };
      // the first run dies (here: its store refuses) before any resolution commits
      const dead = failing(
        store!,
        'replaceResolution',
        () => true,
        () => new Error('killed'),
      );
      const first = await ingestInputs({ ...deps, store: dead }, syntheticInputs(COUNT, SEED), DEFAULTS);
      expect(first.stored).toBe(COUNT);
      expect(first.mentions).toBeGreaterThan(COUNT);
      expect(lines.some((l) => l.startsWith('resolution failed') && l.includes('killed'))).toBe(true);
      expect(await store!.countEvents({})).toBe(0);
      expect(await store!.countPendingMentions()).toBe(first.mentions);

      const again = await ingestInputs({ ...deps, store: store! }, syntheticInputs(COUNT, SEED), DEFAULTS);
      expect(again).toMatchObject({ stored: 0, present: COUNT, failed: 0, extracted: 0 });
      expect(again.events).toBeGreaterThan(0);
      expect(await store!.countPendingMentions()).toBe(0);

      await ingestInputs({ ...deps, store: clean! }, syntheticInputs(COUNT, SEED), DEFAULTS);
      expect(await eventSnapshot(store!)).toEqual(await eventSnapshot(clean!));
      expect(await store!.listPublisherProfiles()).toEqual(await clean!.listPublisherProfiles());
    });
  });

  it('finishes pending work even in a run that brings nothing new and extracts nothing', async () => {
    await withStores(1, async ([store]) => {
      const report = (): void => undefined;
      const dead = failing(
        store!,
        'replaceResolution',
        () => true,
        () => new Error('killed'),
      );
      await ingestInputs(
        { store: dead, knowledge: projectKnowledge(), report },
        syntheticInputs(20, 3),
        DEFAULTS,
      );
      expect(await store!.countPendingMentions()).toBeGreaterThan(0);
      const rerun = await ingestInputs(
        { store: store!, knowledge: null, report },
        syntheticInputs(0, 3),
        DEFAULTS,
      );
      expect(rerun.events).toBeGreaterThan(0);
      expect(await store!.countPendingMentions()).toBe(0);
    });
  });
});

describe('bounded resolution as a run goes (issue 9, defect 10)', () => {
  it('never lets more than a bounded number of extracted documents wait for resolution', async () => {
    await withStores(1, async ([store]) => {
      let waiting = 0;
      let most = 0;
      // counts the documents saved since the last resolution committed, as the run makes them
      const watched = new Proxy(store!, {
        get(target, prop, receiver) {
          const value = Reflect.get(target, prop, receiver) as unknown;
          if (prop === 'saveExtraction') {
            return async (...args: Parameters<Store['saveExtraction']>) => {
              await target.saveExtraction(...args);
              most = Math.max(most, ++waiting);
            };
          }
          if (prop === 'replaceResolution') {
            return async (...args: Parameters<Store['replaceResolution']>) => {
              await target.replaceResolution(...args);
              waiting = 0;
            };
          }
          return value;
        },
      });
      const summary = await ingestInputs(
        { store: watched, knowledge: projectKnowledge(), report: () => undefined, resolveEvery: 10 },
        syntheticInputs(COUNT, SEED),
        DEFAULTS,
      );
      expect(summary.extracted).toBe(COUNT);
      // intervals of 10, 10, 20, 40, 80 (at most 16 x 10): never the whole run at once
      expect(most).toBeLessThanOrEqual(80);
      expect(await store!.countPendingMentions()).toBe(0);
    });
  });

  it('gives the same events, ids and profiles whether a run resolves in many small rounds or once', async () => {
    await withStores(2, async ([rounds, once]) => {
      const deps = { knowledge: projectKnowledge(), report: () => undefined };
      await ingestInputs(
        { ...deps, store: rounds!, resolveEvery: 7 },
        syntheticInputs(COUNT, SEED),
        DEFAULTS,
      );
      const dead = failing(
        once!,
        'replaceResolution',
        () => true,
        () => new Error('later'),
      );
      await ingestInputs({ ...deps, store: dead }, syntheticInputs(COUNT, SEED), DEFAULTS);
      // one round holding every pending mention: the single resolution of the whole corpus
      expect((await resolvePending(once!, { seedsPerRound: 1_000_000 })).rounds).toBe(1);
      const expected = await eventSnapshot(once!);
      expect(expected.size).toBeGreaterThan(20);
      expect(await eventSnapshot(rounds!)).toEqual(expected);
      expect(await rounds!.listOperations()).toEqual(await once!.listOperations());
      expect(await rounds!.listPublisherProfiles()).toEqual(await once!.listPublisherProfiles());
    });
  });

  it('resolves a backlog in rounds of a bounded number of pending mentions, with the same result', async () => {
    await withStores(2, async ([small, whole]) => {
      await saveUnresolved(small!, whole!);
      const pending = await small!.countPendingMentions();
      const size = Math.ceil(pending / 4);
      expect(await resolvePending(small!, { seedsPerRound: size })).toEqual({
        mentions: pending,
        rounds: 4,
        eventsWritten: expect.any(Number),
        busy: false,
      });
      await resolvePending(whole!, { seedsPerRound: pending });
      expect(await eventSnapshot(small!)).toEqual(await eventSnapshot(whole!));
    });
  });

  it('stops after maxRounds, leaving the rest pending for the next call, with the same result', async () => {
    await withStores(2, async ([stepped, whole]) => {
      await saveUnresolved(stepped!, whole!);
      const pending = await stepped!.countPendingMentions();
      const size = Math.ceil(pending / 3);
      const first = await resolvePending(stepped!, { seedsPerRound: size, maxRounds: 1 });
      expect(first).toMatchObject({ mentions: size, rounds: 1 });
      expect(await stepped!.countPendingMentions()).toBe(pending - size);
      // as a queue's resolution jobs do: one round per call until nothing is pending
      let calls = 1;
      while ((await stepped!.countPendingMentions()) > 0) {
        await resolvePending(stepped!, { seedsPerRound: size, maxRounds: 1 });
        calls++;
      }
      expect(calls).toBe(3);
      await resolvePending(whole!);
      expect(await eventSnapshot(stepped!)).toEqual(await eventSnapshot(whole!));
    });
  });

  it('reads about a bounded number of mentions per round, whatever the backlog, with the same result', async () => {
    await withStores(2, async ([bounded, whole]) => {
      await saveUnresolved(bounded!, whole!);
      const pending = await bounded!.countPendingMentions();
      let largest = 0;
      let rounds = 0;
      const watched = new Proxy(bounded!, {
        get(target, prop, receiver) {
          const value = Reflect.get(target, prop, receiver) as unknown;
          if (prop !== 'replaceResolution') return value;
          return async (...args: Parameters<Store['replaceResolution']>) => {
            largest = Math.max(largest, args[0].mentionIds.length);
            rounds++;
            await target.replaceResolution(...args);
          };
        },
      });
      const budget = Math.ceil(pending / 10);
      // every seed listed at once: only the read budget splits the backlog into rounds
      const summary = await resolvePending(watched, { seedsPerRound: pending, mentionsPerRound: budget });
      expect(summary.mentions).toBeGreaterThanOrEqual(pending);
      expect(rounds).toBeGreaterThanOrEqual(8);
      // a round stops taking seeds once it has read the budget: one more read, and the links, pass it a little
      expect(largest).toBeLessThan(2 * budget);
      expect(largest).toBeGreaterThan(budget / 2);
      await resolvePending(whole!, { seedsPerRound: pending, mentionsPerRound: 10 * pending });
      expect(await bounded!.countPendingMentions()).toBe(0);
      expect(await eventSnapshot(bounded!)).toEqual(await eventSnapshot(whole!));
      expect(await bounded!.listPublisherProfiles()).toEqual(await whole!.listPublisherProfiles());
    });
  });
});
