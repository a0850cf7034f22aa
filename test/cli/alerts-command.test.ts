import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'faultline-alerts-'));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('faultline alerts', () => {
  it('adds a rule, fires it once when ingest brings a matching event, and lists the firing', async () => {
    const db = join(dir, 'alerts.db');
    const add = await cli(['alerts', 'add', '--admin1', 'Balochistan', '--min-fatalities', '1', '--db', db]);
    expect(add.code).toBe(0);
    expect(add.err).toMatch(/^added al_[0-9a-f]{12} \(Balochistan: an event with at least 1 killed\)/);
    expect(
      (await cli(['alerts', 'add', '--admin1', 'balochistan', '--min-fatalities', '1', '--db', db])).err,
    ).toMatch(/^already held:/);
    const samples = join(import.meta.dirname, '..', '..', 'samples');
    const ingest = await cli(['ingest', samples, '--db', db]);
    const alerts = ingest.err.split('\n').filter((l) => l.startsWith('alert '));
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatch(/fired for \d{4}-W\d{2}: \d+ events? with at least 1 killed/);
    const again = await cli(['ingest', samples, '--db', db]);
    expect(again.err).not.toContain('alert ');
    const fired = await cli(['alerts', 'fired', '--format', 'jsonl', '--db', db]);
    const rows = fired.out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { evidence: unknown[] });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.evidence.length).toBeGreaterThan(0);
  });

  it('refuses a district it does not know, and conflicting thresholds, in one line naming them', async () => {
    const db = join(dir, 'bad.db');
    const unknown = await cli(['alerts', 'add', '--admin2', 'Atlantis', '--db', db]);
    expect(unknown.code).not.toBe(0);
    expect(unknown.err).toContain('Atlantis');
    const both = await cli(['alerts', 'add', '--min-fatalities', '3', '--escalation', '0.01', '--db', db]);
    expect(both.code).not.toBe(0);
    expect(both.err).toContain('--min-fatalities and --escalation');
    const bad = await cli(['alerts', 'add', '--escalation', '5', '--db', db]);
    expect(bad.err).toContain('--escalation 5');
  });
});
