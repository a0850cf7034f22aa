import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventRecord } from '../../src/domain/index.js';
import { buildApp, type AppConfig } from '../../src/server/app.js';
import type { Store, StoredEvent } from '../../src/store/store.js';
import { projectKnowledge } from '../helpers/knowledge.js';
import { EVENTS, seededApp, seededStore } from './seed-store.js';

let store: Store;
let app: FastifyInstance;

beforeAll(async () => {
  ({ store, app } = await seededApp());
});

afterAll(async () => {
  await app.close();
  await store.close();
});

async function get(url: string) {
  const res = await app.inject({ method: 'GET', url });
  return { status: res.statusCode, headers: res.headers, body: res.body, json: () => res.json() };
}

describe('GET /api/events', () => {
  it('lists every event with the total', async () => {
    const res = await get('/api/events');
    expect(res.status).toBe(200);
    const body = res.json();
    expect(body.total).toBe(4);
    expect(body.items.map((e: { id: string }) => e.id).sort()).toEqual([
      'ev-kharan',
      'ev-panjgur',
      'ev-quetta',
      'ev-turbat',
    ]);
    expect(body.items[0].claims).toBeInstanceOf(Array);
  });

  it('narrows by date, district, type, actor acronym, publisher, contested and operation', async () => {
    const ids = async (q: string) =>
      (await get(`/api/events?${q}`))
        .json()
        .items.map((e: { id: string }) => e.id)
        .sort();
    expect(await ids('from=2025-03-10&to=2025-03-31')).toEqual(['ev-quetta']);
    expect(await ids('admin2=Kech')).toEqual(['ev-turbat']);
    expect(await ids('type=Explosions%2FRemote%20violence')).toEqual(['ev-quetta']);
    expect(await ids('actor=BLA')).toEqual(['ev-turbat']);
    expect(await ids('publisher=Hill%20Post')).toEqual(['ev-kharan', 'ev-panjgur']);
    expect(await ids('contested=true')).toEqual(['ev-turbat']);
    expect(await ids('operation=op-1')).toEqual(['ev-kharan', 'ev-panjgur']);
  });

  it('pages with limit and offset, keeping the total of the whole match', async () => {
    const first = (await get('/api/events?sort=date&limit=2')).json();
    const rest = (await get('/api/events?sort=date&limit=2&offset=2')).json();
    expect(first.total).toBe(4);
    expect(first.items).toHaveLength(2);
    expect(first.items[0].id).toBe('ev-turbat');
    expect(rest.items.map((e: { id: string }) => e.id)).not.toContain(first.items[0].id);
  });

  it('answers JSON whose items are the stored records, in the order asked for', async () => {
    const res = await get('/api/events?sort=date');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    const body = JSON.parse(res.body) as { total: number; items: EventRecord[] };
    const byId = new Map(EVENTS.map((e) => [e.record.id, e.record]));
    const order = ['ev-turbat', 'ev-quetta', 'ev-kharan', 'ev-panjgur'];
    expect(body).toEqual({
      total: 4,
      totalIsEstimate: false,
      next: null,
      items: order.map((id) => byId.get(id)),
    });
    const stored: EventRecord[] = [];
    for await (const e of store.queryEvents({ sort: 'date' })) stored.push(e.record);
    expect(body.items).toEqual(stored);
    const page = (await get('/api/events?sort=-date&limit=1&offset=1')).json();
    expect(page).toEqual({
      total: 4,
      totalIsEstimate: false,
      next: expect.any(String),
      items: [byId.get('ev-kharan')],
    });
    const none = await get('/api/events?admin2=Kharan&type=Battles');
    expect(none.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(none.json()).toEqual({ total: 0, totalIsEstimate: false, next: null, items: [] });
  });

  it.each([
    ['limit=501', 'limit'],
    ['limit=abc', 'limit'],
    ['from=2025-13-01', 'from'],
    ['from=2025-02-30', 'from'],
    ['from=2025-05-01&to=2025-01-01', 'from'],
    ['sort=sideways', 'sort'],
    ['admin1=Atlantis', 'admin1'],
    ['actor=Nobody%20At%20All', 'actor'],
    ['type=Picnic', 'type'],
    ['colour=red', 'colour'],
  ])('rejects %s with a JSON 400 naming the field', async (q, field) => {
    const res = await get(`/api/events?${q}`);
    expect(res.status).toBe(400);
    const body = res.json();
    expect(body.error).toMatch(/^FL_ERR_/);
    expect(body.message).toContain(field);
  });

  it('suggests the nearest district or actor for a misspelt one', async () => {
    expect((await get('/api/events?admin2=Kehc')).json().message).toMatch(
      /admin2=Kehc: .*did you mean Kech\?/,
    );
    expect((await get('/api/events?actor=Baloch%20Liberation%20Amry')).json().message).toContain(
      'did you mean Baloch Liberation Army?',
    );
  });
});

describe('GET /api/events/:id', () => {
  it('gives the record, the decisions, the claims of both outlets and the spans to highlight', async () => {
    const res = await get('/api/events/ev-turbat');
    expect(res.status).toBe(200);
    const body = res.json();
    expect(body.event.fatalities).toMatchObject({ low: 3, high: 12 });
    expect(body.decisions).toHaveLength(2);
    const outlets = body.claims.map((c: { publisher: string }) => c.publisher).sort();
    expect(outlets).toEqual(['Capital Times', 'Coast Courier']);
    const low = body.claims.find((c: { low: number }) => c.low === 3);
    expect(low.sets).toContain('low');
    expect(body.documents).toHaveLength(2);
    for (const d of body.documents) {
      expect(d.highlights.length).toBeGreaterThan(0);
      for (const h of d.highlights) expect(h.end).toBeLessThanOrEqual(d.text.length);
    }
    const coast = body.documents.find((d: { publisher: string }) => d.publisher === 'Coast Courier');
    const quoted = coast.highlights.map((h: { start: number; end: number }) =>
      coast.text.slice(h.start, h.end),
    );
    expect(quoted).toContain('twelve soldiers were killed');
  });

  it('carries the operation of a town of a multi-town attack', async () => {
    const body = (await get('/api/events/ev-kharan')).json();
    expect(body.operation.id).toBe('op-1');
    expect(body.operation.event_ids).toEqual(['ev-panjgur', 'ev-kharan']);
  });

  it('answers an unknown id with a JSON 404', async () => {
    const res = await get('/api/events/no-such-event');
    expect(res.status).toBe(404);
    expect(res.json().error).toBe('FL_ERR_NOT_FOUND');
  });
});

describe('map points', () => {
  it('gives compact points for every matching event, with the filters applied', async () => {
    const body = (await get('/api/points?admin1=Balochistan')).json();
    expect(body.total).toBe(4);
    expect(body.truncated).toBe(false);
    const turbat = body.points.find((p: unknown[]) => p[0] === 'ev-turbat');
    expect(turbat).toEqual([
      'ev-turbat',
      26.0,
      63.05,
      '2025-03-04',
      'Battles',
      expect.any(Number),
      'Kech',
      'place',
      'Balochistan',
      'day',
    ]);
    const cut = (await get('/api/points?limit=2')).json();
    expect(cut.points).toHaveLength(2);
    expect(cut.truncated).toBe(true);
    expect(cut.total).toBe(4);
  });
});

describe('operations, documents, publishers, stats', () => {
  it('lists and gets operations', async () => {
    expect((await get('/api/operations')).json().map((o: { id: string }) => o.id)).toEqual(['op-1']);
    expect((await get('/api/operations/op-1')).json().notes).toContain('two towns');
    expect((await get('/api/operations/op-404')).status).toBe(404);
  });

  it('pages documents and gives one with its clean text', async () => {
    const page = (await get('/api/documents?limit=3')).json();
    expect(page.total).toBe(4);
    expect(page.items).toHaveLength(3);
    expect(page.items[0].text).toBeUndefined();
    const next = (await get('/api/documents?limit=3&offset=3')).json();
    expect(next.items).toHaveLength(1);
    const doc = (await get('/api/documents/doc-quetta')).json();
    expect(doc.text).toContain('roadside bomb');
    expect(doc.mentions).toBe(1);
    expect((await get('/api/documents/doc-none')).status).toBe(404);
    expect((await get('/api/documents?limit=0')).status).toBe(400);
  });

  it('lists publisher profiles', async () => {
    const body = (await get('/api/publishers')).json();
    expect(body.map((p: { name: string }) => p.name).sort()).toEqual(['Capital Times', 'Coast Courier']);
  });

  it('groups stats by every dimension and validates by', async () => {
    const byType = (await get('/api/stats?by=type')).json();
    expect(byType.by).toBe('type');
    const battles = byType.rows.find((r: { key: string }) => r.key === 'Battles');
    expect(battles.events).toBe(2);
    for (const by of ['day', 'week', 'month', 'district', 'actor']) {
      expect((await get(`/api/stats?by=${by}`)).status).toBe(200);
    }
    const filtered = (await get('/api/stats?by=month&from=2025-04-01')).json();
    expect(filtered.rows.reduce((s: number, r: { events: number }) => s + r.events, 0)).toBe(2);
    expect((await get('/api/stats?by=hour')).status).toBe(400);
    expect((await get('/api/stats')).status).toBe(400);
  });
});

describe('exports', () => {
  it.each([
    ['jsonl', 'application/x-ndjson', 'faultline-events.jsonl'],
    ['csv', 'text/csv', 'faultline-events.csv'],
    ['acled', 'text/csv', 'faultline-events.acled.csv'],
    ['ucdp', 'text/csv', 'faultline-events.ucdp.csv'],
    ['geojson', 'application/geo+json', 'faultline-events.geojson'],
  ])('streams %s as a download', async (format, type, filename) => {
    const res = await get(`/api/export/${format}?admin2=Kech`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain(type);
    expect(res.headers['content-disposition']).toBe(`attachment; filename="${filename}"`);
    expect(res.body.length).toBeGreaterThan(0);
  });

  it('applies the filters to the JSONL export', async () => {
    const lines = (await get('/api/export/jsonl?admin2=Kech')).body.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!).id).toBe('ev-turbat');
  });

  it('rejects an unknown format and a bad filter', async () => {
    expect((await get('/api/export/xlsx')).status).toBe(400);
    expect((await get('/api/export/csv?from=yesterday')).status).toBe(400);
  });
});

