import { setTimeout as pause } from 'node:timers/promises';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCrashStore, type CrashStore } from '../../bench/crash-stores.js';
import { ResolverRole } from '../../src/queue/resolver-role.js';

const url = process.env.FAULTLINE_TEST_DATABASE_URL;

/** Asks until `role` holds the role or `tries` run out: a lock given up by a closing session is freed soon after. */
async function holdsSoon(role: ResolverRole, tries = 50): Promise<boolean> {
  for (let i = 0; i < tries; i++) {
    if (await role.holds()) return true;
    await pause(100);
  }
  return false;
}

describe('the resolver role without a database', () => {
  it('is not held, and asking again neither throws nor holds it', async () => {
    const role = new ResolverRole('postgres://faultline@127.0.0.1:1/none', 'faultline resolver test');
    expect(await role.holds()).toBe(false);
    expect(await role.holds()).toBe(false);
    await role.close();
  });
});

describe.skipIf(!url)('the resolver role', () => {
  let own: CrashStore;
  let dbUrl: string;
  beforeAll(async () => {
    own = await createCrashStore({ kind: 'postgres', url: url! }, 'role');
    dbUrl = own.flags[1]!;
  });
  afterAll(async () => {
    await own?.drop();
  });

  it('is held by one worker at a time, and passes to another once the first closes', async () => {
    const first = new ResolverRole(dbUrl, 'faultline resolver one');
    const second = new ResolverRole(dbUrl, 'faultline resolver one');
    // another queue's role is another lock
    const elsewhere = new ResolverRole(dbUrl, 'faultline resolver two');
    try {
      expect(await first.holds()).toBe(true);
      expect(await second.holds()).toBe(false);
      expect(await first.holds()).toBe(true);
      expect(await elsewhere.holds()).toBe(true);
      await first.close();
      expect(await first.holds()).toBe(false);
      expect(await holdsSoon(second)).toBe(true);
    } finally {
      await Promise.all([first.close(), second.close(), elsewhere.close()]);
    }
  });

  it('asked twice at once, takes one connection, and gives the role back whole when closed', async () => {
    const first = new ResolverRole(dbUrl, 'faultline resolver twice');
    const second = new ResolverRole(dbUrl, 'faultline resolver twice');
    try {
      expect(await Promise.all([first.holds(), first.holds()])).toEqual([true, true]);
      await first.close();
      expect(await holdsSoon(second)).toBe(true);
    } finally {
      await Promise.all([first.close(), second.close()]);
    }
  });

  it('is lost with its connection, without crashing the process, and taken by another worker', async () => {
    const first = new ResolverRole(dbUrl, 'faultline resolver cut');
    const second = new ResolverRole(dbUrl, 'faultline resolver cut');
    const admin = new pg.Client({ connectionString: dbUrl });
    await admin.connect();
    try {
      expect(await first.holds()).toBe(true);
      expect(await second.holds()).toBe(false);
      const { rows } = await admin.query<{ pid: number }>(
        `select pid from pg_locks where locktype = 'advisory' and granted
            and database = (select oid from pg_database where datname = current_database())`,
      );
      expect(rows).toHaveLength(1);
      await admin.query('select pg_terminate_backend($1)', [rows[0]!.pid]);
      expect(await holdsSoon(second)).toBe(true);
      // the first learns of its loss, and does not take the role back from the second
      await pause(200);
      expect(await first.holds()).toBe(false);
    } finally {
      await Promise.all([first.close(), second.close(), admin.end()]);
    }
  });
});
