import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import type { StoredEvent } from '../../src/store/store.js';
import { cli } from '../helpers/cli.js';

/** Written for this test: three incidents on three days, with different tolls. */
const TEXTS = [
  'Gunmen attacked a police checkpoint in Turbat on Monday, killing three policemen, officials said.',
  'A roadside bomb struck a paramilitary vehicle in Panjgur on Sunday, killing one soldier, a security official said.',
  'Militants ambushed a convoy in Kalat on Saturday, killing five soldiers, the military said.',
];

const dir = mkdtempSync(join(tmpdir(), 'faultline-review-'));
const db = join(dir, 'review.db');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Every stored event, those marked not an incident too. */
async function stored(): Promise<StoredEvent[]> {
  const store = await openSqliteStore({ path: db });
  try {
    const out: StoredEvent[] = [];
    for await (const e of store.queryEvents({ sort: 'date', includeDismissed: true })) out.push(e);
    return out;
  } finally {
    await store.close();
  }
}

beforeAll(async () => {
  const files = TEXTS.map((text, i) => {
    const file = join(dir, `r${i}.txt`);
    writeFileSync(file, text);
    return file;
  });
  const ingested = await cli(['ingest', ...files, '--published', '2025-06-10', '--db', db]);
  expect(ingested.code).toBe(0);
});

describe('faultline review', () => {
  it('walks the queue by fatalities, one event per key piped in: skip, confirm, not an incident, quit', async () => {
    expect((await stored()).map((e) => e.record.fatalities?.best)).toEqual([5, 1, 3]);
    const run = await cli(['review', '--db', db], { stdin: 's\nc\nx\nq\n' });
    expect(run.code).toBe(0);
    const shown = [...run.out.matchAll(/^\[(\d+)\/3\] (\S+)/gm)].map((m) => m[1]);
    expect(shown).toEqual(['1', '2', '3']);
    // the most fatalities first: Kalat (5) skipped, Turbat (3) confirmed, Panjgur (1) dismissed
    expect(run.out).toMatch(/Kalat[\s\S]*Turbat[\s\S]*confirmed[\s\S]*Panjgur[\s\S]*marked not an incident/);
    expect(run.out).toContain('1 confirmed, 1 not an incident, 1 skipped');
    const events = await stored();
    const at = (place: string) => events.find((e) => e.record.location?.name === place)!.record;
    expect(at('Turbat')).toMatchObject({ reviewed: true, reviewed_by: 'cli', not_incident: false });
    expect(at('Panjgur')).toMatchObject({ reviewed: true, not_incident: true });
    expect(at('Kalat').reviewed).toBeUndefined();
    // what is left is the skipped one; the input's end stops the walk
    const rest = await cli(['review', '--db', db], { stdin: '' });
    expect(rest.out).toMatch(/^\[1\/1\] .*\n.*Kalat/m);
    expect(rest.out).toContain('0 confirmed');
  });

  it('explains an event with its review and its history in order', async () => {
    const turbat = (await stored()).find((e) => e.record.location?.name === 'Turbat')!;
    const run = await cli(['explain', turbat.record.id, '--db', db]);
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/review {4}confirmed by cli at \d{4}-/);
    expect(run.out).toMatch(/history \(1 change, oldest first\)\n {4}\S+ cli confirm/);
  });

  it('needs --as naming an editor once users exist', async () => {
    await cli(['users', 'add', 'vi', '--role', 'viewer', '--db', db]);
    const none = await cli(['review', '--db', db], { stdin: 'q' });
    expect(none.code).toBe(2);
    expect(none.err).toContain('--as NAME');
    const viewer = await cli(['review', '--as', 'vi', '--db', db], { stdin: 'q' });
    expect(viewer.err).toContain('needs editor');
  });
});