describe('the whole surface', () => {
  it('sets a strict Content-Security-Policy on every response, errors included', async () => {
    for (const url of ['/api/events', '/api/events/nope', '/api/openapi.json', '/nothing-here']) {
      const csp = (await get(url)).headers['content-security-policy'] as string;
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("img-src 'self' data:");
      expect(csp).not.toContain('unsafe-inline');
    }
  });

  it('sets nosniff and no-referrer beside the policy on answers, cached answers, errors and downloads', async () => {
    const urls: [string, number][] = [
      ['/api/events?admin1=Balochistan', 200],
      // the second is answered from the read cache
      ['/api/events?admin1=Balochistan', 200],
      ['/api/events?limit=abc', 400],
      ['/api/events/nope', 404],
      ['/api/points', 200],
      ['/api/export/jsonl', 200],
      ['/nothing-here', 404],
    ];
    for (const [url, expected] of urls) {
      const { status, headers } = await get(url);
      expect({ url, status }).toEqual({ url, status: expected });
      expect({ url, csp: headers['content-security-policy'] }).toEqual({
        url,
        csp: expect.stringContaining("default-src 'self'"),
      });
      expect({ url, nosniff: headers['x-content-type-options'] }).toEqual({ url, nosniff: 'nosniff' });
      expect({ url, referrer: headers['referrer-policy'] }).toEqual({ url, referrer: 'no-referrer' });
    }
  });

  it('serves an OpenAPI document listing every route', async () => {
    const res = await get('/api/openapi.json');
    const doc = JSON.parse(res.body);
    expect(doc.openapi).toBe('3.1.0');
    const paths = Object.keys(doc.paths).sort();
    expect(paths).toEqual(
      [
        '/api/alerts',
        '/api/alerts.atom',
        '/api/documents',
        '/api/documents/{id}',
        '/api/events',
        '/api/events/documents',
        '/api/events/{id}',
        '/api/events/{id}/best-claim',
        '/api/events/{id}/confirm',
        '/api/events/{id}/history',
        '/api/events/{id}/merge',
        '/api/events/{id}/not-incident',
        '/api/events/{id}/split',
        '/api/events.atom',
        '/api/events.rss',
        '/api/events/stream',
        '/api/export/{format}',
        '/api/openapi.json',
        '/api/operations',
        '/api/operations/{id}',
        '/api/points',
        '/api/publishers',
        '/api/review/queue',
        '/api/session',
        '/api/settings',
        '/api/stats',
        '/api/users',
        '/api/trends/districts',
        '/api/trends/series',
      ].sort(),
    );
    expect(doc.paths['/api/documents'].post.requestBody).toBeDefined();
    expect(doc.paths['/api/documents'].post.security).toEqual([{ bearer: [] }, { session: [] }]);
    expect(doc.paths['/api/documents'].post.parameters.map((p: { name: string }) => p.name)).toContain(
      'x-csrf-token',
    );
    expect(doc.paths['/api/session'].post.requestBody).toBeDefined();
    expect(doc.paths['/api/session'].post.security).toBeUndefined();
    expect(Object.keys(doc.paths['/api/session']).sort()).toEqual(['delete', 'get', 'post']);
    expect(doc.paths['/api/users'].get['x-faultline-role']).toBe('admin');
    expect(doc.components.securitySchemes.session).toMatchObject({ in: 'cookie', name: 'faultline_session' });
    const params = doc.paths['/api/events'].get.parameters.map((p: { name: string }) => p.name);
    expect(params).toEqual(expect.arrayContaining(['from', 'to', 'admin1', 'actor', 'contested', 'limit']));
  });
});

