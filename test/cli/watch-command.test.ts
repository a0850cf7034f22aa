import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';

// Written for this test: two short reports, served as the pages of a feed's items.
const PAGE_A = `<html><head><title>Checkpost attacked in Kohlu</title></head><body><article><h1>Checkpost attacked in Kohlu</h1>
<p>Gunmen opened fire on a Levies checkpost in Kohlu on 4 March 2025, killing two guards, district officials said.</p>
<p>The attackers fled towards the mountains.</p></article></body></html>`;
const SUMMARY_B =
  'A roadside bomb wounded three policemen in Turbat on 5 March 2025, officials said. No group claimed the blast.';

let dir: string;
let server: Server;
let base: string;
// another host (a port of its own): its Retry-After holds back its own requests, not those of the feeds' host
let busyServer: Server;
let busyBase: string;
const hits = new Map<string, number>();

function rss(): string {
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>Hill Wire</title><link>${base}/</link><description>d</description>
<item><title>Checkpost attacked in Kohlu</title><link>${base}/a</link><pubDate>Wed, 05 Mar 2025 08:00:00 GMT</pubDate></item>
<item><title>Blast in Turbat</title><link>${base}/gone</link><description>${SUMMARY_B}</description><pubDate>Wed, 05 Mar 2025 09:00:00 GMT</pubDate></item>
<item><title>Nothing to read</title></item>
</channel></rss>`;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'faultline-watch-'));
  server = createServer((req, res) => {
    const path = req.url ?? '/';
    hits.set(path, (hits.get(path) ?? 0) + 1);
    if (path === '/rss.xml') {
      // a conditional GET that matches gets a 304 and no body
      if (req.headers['if-none-match'] === '"rss-1"') return void res.writeHead(304).end();
      res.writeHead(200, { 'content-type': 'application/rss+xml', etag: '"rss-1"' });
      return void res.end(rss());
    }
    if (path === '/a') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return void res.end(PAGE_A);
    }
    if (path === '/not-a-feed') {
      res.writeHead(200, { 'content-type': 'text/html' });
      return void res.end('<html><body>Just a page</body></html>');
    }
    if (path === '/hang') return; // never answers
    if (path.startsWith('/loop')) {
      res.writeHead(302, { location: `${path}/again` });
      return void res.end();
    }
    if (path === '/json-garbage') {
      res.writeHead(200, { 'content-type': 'application/feed+json' });
      return void res.end('{"version": "https://jsonfeed.org/version/1.1", "items": [');
    }
    if (path === '/odd.xml') {
      // malformed entries beside a good one: a link that is no http(s) URL with nothing to read, an unreadable
      // date, and a page over the size limit
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      return void res.end(`<?xml version="1.0"?><rss version="2.0"><channel><title>Odd</title><link>${base}/</link><description>d</description>
<item><title>Broken</title><link>javascript:void(0)</link><pubDate>soon</pubDate></item>
<item><title>Too big</title><link>${base}/huge</link></item>
<item><title>Checkpost attacked in Kohlu</title><link>${base}/a</link><pubDate>the 45th of Smarch</pubDate></item>
</channel></rss>`);
    }
    if (path === '/huge') {
      res.writeHead(200, { 'content-type': 'text/html' });
      return void res.end(`<html><body><p>${'word '.repeat(100_000)}</p></body></html>`);
    }
    res.writeHead(404).end('not here');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  busyServer = createServer((req, res) => {
    res.writeHead(503, { 'retry-after': '3600' });
    res.end();
  });
  await new Promise<void>((resolve) => busyServer.listen(0, '127.0.0.1', resolve));
  busyBase = `http://127.0.0.1:${(busyServer.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const s of [server, busyServer]) {
    s.closeAllConnections();
    await new Promise((resolve) => s.close(resolve));
  }
  rmSync(dir, { recursive: true, force: true });
});

