import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { createUser } from '../../../src/auth/accounts.js';
import type { EventRecord } from '../../../src/domain/index.js';
import { buildDocument } from '../../../src/ingest/build-document.js';
import { ingestDocuments } from '../../../src/pipeline/ingest-documents.js';
import { buildApp } from '../../../src/server/app.js';
import { openSqliteStore } from '../../../src/store/sqlite/sqlite-store.js';
import type { Store } from '../../../src/store/store.js';
import { projectKnowledge } from '../../helpers/knowledge.js';

/** Written for this test: two outlets' reports of one attack, and a report of another incident. */
const TEXTS = [
  'Gunmen attacked a police checkpoint in Turbat on Monday, killing three policemen, officials said. ' +
    'The attackers fled on motorcycles.',
  'Three policemen were killed on Monday when gunmen stormed a checkpoint in Turbat, a police officer said.',
  'A roadside bomb struck a paramilitary vehicle in Panjgur on Sunday, killing one soldier and wounding four, a security official said.',
];
const SERVER_TOKEN = 'server-secret-token-for-tests';
const knowledge = projectKnowledge();
let store: Store;
let server: FastifyInstance;
const apps: FastifyInstance[] = [];
let editor: { cookie: string; csrf: string };
let viewerToken: string;

beforeEach(async () => {
  store = await openSqliteStore({ path: ':memory:' });
  const docs = TEXTS.map((content, i) => {
    const doc = buildDocument(
      { origin: `r${i}.txt`, format: 'text', content, meta: { published: '2025-06-10' } },
      { maxBytes: 100_000 },
    );
    if (!('kind' in doc)) throw doc;
    return doc;
  });
  await ingestDocuments({ store, knowledge, report: () => undefined }, docs);
  server = buildApp({
    store,
    knowledge,
    config: { apiToken: SERVER_TOKEN, host: '127.0.0.1', webRoot: null, readCacheWeight: 0 },
  });
  apps.push(server);
  await server.ready();
  const ana = await createUser(store, { name: 'ana', role: 'editor', withToken: false });
  const bo = await createUser(store, { name: 'bo', role: 'viewer', withToken: true });
  viewerToken = bo.token!;
  const signIn = await server.inject({
    method: 'POST',
    url: '/api/session',
    payload: { name: 'ana', password: ana.password },
  });
  editor = { cookie: String(signIn.headers['set-cookie']).split(';')[0]!, csrf: signIn.json().csrfToken };
});

afterAll(async () => {
  await Promise.all(apps.map((a) => a.close()));
});

const asEditor = (): Record<string, string> => ({ cookie: editor.cookie, 'x-csrf-token': editor.csrf });

function write(
  method: 'PATCH' | 'POST',
  url: string,
  payload: object,
  headers: Record<string, string> = asEditor(),
): Promise<LightMyRequestResponse> {
  return server.inject({ method, url, payload, headers });
}

async function queue(): Promise<{
  total: number;
  items: { event: EventRecord; version: number; reasons: string[] }[];
}> {
  const res = await server.inject('/api/review/queue');
  expect(res.statusCode).toBe(200);
  return res.json();
}

const place = (q: Awaited<ReturnType<typeof queue>>, name: string) =>
  q.items.find((i) => i.event.location?.name === name)!;

