import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { IMMUTABLE, REVALIDATE } from '../../src/server/static-files.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import type { Store } from '../../src/store/store.js';
import { projectKnowledge } from '../helpers/knowledge.js';

const SCRIPT = `console.log(${JSON.stringify('a test bundle '.repeat(200))});\n`;
const SCRIPT_URL = '/assets/index-Ab3dE_f9.js';

let root: string;
let store: Store;
let app: FastifyInstance;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'faultline-static-'));
  await mkdir(join(root, 'assets'));
  await writeFile(
    join(root, 'index.html'),
    `<!doctype html><title>t</title><script src="${SCRIPT_URL}"></script>`,
  );
  const script = join(root, SCRIPT_URL);
  await writeFile(script, SCRIPT);
  await writeFile(`${script}.gz`, gzipSync(SCRIPT));
  await writeFile(`${script}.br`, brotliCompressSync(SCRIPT));
  await writeFile(join(root, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  store = await openSqliteStore({ path: ':memory:' });
  app = buildApp({
    store,
    knowledge: projectKnowledge(),
    config: { apiToken: null, host: '127.0.0.1', webRoot: root },
  });
  await app.ready();
});

afterAll(async () => {
  await app.close();
  await store.close();
  await rm(root, { recursive: true, force: true });
});

const get = (url: string, encoding?: string) =>
  app.inject({ method: 'GET', url, headers: encoding ? { 'accept-encoding': encoding } : {} });

describe('the built page', () => {
  it('sends the bundle brotli- or gzip-compressed when the browser accepts it', async () => {
    const br = await get(SCRIPT_URL, 'gzip, deflate, br');
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['vary']).toContain('accept-encoding');
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(SCRIPT);
    const gz = await get(SCRIPT_URL, 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).toString()).toBe(SCRIPT);
    const plain = await get(SCRIPT_URL);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(SCRIPT);
  });

  it('lets the browser keep fingerprinted files for good, and asks again for index.html every time', async () => {
    expect((await get(SCRIPT_URL, 'br')).headers['cache-control']).toBe(IMMUTABLE);
    expect(IMMUTABLE).toContain('immutable');
    for (const url of ['/', '/index.html', '/favicon.svg'])
      expect({ url, cache: (await get(url, 'br')).headers['cache-control'] }).toEqual({
        url,
        cache: REVALIDATE,
      });
  });
});
