import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { windowsEnding } from '../../src/store/iso-week.js';
import { cli } from '../helpers/cli.js';

let dir: string;
let db: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'faultline-trends-'));
  db = join(dir, 'trends.db');
  const samples = join(import.meta.dirname, '..', '..', 'samples');
  expect((await cli(['ingest', samples, '--db', db])).code).toBe(0);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('faultline trends', () => {
  it('names the window and the windows before it, across a year end', () => {
    expect(windowsEnding('2025-01-02', 'week', 2)).toEqual(['2024-W51', '2024-W52', '2025-W01']);
    expect(windowsEnding('2025-02-10', 'month', 3)).toEqual(['2024-11', '2024-12', '2025-01', '2025-02']);
  });

  it('ranks the districts of the latest week by how unusual they are, most unusual first', async () => {
    const run = await cli(['trends', '--db', db, '--format', 'jsonl']);
    expect(run.code).toBe(0);
    const rows = run.out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { key: string; current: number; probability: number; window: string });
    expect(rows.length).toBeGreaterThan(0);
    expect(rows[0]!.window).toMatch(/^\d{4}-W\d{2}$/);
    for (let i = 1; i < rows.length; i++)
      expect(rows[i]!.probability).toBeGreaterThanOrEqual(rows[i - 1]!.probability);
    const table = await cli(['trends', '--db', db, '--by', 'actor', '--window', 'month']);
    expect(table.out.split('\n')[0]).toMatch(/^month \d{4}-\d{2} against the 12 before it, by actor$/);
  });

  it('refuses a bad window, threshold or date in one line naming it', async () => {
    for (const [flag, value] of [
      ['--window', 'year'],
      ['--threshold', '2'],
      ['--at', '2025-02-30'],
      ['--history', '0'],
    ] as const) {
      const run = await cli(['trends', '--db', db, flag, value]);
      expect(run.code).not.toBe(0);
      expect(run.err).toContain(value);
    }
  });
});
