import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ingestInputs } from '../../src/pipeline/ingest-pipeline.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { cli } from '../helpers/cli.js';
import { projectKnowledge } from '../helpers/knowledge.js';
import { DEFAULTS, failing, syntheticInputs } from '../pipeline/pipeline-fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'faultline-resolve-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('faultline resolve', () => {
  it('turns the mentions an interrupted ingest left unresolved into events, and says what it did', async () => {
    const db = join(dir, 'interrupted.db');
    const store = await openSqliteStore({ path: db });
    try {
      const dead = failing(
        store,
        'replaceResolution',
        () => true,
        () => new Error('killed'),
      );
      const summary = await ingestInputs(
        { store: dead, knowledge: projectKnowledge(), report: () => undefined },
        syntheticInputs(30, 4),
        DEFAULTS,
      );
      expect(summary.mentions).toBeGreaterThan(0);
      expect(await store.countEvents({})).toBe(0);
    } finally {
      await store.close();
    }

    const run = await cli(['resolve', '--db', db]);
    expect(run.code).toBe(0);
    const again = await openSqliteStore({ path: db });
    try {
      const events = await again.countEvents({});
      expect(events).toBeGreaterThan(0);
      expect(await again.countPendingMentions()).toBe(0);
      expect(run.err).toMatch(
        new RegExp(
          `^resolving \\d+ pending mentions\\nresolved \\d+ pending mentions in 1 rounds; events written ${events}; events stored ${events}\\n$`,
        ),
      );
    } finally {
      await again.close();
    }
    // nothing left: a second run resolves nothing and changes nothing
    const idle = await cli(['resolve', '--db', db]);
    expect(idle).toMatchObject({
      code: 0,
      err: expect.stringMatching(/^resolved 0 pending mentions in 0 rounds; events written 0;/),
    });
  });

  it('prints its help and refuses inputs with one line', async () => {
    const help = await cli(['resolve', '--help']);
    expect(help.code).toBe(0);
    expect(help.out).toContain('faultline resolve [--db FILE | --database-url URL]');
    const bad = await cli(['resolve', 'corpus/', '--db', join(dir, 'x.db')]);
    expect(bad.code).toBe(2);
    expect(bad.err).toBe('resolve corpus/: is not a valid argument (resolve takes no inputs)\n');
  });
});
