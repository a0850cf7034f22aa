import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { openPostgresStore } from '../src/store/postgres/postgres-store.js';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import type { Store } from '../src/store/store.js';

/** One store the crash test writes through the CLI and reads back in-process. */
export interface CrashStore {
  readonly label: string;
  /** The CLI's store flags. */
  readonly flags: readonly string[];
  open(): Promise<Store>;
  /** Marks every mention unresolved again, as if no resolution had run (to time a whole resolution). */
  markAllPending(): Promise<void>;
  /** A reader, beside the CLI's writer, of how far it has got: to kill at a given point. */
  watch(): Promise<Watcher>;
  drop(): Promise<void>;
}

/** How far the CLI writing a crash store has got, read through a connection of the test's own. */
export interface Watcher {
  /** Documents extracted so far. */
  extracted(): Promise<number>;
  /** Mentions still marked unresolved. */
  unresolved(): Promise<number>;
  close(): Promise<void>;
}

export type Backend =
  { readonly kind: 'sqlite'; readonly dir: string } | { readonly kind: 'postgres'; readonly url: string };

function sqliteStore(path: string): CrashStore {
  return {
    label: path,
    flags: ['--db', path],
    open: () => openSqliteStore({ path }),
    async markAllPending() {
      const db = new BetterSqlite3(path);
      try {
        db.exec('update mentions set unresolved = 1');
      } finally {
        db.close();
      }
    },
    async watch() {
      const db = new BetterSqlite3(path, { readonly: true });
      const count = db.prepare('select count(*) as n from documents where extractor_version is not null');
      const pending = db.prepare('select count(*) as n from mentions where unresolved = 1');
      return {
        extracted: async () => (count.get() as { n: number }).n,
        unresolved: async () => (pending.get() as { n: number }).n,
        close: async () => void db.close(),
      };
    },
    async drop() {
      // the files live in the caller's temporary folder, removed with it
    },
  };
}

async function admin<T>(url: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/**
 * A fresh PostgreSQL database beside the one `url` names: the CLI always uses the schema `public`, so a database
 * of its own is what keeps a crash test from colliding with other tests and with another crash test.
 */
async function postgresStore(url: string, name: string): Promise<CrashStore> {
  await admin(url, (c) => c.query(`create database ${name}`));
  const own = new URL(url);
  own.pathname = `/${name}`;
  const dbUrl = own.toString();
  return {
    label: `postgres database ${name}`,
    flags: ['--database-url', dbUrl],
    open: () => openPostgresStore({ connectionString: dbUrl }),
    markAllPending: () =>
      admin(dbUrl, async (c) => void (await c.query('update mentions set unresolved = 1'))),
    async watch() {
      const client = new pg.Client({ connectionString: dbUrl });
      await client.connect();
      return {
        async extracted() {
          const r = await client.query(
            'select count(*) as n from documents where extractor_version is not null',
          );
          return Number((r.rows[0] as { n: string }).n);
        },
        async unresolved() {
          const r = await client.query('select count(*) as n from mentions where unresolved = 1');
          return Number((r.rows[0] as { n: string }).n);
        },
        close: () => client.end(),
      };
    },
    drop: () => admin(url, async (c) => void (await c.query(`drop database if exists ${name} with (force)`))),
  };
}

/** A new, empty store of the backend, named `role` (clean, crashed). */
export function createCrashStore(backend: Backend, role: string): Promise<CrashStore> {
  if (backend.kind === 'sqlite') return Promise.resolve(sqliteStore(join(backend.dir, `${role}.db`)));
  return postgresStore(backend.url, `faultline_crash_${role}_${randomBytes(4).toString('hex')}`);
}
