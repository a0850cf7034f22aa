import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';

let dir: string;
let db: string;

const REPORTS = [
  {
    id: 'wire-1',
    publisher: 'Plains Wire',
    published: '2025-04-12',
    text:
      'On 11 April 2025, militants of the Baloch Liberation Army attacked a Frontier Corps post in Panjgur.\n' +
      'Officials said three soldiers were killed in the exchange of fire.',
  },
  {
    id: 'wire-2',
    publisher: 'Plains Wire',
    published: '2025-04-12',
    text: 'On 10 April 2025, a roadside bomb wounded two policemen in Kharan, police said.',
  },
];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'faultline-search-cli-'));
  db = join(dir, 's.db');
  writeFileSync(join(dir, 'feed.jsonl'), REPORTS.map((x) => JSON.stringify(x)).join('\n'));
  expect((await cli(['ingest', join(dir, 'feed.jsonl'), '--db', db])).code).toBe(0);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function found(...args: string[]): Promise<string[]> {
  const run = await cli(['events', '--db', db, '--format', 'jsonl', ...args]);
  expect(run.code).toBe(0);
  return run.out
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => (JSON.parse(l) as { location: { admin2: string } | null }).location?.admin2 ?? '?');
}

describe('faultline events --q and stats --q', () => {
  it('finds events by words of their place, actors and source sentences, phrases as phrases', async () => {
    expect(await found()).toHaveLength(2);
    expect(await found('--q', 'roadside bomb')).toEqual(['Kharan']);
    expect(await found('--q', 'PANJGÚR')).toEqual(['Panjgur']);
    expect(await found('--q', '"Frontier Corps post"')).toEqual(['Panjgur']);
    expect(await found('--q', '"post Frontier Corps"')).toEqual([]);
    expect(await found('--q', 'exchange of fire', '--from', '2025-04-11')).toEqual(['Panjgur']);
    // operators and stray punctuation are plain words or nothing, never an error
    expect(await found('--q', 'NEAR(bomb* -"')).toEqual([]);
    expect(await found('--q', '*')).toHaveLength(2);
    expect(await found('--q', '   ')).toHaveLength(2);
  });

  it('narrows the statistics by the same search', async () => {
    const stats = await cli(['stats', '--db', db, '--by', 'district', '--q', 'policemen']);
    expect(stats.code).toBe(0);
    expect(stats.out).toMatch(/Kharan\s+1\s+0/);
    expect(stats.out).not.toMatch(/Panjgur/);
  });

  it('refuses a query longer than the API allows with one line naming the flag', async () => {
    const run = await cli(['events', '--db', db, '--q', 'x'.repeat(201)]);
    expect(run.code).toBe(2);
    expect(run.err.trim().split('\n')).toHaveLength(1);
    expect(run.err).toMatch(/--q.*longer than 200 characters/);
  });

  it('names --q in the help of events', async () => {
    const help = await cli(['events', '--help']);
    expect(help.out).toMatch(/--q TEXT/);
  });
});
