import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMAND_NAMES } from '../../src/cli/run-cli.js';
import { buildApp } from '../../src/server/app.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import type { Store } from '../../src/store/store.js';
import { projectKnowledge } from '../helpers/knowledge.js';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
let store: Store;

beforeAll(async () => {
  store = await openSqliteStore({ path: ':memory:' });
});
afterAll(async () => {
  await store.close();
});

describe('README, for a newcomer', () => {
  it('says npm start serves on :8080 until Ctrl-C, so the quick start is not pasted as one block', () => {
    const quickStart = readme.slice(readme.indexOf('## Quick start'), readme.indexOf('## The web app'));
    expect(quickStart).toContain('http://127.0.0.1:8080/');
    expect(quickStart).toContain('Ctrl-C');
    expect(quickStart).not.toMatch(/npm start\n *npm test/);
  });

  it('documents the server, its token and its tile option', () => {
    for (const words of [
      'faultline serve',
      'FAULTLINE_API_TOKEN',
      '--tiles',
      '--port',
      '--host',
      '/api/openapi.json',
    ])
      expect(readme).toContain(words);
  });

  it('lists every command in the command table', () => {
    const table = readme.slice(readme.indexOf('## Command line'), readme.indexOf('## Layout'));
    for (const name of COMMAND_NAMES) expect(table).toContain(`| \`${name}`);
  });

  it('lists every route of the HTTP API', async () => {
    const app = buildApp({
      store,
      knowledge: projectKnowledge(),
      config: { apiToken: null, host: '127.0.0.1', webRoot: null },
    });
    const doc = (await app.inject('/api/openapi.json')).json() as { paths: Record<string, object> };
    await app.close();
    const api = readme.slice(readme.indexOf('## HTTP API'), readme.indexOf('## Command line'));
    const routes = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((m) => `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
    );
    expect(routes.length).toBeGreaterThan(10);
    for (const route of routes) expect(api).toContain(route);
  });
});
