import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { FASTIFY_CLIENT_ERRORS } from '../../src/server/fastify-errors.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import type { Store } from '../../src/store/store.js';
import { projectKnowledge } from '../helpers/knowledge.js';

/** Written for this test. */
const ARTICLE =
  'Gunmen on motorbikes shot dead a shopkeeper in Nushki bazaar on Sunday evening, police said. ' +
  'The attackers fled before the police reached the market.';

let store: Store;
let app: FastifyInstance;

beforeAll(async () => {
  store = await openSqliteStore({ path: ':memory:' });
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

const post = (body: unknown) =>
  app.inject({ method: 'POST', url: '/api/documents', payload: body as object });

describe('POST /api/documents refuses a URL the page could not link to', () => {
  it.each(['javascript:alert(1)', 'data:text/html,hi', 'file:///etc/passwd', 'ftp://files.example.org/a'])(
    'refuses %s with one line naming the field, storing nothing',
    async (url) => {
      const res = await post({ text: ARTICLE, url });
      expect(res.statusCode).toBe(400);
      const scheme = `${url.split(':')[0]}:`;
      expect(res.json()).toEqual({
        error: 'FL_ERR_INPUT_SCHEME',
        message: `body/url: uses an unsupported scheme (${scheme}, only http and https)`,
      });
      expect(await store.countDocuments()).toBe(0);
    },
  );

  it('refuses a URL that is not absolute', async () => {
    const res = await post({ text: ARTICLE, url: 'news/today' });
    expect(res.json()).toEqual({
      error: 'FL_ERR_BAD_ARGUMENT',
      message: 'body/url: is not a valid argument (not an absolute URL)',
    });
  });
});

describe('a refused value from a closed list names the allowed values', () => {
  it.each([
    ['/api/events?sort=newest', 'querystring/sort must be one of date, -date, fatalities, -fatalities'],
    ['/api/stats?by=year', 'querystring/by must be one of day, week, month, district, actor, type'],
    ['/api/export/xml', 'params/format must be one of jsonl, csv, acled, ucdp, geojson'],
  ])('%s', async (url, message) => {
    const res = await app.inject(url);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ error: 'FL_ERR_BAD_ARGUMENT', message });
  });
});

describe('a very long bad id', () => {
  it.each(['/api/events/', '/api/documents/', '/api/operations/'])(
    'is not echoed back after %s',
    async (prefix) => {
      const res = await app.inject(`${prefix}${'q'.repeat(3000)}`);
      expect(res.statusCode).toBe(414);
      expect(res.json()).toEqual({
        error: 'FST_ERR_MAX_PARAM_LENGTH',
        message: FASTIFY_CLIENT_ERRORS.FST_ERR_MAX_PARAM_LENGTH,
      });
    },
  );

  it('is cut with an ellipsis when it names no route', async () => {
    const res = await app.inject(`/no-such-page/${'q'.repeat(3000)}`);
    expect(res.statusCode).toBe(404);
    const { message } = res.json() as { message: string };
    expect(message).toBe(`GET /no-such-page/${'q'.repeat(200 - 18)}…: was not found`);
  });

  it('is cut with an ellipsis in a not-found message under the parameter limit', async () => {
    const res = await app.inject(`/api/events/${'q'.repeat(100)}`);
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({
      error: 'FL_ERR_NOT_FOUND',
      message: `event ${'q'.repeat(100)}: was not found`,
    });
  });
});

describe("Fastify's own client errors", () => {
  it.each([
    [
      'FST_ERR_CTP_INVALID_JSON_BODY',
      { payload: '{"text": ', headers: { 'content-type': 'application/json' } },
      400,
    ],
    ['FST_ERR_CTP_EMPTY_JSON_BODY', { payload: '', headers: { 'content-type': 'application/json' } }, 400],
    ['FST_ERR_CTP_INVALID_MEDIA_TYPE', { payload: '<a/>', headers: { 'content-type': 'text/xml' } }, 415],
  ] as const)('%s is answered in the API form', async (code, request, status) => {
    const res = await app.inject({ method: 'POST', url: '/api/documents', ...request });
    expect(res.statusCode).toBe(status);
    expect(res.json()).toEqual({ error: code, message: FASTIFY_CLIENT_ERRORS[code] });
  });

  it('FST_ERR_BAD_URL is answered in the API form, not fastify’s default body', async () => {
    const res = await app.inject('/api/events/%E0%A4%A');
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ error: 'FST_ERR_BAD_URL', message: FASTIFY_CLIENT_ERRORS.FST_ERR_BAD_URL });
  });

  it('are each documented in docs/errors.md, and nothing more', () => {
    const doc = readFileSync(new URL('../../docs/errors.md', import.meta.url), 'utf8');
    const documented = [...doc.matchAll(/^\| (FST_ERR_[A-Z_]+)\s+\|/gm)].map((m) => m[1]);
    expect(documented.sort()).toEqual(Object.keys(FASTIFY_CLIENT_ERRORS).sort());
  });
});