describe('the page', () => {
  let root: string;
  let pageStore: Store;
  let page: FastifyInstance;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'faultline-web-'));
    await writeFile(
      join(root, 'index.html'),
      '<!doctype html><title>Test page</title><p>map goes here</p>\n',
    );
    await writeFile(join(root, 'app.js'), 'console.log("a test script");\n');
    pageStore = await seededStore();
    page = buildApp({
      store: pageStore,
      knowledge: projectKnowledge(),
      config: { apiToken: null, host: '127.0.0.1', webRoot: root },
    });
    await page.ready();
  });

  afterAll(async () => {
    await page.close();
    await pageStore.close();
    await rm(root, { recursive: true, force: true });
  });

  it('serves the files of the web root with the security headers, and a JSON 404 beside them', async () => {
    for (const [url, status, type] of [
      ['/', 200, 'text/html'],
      ['/index.html', 200, 'text/html'],
      ['/app.js', 200, 'javascript'],
      ['/missing.js', 404, 'application/json'],
      ['/api/events', 200, 'application/json'],
    ] as const) {
      const res = await page.inject({ method: 'GET', url });
      expect({ url, status: res.statusCode }).toEqual({ url, status });
      expect({ url, type: res.headers['content-type'] }).toEqual({
        url,
        type: expect.stringContaining(type),
      });
      expect({ url, csp: res.headers['content-security-policy'] }).toEqual({
        url,
        csp: expect.stringContaining("default-src 'self'"),
      });
      expect({ url, nosniff: res.headers['x-content-type-options'] }).toEqual({ url, nosniff: 'nosniff' });
      expect({ url, referrer: res.headers['referrer-policy'] }).toEqual({ url, referrer: 'no-referrer' });
    }
    expect((await page.inject('/app.js')).body).toContain('a test script');
  });
});

