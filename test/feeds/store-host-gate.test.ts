import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HostDeferredError } from '../../src/feeds/host-gate.js';
import { StoreHostGate } from '../../src/feeds/store-host-gate.js';
import { openPostgresStore } from '../../src/store/postgres/postgres-store.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import type { Store } from '../../src/store/store.js';

const url = process.env.FAULTLINE_TEST_DATABASE_URL;
const schema = `faultline_test_gate_${randomBytes(4).toString('hex')}`;
const dir = mkdtempSync(join(tmpdir(), 'faultline-gate-'));

interface Visit {
  readonly path: string;
  readonly start: number;
  end: number;
}
const visits: Visit[] = [];
let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    const visit: Visit = { path: req.url ?? '/', start: Date.now(), end: 0 };
    visits.push(visit);
    const busy = visit.path.startsWith('/busy');
    // each request lasts a while, so that two at once would overlap
    setTimeout(() => {
      visit.end = Date.now();
      res.writeHead(busy ? 503 : 200, busy ? { 'retry-after': '2' } : {});
      res.end('ok');
    }, 40);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
  if (!url) return;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`drop schema if exists "${schema}" cascade`);
  await client.end();
});

/** GETs a path; its status, and its Retry-After in seconds (null when none). */
async function get(path: string): Promise<{ status: number; retryAfter: number | null }> {
  const response = await fetch(`${base}${path}`);
  await response.text();
  const header = response.headers.get('retry-after');
  return { status: response.status, retryAfter: header === null ? null : Number(header) };
}

const retryAfterOf = (r: { retryAfter: number | null }): number | null => r.retryAfter;

function backends(): [string, () => Promise<Store>][] {
  const list: [string, () => Promise<Store>][] = [
    ['sqlite', () => openSqliteStore({ path: join(dir, `gate-${randomBytes(3).toString('hex')}.db`) })],
  ];
  if (url) list.push(['postgres', () => openPostgresStore({ connectionString: url, schema })]);
  return list;
}

describe.each(backends())('host slots on %s', (_name, open) => {
  it('are taken by one holder at a time, spaced, and deferred by a Retry-After whoever holds them', async () => {
    const store = await open();
    const host = `slots-${randomBytes(3).toString('hex')}.example`;
    try {
      expect(await store.claimHostSlot(host, 'a', 300, 10_000)).toBeNull();
      // held: another holder is told how long it stays busy
      const busy = await store.claimHostSlot(host, 'b', 300, 10_000);
      expect(busy!.busyMs).toBeGreaterThan(9_000);
      // a release by someone else frees nothing
      await store.releaseHostSlot(host, 'b', 0);
      expect((await store.claimHostSlot(host, 'b', 300, 10_000))!.busyMs).toBeGreaterThan(0);
      await store.releaseHostSlot(host, 'a', 0);
      // free, but not due before the interval from the last start
      const early = await store.claimHostSlot(host, 'b', 300, 10_000);
      expect(early).not.toBeNull();
      expect(early!.busyMs).toBe(0);
      expect(early!.dueMs).toBeGreaterThan(0);
      expect(early!.dueMs).toBeLessThanOrEqual(300);
      await new Promise((resolve) => setTimeout(resolve, 320));
      expect(await store.claimHostSlot(host, 'b', 300, 10_000)).toBeNull();
      await store.releaseHostSlot(host, 'b', 5_000);
      const deferred = await store.claimHostSlot(host, 'c', 300, 10_000);
      expect(deferred!.dueMs).toBeGreaterThan(4_000);
      // a lease that ran out is taken over (its holder was killed)
      const other = `${host}.lease`;
      expect(await store.claimHostSlot(other, 'dead', 0, 200)).toBeNull();
      await new Promise((resolve) => setTimeout(resolve, 250));
      expect(await store.claimHostSlot(other, 'alive', 0, 200)).toBeNull();
    } finally {
      await store.close();
    }
  });
});