describe('faultline feeds and watch', () => {
  it('polls a feed, stores its items (a page, else its summary), skips what it holds, and goes on past bad feeds', async () => {
    const db = join(dir, 'watch.db');
    for (const url of [`${base}/rss.xml`, `${base}/not-a-feed`, `${busyBase}/busy`]) {
      const add = await cli(['feeds', 'add', url, '--db', db, '--publisher', 'Hill Wire', '--every', '1s']);
      expect(add.code).toBe(0);
    }
    expect((await cli(['feeds', 'add', `${base}/rss.xml`, '--db', db])).err).toContain('already watched');

    const first = await cli(['watch', '--once', '--allow-private', '--db', db]);
    expect(first.code).toBe(0);
    const lines = first.err.trim().split('\n');
    // one line for each bad thing, naming it
    expect(lines.filter((l) => l.includes(`${base}/not-a-feed`))).toHaveLength(1);
    expect(lines.filter((l) => l.includes(`${busyBase}/busy`) && l.includes('503'))).toHaveLength(1);
    expect(lines.some((l) => l.includes(`${base}/gone`) && l.includes('feed summary'))).toBe(true);
    expect(lines.some((l) => l.includes('Nothing to read') && l.includes('no link and no text'))).toBe(true);
    expect(lines.at(-1)).toMatch(/polled 3 feeds \(0 unchanged, 2 failed\); items 3, stored 2; events [1-9]/);

    const docs = (await cli(['documents', '--db', db, '--format', 'jsonl'])).out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { url: string; origin: string; publisher: string; title: string });
    expect(docs.map((d) => [d.url, d.publisher])).toEqual([
      [`${base}/a`, 'Hill Wire'],
      [`${base}/gone`, 'Hill Wire'],
    ]);
    expect(docs[1]!.origin).toContain('(feed summary)');
    const events = (await cli(['events', '--db', db])).out.trim().split('\n');
    expect(events.some((e) => e.includes('Kohlu'))).toBe(true);

    const feeds = (await cli(['feeds', 'list', '--format', 'jsonl', '--db', db])).out
      .trim()
      .split('\n')
      .map(
        (l) =>
          JSON.parse(l) as {
            url: string;
            status: string;
            etag: string | null;
            nextPollAt: string;
            itemsStored: number;
          },
      );
    const byPath = new Map(feeds.map((f) => [new URL(f.url).pathname, f]));
    expect(byPath.get('/rss.xml')).toMatchObject({ status: 'ok', etag: '"rss-1"', itemsStored: 2 });
    expect(byPath.get('/not-a-feed')?.status).toBe('failed');
    // Retry-After holds the busy feed back an hour, though it asked to be polled every second
    const busy = byPath.get('/busy')!;
    expect(Date.parse(busy.nextPollAt) - Date.now()).toBeGreaterThan(3000 * 1000);

    await new Promise((resolve) => setTimeout(resolve, 1100));
    const pagesBefore = hits.get('/a') ?? 0;
    const second = await cli(['watch', '--once', '--allow-private', '--db', db]);
    // the RSS feed answers 304 to its ETag; the busy one is not due
    expect(second.err).toMatch(/polled 2 feeds \(1 unchanged, 1 failed\); items 0, stored 0; events 0/);
    expect(hits.get('/a')).toBe(pagesBefore);
  });

  it('gives a feed that never answers, endless redirects, broken JSON, malformed entries and an oversize page one line each, and goes on', async () => {
    const db = join(dir, 'bad-input.db');
    const paths = ['/hang', '/loop', '/json-garbage', '/odd.xml'];
    for (const path of paths)
      expect((await cli(['feeds', 'add', `${base}${path}`, '--db', db])).code).toBe(0);
    const run = await cli([
      'watch',
      '--once',
      '--allow-private',
      '--timeout',
      '2000',
      '--max-bytes',
      '100000',
      '--db',
      db,
    ]);
    expect(run.code).toBe(0);
    const lines = run.err.trim().split('\n');
    const about = (subject: string) => lines.filter((l) => l.startsWith(subject));
    expect(about(`${base}/hang:`)).toEqual([expect.stringContaining('did not answer in time')]);
    expect(about(`${base}/loop:`)).toEqual([expect.stringContaining('redirects too many times')]);
    expect(about(`${base}/json-garbage:`)).toEqual([
      expect.stringContaining('is not an RSS, Atom or JSON feed'),
    ]);
    expect(about(`${base}/huge:`)).toEqual([expect.stringContaining('is larger than the size limit')]);
    expect(about(`${base}/odd.xml: "Broken"`)).toEqual([expect.stringContaining('no link and no text')]);
    // the good entry of the malformed feed was read, extracted and resolved
    expect(lines.at(-1)).toMatch(/polled 4 feeds \(0 unchanged, 3 failed\); items 3, stored 1; events [1-9]/);
    const feeds = (await cli(['feeds', 'list', '--format', 'jsonl', '--db', db])).out.trim().split('\n');
    const status = new Map(
      feeds
        .map((l) => JSON.parse(l) as { url: string; status: string })
        .map((f) => [f.url.slice(base.length), f.status]),
    );
    expect(Object.fromEntries(status)).toEqual({
      '/hang': 'failed',
      '/json-garbage': 'failed',
      '/loop': 'failed',
      '/odd.xml': 'ok',
    });
  }, 60_000);

  it('refuses a feed on a loopback address without --allow-private, in one line, and keeps watching', async () => {
    const db = join(dir, 'guard.db');
    await cli(['feeds', 'add', `${base}/rss.xml`, '--db', db]);
    const run = await cli(['watch', '--once', '--db', db]);
    expect(run.code).toBe(0);
    const lines = run.err.trim().split('\n');
    expect(lines[0]).toContain('--allow-private');
    expect(lines.at(-1)).toMatch(/polled 1 feeds \(0 unchanged, 1 failed\)/);
  });

  it('rejects a feed URL that is no http(s) URL and a bad --every, naming them', async () => {
    const db = join(dir, 'bad.db');
    const scheme = await cli(['feeds', 'add', 'file:///etc/passwd', '--db', db]);
    expect(scheme.code).not.toBe(0);
    expect(scheme.err).toContain('file:///etc/passwd');
    const every = await cli(['feeds', 'add', `${base}/rss.xml`, '--every', 'soon', '--db', db]);
    expect(every.code).not.toBe(0);
    expect(every.err).toContain('--every soon');
  });
});
