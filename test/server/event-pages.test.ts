import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { EventRecord } from '../../src/domain/index.js';
import { buildApp } from '../../src/server/app.js';
import { encodeCursor } from '../../src/server/event-cursor.js';
import type { Store } from '../../src/store/store.js';
import { projectKnowledge } from '../helpers/knowledge.js';
import { pagedStore } from './paged-store.js';

interface ListAnswer {
  total: number;
  totalIsEstimate: boolean;
  next: string | null;
  items: EventRecord[];
}

let store: Store;
let app: FastifyInstance;
let estimating: FastifyInstance;
let indexed: FastifyInstance;

beforeAll(async () => {
  store = await pagedStore();
  const config = { apiToken: null, host: '127.0.0.1', webRoot: null, readCacheWeight: 0 };
  // the store's own reads: the pages and totals the event index must answer alike (test/server/event-index)
  app = buildApp({ store, knowledge: projectKnowledge(), config: { ...config, eventIndex: false } });
  estimating = buildApp({
    store,
    knowledge: projectKnowledge(),
    config: { ...config, exactTotalUpTo: 30, eventIndex: false },
  });
  indexed = buildApp({
    store,
    knowledge: projectKnowledge(),
    config: { ...config, exactTotalUpTo: 30, awaitEventIndex: true },
  });
  await Promise.all([app.ready(), estimating.ready(), indexed.ready()]);
});

afterAll(async () => {
  await Promise.all([app.close(), estimating.close(), indexed.close()]);
  await store.close();
});

