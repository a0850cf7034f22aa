import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import pg from 'pg';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareSnapshots, snapshotStore } from '../../bench/compare-stores.js';
import { createCrashStore, type CrashStore } from '../../bench/crash-stores.js';
import { syntheticArticles } from '../../bench/synthetic-corpus.js';
import { packageRoot } from '../../src/cli/package-root.js';
import { resolvePending } from '../../src/pipeline/resolve-pending.js';

const url = process.env.FAULTLINE_TEST_DATABASE_URL;
const ARTICLES = 24;

const bundleDir = join(
  packageRoot(),
  'node_modules',
  '.cache',
  `faultline-queue-${randomBytes(4).toString('hex')}`,
);
const cli = join(bundleDir, 'cli.js');
const servers: Server[] = [];
let store: CrashStore | undefined;

/** Serves one body on a loopback port of its own: each article is its own host, so no politeness wait slows it. */
async function serve(type: string, body: () => string): Promise<string> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': type });
    res.end(body());
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}

/** A feed of ARTICLES items, each linking to its page on a port of its own. */
async function serveFeed(): Promise<{ feedUrl: string; links: string[] }> {
  const links: string[] = [];
  const items: string[] = [];
  for (const article of syntheticArticles(ARTICLES, 11, { bodyChars: 1500 })) {
    const page =
      article.format === 'html'
        ? article.content
        : `<html><body><article><pre>${article.content}</pre></article></body></html>`;
    const link = await serve('text/html; charset=utf-8', () => page);
    links.push(link);
    const date = new Date(`${article.published}T08:00:00Z`).toUTCString();
    items.push(`<item><title>${article.name}</title><link>${link}</link><pubDate>${date}</pubDate></item>`);
  }
  const feed = `<?xml version="1.0"?><rss version="2.0"><channel><title>Fixture</title><link>http://127.0.0.1/</link><description>fixture</description>${items.join('')}</channel></rss>`;
  return { feedUrl: `${await serve('application/rss+xml', () => feed)}feed.xml`, links };
}

function runCliSync(args: readonly string[]): string {
  const run = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', timeout: 30_000 });
  if (run.status !== 0) throw new Error(`faultline ${args.join(' ')}: exit ${run.status}: ${run.stderr}`);
  return run.stderr;
}

function startWorker(flags: readonly string[]): { child: ChildProcess; stderr: () => string } {
  const child = spawn(
    process.execPath,
    [cli, 'worker', ...flags, '--allow-private', '--concurrency', '2', '--job-timeout', '3s'],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  return { child, stderr: () => err };
}

const exited = (child: ChildProcess): Promise<number | null> =>
  child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve(child.exitCode)
    : new Promise((resolve) => child.once('exit', (code) => resolve(code)));

async function until(what: string, deadlineMs: number, check: () => Promise<boolean>): Promise<void> {
  const end = Date.now() + deadlineMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 15));
  }
}

beforeAll(async () => {
  if (!url) return;
  await build({
    configFile: false,
    logLevel: 'silent',
    root: packageRoot(),
    build: {
      ssr: 'src/cli/main.ts',
      outDir: bundleDir,
      emptyOutDir: true,
      minify: false,
      target: 'node20',
      rollupOptions: { output: { entryFileNames: 'cli.js', format: 'es' } },
    },
    ssr: { external: true },
  });
}, 60_000);

afterAll(async () => {
  for (const s of servers) s.close();
  await store?.drop();
  rmSync(bundleDir, { recursive: true, force: true });
});

describe.skipIf(!url)('a worker killed with -9 mid-job (issue 11)', () => {
  it('has its job retried by the next worker: each document stored once, its events resolved once', async () => {
    store = await createCrashStore({ kind: 'postgres', url: url! }, 'queue');
    const flags = store.flags;
    const dbUrl = flags[1]!;
    const { feedUrl, links } = await serveFeed();
    runCliSync(['feeds', 'add', feedUrl, '--publisher', 'Fixture News', ...flags]);
    expect(runCliSync(['watch', '--scheduler-only', '--once', ...flags])).toContain('1 feed polls queued');

    const db = new pg.Client({ connectionString: dbUrl });
    await db.connect();
    try {
      const count = async (sql: string): Promise<number> => Number((await db.query(sql)).rows[0].n);
      const first = startWorker(flags);
      // killed while it extracts or resolves, once some documents are stored and some are not
      await until('an extraction or resolution in flight', 40_000, async () => {
        const docs = await count('select count(*) as n from documents');
        const busy = await count(
          "select count(*) as n from pgboss.job where state = 'active' and name in ('extract-document', 'resolve')",
        );
        return docs >= 3 && busy > 0;
      });
      first.child.kill('SIGKILL');
      await exited(first.child);
      const orphans = (
        await db.query<{ id: string; name: string }>("select id, name from pgboss.job where state = 'active'")
      ).rows;
      expect(orphans.length, first.stderr()).toBeGreaterThan(0);

      const second = startWorker(flags);
      await until('the queue to drain', 45_000, async () => {
        const open = await count(
          "select count(*) as n from pgboss.job where state in ('created', 'retry', 'active')",
        );
        const pending = await count('select count(*) as n from mentions where unresolved = 1');
        const docs = await count('select count(*) as n from documents');
        return open === 0 && pending === 0 && docs === ARTICLES;
      });
      second.child.kill('SIGTERM');
      expect(await exited(second.child), second.stderr()).toBe(0);

      // the orphaned jobs ran again, to completion
      const after = await db.query<{ id: string; state: string; retry_count: number }>(
        'select id, state, retry_count from pgboss.job where id = any($1)',
        [orphans.map((o) => o.id)],
      );
      expect(after.rows.map((r) => r.state)).toEqual(orphans.map(() => 'completed'));
      expect(after.rows.every((r) => r.retry_count >= 1)).toBe(true);
      expect(await count("select count(*) as n from pgboss.job where state = 'failed'")).toBe(0);

      // one document per item, read from its page
      const urls = (await db.query<{ url: string }>('select url from documents order by url')).rows.map(
        (r) => r.url,
      );
      expect(urls).toEqual([...links].sort());
    } finally {
      await db.end();
    }

    // events resolved once: what the workers left is exactly what one resolution of every mention gives
    const s = await store.open();
    try {
      const left = await snapshotStore(s);
      expect(left.undone).toEqual([]);
      expect(left.events.size).toBeGreaterThan(ARTICLES / 3);
      const mentionIds = [...left.events.values()].flatMap(
        (e) => (JSON.parse(e) as { mentionIds: string[] }).mentionIds,
      );
      expect(new Set(mentionIds).size).toBe(mentionIds.length);
      await store.markAllPending();
      await resolvePending(s);
      expect(compareSnapshots(left, await snapshotStore(s)).differences).toEqual([]);
    } finally {
      await s.close();
    }
  }, 120_000);
});