describe.skipIf(!url)('two workers sharing a PostgreSQL store', () => {
  it('never overlap on one host, space their requests by the interval, and leave other hosts alone', async () => {
    const [one, two] = [
      await openPostgresStore({ connectionString: url!, schema }),
      await openPostgresStore({ connectionString: url!, schema }),
    ];
    const interval = 300;
    const gates = [one, two].map((s) => new StoreHostGate(s, { minIntervalMs: interval, leaseMs: 10_000 }));
    try {
      visits.length = 0;
      const other = base.replace('127.0.0.1', 'localhost');
      // when each gate let its task run: the gate's own spacing, apart from how long a request takes to arrive
      const ran = new Map<string, number>();
      const runs = gates.flatMap((gate, g) => [
        ...[0, 1, 2, 3].map((i) =>
          gate.run(`${base}/shared/${g}-${i}`, () => {
            ran.set(`/shared/${g}-${i}`, Date.now());
            return get(`/shared/${g}-${i}`);
          }),
        ),
        gate.run(`${other}/other/${g}`, async () => ({ at: Date.now() })),
      ]);
      const started = Date.now();
      const results = await Promise.all(runs);
      // the other host's requests did not queue behind the shared one's eight
      const otherStarts = results.flatMap((r) => ('at' in r ? [r.at - started] : []));
      expect(otherStarts).toHaveLength(2);
      for (const at of otherStarts) expect(at).toBeLessThan(3 * interval);
      const shared = visits.filter((v) => v.path.startsWith('/shared/')).sort((a, b) => a.start - b.start);
      expect(shared).toHaveLength(8);
      // both gates' requests went through (not one gate's alone)
      expect(new Set(shared.map((v) => v.path.split('/')[2]!.split('-')[0]))).toEqual(new Set(['0', '1']));
      for (let i = 1; i < shared.length; i++) {
        const [before, after] = [shared[i - 1]!, shared[i]!];
        // the server saw each request end before the next began
        expect(after.start).toBeGreaterThanOrEqual(before.end);
        // spaced by the database's clock: a claim's answer may reach its gate some milliseconds late on a busy machine
        expect(ran.get(after.path)! - ran.get(before.path)!).toBeGreaterThanOrEqual(interval - 50);
      }
      expect(ran.get(shared.at(-1)!.path)! - started).toBeGreaterThanOrEqual(7 * (interval - 50));
    } finally {
      await one.close();
      await two.close();
    }
  }, 30_000);

  it('honour a Retry-After that one of them got, in the other', async () => {
    const [one, two] = [
      await openPostgresStore({ connectionString: url!, schema }),
      await openPostgresStore({ connectionString: url!, schema }),
    ];
    const settings = { minIntervalMs: 0, leaseMs: 10_000 };
    try {
      visits.length = 0;
      const first = await new StoreHostGate(one, settings).run(
        `${base}/busy`,
        () => get('/busy'),
        retryAfterOf,
      );
      expect(first).toEqual({ status: 503, retryAfter: 2 });
      const answered = Date.now();
      const second = await new StoreHostGate(two, settings).run(`${base}/after`, () => get('/after'));
      expect(second.status).toBe(200);
      const after = visits.find((v) => v.path === '/after')!;
      expect(after.start - answered).toBeGreaterThanOrEqual(1_900);

      // asked for longer than a gate waits: the other is told so at once, and its task does not run
      await new StoreHostGate(one, settings).run(
        `${base}/busy/again`,
        () => get('/busy/again'),
        retryAfterOf,
      );
      let ran = false;
      const impatient = new StoreHostGate(two, { ...settings, maxWaitMs: 500 });
      const refused = await impatient.run(`${base}/later`, async () => (ran = true)).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(HostDeferredError);
      expect((refused as HostDeferredError).waitSeconds).toBe(2);
      expect((refused as HostDeferredError).message).toContain('127.0.0.1');
      expect(ran).toBe(false);
    } finally {
      await one.close();
      await two.close();
    }
  }, 30_000);
});
