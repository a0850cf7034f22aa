import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import type { Store } from '../../src/store/store.js';
import { projectKnowledge } from '../helpers/knowledge.js';

/** Written for this test. */
const ARTICLE =
  'KHARAN: Militants attacked a levies post in Kharan on Friday, killing one levies official, ' +
  'a local administration official said.';

/**
 * The add-an-article form and POST /api/documents take the article's text or HTML in the request; its URL is a
 * citation, stored and linked, never fetched, so the API cannot be made to reach into the server's network
 * (the outbound guard of guarded-get.ts covers every fetch: ingest, watch). A loopback server counts requests.
 */
describe('POST /api/documents never fetches the URL it is given', () => {
  let store: Store;
  let app: FastifyInstance;
  let target: Server;
  let hits = 0;
  let privateUrl: string;

  beforeAll(async () => {
    target = createServer((_req, res) => {
      hits++;
      res.writeHead(200, { 'content-type': 'text/plain' }).end(ARTICLE);
    });
    await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
    privateUrl = `http://127.0.0.1:${(target.address() as AddressInfo).port}/internal/report`;
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
    await new Promise((resolve) => target.close(resolve));
  });

  it('refuses a URL alone with a coded error, asking for the text, and reaches nothing', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/documents', payload: { url: privateUrl } });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: 'FL_ERR_JSONL_FIELD' });
    expect(res.json().message).toMatch(/give exactly one of "text" or "html"/);
    expect(hits).toBe(0);
  });

  it('stores a private-network URL given with the text as the citation only', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/documents',
      payload: { text: ARTICLE, url: privateUrl, published: '2025-08-01' },
    });
    expect(res.statusCode).toBe(200);
    const doc = (await app.inject(`/api/documents/${res.json().documentId}`)).json();
    expect(doc.url).toBe(privateUrl);
    expect(doc.text).toContain('Kharan');
    expect(hits).toBe(0);
  });
});
