import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createCrashStore, type CrashStore } from '../../bench/crash-stores.js';
import type { Store } from '../../src/store/store.js';
import { cli, type CliRun } from '../helpers/cli.js';
import { ingestUnresolved } from '../pipeline/pipeline-fixtures.js';

const url = process.env.FAULTLINE_TEST_DATABASE_URL;
const dir = mkdtempSync(join(tmpdir(), 'faultline-lock-'));
const databases: CrashStore[] = [];

afterAll(async () => {
  for (const d of databases) await d.drop();
  rmSync(dir, { recursive: true, force: true });
});

// Written for this test: one short report.
const REPORT = `Gunmen attacked a police station in Mastung on 3 February 2025, killing four policemen, officials said.
The attackers escaped, and a search operation was launched in the area.`;

/**
 * Holds the store's resolution lock (as a worker's resolution job holds it while it plans) until released.
 * Resolves once the lock is held.
 */
async function holdLock(store: Store): Promise<{ release: () => void; done: Promise<void> }> {
  let release = (): void => undefined;
  let held = (): void => undefined;
  const taken = new Promise<void>((resolve) => (held = resolve));
  const done = store.whileResolving(
    () =>
      new Promise<void>((resolve) => {
        release = resolve;
        held();
      }),
  );
  await taken;
  return { release, done };
}

/** Whether the run is still going after `ms`. */
async function stillRunning(run: Promise<CliRun>, ms: number): Promise<boolean> {
  const timeout = new Promise<'running'>((resolve) => setTimeout(() => resolve('running'), ms));
  return (await Promise.race([run.then(() => 'ended' as const), timeout])) === 'running';
}

describe.skipIf(!url)('the resolution lock on PostgreSQL', () => {
  it('makes `resolve` wait while a worker resolves, then resolve every pending mention', async () => {
    const database = await createCrashStore({ kind: 'postgres', url: url! }, 'lockresolve');
    databases.push(database);
    const store = await database.open();
    try {
      // mentions saved, their resolution killed: pending
      await ingestUnresolved(store, 20, 5);
      const pending = await store.countPendingMentions();
      expect(pending).toBeGreaterThan(0);

      const lock = await holdLock(store);
      const run = cli(['resolve', ...database.flags]);
      expect(await stillRunning(run, 2500)).toBe(true);
      // it planned nothing while the lock was held
      expect(await store.countPendingMentions()).toBe(pending);
      expect(await store.countEvents({})).toBe(0);
      lock.release();
      await lock.done;
      const ran = await run;
      expect(ran.code).toBe(0);
      expect(await store.countPendingMentions()).toBe(0);
      expect(await store.countEvents({})).toBeGreaterThan(0);
    } finally {
      await store.close();
    }
  }, 120_000);

  it('makes `ingest` store and extract but wait to resolve while a worker resolves', async () => {
    const database = await createCrashStore({ kind: 'postgres', url: url! }, 'lockingest');
    databases.push(database);
    const file = join(dir, 'mastung.txt');
    writeFileSync(file, REPORT);
    const store = await database.open();
    try {
      const lock = await holdLock(store);
      const run = cli(['ingest', file, '--published', '2025-02-04', ...database.flags]);
      // the document is stored and its mentions saved, but no event planned while the lock is held
      const deadline = Date.now() + 60_000;
      while ((await store.countPendingMentions()) === 0 && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 200));
      expect(await store.countPendingMentions()).toBeGreaterThan(0);
      expect(await stillRunning(run, 1500)).toBe(true);
      expect(await store.countEvents({})).toBe(0);
      lock.release();
      await lock.done;
      const ran = await run;
      expect(ran.code).toBe(0);
      expect(await store.countPendingMentions()).toBe(0);
      expect(await store.countEvents({})).toBeGreaterThan(0);
    } finally {
      await store.close();
    }
  }, 120_000);
});
