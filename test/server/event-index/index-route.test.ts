import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { buildApp } from '../../../src/server/app.js';
import { openSqliteStore } from '../../../src/store/sqlite/sqlite-store.js';
import type { Store } from '../../../src/store/store.js';
import { projectKnowledge } from '../../helpers/knowledge.js';
import { randomDocuments, randomEvents, rng } from './random-events.js';

let dir: string;
let store: Store;
let app: FastifyInstance;
const docs = randomDocuments(4);

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'faultline-index-route-'));
  store = await openSqliteStore({ path: join(dir, 'route.db') });
  await store.saveDocuments(docs);
  await store.replaceResolution({ mentionIds: [], events: randomEvents(rng(1), 20, docs), operations: [] });
  app = buildApp({
    store,
    knowledge: projectKnowledge(),
    // no read cache, and a change feed too slow to matter: freshness is the index's own
    config: {
      apiToken: null,
      host: '127.0.0.1',
      webRoot: null,
      readCacheWeight: 0,
      changePollMs: 60_000,
      awaitEventIndex: true,
    },
  });
  await app.ready();
});

afterEach(async () => {
  await app.close();
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

const total = async () => (await app.inject('/api/events?limit=1')).json<{ total: number }>().total;

it('answers with what another writer stored a moment before the request, without waiting for a poll', async () => {
  expect(await total()).toBe(20);
  await store.replaceResolution({
    mentionIds: [],
    events: randomEvents(rng(2), 5, docs, 'ev-new'),
    operations: [],
  });
  expect(await total()).toBe(25);
});

it('never answers from an index it cannot bring up to date: a store that fails fails the request', async () => {
  expect(await total()).toBe(20);
  await store.close();
  const res = await app.inject('/api/events?limit=1');
  // not the 20 events the index still holds
  expect(res.statusCode).toBe(500);
});

it('sends an answer from the index with the headers every answer carries, its length and a JSON body', async () => {
  const res = await app.inject('/api/events?limit=3&sort=-fatalities');
  expect(res.statusCode).toBe(200);
  expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
  expect(res.headers['content-security-policy']).toBeDefined();
  expect(res.headers['x-content-type-options']).toBe('nosniff');
  expect(Number(res.headers['content-length'])).toBe(res.rawPayload.byteLength);
  const body = res.json<{ total: number; items: { id: string }[]; next: string }>();
  expect(body.total).toBe(20);
  expect(body.items).toHaveLength(3);
  expect(typeof body.next).toBe('string');
});

it('brings the index up to date for the requests it answers, not for free text, which the store answers', async () => {
  const checks = vi.spyOn(store, 'latestEventChange');
  const searched = await app.inject('/api/events?q=report&limit=5');
  expect(searched.statusCode).toBe(200);
  expect(checks).not.toHaveBeenCalled();
  expect(await total()).toBe(20);
  expect(checks).toHaveBeenCalledTimes(1);
});
