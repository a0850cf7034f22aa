import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FaultlineError } from '../../src/errors/errors.js';
import { openStore } from '../../src/store/open-store.js';

const dir = mkdtempSync(join(tmpdir(), 'faultline-open-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('openStore', () => {
  it('opens the SQLite file when no database URL is configured', async () => {
    const store = await openStore({ databaseUrl: null, dbPath: join(dir, 'picked.db') });
    expect(store.backend).toBe('sqlite');
    await store.close();
  });

  it('goes to PostgreSQL when a database URL is configured, hiding the password on failure', async () => {
    const error = await openStore({
      databaseUrl: 'postgres://someone:s3cret@127.0.0.1:1/none',
      dbPath: join(dir, 'not-used.db'),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FaultlineError);
    expect((error as FaultlineError).code).toBe('FL_ERR_STORE');
    expect((error as FaultlineError).message).toMatch(/^postgres 127\.0\.0\.1:1\/none/);
    expect((error as FaultlineError).message).not.toContain('s3cret');
  });
});
