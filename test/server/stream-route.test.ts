import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventRecord } from '../../src/domain/index.js';
import { buildDocument } from '../../src/ingest/build-document.js';
import { ingestDocuments } from '../../src/pipeline/ingest-documents.js';
import { buildApp } from '../../src/server/app.js';
import { openPostgresStore } from '../../src/store/postgres/postgres-store.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import type { Store } from '../../src/store/store.js';
import { projectKnowledge } from '../helpers/knowledge.js';
import { openSse, type SseClient } from './sse-client.js';

/** Written for this test: an incident in Turbat (Kech district, Balochistan) with a date and a figure. */
const TURBAT =
  'TURBAT: Gunmen on motorcycles attacked a police checkpoint in Turbat on Tuesday, killing two constables, ' +
  'a senior police official said. The attackers fled and security forces cordoned off the area.';
/** And one in Bannu (Khyber Pakhtunkhwa), outside a Balochistan filter. */
const BANNU =
  'BANNU: A roadside bomb struck a police van in Bannu on Wednesday, killing four policemen, officials said. ' +
  'No group claimed the blast.';

const url = process.env.FAULTLINE_TEST_DATABASE_URL;
const dir = mkdtempSync(join(tmpdir(), 'faultline-stream-'));
const schema = `faultline_stream_${randomBytes(4).toString('hex')}`;

afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  if (!url) return;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`drop schema if exists "${schema}" cascade`);
  await client.end();
});

interface Backend {
  readonly name: string;
  /** Two handles on one database: the server's, and a writer standing in for a separate `watch` process. */
  readonly open: () => Promise<[Store, Store]>;
}

const backends: Backend[] = [
  {
    name: 'sqlite file',
    open: async () => {
      const path = join(dir, 'live.db');
      const server = await openSqliteStore({ path });
      return [server, await openSqliteStore({ path })];
    },
  },
];
if (url)
  backends.push({
    name: 'postgres',
    open: async () => {
      const server = await openPostgresStore({ connectionString: url, schema });
      return [server, await openPostgresStore({ connectionString: url, schema })];
    },
  });

async function ingest(writer: Store, text: string, published: string): Promise<string> {
  const doc = buildDocument(
    {
      origin: 'test',
      format: 'text',
      content: text,
      meta: { url: null, title: null, publisher: 'Wire', published },
    },
    { published, publisher: 'Wire', maxBytes: 1_000_000 },
  );
  if (doc instanceof Error) throw doc;
  await ingestDocuments({ store: writer, knowledge: projectKnowledge(), report: () => undefined }, [doc]);
  return doc.id;
}

function eventsOf(data: string | null): EventRecord[] {
  return (JSON.parse(data ?? '{}') as { events: EventRecord[] }).events;
}

