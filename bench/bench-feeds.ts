import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ProcessHostGate } from '../src/feeds/host-gate.js';
import { pollDueFeeds } from '../src/pipeline/watch-feeds.js';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';

export interface FeedPollCost {
  readonly feeds: number;
  readonly rounds: number;
  /** CPU seconds (this process: polling, and the fixture server answering) per round of every feed. */
  readonly cpuSecondsPerRound: number;
  readonly wallSecondsPerRound: number;
  /** Bar: under 10% of one core with every feed polled once a minute. */
  readonly shareOfCorePerMinute: number;
}

function feedXml(base: string, n: number): string {
  const items = Array.from(
    { length: ITEMS_PER_FEED },
    (_, i) =>
      `<item><title>Item ${i}</title><link>${base}/page/${n}/${i}</link><description>Summary ${i}</description></item>`,
  ).join('');
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>Feed ${n}</title><link>${base}/</link><description>d</description>${items}</channel></rss>`;
}

const ITEMS_PER_FEED = 5;

const START = Date.now();
const at = (days: number) => (): Date => new Date(START + days * 86_400_000);

/** Rounds of `pollDueFeeds` (each takes a bounded number of feeds) until no feed is due at the clock's time. */
async function pollEveryDueFeed(deps: Parameters<typeof pollDueFeeds>[0]): Promise<{ notModified: number }> {
  let notModified = 0;
  for (;;) {
    const round = await pollDueFeeds(deps);
    if (round.feeds === 0) return { notModified };
    notModified += round.notModified;
  }
}

/**
 * The cost of polling `feeds` feeds that have not changed: each is served from its own loopback address (127.0.x.y,
 * so the per-host politeness does not serialise them) and answers its ETag with a 304. The first round, which
 * stores nothing new because every item link is already held, primes the ETags; the rounds after it are timed.
 */
export async function benchFeedPolling(feeds: number, rounds = 3): Promise<FeedPollCost> {
  const server = createServer((req, res) => {
    const page = /^\/page\/(\d+)\/(\d+)/.exec(req.url ?? '');
    if (page) {
      res.writeHead(200, { 'content-type': 'text/plain' });
      return void res.end(`Report ${page[1]}-${page[2]}: a bench page with a few words of text in it.`);
    }
    const n = Number(/^\/feed\/(\d+)/.exec(req.url ?? '')?.[1] ?? -1);
    const etag = `"f${n}"`;
    if (req.headers['if-none-match'] === etag) return void res.writeHead(304).end();
    res.writeHead(200, { 'content-type': 'application/rss+xml', etag });
    res.end(feedXml(`http://${req.headers.host ?? '127.0.0.1'}`, n));
  });
  await new Promise<void>((resolve) => server.listen(0, '0.0.0.0', resolve));
  const port = (server.address() as AddressInfo).port;
  const dir = await mkdtemp(join(tmpdir(), 'faultline-feeds-bench-'));
  const store = await openSqliteStore({ path: join(dir, 'feeds.db') });
  try {
    for (let n = 0; n < feeds; n++) {
      const host = `127.0.${Math.floor(n / 250) + 1}.${(n % 250) + 1}`;
      await store.addFeed({ url: `http://${host}:${port}/feed/${n}`, publisher: null, everySeconds: 1 });
    }
    // the untimed first round fetches and stores every item (documents only) and primes the ETags
    const deps = {
      store,
      knowledge: null,
      report: (line: string) => {
        if (process.env['BENCH_DEBUG']) console.error(line);
      },
      fetch: { guard: { allowPrivate: true }, timeoutMs: 10_000, maxBytes: 1_000_000 },
      gate: new ProcessHostGate(0),
      now: at(1),
    };
    await pollEveryDueFeed(deps);
    let cpu = 0;
    let wall = 0;
    for (let r = 0; r < rounds; r++) {
      // each round a day after the one before, on a clock that stands still within it
      const clock = { now: at(r + 2) };
      const startCpu = process.cpuUsage();
      const started = performance.now();
      const round = await pollEveryDueFeed({ ...deps, ...clock });
      const used = process.cpuUsage(startCpu);
      wall += (performance.now() - started) / 1000;
      cpu += (used.user + used.system) / 1e6;
      if (round.notModified !== feeds)
        throw new Error(`expected ${feeds} unchanged feeds, got ${round.notModified}`);
    }
    const perRound = cpu / rounds;
    return {
      feeds,
      rounds,
      cpuSecondsPerRound: perRound,
      wallSecondsPerRound: wall / rounds,
      shareOfCorePerMinute: perRound / 60,
    };
  } finally {
    await store.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await rm(dir, { recursive: true, force: true });
  }
}
