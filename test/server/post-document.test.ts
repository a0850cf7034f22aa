import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveCommand } from '../../src/cli/serve-command.js';
import { buildApp } from '../../src/server/app.js';
import { contentSecurityPolicy, isLoopbackHost } from '../../src/server/security.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import type { Store } from '../../src/store/store.js';
import { projectKnowledge } from '../helpers/knowledge.js';

/** Written for this test: one incident, a date, a district town and a figure. */
const ARTICLE =
  'QUETTA: Unidentified gunmen opened fire on a police checkpoint in Turbat on Monday, killing three policemen, ' +
  'a district police officer said. The attackers escaped on motorcycles and a search operation was launched in the area.';

let store: Store;
let open: FastifyInstance;
let guarded: FastifyInstance;

beforeAll(async () => {
  store = await openSqliteStore({ path: ':memory:' });
  const knowledge = projectKnowledge();
  open = buildApp({
    store,
    knowledge,
    config: { apiToken: null, host: '127.0.0.1', webRoot: null, bodyLimit: 64 * 1024 },
  });
  guarded = buildApp({
    store,
    knowledge,
    config: { apiToken: 's3cret-token', host: '0.0.0.0', webRoot: null },
  });
  await Promise.all([open.ready(), guarded.ready()]);
});

afterAll(async () => {
  await Promise.all([open.close(), guarded.close()]);
  await store.close();
});

const post = (app: FastifyInstance, payload: unknown, headers: Record<string, string> = {}) =>
  app.inject({ method: 'POST', url: '/api/documents', payload: payload as object, headers });