/** A copy of a seeded event under a new id, written straight to the store as another process would. */
function extraEvent(id: string): StoredEvent {
  const quetta = EVENTS.find((e) => e.record.id === 'ev-quetta')!;
  return { record: { ...quetta.record, id }, mentionIds: [], decisions: [] };
}

describe('the read cache of the event list', () => {
  const opened: { store: Store; app: FastifyInstance }[] = [];

  async function openApp(config: Partial<AppConfig> = {}) {
    const s = await seededStore();
    const a = buildApp({
      store: s,
      knowledge: projectKnowledge(),
      config: { apiToken: null, host: '127.0.0.1', webRoot: null, ...config },
    });
    await a.ready();
    opened.push({ store: s, app: a });
    const list = async (url: string) => {
      const res = await a.inject({ method: 'GET', url });
      expect(res.statusCode).toBe(200);
      return res.json() as { total: number; items: EventRecord[] };
    };
    return { store: s, list };
  }

  afterAll(async () => {
    for (const o of opened.splice(0)) {
      await o.app.close();
      await o.store.close();
    }
  });

  it.each([
    ['with readCacheWeight 0, from the store', { readCacheWeight: 0, eventIndex: false }],
    ['with the event index, cache or not', { awaitEventIndex: true }],
  ] as const)(
    'answers a repeated request afresh %s: a direct store write shows at once',
    async (_, config) => {
      const { store: direct, list } = await openApp(config);
      const url = '/api/events?admin1=Balochistan&sort=date';
      expect((await list(url)).total).toBe(4);
      await direct.replaceResolution({
        mentionIds: [],
        events: [extraEvent('ev-written-aside')],
        operations: [],
      });
      const after = await list(url);
      expect(after.total).toBe(5);
      expect(after.items.map((e) => e.id)).toContain('ev-written-aside');
    },
  );

  it('without the event index, serves a repeated request from the cache, not seeing a direct store write', async () => {
    const { store: direct, list } = await openApp({ eventIndex: false });
    const url = '/api/events?admin1=Balochistan&sort=date';
    const before = await list(url);
    expect(before.total).toBe(4);
    await direct.replaceResolution({
      mentionIds: [],
      events: [extraEvent('ev-written-aside')],
      operations: [],
    });
    expect(await direct.countEvents({ admin1: 'Balochistan' })).toBe(5);
    const again = await list(url);
    expect(again).toEqual(before);
    expect(again.items.map((e) => e.id)).not.toContain('ev-written-aside');
    // a query not asked before is answered from the store
    const other = await list('/api/events?admin1=Balochistan&sort=-date');
    expect(other.items.map((e) => e.id)).toContain('ev-written-aside');
  });
});
