import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCrashStore, type CrashStore } from '../../bench/crash-stores.js';
import { StoreHostGate } from '../../src/feeds/store-host-gate.js';
import { jobHandlers } from '../../src/queue/job-handlers.js';
import { JobQueue, type JobRow } from '../../src/queue/job-queue.js';
import { runWorker } from '../../src/queue/run-worker.js';
import type { Store } from '../../src/store/store.js';
import { projectKnowledge } from '../helpers/knowledge.js';

const url = process.env.FAULTLINE_TEST_DATABASE_URL;
const MAX_BYTES = 20_000;

// Written for this test: one short report, the page of the good item.
const PAGE = `<html><head><title>Levies post attacked in Barkhan</title></head><body><article>
<h1>Levies post attacked in Barkhan</h1><p>Armed men attacked a Levies post in Barkhan on 6 March 2025, killing one
guard and wounding two, officials said.</p><p>The attackers fled before reinforcements arrived.</p></article></body></html>`;

let server: Server;
let base = '';
let database: CrashStore | undefined;

function rss(items: string): string {
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title><link>${base}/</link><description>d</description>${items}</channel></rss>`;
}

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = req.url ?? '/';
    if (path === '/hang') return; // never answers
    if (path.startsWith('/loop')) {
      res.writeHead(302, { location: `${base}/loop/${path.length}` });
      return void res.end();
    }
    if (path === '/not-a-feed') {
      res.writeHead(200, { 'content-type': 'text/html' });
      return void res.end('<html><body><p>A page, not a feed.</p></body></html>');
    }
    if (path === '/not-json-feed') {
      res.writeHead(200, { 'content-type': 'application/json' });
      return void res.end('{"items": "none", "title": 3');
    }
    if (path === '/malformed.xml') {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      // an entry with a link that is not http(s) and nothing to read, one with a date no one can read and a
      // stray tag, and a good one
      return void res.end(
        rss(`<item><title>Broken</title><link>javascript:void(0)</link><pubDate>soon</pubDate></item>
<item><title>Odd<b></title><pubDate>the 45th of Smarch</pubDate><description>${PAGE.replace(/<[^>]+>/g, ' ')}</description></item>
<item><title>Good</title><link>${base}/page</link></item>`),
      );
    }
    if (path === '/big.xml') {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      return void res.end(rss(`<item><title>Too big</title><link>${base}/huge</link></item>`));
    }
    if (path === '/huge') {
      res.writeHead(200, { 'content-type': 'text/html' });
      return void res.end(`<html><body><p>${'word '.repeat(MAX_BYTES)}</p></body></html>`);
    }
    if (path === '/page') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return void res.end(PAGE);
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await database?.drop();
});

/** Runs a worker on the queue until `done` says so (or 60 s); the lines it reported. */
async function work(
  store: Store,
  queue: JobQueue,
  allowPrivate: boolean,
  done: (jobs: readonly JobRow[]) => Promise<boolean>,
): Promise<string[]> {
  const lines: string[] = [];
  const stop = new AbortController();
  const handlers = jobHandlers({
    store,
    knowledge: projectKnowledge(),
    report: (l) => lines.push(l),
    fetch: { guard: { allowPrivate }, timeoutMs: 1500, maxBytes: MAX_BYTES },
    gate: new StoreHostGate(store, { minIntervalMs: 0, leaseMs: 5000 }),
    now: () => new Date(),
    queue,
  });
  const running = runWorker(queue, handlers, {
    concurrency: 3,
    idleMs: 50,
    stop: stop.signal,
    release: new AbortController().signal,
    report: (l) => lines.push(l),
  });
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline && !(await done(await queue.list())))
    await new Promise((r) => setTimeout(r, 200));
  stop.abort();
  await running;
  return lines;
}

describe.skipIf(!url)('bad input in the worker path', () => {
  it('gives each bad feed, entry and page one line and a failed-job record, and goes on', async () => {
    database = await createCrashStore({ kind: 'postgres', url: url! }, 'badinput');
    const store = await database.open();
    const queue = await JobQueue.open({ databaseUrl: database.flags[1]! });
    try {
      const feeds = ['/not-a-feed', '/not-json-feed', '/hang', '/loop', '/malformed.xml', '/big.xml'];
      for (const path of feeds) {
        await store.addFeed({ url: `${base}${path}`, publisher: 'Wire', everySeconds: 3600 });
        await queue.sendPoll(`${base}${path}`);
      }
      const failedTry = (jobs: readonly JobRow[], subject: string) =>
        jobs.find((j) => j.subject === subject && j.lastError !== null);
      const lines = await work(store, queue, true, async (jobs) => {
        const polls = jobs.filter((j) => j.kind === 'poll-feed');
        return (
          polls.length === 4 &&
          polls.every((j) => j.state === 'failed') &&
          failedTry(jobs, `${base}/huge`) !== undefined &&
          failedTry(jobs, 'Broken') !== undefined &&
          (await store.documentIdByUrl(`${base}/page`)) !== null
        );
      });
      const jobs = await queue.list();
      const why = new Map<string, string>([
        ['/not-a-feed', 'is not an RSS, Atom or JSON feed'],
        ['/not-json-feed', 'is not an RSS, Atom or JSON feed'],
        ['/hang', 'did not answer in time'],
        ['/loop', 'redirects too many times'],
      ]);
      for (const [path, reason] of why) {
        // one line, naming the feed and why; a failed job holding the same; the feed's record too
        const said = lines.filter((l) => l.includes(`${base}${path}:`));
        expect(said, path).toHaveLength(1);
        expect(said[0]).toContain(reason);
        const job = jobs.find((j) => j.kind === 'poll-feed' && j.subject === `${base}${path}`);
        expect(job, path).toMatchObject({ state: 'failed' });
        expect(job!.lastError).toContain(reason);
      }
      const feedsNow = new Map((await store.listFeeds()).map((f) => [f.url.slice(base.length), f]));
      expect(feedsNow.get('/hang')).toMatchObject({ status: 'failed' });
      expect(feedsNow.get('/malformed.xml')).toMatchObject({ status: 'ok', itemsSeen: 3 });
      expect(feedsNow.get('/big.xml')).toMatchObject({ status: 'ok' });
      // the page over the size limit and the entry with nothing to read: their fetch jobs failed with the reason
      expect(failedTry(jobs, `${base}/huge`)!.lastError).toContain('is larger than the size limit');
      expect(failedTry(jobs, 'Broken')!.lastError).toContain('is a feed item with no link and no text');
      expect(lines.some((l) => l.includes(`${base}/huge`) && l.includes('larger than the size limit'))).toBe(
        true,
      );
      // and the worker went on: the good entry of the malformed feed, and the one with a bad date, are stored
      expect(await store.documentIdByUrl(`${base}/page`)).not.toBeNull();
      expect(await store.countDocuments()).toBe(2);
      expect(lines.every((l) => !l.includes('\n'))).toBe(true);
    } finally {
      await queue.close();
      await store.close();
    }
  }, 120_000);

  it('refuses a feed on 127.0.0.1 without --allow-private: one line, a failed job, the worker goes on', async () => {
    const own = await createCrashStore({ kind: 'postgres', url: url! }, 'badguard');
    const store = await own.open();
    const queue = await JobQueue.open({ databaseUrl: own.flags[1]! });
    try {
      await store.addFeed({ url: `${base}/malformed.xml`, publisher: null, everySeconds: 3600 });
      await queue.sendPoll(`${base}/malformed.xml`);
      const lines = await work(store, queue, false, async (jobs) => jobs.some((j) => j.state === 'failed'));
      expect(lines.filter((l) => l.includes(`${base}/malformed.xml`))).toEqual([
        expect.stringContaining('--allow-private permits it'),
      ]);
      const [job] = await queue.list({ failedOnly: true });
      expect(job).toMatchObject({ kind: 'poll-feed', subject: `${base}/malformed.xml` });
      expect(job!.lastError).toContain('points into a private network');
      expect(await store.countDocuments()).toBe(0);
    } finally {
      await queue.close();
      await store.close();
      await own.drop();
    }
  }, 120_000);
});
