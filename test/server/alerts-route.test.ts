import type { FastifyInstance } from 'fastify';
import { parseAtomFeed } from 'feedsmith';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertsWire } from '../../src/api/alert-schemas.js';
import { evaluateAlerts } from '../../src/pipeline/evaluate-alerts.js';
import { buildApp } from '../../src/server/app.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import type { Store } from '../../src/store/store.js';
import { projectKnowledge } from '../helpers/knowledge.js';
import { alertRule, seedKechEvents } from '../pipeline/alert-fixtures.js';

let store: Store;
let app: FastifyInstance;

beforeAll(async () => {
  store = await openSqliteStore({ path: ':memory:' });
  await seedKechEvents(store, [
    { day: '2025-05-05', contested: true },
    { day: '2025-05-06', killed: 6 },
    { day: '2025-06-10', killed: 9 },
  ]);
  await store.addWebhook({
    id: 'wh_a',
    url: 'https://hooks.example.org/services/T0KEN/secret-path?key=k',
    secret: 'a-secret-of-enough-length',
    site: 'http://127.0.0.1:8080',
    allowPrivate: false,
    createdAt: '2025-01-01T00:00:00.000Z',
  });
  await store.addAlertRule(alertRule({ admin2: 'Kech', minFatalities: 2 }));
  // fires for the week of its latest event (2025-W24); an earlier firing, for W19, is stored beside it
  expect(await evaluateAlerts(store, () => new Date('2025-06-11T00:00:00Z'))).toHaveLength(1);
  const [d] = await store.claimDueDeliveries('2025-06-11T00:00:00.000Z', '2025-06-11T00:01:00.000Z', 1);
  await store.recordDeliveryAttempt({
    deliveryId: d!.id,
    attempt: {
      attempt: 1,
      at: '2025-06-11T00:00:01.000Z',
      httpStatus: 500,
      error: 'answered 500',
      durationMs: 12,
    },
    status: 'pending',
    nextAttemptAt: '2025-06-11T00:00:31.000Z',
  });
  await store.recordFiring({
    ruleId: alertRule({ admin2: 'Kech', minFatalities: 2 }).id,
    window: '2025-W19',
    period: { from: '2025-05-05', to: '2025-05-11' },
    firedAt: '2025-05-12T00:00:00.000Z',
    reason: '2 events with at least 2 killed (the reconciled best figure; 1 of them contested)',
    evidence: [],
  });
  app = buildApp({
    store,
    knowledge: projectKnowledge(),
    config: { apiToken: null, host: '127.0.0.1', webRoot: null, readCacheWeight: 0 },
  });
});

afterAll(async () => {
  await app.close();
  await store.close();
});

describe('GET /api/alerts', () => {
  it('answers the rules and the firings, newest first, with evidence and delivery status', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/alerts' });
    expect(res.statusCode).toBe(200);
    const body = res.json() as AlertsWire;
    expect(body.rules).toHaveLength(1);
    expect(body.rules[0]!.description).toContain('Kech: an event with at least 2 killed');
    expect(body.firings.map((f) => f.window)).toEqual(['2025-W24', '2025-W19']);
    const [june, may] = body.firings;
    expect(june!.evidence).toHaveLength(1);
    expect(june!.evidence[0]).toMatchObject({
      fatalities: { low: 9, best: 9, high: 9 },
      contested: false,
      admin2: 'Kech',
      links: { page: 'http://localhost:80/#/event/ev_2', api: 'http://localhost:80/api/events/ev_2' },
    });
    expect(june!.evidence[0]!.claims).toEqual([expect.objectContaining({ claimant: 'officials', best: 9 })]);
    // the delivery's status and its attempts, with the receiver's origin only: its path holds a token
    expect(june!.deliveries).toEqual([
      expect.objectContaining({
        webhookId: 'wh_a',
        host: 'https://hooks.example.org',
        status: 'pending',
        attempts: 1,
        log: [expect.objectContaining({ httpStatus: 500, error: 'answered 500' })],
      }),
    ]);
    expect(res.body).not.toContain('T0KEN');
    expect(res.body).not.toContain('a-secret-of-enough-length');
    expect(may!.deliveries.map((d) => d.status)).toEqual(['pending']);
  });

  it('honours limit and refuses a bad one naming it', async () => {
    const one = (await app
      .inject({ method: 'GET', url: '/api/alerts?limit=1' })
      .then((r) => r.json())) as AlertsWire;
    expect(one.firings).toHaveLength(1);
    const bad = await app.inject({ method: 'GET', url: '/api/alerts?limit=0' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('limit');
  });

  it('is in the OpenAPI document with the Atom feed', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
      paths: Record<string, { get?: { responses: Record<string, { content?: Record<string, unknown> }> } }>;
    };
    expect(Object.keys(doc.paths['/api/alerts']!.get!.responses['200']!.content!)).toEqual([
      'application/json',
    ]);
    expect(Object.keys(doc.paths['/api/alerts.atom']!.get!.responses['200']!.content!)).toEqual([
      'application/atom+xml; charset=utf-8',
    ]);
  });
});

describe('GET /api/alerts.atom', () => {
  it('serves the firings as a valid Atom feed, each entry linking to its evidence events', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/alerts.atom' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/atom+xml');
    const feed = parseAtomFeed(res.body);
    expect(feed.id).toBe('http://localhost:80/api/alerts.atom');
    expect(feed.title?.value).toBe('Faultline alerts');
    const entries = feed.entries ?? [];
    expect(entries.map((e) => e.id)).toEqual([
      expect.stringMatching(/^urn:faultline:alert:al_.+:2025-W24$/),
      expect.stringMatching(/^urn:faultline:alert:al_.+:2025-W19$/),
    ]);
    expect(entries[0]!.title?.value).toMatch(/Kech: an event with at least 2 killed\) fired for 2025-W24/);
    expect(entries[0]!.updated).toBeTruthy();
    expect(entries[0]!.links?.find((l) => l.rel === 'alternate')?.href).toBe(
      'http://localhost:80/#/event/ev_2',
    );
    expect(entries[0]!.summary?.value).toMatch(
      /ev_2 2025-06-10 Turbat, Kech, Balochistan.*killed 9 \(low 9, high 9\)/,
    );
  });

  it('answers a reader that sends back its ETag with a 304 and no body', async () => {
    const first = await app.inject({ method: 'GET', url: '/api/alerts.atom' });
    const etag = String(first.headers['etag']);
    expect(etag).toMatch(/^"/);
    const again = await app.inject({
      method: 'GET',
      url: '/api/alerts.atom',
      headers: { 'if-none-match': etag },
    });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
  });
});
