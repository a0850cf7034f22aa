import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { cli } from '../helpers/cli.js';

let dir: string;
let db: string;

const WIRE = {
  id: 'wire-1',
  publisher: 'Plains Wire',
  published: '2025-04-12',
  text:
    'On 11 April 2025, militants of the Baloch Liberation Army attacked a Frontier Corps post in Panjgur.\n' +
    'Officials said three soldiers were killed in the exchange of fire.',
};
const GROUP = {
  id: 'site-1',
  publisher: 'Hill Voice',
  published: '2025-04-12',
  text:
    'BLA fighters stormed an army post in Panjgur on 11 April 2025.\n' +
    'The BLA claimed that 11 soldiers were killed in the assault.',
};
const OTHER = {
  id: 'wire-2',
  publisher: 'Plains Wire',
  published: '2025-04-12',
  text: 'On 10 April 2025, a roadside bomb wounded two policemen in Kharan, police said.',
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'faultline-events-'));
  db = join(dir, 'e.db');
  writeFileSync(join(dir, 'feed.jsonl'), [WIRE, GROUP, OTHER].map((x) => JSON.stringify(x)).join('\n'));
  const run = await cli(['ingest', join(dir, 'feed.jsonl'), '--db', db]);
  expect(run.code).toBe(0);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function events(
  args: string[] = [],
): Promise<{ id: string; doc_ids: string[]; fatalities: unknown; claims: unknown[] }[]> {
  const run = await cli(['events', '--db', db, '--format', 'jsonl', ...args]);
  expect(run.code).toBe(0);
  return run.out
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { id: string; doc_ids: string[]; fatalities: unknown; claims: unknown[] });
}

describe('faultline events, explain, stats, publishers', () => {
  it("merges two outlets' reports of one incident and keeps every claim", async () => {
    const all = await events();
    expect(all).toHaveLength(2);
    const panjgur = (await events(['--admin2', 'Panjgur']))[0]!;
    expect(panjgur.doc_ids).toHaveLength(2);
    expect(panjgur.claims).toHaveLength(2);
    expect(panjgur.fatalities).toEqual({ low: 3, best: 3, high: 11 });
    expect(await events(['--actor', 'BLA'])).toHaveLength(1);
    expect(await events(['--contested'])).toHaveLength(1);
    expect(await events(['--from', '2025-04-11', '--to', '2025-04-11'])).toHaveLength(1);
  });

  it('exports ACLED columns and GeoJSON', async () => {
    const acled = await cli(['events', '--db', db, '--format', 'acled']);
    expect(acled.out.split('\r\n')[0]).toMatch(/^event_id_cnty,event_date,year,time_precision,disorder_type/);
    const geo = await cli(['events', '--db', db, '--format', 'geojson']);
    const parsed = JSON.parse(geo.out) as { type: string; features: unknown[] };
    expect(parsed.type).toBe('FeatureCollection');
    expect(parsed.features).toHaveLength(2);
  });

  it('explains an event: its sources, which claim set each figure, and why it merged', async () => {
    const id = (await events(['--admin2', 'Panjgur']))[0]!.id;
    const run = await cli(['explain', id, '--db', db]);
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/Plains Wire/);
    expect(run.out).toMatch(/Hill Voice/);
    expect(run.out).toMatch(/high from Baloch Liberation Army claimed 11/);
    expect(run.out).toMatch(/joined, compared with .*score \d\.\d\d >= threshold/);
  });

  it('prints statistics and publisher profiles', async () => {
    const stats = await cli(['stats', '--db', db, '--by', 'district']);
    expect(stats.out).toMatch(/Panjgur\s+1\s+3/);
    const publishers = await cli(['publishers', '--db', db, '--format', 'jsonl']);
    const names = publishers.out
      .trim()
      .split('\n')
      .map((l) => (JSON.parse(l) as { name: string }).name);
    expect(names.sort()).toEqual(['Hill Voice', 'Plains Wire']);
  });

  it('refuses bad filters and unknown ids with one line and a non-zero exit', async () => {
    for (const args of [
      ['--from', '2025-13-01'],
      ['--actor', 'Nobody At All'],
      ['--admin1', 'Atlantis'],
      ['--type', 'Skirmish'],
      ['--publisher', 'Unknown Daily'],
    ]) {
      const run = await cli(['events', '--db', db, ...args]);
      expect(run.code).toBe(2);
      expect(run.err.trim().split('\n')).toHaveLength(1);
    }
    const missing = await cli(['explain', 'ev_0000000000000000', '--db', db]);
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/event ev_0000000000000000: was not found/);
  });
});

// Last in the file: it dismisses an event, which every test above expects to see.
describe('faultline events and stats after a person marks an event not an incident', () => {
  it('leaves it out unless --include-dismissed, and explain still finds it', async () => {
    const kharan = (await events(['--admin2', 'Kharan']))[0]!;
    const store = await openSqliteStore({ path: db });
    try {
      await store.decideEvent({
        eventId: kharan.id,
        version: 1,
        editor: { userId: null, name: 'api-token' },
        reason: 'a drill',
        decision: 'not_incident',
      });
    } finally {
      await store.close();
    }
    expect((await events()).map((e) => e.id)).not.toContain(kharan.id);
    expect((await events(['--include-dismissed'])).map((e) => e.id)).toContain(kharan.id);
    const csv = await cli(['events', '--db', db, '--format', 'csv']);
    expect(csv.out).not.toContain(kharan.id);
    const explained = await cli(['explain', kharan.id, '--db', db]);
    expect(explained.code).toBe(0);
    expect(explained.out).toContain(kharan.id);
  });
});
