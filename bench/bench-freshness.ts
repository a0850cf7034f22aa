import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageRoot } from '../src/cli/package-root.js';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { syntheticArticles, type SyntheticArticle } from './synthetic-corpus.js';

export interface Freshness {
  readonly items: number;
  readonly feeds: number;
  /** Items whose event `GET /api/events` returned before the run ended. */
  readonly seen: number;
  /** Seconds from an item appearing in its feed to its event in the event list, by percentile. */
  readonly p50: number;
  readonly p95: number;
  readonly max: number;
  readonly seconds: number;
  /** The 1-minute load average when the run ended: the machine is shared, so the figures come with it. */
  readonly load: number;
}

export interface FreshnessOptions {
  readonly items: number;
  readonly feeds: number;
  /** Seconds over which the items appear, evenly spaced. */
  readonly spreadSeconds: number;
  /** The feeds' poll interval and the watch's tick. */
  readonly pollSeconds: number;
  /** Seconds after the last item appears before the unseen ones are given up. */
  readonly graceSeconds: number;
}

/** Items a feed document lists, newest first, as most outlets' feeds do. */
const FEED_WINDOW = 50;

function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * The fixture outlets: one loopback server per feed, each on its own address (127.0.3.N), so that per-host
 * politeness applies as it would to separate outlets. A feed lists the items whose time has come, newest
 * first, with an ETag that changes only when an item appears, so an unchanged feed answers 304 as a real one
 * would; each item's link is the article on the same host.
 */
async function startOutlets(
  articles: readonly SyntheticArticle[],
  options: FreshnessOptions,
  startedAt: () => number | null,
): Promise<{ servers: Server[]; feedUrls: string[]; itemOf: Map<string, number> }> {
  const servers: Server[] = [];
  const feedUrls: string[] = [];
  const itemOf = new Map<string, number>();
  const interval = (options.spreadSeconds * 1000) / articles.length;
  for (let f = 0; f < options.feeds; f++) {
    const host = `127.0.3.${f + 1}`;
    const mine = articles.map((_, i) => i).filter((i) => i % options.feeds === f);
    const server = createServer((req, res) => {
      const base = `http://${host}:${(server.address() as AddressInfo).port}`;
      const page = /^\/article\/(\d+)$/.exec(req.url ?? '');
      if (page) {
        const a = articles[Number(page[1])];
        if (!a) return void res.writeHead(404).end();
        res.writeHead(200, { 'content-type': a.format === 'html' ? 'text/html' : 'text/plain' });
        return void res.end(a.content);
      }
      const start = startedAt();
      const due = start === null ? 0 : Math.floor((Date.now() - start) / interval) + 1;
      const shown = mine
        .filter((i) => i < due)
        .reverse()
        .slice(0, FEED_WINDOW);
      const etag = `"n${shown.length}-${shown[0] ?? 'none'}"`;
      if (req.headers['if-none-match'] === etag) return void res.writeHead(304).end();
      const items = shown
        .map((i) => {
          const a = articles[i]!;
          return `<item><title>Report ${i}</title><link>${base}/article/${i}</link><guid>${base}/article/${i}</guid><pubDate>${new Date(`${a.published}T08:00:00Z`).toUTCString()}</pubDate><description>${escapeXml(`Report ${i} from the bench outlet.`)}</description></item>`;
        })
        .join('');
      res.writeHead(200, { 'content-type': 'application/rss+xml', etag });
      res.end(
        `<?xml version="1.0"?><rss version="2.0"><channel><title>Outlet ${f}</title><link>${base}/</link><description>Bench outlet</description>${items}</channel></rss>`,
      );
    });
    await new Promise<void>((resolve) => server.listen(0, host, resolve));
    const port = (server.address() as AddressInfo).port;
    servers.push(server);
    feedUrls.push(`http://${host}:${port}/feed.xml`);
    for (const i of mine) itemOf.set(`http://${host}:${port}/article/${i}`, i);
  }
  return { servers, feedUrls, itemOf };
}

