import { connect } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import type { Store } from '../../src/store/store.js';
import { projectKnowledge } from '../helpers/knowledge.js';

let store: Store;
let app: FastifyInstance;
let port: number;

beforeAll(async () => {
  store = await openSqliteStore({ path: ':memory:' });
  app = buildApp({
    store,
    knowledge: projectKnowledge(),
    config: { apiToken: null, host: '127.0.0.1', webRoot: null },
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  port = typeof address === 'object' && address ? address.port : 0;
});

afterAll(async () => {
  await app.close();
  await store.close();
});

/** Sends raw bytes and reads whatever comes back until the server closes the connection. */
function raw(bytes: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(bytes));
    let answer = '';
    socket.on('data', (d) => (answer += d.toString()));
    socket.on('close', () => resolve(answer));
    socket.on('error', reject);
  });
}

describe('a request the HTTP parser refuses', () => {
  it('is answered in the API error form, not fastify’s', async () => {
    const answer = await raw('THIS IS NOT HTTP\r\n\r\n');
    expect(answer.split('\r\n')[0]).toBe('HTTP/1.1 400 Bad Request');
    const body = answer.slice(answer.indexOf('\r\n\r\n') + 4);
    expect(JSON.parse(body)).toEqual({ error: 'FL_ERR_BAD_ARGUMENT', message: 'request: is not valid HTTP' });
  });

  it('names oversized headers', async () => {
    const answer = await raw(
      `GET /api/events HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
    );
    expect(answer.split('\r\n')[0]).toBe('HTTP/1.1 431 Request Header Fields Too Large');
    expect(answer).toContain('"message":"headers: are larger than the server reads"');
  });
});
