import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'geonames');
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'faultline-gaz-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('faultline gazetteer import', () => {
  it('imports a GeoNames country file with its admin codes, and extraction then knows its towns', async () => {
    const db = join(dir, 'g.db');
    const run = await cli([
      'gazetteer',
      'import',
      join(FIXTURES, 'ZZ.txt'),
      join(FIXTURES, 'admin1CodesASCII.txt'),
      join(FIXTURES, 'admin2Codes.txt'),
      '--db',
      db,
    ]);
    expect(run.code).toBe(0);
    expect(run.err).toMatch(/ZZ\.txt: \d+ places read/);
    expect(run.err).toMatch(/gazetteer: [1-9]\d* places stored/);

    writeFileSync(
      join(dir, 'a.txt'),
      'On 4 March 2025, gunmen fired on a police post in Port Vemo, killing one constable.',
    );
    const ingest = await cli(['ingest', join(dir, 'a.txt'), '--db', db, '--countries', 'ZZ,PK']);
    expect(ingest.code).toBe(0);
    expect(ingest.err).toMatch(/mentions extracted 1/);
  });

  it('rejects a file that is not a GeoNames dump with one line', async () => {
    writeFileSync(join(dir, 'notes.txt'), 'this is not\na dump\n');
    const run = await cli(['gazetteer', 'import', join(dir, 'notes.txt'), '--db', join(dir, 'x.db')]);
    expect(run.code).toBe(1);
    expect(run.err).toMatch(/notes\.txt: is not a GeoNames dump file/);
  });
});