/** Starts `faultline <args>` from the build, its output kept for the error message should it fail. */
function faultline(args: readonly string[]): { child: ChildProcess; output: () => string } {
  const env = { ...process.env };
  delete env['DATABASE_URL'];
  const child = spawn(process.execPath, [join(packageRoot(), 'dist', 'src', 'cli', 'main.js'), ...args], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer): void => {
    output = (output + chunk.toString('utf8')).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return { child, output: () => output };
}

async function until<T>(what: string, timeoutMs: number, probe: () => Promise<T | null>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await probe().catch(() => null);
    if (found !== null) return found;
    if (Date.now() > deadline) throw new Error(`${what} did not happen in ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/**
 * Freshness of the live loop: `serve` and `watch` (the embedded SQLite loop, `--tick` = the poll interval) run
 * as the two processes a user starts, on one database file. Items appear in fixture feeds over time; a client
 * reads `GET /api/events` every 200 ms, and each item's freshness is the time from its appearance in its feed to
 * the first answer whose events cite its article.
 */
export async function benchFreshness(options: FreshnessOptions): Promise<Freshness> {
  const articles = [...syntheticArticles(options.items, 11, { bodyChars: 1500 })];
  let startedAt: number | null = null;
  const outlets = await startOutlets(articles, options, () => startedAt);
  const dir = await mkdtemp(join(tmpdir(), 'faultline-freshness-'));
  const db = join(dir, 'live.db');
  const children: ChildProcess[] = [];
  try {
    const store = await openSqliteStore({ path: db });
    for (const url of outlets.feedUrls)
      await store.addFeed({ url, publisher: 'Bench Outlet', everySeconds: options.pollSeconds });
    await store.close();
    const serve = faultline(['serve', '--db', db, '--port', '0']);
    children.push(serve.child);
    const api = await until('serve listening', 60_000, async () => {
      const m = /serving (http:\/\/\S+?)\/? /.exec(serve.output());
      return m ? m[1]! : null;
    });
    const watch = faultline(['watch', '--db', db, '--allow-private', '--tick', `${options.pollSeconds}s`]);
    children.push(watch.child);
    // the clock starts once the watch has polled every (still empty) feed: its start-up is not freshness
    await until('the first poll of every feed', 60_000, async () => {
      const s = await openSqliteStore({ path: db });
      try {
        const feeds = await s.listFeeds();
        return feeds.every((f) => f.lastPolledAt !== null) ? true : null;
      } finally {
        await s.close();
      }
    });
    startedAt = Date.now();
    const interval = (options.spreadSeconds * 1000) / articles.length;
    const appeared = (i: number): number => startedAt! + i * interval;
    const seenAt = new Map<number, number>();
    const deadline = startedAt + (options.spreadSeconds + options.graceSeconds) * 1000;
    while (seenAt.size < articles.length && Date.now() < deadline) {
      const polled = Date.now();
      let after: string | null = null;
      do {
        const res = await fetch(
          `${api}/api/events?limit=500${after ? `&after=${encodeURIComponent(after)}` : ''}`,
        );
        const page = (await res.json()) as {
          next: string | null;
          items: { sources: { url: string | null }[] }[];
        };
        for (const e of page.items)
          for (const s of e.sources) {
            const i = s.url === null ? undefined : outlets.itemOf.get(s.url);
            if (i !== undefined && !seenAt.has(i)) seenAt.set(i, Date.now());
          }
        after = page.next;
      } while (after !== null);
      await new Promise((r) => setTimeout(r, Math.max(0, 200 - (Date.now() - polled))));
    }
    const delays = [...seenAt].map(([i, at]) => (at - appeared(i)) / 1000).sort((a, b) => a - b);
    if (seenAt.size === 0) throw new Error(`no item reached the event list; watch said: ${watch.output()}`);
    return {
      items: articles.length,
      feeds: options.feeds,
      seen: seenAt.size,
      p50: percentile(delays, 50),
      p95: percentile(delays, 95),
      max: delays[delays.length - 1] ?? Number.NaN,
      seconds: (Date.now() - startedAt) / 1000,
      load: loadavg()[0]!,
    };
  } finally {
    for (const c of children) c.kill('SIGTERM');
    await Promise.all(
      children.map((c) => (c.exitCode !== null ? null : new Promise((r) => c.once('exit', r)))),
    );
    for (const s of outlets.servers) {
      s.closeAllConnections();
      await new Promise((r) => s.close(r));
    }
    await rm(dir, { recursive: true, force: true });
  }
}