async function list(server: FastifyInstance, query: string): Promise<ListAnswer> {
  const res = await server.inject({ method: 'GET', url: `/api/events?${query}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as ListAnswer;
}

async function refused(query: string): Promise<{ error: string; message: string }> {
  const res = await app.inject({ method: 'GET', url: `/api/events?${query}` });
  expect(res.statusCode).toBe(400);
  return res.json() as { error: string; message: string };
}

describe('GET /api/events pages by cursor', () => {
  it.each(['date', '-date', '-fatalities'])(
    'gives every event exactly once, in order, following next (sort=%s)',
    async (sort) => {
      const whole = await list(app, `sort=${sort}&limit=500`);
      expect(whole.items).toHaveLength(120);
      expect(whole.next).toBeNull();
      const seen: string[] = [];
      let answer = await list(app, `sort=${sort}&limit=25`);
      for (;;) {
        expect(answer.total).toBe(120);
        seen.push(...answer.items.map((e) => e.id));
        if (answer.next === null) break;
        answer = await list(app, `sort=${sort}&limit=25&after=${encodeURIComponent(answer.next)}`);
      }
      expect(seen).toEqual(whole.items.map((e) => e.id));
    },
  );

  it('keeps filters across pages and ends with a null next', async () => {
    const first = await list(app, 'from=2025-03-01&to=2025-03-31&sort=-date&limit=20');
    expect(first.items.map((e) => e.date.start)).toEqual(
      Array.from({ length: 20 }, (_, i) => `2025-03-${String(31 - i).padStart(2, '0')}`),
    );
    const rest = await list(app, `from=2025-03-01&to=2025-03-31&sort=-date&limit=20&after=${first.next}`);
    expect(rest.items.map((e) => e.date.start)).toEqual(
      Array.from({ length: 11 }, (_, i) => `2025-03-${String(11 - i).padStart(2, '0')}`),
    );
    expect(rest.next).toBeNull();
  });

  it('keeps offset working up to its bound, and refuses deeper offsets naming the parameter', async () => {
    expect((await list(app, 'sort=date&limit=5&offset=100')).items.map((e) => e.id)).toEqual([
      'ev-q100',
      'ev-q101',
      'ev-q102',
      'ev-q103',
      'ev-q104',
    ]);
    expect((await list(app, 'offset=10000')).items).toEqual([]);
    const deep = await refused('offset=10001');
    expect(deep.error).toBe('FL_ERR_BAD_ARGUMENT');
    expect(deep.message).toContain('offset=10001');
    expect(deep.message).toContain('after=');
  });

  it('refuses a cursor that is not a next, one of another sort, and a cursor with an offset', async () => {
    expect((await refused('after=not-a-cursor')).message).toContain('after=not-a-cursor');
    const byDate = encodeCursor('date', { key: '2025-02-01', id: 'ev-q031' });
    expect((await refused(`sort=-fatalities&after=${byDate}`)).message).toContain('sort=date');
    const badKey = encodeCursor('fatalities', { key: '2025-02-01', id: 'ev-q031' });
    expect((await refused(`sort=fatalities&after=${badKey}`)).message).toContain('after=');
    expect((await refused(`after=${byDate}&offset=5`)).message).toContain('offset');
    const after = await list(app, `after=${byDate}&limit=2`);
    expect(after.items.map((e) => e.id)).toEqual(['ev-q032', 'ev-q033']);
  });
});

describe('GET /api/events totals', () => {
  it('counts exactly up to the threshold and labels an estimate beyond it', async () => {
    const exact = await list(app, 'limit=1');
    expect(exact).toMatchObject({ total: 120, totalIsEstimate: false });
    const estimated = await list(estimating, 'limit=1');
    expect(estimated.totalIsEstimate).toBe(true);
    expect(estimated.total).toBeGreaterThan(30);
    // one event a day: the sampled days meet one each
    expect(estimated.total).toBe(120);
    const few = await list(estimating, 'from=2025-01-01&to=2025-01-20');
    expect(few).toMatchObject({ total: 20, totalIsEstimate: false });
  });

  it('takes the total from a page that ends the matches, exact past the threshold, without counting', async () => {
    const counted = vi.spyOn(store, 'estimateEvents');
    try {
      expect(await list(estimating, 'limit=500')).toMatchObject({ total: 120, totalIsEstimate: false });
      const last = await list(estimating, 'limit=50&offset=100');
      expect(last).toMatchObject({ total: 120, totalIsEstimate: false, next: null });
      expect(last.items).toHaveLength(20);
      expect(counted).not.toHaveBeenCalled();
      // a page past the end holds nothing to count from: the store counts
      expect((await list(estimating, 'limit=50&offset=300')).total).toBe(120);
      expect(counted).toHaveBeenCalledTimes(1);
    } finally {
      counted.mockRestore();
    }
  });

  it('counts exactly past the threshold from the event index, and pages as the store does, without reading it', async () => {
    const queries = ['date', '-date', '-fatalities'].map(
      (sort) => `sort=${sort}&from=2025-02-01&limit=7&offset=3`,
    );
    const theirs = await Promise.all(queries.map((query) => list(app, query)));
    const read = [vi.spyOn(store, 'estimateEvents'), vi.spyOn(store, 'queryEventPage')];
    try {
      expect(await list(indexed, 'limit=1')).toMatchObject({ total: 120, totalIsEstimate: false });
      for (const [i, query] of queries.entries()) {
        const mine = await list(indexed, query);
        expect(mine.items.map((e) => e.id)).toEqual(theirs[i]!.items.map((e) => e.id));
        expect(mine.next).toBe(theirs[i]!.next);
        expect(mine.total).toBe(theirs[i]!.total);
      }
      for (const spy of read) expect(spy).not.toHaveBeenCalled();
      // free text is the store's to answer
      await list(indexed, 'q=report');
      expect(read[1]).toHaveBeenCalledTimes(1);
    } finally {
      for (const spy of read) spy.mockRestore();
    }
  });

  it('documents after, next and totalIsEstimate in the OpenAPI document', async () => {
    const doc = (await app.inject('/api/openapi.json')).body;
    for (const word of ['"after"', '"next"', '"totalIsEstimate"']) expect(doc).toContain(word);
  });
});
