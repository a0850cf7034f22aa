import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import type { Store } from '../../src/store/store.js';
import { projectKnowledge } from '../helpers/knowledge.js';
import { EVENTS, seededStore } from './seed-store.js';

let store: Store;
let app: FastifyInstance;

beforeAll(async () => {
  store = await seededStore();
  // the read cache as it runs: a q it ignored would answer one search with another's events
  app = buildApp({
    store,
    knowledge: projectKnowledge(),
    config: { apiToken: null, host: '127.0.0.1', webRoot: null },
  });
  await app.ready();
});

afterAll(async () => {
  await app.close();
  await store.close();
});

async function get(url: string) {
  const res = await app.inject({ method: 'GET', url });
  return { status: res.statusCode, body: res.body, json: () => res.json() };
}

async function listed(query: string): Promise<{ total: number; ids: string[] }> {
  const res = await get(`/api/events?${query}`);
  expect({ query, status: res.status }).toEqual({ query, status: 200 });
  const body = res.json() as { total: number; items: { id: string }[] };
  return { total: body.total, ids: body.items.map((e) => e.id) };
}

describe('q: free-text search in the API', () => {
  it('narrows the event list, alone and with the other filters, in the order asked for', async () => {
    expect(await listed(`q=${encodeURIComponent('roadside bomb')}`)).toEqual({
      total: 1,
      ids: ['ev-quetta'],
    });
    expect(await listed('q=ambushed')).toEqual({ total: 1, ids: ['ev-turbat'] });
    expect(await listed(`q=${encodeURIComponent('"army convoy"')}`)).toEqual({
      total: 1,
      ids: ['ev-turbat'],
    });
    expect(await listed(`q=${encodeURIComponent('"convoy army"')}`)).toEqual({ total: 0, ids: [] });
    expect(await listed('q=QU%C3%89TTA')).toEqual({ total: 1, ids: ['ev-quetta'] });
    const convoy = await listed('q=convoy&sort=-date');
    expect(convoy.ids).toContain('ev-turbat');
    expect((await listed('q=convoy&admin2=Quetta')).ids).toEqual([]);
    expect((await listed('q=officials&sort=-date')).ids).toEqual(
      (await listed('sort=-date')).ids.filter((id) => ['ev-turbat', 'ev-panjgur'].includes(id)),
    );
  });

  it('gives each query its own cached answer, and a blank q the answer of none', async () => {
    const all = await listed('');
    expect(all.total).toBe(EVENTS.length);
    expect((await listed('q=ambushed')).ids).toEqual(['ev-turbat']);
    expect((await listed('q=roadside')).ids).toEqual(['ev-quetta']);
    expect((await listed('q=ambushed')).ids).toEqual(['ev-turbat']);
    expect(await listed('q=')).toEqual(all);
    expect(await listed('q=%20%20')).toEqual(all);
  });

  it('applies the search to the points, the stats and the exports', async () => {
    const points = (await get('/api/points?q=roadside')).json() as { total: number; points: unknown[][] };
    expect(points.points.map((p) => p[0])).toEqual(['ev-quetta']);
    const stats = (await get('/api/stats?by=type&q=roadside')).json() as { rows: { events: number }[] };
    expect(stats.rows.reduce((n, r) => n + r.events, 0)).toBe(1);
    const lines = (await get('/api/export/jsonl?q=roadside')).body.trim().split('\n');
    expect(lines.map((l) => (JSON.parse(l) as { id: string }).id)).toEqual(['ev-quetta']);
    const csv = (await get('/api/export/csv?q=nothing-matches-this')).body.trim().split('\n');
    expect(csv).toHaveLength(1);
  });

  it('answers hostile text as plain words, never with a server error', async () => {
    for (const q of [
      '"',
      '*',
      'NEAR(',
      '-',
      "'); drop table events; --",
      '"unbalanced',
      '( ) : ^ * -x',
      '%00',
      '🚒',
    ]) {
      const res = await get(`/api/events?q=${encodeURIComponent(q)}`);
      expect({ q, status: res.status }).toEqual({ q, status: 200 });
    }
    expect((await listed(`q=${encodeURIComponent('roadside*')}`)).ids).toEqual(['ev-quetta']);
    expect((await listed(`q=${encodeURIComponent('*')}`)).total).toBe(EVENTS.length);
  });

  it('refuses a query over 200 characters with a 400 naming q, on every route that takes the filters', async () => {
    const long = encodeURIComponent('x'.repeat(201));
    for (const route of ['/api/events', '/api/points', '/api/stats?by=type&', '/api/export/jsonl']) {
      const url = route.endsWith('&') ? `${route}q=${long}` : `${route}?q=${long}`;
      const res = await get(url);
      expect({ url: route, status: res.status }).toEqual({ url: route, status: 400 });
      const body = res.json() as { error: string; message: string };
      expect(body.error).toBe('FL_ERR_BAD_ARGUMENT');
      expect(body.message).toMatch(/^querystring\/q must NOT have more than 200 characters/);
    }
    expect((await get(`/api/events?q=${encodeURIComponent('x'.repeat(200))}`)).status).toBe(200);
  });

  it('documents q in the OpenAPI document', async () => {
    const doc = (await get('/api/openapi.json')).json() as {
      paths: Record<string, { get: { parameters: { name: string }[] } }>;
    };
    for (const path of ['/api/events', '/api/points', '/api/stats', '/api/export/{format}'])
      expect(doc.paths[path]!.get.parameters.map((p) => p.name)).toContain('q');
  });
});