describe('the review API', () => {
  it('queues unreviewed events by fatalities, then recency, and lets an editor confirm one', async () => {
    const q = await queue();
    expect(q.items.map((i) => [i.event.location?.name, i.event.fatalities?.best])).toEqual([
      ['Turbat', 3],
      ['Panjgur', 1],
    ]);
    expect(q.items[0]!.reasons).toContain('new');
    const turbat = q.items[0]!;
    const res = await write('POST', `/api/events/${turbat.event.id}/confirm`, {
      version: turbat.version,
      reason: 'checked',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().event).toMatchObject({ reviewed: true, reviewed_by: 'ana' });
    expect((await queue()).items.map((i) => i.event.id)).toEqual([place(q, 'Panjgur').event.id]);
  });

  it('corrects a figure with a version and a reason, and answers a stale second save with 409', async () => {
    const turbat = place(await queue(), 'Turbat');
    const url = `/api/events/${turbat.event.id}`;
    const res = await write('PATCH', url, {
      version: turbat.version,
      reason: 'the hospital counted four',
      fields: { fatalities: { low: 3, best: 4, high: 4 } },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().event.fatalities).toEqual({ low: 3, best: 4, high: 4 });
    expect(res.json().review.locks).toEqual([
      expect.objectContaining({
        field: 'fatalities',
        machine: { low: 3, best: 3, high: 3 },
        disagrees: true,
      }),
    ]);
    const stale = await write('PATCH', url, { version: turbat.version, fields: { notes: 'mine' } });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toBe('FL_ERR_CONFLICT');
    const history = (await server.inject(`${url}/history`)).json();
    expect(
      history.edits.map((e: { by: string; field: string; reason: string }) => [e.by, e.field, e.reason]),
    ).toEqual([['ana', 'fatalities', 'the hospital counted four']]);
    expect((await server.inject(url)).json().event.notes).not.toBe('mine');
  });

  it('refuses an edit that makes the event invalid, naming the field', async () => {
    const turbat = place(await queue(), 'Turbat');
    const res = await write('PATCH', `/api/events/${turbat.event.id}`, {
      version: turbat.version,
      fields: { date: { start: '2025-06-09', end: '2025-06-01' } },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ error: 'FL_ERR_INVALID_EDIT' });
    expect(res.json().message).toMatch(/^field date\.end: /);
  });

  it('gives a viewer 403 and refuses a forged cross-site POST, storing nothing', async () => {
    const turbat = place(await queue(), 'Turbat');
    const url = `/api/events/${turbat.event.id}/confirm`;
    const viewer = await write(
      'POST',
      url,
      { version: turbat.version },
      { authorization: `Bearer ${viewerToken}` },
    );
    expect(viewer.statusCode).toBe(403);
    expect(viewer.json().error).toBe('FL_ERR_FORBIDDEN');
    // a page on another site posting with the editor's cookie: the browser says where it came from
    const forged = await write(
      'POST',
      url,
      { version: turbat.version },
      {
        cookie: editor.cookie,
        origin: 'https://evil.example',
        'sec-fetch-site': 'cross-site',
      },
    );
    expect(forged.statusCode).toBe(403);
    // the loopback server refuses a foreign Origin before it looks at the session
    expect(['FL_ERR_HOST_REFUSED', 'FL_ERR_CSRF']).toContain(forged.json().error);
    const crossSite = await write(
      'POST',
      url,
      { version: turbat.version },
      {
        ...asEditor(),
        'sec-fetch-site': 'cross-site',
      },
    );
    expect(crossSite.statusCode).toBe(403);
    expect(crossSite.json().error).toBe('FL_ERR_CSRF');
    const noToken = await write('POST', url, { version: turbat.version }, { cookie: editor.cookie });
    expect(noToken.json().error).toBe('FL_ERR_CSRF');
    const anonymous = await write('POST', url, { version: turbat.version }, {});
    expect(anonymous.statusCode).toBe(401);
    expect(await store.listEventEdits(turbat.event.id)).toEqual([]);
  });

  it('records an edit by the server token as api-token', async () => {
    const panjgur = place(await queue(), 'Panjgur');
    const res = await write(
      'POST',
      `/api/events/${panjgur.event.id}/not-incident`,
      { version: panjgur.version },
      {
        authorization: `Bearer ${SERVER_TOKEN}`,
      },
    );
    expect(res.statusCode).toBe(200);
    expect(res.json().event).toMatchObject({ not_incident: true, reviewed_by: 'api-token' });
  });

  it('leaves an event marked not an incident off the map, the list, the stats and the exports unless asked', async () => {
    const panjgur = place(await queue(), 'Panjgur');
    const id = panjgur.event.id;
    const ids = async (url: string): Promise<string[]> => {
      const res = await server.inject(url);
      expect(res.statusCode).toBe(200);
      const body = res.json();
      // a map point is a tuple whose first element is the event's id
      return body.items
        ? body.items.map((e: { id: string }) => e.id)
        : body.points.map((p: [string]) => p[0]);
    };
    const geojsonIds = async (url: string): Promise<string[]> =>
      (await server.inject(url)).json().features.map((f: { id: string }) => f.id);
    // read before the decision too, so that a cached answer would be caught
    expect(await ids('/api/events')).toContain(id);
    const res = await write('POST', `/api/events/${id}/not-incident`, {
      version: panjgur.version,
      reason: 'an exercise',
    });
    expect(res.statusCode).toBe(200);
    expect(await ids('/api/events')).not.toContain(id);
    expect(await ids('/api/points')).not.toContain(id);
    expect(await ids('/api/events?include_dismissed=true')).toContain(id);
    expect(await ids('/api/points?include_dismissed=true')).toContain(id);
    const events = (url: string) =>
      server
        .inject(url)
        .then((r) => r.json().rows.reduce((n: number, row: { events: number }) => n + row.events, 0));
    expect(await events('/api/stats?by=type')).toBe(1);
    expect(await events('/api/stats?by=type&include_dismissed=true')).toBe(2);
    expect(await geojsonIds('/api/export/geojson')).not.toContain(id);
    expect(await geojsonIds('/api/export/geojson?include_dismissed=true')).toContain(id);
    const jsonl = (await server.inject('/api/export/jsonl?include_dismissed=true')).body;
    expect(jsonl).toContain(`"not_incident":true`);
    expect((await server.inject('/api/export/jsonl')).body).not.toContain(id);
    // still read by its id, so that the decision can be seen and undone
    expect((await server.inject(`/api/events/${id}`)).json().event.not_incident).toBe(true);
    expect((await server.inject(`/api/events/${id}/history`)).statusCode).toBe(200);
  });

  it('merges two events, splits a report back out, and chooses the claim that sets the figure', async () => {
    const q = await queue();
    const turbat = place(q, 'Turbat');
    const panjgur = place(q, 'Panjgur');
    const merged = await write('POST', `/api/events/${turbat.event.id}/merge`, {
      version: turbat.version,
      other: panjgur.event.id,
      otherVersion: panjgur.version,
      reason: 'the same convoy',
    });
    expect(merged.statusCode).toBe(200);
    expect(merged.json().event.doc_ids).toHaveLength(3);
    expect((await server.inject(`/api/events/${panjgur.event.id}`)).statusCode).toBe(404);
    const docId = turbat.event.doc_ids[0]!;
    const split = await write('POST', `/api/events/${turbat.event.id}/split`, {
      version: merged.json().review.version,
      docId,
      reason: 'another checkpoint',
    });
    expect(split.statusCode).toBe(200);
    expect(split.json().event.doc_ids).toEqual([docId]);
    const kept = (await server.inject(`/api/events/${turbat.event.id}`)).json().event as EventRecord;
    expect(kept.doc_ids).toHaveLength(2);
    const review = (await server.inject(`/api/events/${turbat.event.id}/history`)).json();
    const claimIndex = kept.claims.findIndex((c) => c.metric === 'killed');
    const chosen = await write('POST', `/api/events/${turbat.event.id}/best-claim`, {
      version: review.review.version,
      claim: claimIndex,
    });
    expect(chosen.statusCode).toBe(200);
    expect(chosen.json().event.fatalities.best).toBe(kept.claims[claimIndex]!.best);
    const actions = (await server.inject(`/api/events/${turbat.event.id}/history`))
      .json()
      .edits.map((e: { action: string }) => e.action);
    expect(actions).toEqual(['merge', 'split', 'choose_claim']);
  });

  it('documents every review route in the OpenAPI document', async () => {
    const doc = (await server.inject('/api/openapi.json')).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/review/queue',
        '/api/events/{id}/history',
        '/api/events/{id}/confirm',
        '/api/events/{id}/not-incident',
        '/api/events/{id}/merge',
        '/api/events/{id}/split',
        '/api/events/{id}/best-claim',
      ]),
    );
    expect(doc.paths['/api/events/{id}'].patch).toBeDefined();
  });
});
