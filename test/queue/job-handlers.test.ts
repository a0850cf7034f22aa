import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ProcessHostGate } from '../../src/feeds/host-gate.js';
import { MIN_LANE_SHARE, resolvePending } from '../../src/pipeline/resolve-pending.js';
import { jobHandlers } from '../../src/queue/job-handlers.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import type { Store } from '../../src/store/store.js';
import { alertRule } from '../pipeline/alert-fixtures.js';
import { ingestUnresolved } from '../pipeline/pipeline-fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'faultline-handlers-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function handlersFor(store: Store, lines: string[], gate = new ProcessHostGate(0)) {
  /** The delay and lane each resolution was asked for with (undefined: the queue's default). */
  const resolves: [number | undefined, number | undefined][] = [];
  /** The mentions pending when each resolution was asked for. */
  const pendingAtAsk: number[] = [];
  const fetches: [string | null, number | undefined][] = [];
  const handlers = jobHandlers({
    store,
    knowledge: null,
    report: (l) => lines.push(l),
    fetch: { guard: { allowPrivate: false }, timeoutMs: 1000, maxBytes: 1000 },
    gate,
    now: () => new Date(),
    queue: {
      sendFetch: async (item, after) => {
        fetches.push([item.item.link, after]);
        return null;
      },
      sendExtract: async () => null,
      sendResolve: async (afterSeconds, lane) => {
        resolves.push([afterSeconds, lane]);
        pendingAtAsk.push(await store.countPendingMentions());
        return null;
      },
    },
  });
  return { handlers, resolves, pendingAtAsk, fetches };
}

/** Documents stored and extracted, their resolution killed: their mentions wait, as a worker finds them. */
const pendingMentions = (store: Store, seed = 8): Promise<void> => ingestUnresolved(store, 12, seed);

describe('the resolve job', () => {
  it('evaluates the alert rules after resolving, as watch and ingest do, and fires a rule once', async () => {
    const store = await openSqliteStore({ path: join(dir, 'alerts.db') });
    try {
      await pendingMentions(store);
      expect(await store.countPendingMentions()).toBeGreaterThan(0);
      await store.addAlertRule(alertRule({ createdAt: '2025-02-01T00:00:00.000Z' }));
      const lines: string[] = [];
      const { handlers } = handlersFor(store, lines);
      const output = await handlers.resolve({});
      expect(output).toMatchObject({ pendingLeft: 0, alertsFired: 1 });
      expect(Number(output['events'])).toBeGreaterThan(0);
      const [firing] = await store.listFirings(10);
      expect(firing).toBeDefined();
      expect(
        lines.filter((l) => l.startsWith(`alert ${firing!.ruleId} fired for ${firing!.window}`)),
      ).toHaveLength(1);
      // run again (a job retried): nothing fires twice
      expect(await handlers.resolve({})).toMatchObject({ alertsFired: 0 });
      expect(await store.listFirings(10)).toHaveLength(1);
    } finally {
      await store.close();
    }
  }, 60_000);

  it('refuses a lane that is not one, in one line, and resolves nothing', async () => {
    const store = await openSqliteStore({ path: join(dir, 'lane.db') });
    try {
      await pendingMentions(store);
      const pending = await store.countPendingMentions();
      const { handlers } = handlersFor(store, []);
      await expect(handlers.resolve({ lane: 9 })).rejects.toThrow(/"lane" is not a lane from 0 to 3/);
      await expect(handlers.resolve({ lane: 'one' })).rejects.toThrow(/"lane" is not a lane/);
      expect(await store.countPendingMentions()).toBe(pending);
      // a job queued before there were lanes names none: lane 0
      expect(await handlers.resolve({})).toMatchObject({ pendingLeft: 0 });
    } finally {
      await store.close();
    }
  }, 60_000);

  it('evaluates them even when a killed worker left it nothing to resolve', async () => {
    const store = await openSqliteStore({ path: join(dir, 'retried.db') });
    try {
      await pendingMentions(store);
      // the killed worker's resolution ran to its end; its alerts were not evaluated
      await resolvePending(store);
      expect(await store.countPendingMentions()).toBe(0);
      await store.addAlertRule(alertRule({ createdAt: '2025-02-02T00:00:00.000Z' }));
      const { handlers, resolves } = handlersFor(store, []);
      expect(await handlers.resolve({})).toMatchObject({ mentions: 0, pendingLeft: 0, alertsFired: 1 });
      expect(resolves).toEqual([]);
    } finally {
      await store.close();
    }
  }, 60_000);
});