describe.each(backends)('GET /api/events/stream ($name)', (backend) => {
  let server: Store;
  let writer: Store;
  let app: FastifyInstance;
  let base: string;
  const clients: SseClient[] = [];
  const connect = async (path: string, headers?: Record<string, string>) => {
    const c = await openSse(`${base}${path}`, headers);
    clients.push(c);
    return c;
  };

  beforeAll(async () => {
    [server, writer] = await backend.open();
    app = buildApp({
      store: server,
      knowledge: projectKnowledge(),
      config: {
        apiToken: null,
        host: '127.0.0.1',
        webRoot: null,
        changePollMs: 100,
        streamHeartbeatMs: 200,
        maxStreams: 3,
      },
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });

  afterAll(async () => {
    for (const c of clients) c.close();
    await app.close();
    await Promise.all([server.close(), writer.close()]);
  });

  it("sends another process's new events to the streams whose filters they match, and the list agrees", async () => {
    const kech = await connect('/api/events/stream?admin2=Kech');
    const sindh = await connect('/api/events/stream?admin1=Sindh');
    expect(kech.status).toBe(200);
    expect(kech.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    expect(kech.headers['content-security-policy']).toMatch(/default-src/);
    const ready = await kech.waitFor((m) => m.event === 'ready');
    const start = Number(ready.id);
    // the list is read (and cached) before the write: the change must clear it, not ten seconds of cache
    const before = (await fetch(`${base}/api/events?admin2=Kech`).then((r) => r.json())) as { total: number };

    const docId = await ingest(writer, TURBAT, '2025-07-02');
    const message = await kech.waitFor((m) => m.event === 'events');
    expect(Number(message.id)).toBeGreaterThan(start);
    const sent = eventsOf(message.data);
    expect(sent.length).toBeGreaterThanOrEqual(1);
    for (const e of sent) expect(e.location?.admin2).toBe('Kech');
    expect(sent.some((e) => e.doc_ids.includes(docId))).toBe(true);

    // a stream whose filter matches nothing moves its resume point all the same, without a message
    const moved = await sindh.waitFor((m) => m.id === message.id);
    expect(moved.event).toBeNull();
    expect(moved.data).toBeNull();
    expect(sindh.messages.some((m) => m.event === 'events')).toBe(false);

    const after = (await fetch(`${base}/api/events?admin2=Kech`).then((r) => r.json())) as {
      total: number;
      items: EventRecord[];
    };
    expect(after.total).toBe(before.total + sent.length);
    expect(after.items.map((e) => e.id)).toEqual(expect.arrayContaining(sent.map((e) => e.id)));
    // keep-alive comments flow while nothing happens
    await new Promise((done) => setTimeout(done, 450));
    expect(kech.comments).toBeGreaterThanOrEqual(1);
    kech.close();
    sindh.close();
  });

  it('resumes after Last-Event-ID or since, so a reconnecting client misses nothing, and filters what it replays', async () => {
    const listening = await connect('/api/events/stream');
    const ready = await listening.waitFor((m) => m.event === 'ready');
    const cursor = ready.id!;
    listening.close();
    // written while no client is connected
    await ingest(writer, BANNU, '2025-07-03');
    const resumed = await connect('/api/events/stream', { 'last-event-id': cursor });
    const replay = await resumed.waitFor((m) => m.event === 'events');
    expect(eventsOf(replay.data).some((e) => e.location?.admin2 === 'Bannu')).toBe(true);
    resumed.close();
    // since=0 replays everything of the filter, and nothing outside it
    const all = await connect('/api/events/stream?admin1=Balochistan&since=0');
    const everything = eventsOf((await all.waitFor((m) => m.event === 'events')).data);
    expect(everything.length).toBeGreaterThanOrEqual(1);
    for (const e of everything) expect(e.location?.admin1).toBe('Balochistan');
    all.close();
  });

  it('refuses a bad filter or cursor with a coded 400, and a stream past the limit with FL_ERR_TOO_MANY_STREAMS', async () => {
    const badFilter = await fetch(`${base}/api/events/stream?admin1=Atlantis`);
    expect(badFilter.status).toBe(400);
    const badCursor = await fetch(`${base}/api/events/stream`, { headers: { 'last-event-id': 'yesterday' } });
    expect(badCursor.status).toBe(400);
    expect(((await badCursor.json()) as { error: string }).error).toBe('FL_ERR_BAD_ARGUMENT');
    // let the server notice the streams the earlier cases closed
    await new Promise((done) => setTimeout(done, 200));
    const open = [
      await connect('/api/events/stream'),
      await connect('/api/events/stream'),
      await connect('/api/events/stream'),
    ];
    for (const c of open) expect(c.status).toBe(200);
    const refused = await fetch(`${base}/api/events/stream`);
    expect(refused.status).toBe(429);
    const body = (await refused.json()) as { error: string; message: string };
    expect(body.error).toBe('FL_ERR_TOO_MANY_STREAMS');
    expect(body.message).toMatch(/3 streams are open/);
    open[0]!.close();
    await new Promise((done) => setTimeout(done, 200));
    const again = await connect('/api/events/stream');
    expect(again.status).toBe(200);
    for (const c of [...open, again]) c.close();
  });

  it('ends its open streams when the server closes, so that closing never waits on a reader', async () => {
    const other = buildApp({
      store: server,
      knowledge: projectKnowledge(),
      config: { apiToken: null, host: '127.0.0.1', webRoot: null, changePollMs: 100 },
    });
    await other.listen({ host: '127.0.0.1', port: 0 });
    const address = other.server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const reader = await openSse(`http://127.0.0.1:${port}/api/events/stream`);
    await reader.waitFor((m) => m.event === 'ready');
    const closing = other.close();
    await Promise.race([
      Promise.all([closing, reader.ended]),
      new Promise((_, fail) => setTimeout(() => fail(new Error('close waited on the stream')), 5000)),
    ]);
  });

  it('asks a client too far behind to read its view afresh (reset) instead of sending every record', async () => {
    const small = buildApp({
      store: server,
      knowledge: projectKnowledge(),
      config: { apiToken: null, host: '127.0.0.1', webRoot: null, changePollMs: 100, maxStreamEvents: 1 },
    });
    await small.listen({ host: '127.0.0.1', port: 0 });
    try {
      const address = small.server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      // two articles are stored by now, so replaying from the start exceeds one event
      const behind = await openSse(`http://127.0.0.1:${port}/api/events/stream?since=0`);
      const ready = await behind.waitFor((m) => m.event === 'ready');
      const reset = await behind.waitFor((m) => m.event === 'reset');
      expect(Number(reset.id)).toBeGreaterThan(0);
      expect(Number(ready.id)).toBe(0);
      expect(JSON.parse(reset.data ?? '{}')).toEqual({ change: Number(reset.id) });
      expect(behind.messages.some((m) => m.event === 'events')).toBe(false);
      behind.close();
    } finally {
      await small.close();
    }
  });

  it('is documented in the OpenAPI document as an event stream with its filters', async () => {
    const doc = (await fetch(`${base}/api/openapi.json`).then((r) => r.json())) as {
      paths: Record<string, { get: { parameters: { name: string }[]; responses: Record<string, unknown> } }>;
    };
    const op = doc.paths['/api/events/stream']!.get;
    expect(JSON.stringify(op.responses['200'])).toContain('text/event-stream');
    expect(op.parameters.map((p) => p.name)).toEqual(expect.arrayContaining(['admin1', 'q', 'since']));
  });
});