describe('POST /api/documents', () => {
  it('ingests a pasted article and answers with its id and its events', async () => {
    const res = await post(open, {
      text: ARTICLE,
      publisher: 'Test Gazette',
      published: '2025-06-10',
      title: 'Checkpoint attack',
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.documentId).toMatch(/\S/);
    expect(body.outcome).toBe('stored');
    expect(body.events.length).toBeGreaterThanOrEqual(1);
    const e = body.events[0];
    expect(e.doc_ids).toContain(body.documentId);
    expect(e.location.admin2).toBe('Kech');
    expect(e.date.start).toBe('2025-06-09');
    const doc = (await open.inject(`/api/documents/${body.documentId}`)).json();
    expect(doc.publisher).toBe('Test Gazette');
    const again = (
      await post(open, { text: ARTICLE, publisher: 'Test Gazette', published: '2025-06-10' })
    ).json();
    expect(again.outcome).toBe('present');
    expect(again.events.map((x: { id: string }) => x.id)).toEqual(
      body.events.map((x: { id: string }) => x.id),
    );
  });

  it.each([
    [{}, 'text'],
    [{ text: 'a', html: '<p>a</p>' }, 'text'],
    [{ text: ARTICLE, published: 'last week' }, 'published'],
    [{ text: ARTICLE, extra: 1 }, 'extra'],
    [{ text: { nested: true } }, 'text'],
  ])('answers a bad body with a JSON 400 naming the field (%j)', async (payload, field) => {
    const res = await post(open, payload);
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain(field);
  });

  it('answers text without an article with a JSON 4xx', async () => {
    const res = await post(open, { text: '   \n  ' });
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(res.statusCode).toBeLessThan(500);
    expect(res.json().error).toMatch(/^FL_ERR_/);
  });

  it('refuses a body over the limit with 413', async () => {
    const res = await post(open, { text: 'x'.repeat(70 * 1024) });
    expect(res.statusCode).toBe(413);
    expect(res.json().error).toBe('FL_ERR_INPUT_TOO_LARGE');
  });

  it('requires the bearer token when listening beyond loopback', async () => {
    const none = await post(guarded, { text: ARTICLE });
    expect(none.statusCode).toBe(401);
    expect(none.json().error).toBe('FL_ERR_UNAUTHORIZED');
    expect(none.headers['content-security-policy']).toBeDefined();
    expect(
      (await post(guarded, { text: ARTICLE }, { authorization: 'Bearer wrong-token!' })).statusCode,
    ).toBe(401);
    expect((await post(guarded, { text: ARTICLE }, { authorization: 's3cret-token' })).statusCode).toBe(401);
    const ok = await post(guarded, { text: ARTICLE }, { authorization: 'Bearer s3cret-token' });
    expect(ok.statusCode).toBe(200);
    expect((await guarded.inject('/api/settings')).json().tokenRequired).toBe(true);
    expect((await open.inject('/api/settings')).json().tokenRequired).toBe(false);
  });
});

describe('POST /api/documents and the read cache', () => {
  let fresh: Store;
  let app: FastifyInstance;

  beforeAll(async () => {
    fresh = await openSqliteStore({ path: ':memory:' });
    app = buildApp({
      store: fresh,
      knowledge: projectKnowledge(),
      config: { apiToken: null, host: '127.0.0.1', webRoot: null },
    });
    await app.ready();
  });

  afterAll(async () => {
    await app.close();
    await fresh.close();
  });

  const list = async (url: string) => {
    const res = await app.inject({ method: 'GET', url });
    expect(res.statusCode).toBe(200);
    return res.json() as { total: number; items: { id: string }[] };
  };

  it('shows the events of a posted document on the next identical list request', async () => {
    const everything = '/api/events';
    const inKech = '/api/events?admin2=Kech&sort=-date&limit=10';
    expect(await list(everything)).toEqual({ total: 0, totalIsEstimate: false, next: null, items: [] });
    expect(await list(inKech)).toEqual({ total: 0, totalIsEstimate: false, next: null, items: [] });
    // asked twice, so the empty answers are certainly held
    expect((await list(inKech)).total).toBe(0);
    const res = await post(app, { text: ARTICLE, publisher: 'Test Gazette', published: '2025-06-10' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    const posted = (res.json() as { events: { id: string }[] }).events.map((e) => e.id).sort();
    expect(posted.length).toBeGreaterThanOrEqual(1);
    const all = await list(everything);
    expect(all.total).toBe(posted.length);
    expect(all.items.map((e) => e.id).sort()).toEqual(posted);
    const kech = await list(inKech);
    expect(kech.total).toBeGreaterThanOrEqual(1);
    expect(kech.items.map((e) => e.id).every((id) => posted.includes(id))).toBe(true);
    expect(await fresh.countEvents({})).toBe(posted.length);
  });

  it('carries the security headers on a refused body', async () => {
    const res = await post(app, { text: 'x'.repeat(1024 * 1024 + 10) });
    expect(res.statusCode).toBe(413);
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
  });
});

describe('security helpers and serve', () => {
  it('tells loopback hosts from the rest', () => {
    for (const h of ['127.0.0.1', 'localhost', '::1', '[::1]', '127.3.4.5'])
      expect(isLoopbackHost(h)).toBe(true);
    for (const h of ['0.0.0.0', '::', '192.168.1.4', 'example.org', '127.0.0.1.nip.io'])
      expect(isLoopbackHost(h)).toBe(false);
  });

  it('allows only the configured tile host in img-src', () => {
    expect(contentSecurityPolicy(null)).toContain("img-src 'self' data:;");
    expect(contentSecurityPolicy('https://{s}.tile.example.org/{z}/{x}/{y}.png')).toContain(
      "img-src 'self' data: https://*.tile.example.org;",
    );
    expect(contentSecurityPolicy('not a url {z}')).toContain("img-src 'self' data:;");
  });

  it('refuses to serve beyond loopback without FAULTLINE_API_TOKEN', async () => {
    const io = {
      out: () => undefined,
      err: () => undefined,
      env: {},
      stdin: process.stdin,
      stderr: process.stderr,
      cpus: 1,
    };
    await expect(serveCommand(['--db', ':memory:', '--host', '0.0.0.0', '--port', '0'], io)).rejects.toThrow(
      /FAULTLINE_API_TOKEN/,
    );
  });

  it('serves on loopback, prints the URL and stops when told', async () => {
    const lines: string[] = [];
    const io = {
      out: (t: string) => lines.push(t),
      err: () => undefined,
      env: {},
      stdin: process.stdin,
      stderr: process.stderr,
      cpus: 1,
    };
    const stop = new AbortController();
    const done = serveCommand(['--db', ':memory:', '--port', '0'], io, stop.signal);
    for (let i = 0; i < 100 && lines.length === 0; i++) await new Promise((r) => setTimeout(r, 50));
    const url = /http:\/\/127\.0\.0\.1:\d+\//.exec(lines.join(''))?.[0];
    expect(url).toBeDefined();
    const res = await fetch(`${url}api/events`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    stop.abort();
    await expect(done).resolves.toBe(0);
  });
});