describe('the resolve job in a backlog of several lanes', () => {
  it('asks the other lanes for the rest once it holds its share, before it plans', async () => {
    const store = await openSqliteStore({ path: join(dir, 'shares.db') });
    try {
      await ingestUnresolved(store, 150, 8);
      const pending = await store.countPendingMentions();
      expect(pending).toBeGreaterThan(4 * MIN_LANE_SHARE);
      const { handlers, resolves, pendingAtAsk } = handlersFor(store, []);
      const output = await handlers.resolve({ lane: 2 });
      expect(Number(output['mentions'])).toBeLessThan(pending / 2);
      // asked while every mention still waited: before the round wrote anything; then, the round done, every lane
      expect(resolves.slice(0, 3)).toEqual([
        [0, 0],
        [0, 1],
        [0, 3],
      ]);
      expect(pendingAtAsk.slice(0, 3)).toEqual([pending, pending, pending]);
      expect(resolves.slice(3)).toEqual([0, 1, 2, 3].map((lane) => [0, lane]));
      expect(pendingAtAsk[3]).toBe(pending - Number(output['mentions']));
    } finally {
      await store.close();
    }
  }, 60_000);
});

describe('the resolve job and the publisher profiles', () => {
  it('rebuilds them once a backlog is worked off, not after each of its rounds', async () => {
    const store = await openSqliteStore({ path: join(dir, 'profiles.db') });
    try {
      await pendingMentions(store);
      let rebuilds = 0;
      // mentions another worker saved while this one resolved
      let savedMeanwhile = 4;
      const watched = new Proxy(store, {
        get(target, prop, receiver) {
          const value = Reflect.get(target, prop, receiver) as unknown;
          if (prop === 'savePublisherProfiles')
            return (...args: Parameters<Store['savePublisherProfiles']>) => {
              rebuilds++;
              return target.savePublisherProfiles(...args);
            };
          if (prop === 'countPendingMentions')
            return async () => (await target.countPendingMentions()) + savedMeanwhile;
          return typeof value === 'function' ? (value as () => unknown).bind(target) : value;
        },
      });
      const { handlers, resolves } = handlersFor(watched, []);
      expect(await handlers.resolve({})).toMatchObject({ pendingLeft: 4 });
      expect(rebuilds).toBe(0);
      // the backlog is there already: the next round is asked for with no delay, in every lane
      expect(resolves).toEqual([
        [0, 0],
        [0, 1],
        [0, 2],
        [0, 3],
      ]);
      expect(await store.listPublisherProfiles()).toEqual([]);
      // the next job takes the last round: the profiles are rebuilt
      savedMeanwhile = 0;
      await pendingMentions(store, 9);
      expect(await handlers.resolve({})).toMatchObject({ pendingLeft: 0 });
      expect(rebuilds).toBe(1);
      expect((await store.listPublisherProfiles()).length).toBeGreaterThan(0);
    } finally {
      await store.close();
    }
  }, 60_000);
});

describe('the fetch-page job', () => {
  it('is sent again for later, not failed, when its host asked for time (Retry-After)', async () => {
    const store = await openSqliteStore({ path: join(dir, 'deferred.db') });
    try {
      const gate = new ProcessHostGate(0, () => Date.now(), 1000);
      // a request to the host was answered with Retry-After: 60
      await gate.run(
        'http://busy.example/feed.xml',
        async () => 'busy',
        () => 60,
      );
      const { handlers, fetches } = handlersFor(store, [], gate);
      const item = { link: 'http://busy.example/story', title: 'A story', summary: null, published: null };
      const output = await handlers['fetch-page']({
        feedUrl: 'http://busy.example/feed.xml',
        publisher: null,
        item,
      });
      expect(output['deferredSeconds']).toBeGreaterThanOrEqual(59);
      expect(fetches).toEqual([['http://busy.example/story', output['deferredSeconds']]]);
      expect(await store.countDocuments()).toBe(0);
    } finally {
      await store.close();
    }
  });
});
