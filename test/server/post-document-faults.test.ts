import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXTRACTOR_VERSION } from '../../src/extract/extract-document.js';
import { buildDocument } from '../../src/ingest/build-document.js';
import { buildApp } from '../../src/server/app.js';
import { errorResponse } from '../../src/server/error-handler.js';
import { FaultlineError } from '../../src/errors/errors.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import type { Store } from '../../src/store/store.js';
import { projectKnowledge } from '../helpers/knowledge.js';
import { TEXTS } from './seed-store.js';

/** Written for this test: one incident, a district town, a day and a toll. */
const ARTICLE =
  'KHUZDAR: Two labourers were killed when a roadside bomb went off near a construction site in Khuzdar on ' +
  'Wednesday, police said. The blast also damaged a water tanker parked nearby.';

/** Written for this test: a French report, which the English lexicons cannot read. */
const FRENCH =
  'Des hommes armés ont attaqué jeudi soir un poste de police dans la ville de Turbat, tuant trois agents, ' +
  "selon un responsable local qui a requis l'anonymat. Les assaillants ont pris la fuite à moto avant " +
  "l'arrivée des renforts, et une opération de recherche a été lancée dans les villages voisins. Aucun groupe " +
  "n'a revendiqué l'attaque pour le moment, mais les autorités soupçonnent des séparatistes actifs dans la région.";

const dir = mkdtempSync(join(tmpdir(), 'faultline-post-faults-'));
const path = join(dir, 'store.db');
const logged: string[] = [];
let store: Store;
let app: FastifyInstance;

beforeAll(async () => {
  // a short busy timeout, so that another connection's write lock makes saving fail at once, as a real
  // SQLITE_BUSY would after five seconds
  store = await openSqliteStore({ path, busyTimeoutMs: 20 });
  app = buildApp({
    store,
    knowledge: projectKnowledge(),
    config: { apiToken: null, host: '127.0.0.1', webRoot: null, logError: (line) => logged.push(line) },
  });
  await app.ready();
});

afterAll(async () => {
  await app.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const post = (payload: object, headers: Record<string, string> = {}) =>
  app.inject({ method: 'POST', url: '/api/documents', payload, headers });

describe('POST /api/documents tells the truth about what it stored', () => {
  it('answers a document the store refused with a logged 500, never "present", and stores it once it can', async () => {
    const writer = new BetterSqlite3(path);
    writer.exec('BEGIN IMMEDIATE');
    let res;
    try {
      res = await post({ text: ARTICLE, published: '2025-07-03' });
    } finally {
      writer.exec('ROLLBACK');
      writer.close();
    }
    expect(res.statusCode).toBe(500);
    const body = res.json() as { error: string; message: string; requestId: string };
    expect(body.error).toBe('FL_ERR_INTERNAL');
    expect(body.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(body.message).toBe(`internal error (request ${body.requestId})`);
    // the store's details stay on the server
    expect(res.body).not.toMatch(/sqlite|locked|busy|store\.db/i);
    const line = logged.find((l) => l.includes(body.requestId));
    expect(line).toMatch(/POST \/api\/documents failed: .*(locked|busy)/i);
    expect(line).not.toContain('\n');
    expect(await store.countDocuments()).toBe(0);

    const again = await post({ text: ARTICLE, published: '2025-07-03' });
    expect(again.statusCode).toBe(200);
    expect(again.json().outcome).toBe('stored');
    expect(await store.countDocuments()).toBe(1);
    expect((await post({ text: ARTICLE, published: '2025-07-03' })).json().outcome).toBe('present');
  });

  it('extracts only the posted document, leaving the backlog of unextracted documents to ingest', async () => {
    const backlog = Object.values(TEXTS).map((text, i) => {
      const doc = buildDocument(
        { origin: `backlog-${i}.txt`, format: 'text', content: text, meta: {} },
        { maxBytes: 100_000, published: '2025-03-05' },
      );
      if (doc instanceof FaultlineError) throw doc;
      return doc;
    });
    await store.saveDocuments(backlog);
    const pending = [...(await store.listDocumentsToExtract(EXTRACTOR_VERSION))].sort();
    expect(pending).toEqual(backlog.map((d) => d.id).sort());

    const res = await post({
      text: ARTICLE.replace('Two labourers', 'Three labourers'),
      published: '2025-07-03',
    });
    expect(res.statusCode).toBe(200);
    const posted = res.json().documentId as string;
    expect([...(await store.listDocumentsToExtract(EXTRACTOR_VERSION))].sort()).toEqual(pending);
    expect((await store.listMentions(posted)).length).toBeGreaterThan(0);
    for (const doc of backlog) expect(await store.listMentions(doc.id)).toEqual([]);
  });

  it('cleans control characters from posted metadata', async () => {
    const res = await post({
      text: `${ARTICLE} A curfew was imposed.`,
      title: 'Blast\u0000 in Khuzdar',
      publisher: 'Desk\u0007 Wire',
    });
    expect(res.statusCode).toBe(200);
    const doc = (await app.inject(`/api/documents/${res.json().documentId}`)).json();
    expect(doc).toMatchObject({ title: 'Blast in Khuzdar', publisher: 'Desk Wire' });
  });
});

describe('POST /api/documents refuses what it cannot keep faithfully', () => {
  it.each(['2024-99-99', '2025-02-30', '2023-02-29', '0000-01-01'])(
    'refuses published %s with a 400 naming the field, storing nothing',
    async (published) => {
      const before = await store.countDocuments();
      const res = await post({ text: `${ARTICLE} Schools were closed.`, published });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toEqual({
        error: 'FL_ERR_BAD_DATE',
        message: `body/published: is not a valid date (YYYY-MM-DD) (${published})`,
      });
      expect(await store.countDocuments()).toBe(before);
    },
  );

  it('accepts a leap day', async () => {
    const res = await post({ text: `${ARTICLE} Markets stayed shut.`, published: '2024-02-29' });
    expect(res.statusCode).toBe(200);
    expect((await app.inject(`/api/documents/${res.json().documentId}`)).json().published).toBe('2024-02-29');
  });

  it('says in its problems that a document in another language was stored but not extracted', async () => {
    const res = await post({ text: FRENCH, published: '2025-07-04' });
    expect(res.statusCode).toBe(200);
    const body = res.json() as { outcome: string; events: unknown[]; problems: string[] };
    expect(body.outcome).toBe('stored');
    expect(body.events).toEqual([]);
    expect(body.problems).toEqual([
      "api: not extracted: its language was detected as 'fra', not English (the document is stored)",
    ]);
    const english = await post({ text: `${ARTICLE} Traffic was diverted.` });
    expect(english.json().problems).toEqual([]);
  });
});

describe('writes to a loopback server under a foreign name (DNS rebinding)', () => {
  it.each([
    [{ host: 'attacker.example' }, 'Host attacker.example'],
    [{ host: 'attacker.example:8080' }, 'Host attacker.example:8080'],
    [{ host: '127.0.0.1.nip.io' }, 'Host 127.0.0.1.nip.io'],
    [
      { host: '127.0.0.1:8080', origin: 'http://attacker.example:8080' },
      'Origin http://attacker.example:8080',
    ],
    [{ host: 'localhost', origin: 'null' }, 'Origin null'],
  ])('refuses %j with a 403 naming it, storing nothing', async (headers, subject) => {
    const before = await store.countDocuments();
    const res = await post({ text: `${ARTICLE} Shops were shut in protest.` }, headers);
    expect(res.statusCode).toBe(403);
    expect(res.json()).toEqual({
      error: 'FL_ERR_HOST_REFUSED',
      message: `${subject}: is not a name this loopback server accepts writes under`,
    });
    expect(res.headers['content-security-policy']).toBeDefined();
    expect(await store.countDocuments()).toBe(before);
  });

  it('accepts loopback names and origins, and reads under any name', async () => {
    const loopback: Record<string, string>[] = [
      { host: '127.0.0.1:8080', origin: 'http://127.0.0.1:8080' },
      { host: 'localhost:8080', origin: 'http://localhost:8080' },
      { host: '[::1]:8080' },
    ];
    for (const headers of loopback) {
      const res = await post({ text: `${ARTICLE} Roads were closed (${headers.host}).` }, headers);
      expect(res.statusCode).toBe(200);
    }
    const read = await app.inject({
      method: 'GET',
      url: '/api/events',
      headers: { host: 'attacker.example' },
    });
    expect(read.statusCode).toBe(200);
  });

  it('leaves a server bound beyond loopback to its token', async () => {
    const guarded = buildApp({
      store,
      knowledge: projectKnowledge(),
      config: { apiToken: 'tok-3141', host: '0.0.0.0', webRoot: null },
    });
    try {
      const res = await guarded.inject({
        method: 'POST',
        url: '/api/documents',
        payload: { text: `${ARTICLE} A vigil was held.` },
        headers: { host: 'faultline.example.org', authorization: 'Bearer tok-3141' },
      });
      expect(res.statusCode).toBe(200);
    } finally {
      await guarded.close();
    }
  });
});

describe('errorResponse', () => {
  it('answers a store error with the request id alone, and a client error in full', () => {
    const store = new FaultlineError('FL_ERR_STORE', 'postgres db.internal/faultline', 'SQLSTATE 53300');
    expect(errorResponse(store, 'r-1')).toEqual({
      status: 500,
      body: { error: 'FL_ERR_INTERNAL', message: 'internal error (request r-1)', requestId: 'r-1' },
    });
    expect(errorResponse(new Error('relation "events" does not exist'), 'r-2').body.message).toBe(
      'internal error (request r-2)',
    );
    const bad = new FaultlineError('FL_ERR_BAD_DATE', 'body/published', 'x');
    expect(errorResponse(bad, 'r-3')).toEqual({
      status: 400,
      body: { error: 'FL_ERR_BAD_DATE', message: bad.message },
    });
  });
});
