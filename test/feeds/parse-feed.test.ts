import { describe, expect, it } from 'vitest';
import { FaultlineError } from '../../src/errors/errors.js';
import { ProcessHostGate } from '../../src/feeds/host-gate.js';
import { parseFeedItems } from '../../src/feeds/parse-feed.js';
import { retryAfterSeconds } from '../../src/feeds/poll-feed.js';

const FEED = 'https://news.example/feeds/main.xml';

describe('parseFeedItems', () => {
  it('reads RSS 2.0, Atom and JSON Feed entries alike, with relative links made absolute', () => {
    const rss = `<?xml version="1.0"?><rss version="2.0"><channel><title>R</title><link>https://news.example/</link>
      <description>d</description><item><title> A </title><link>/a/1</link><description>Text A</description>
      <pubDate>Tue, 04 Nov 2025 22:30:00 GMT</pubDate></item></channel></rss>`;
    const atom = `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>F</title>
      <id>urn:f</id><updated>2025-11-04T10:00:00Z</updated><entry><title>E</title><id>urn:e</id>
      <updated>2025-11-04T10:00:00Z</updated><link rel="alternate" href="https://news.example/e"/><summary>S</summary></entry></feed>`;
    const json = JSON.stringify({
      version: 'https://jsonfeed.org/version/1.1',
      title: 'J',
      items: [
        { id: '1', url: 'https://news.example/j', content_text: 'T', date_published: '2025-11-03T10:00:00Z' },
      ],
    });
    const items = [rss, atom, json].map((body) => {
      const parsed = parseFeedItems(body, FEED);
      if (parsed instanceof FaultlineError) throw parsed;
      return parsed.items[0];
    });
    expect(items).toEqual([
      { link: 'https://news.example/a/1', title: 'A', summary: 'Text A', published: '2025-11-04' },
      { link: 'https://news.example/e', title: 'E', summary: 'S', published: '2025-11-04' },
      { link: 'https://news.example/j', title: null, summary: 'T', published: '2025-11-03' },
    ]);
  });

  it('drops a link that is not http(s) and a date it cannot read, and names a body that is no feed', () => {
    const rss = `<rss version="2.0"><channel><title>R</title><item><title>X</title><link>javascript:alert(1)</link>
      <pubDate>someday</pubDate></item></channel></rss>`;
    const parsed = parseFeedItems(rss, FEED);
    expect(parsed instanceof FaultlineError ? null : parsed.items).toEqual([
      { link: null, title: 'X', summary: null, published: null },
    ]);
    for (const body of [
      '',
      'plain words',
      '<html><body>page</body></html>',
      '{"not":"a feed"}',
      '<rss><channel>',
    ]) {
      const bad = parseFeedItems(body, FEED);
      expect(bad).toBeInstanceOf(FaultlineError);
      expect((bad as FaultlineError).message).toContain(FEED);
    }
  });
});

describe('politeness', () => {
  it('reads Retry-After as seconds or as a date', () => {
    expect(retryAfterSeconds('120')).toBe(120);
    expect(retryAfterSeconds(new Date(10_000 + 90_000).toUTCString(), 10_000)).toBe(90);
    expect(retryAfterSeconds('soon')).toBeNull();
    expect(retryAfterSeconds(null)).toBeNull();
  });

  it('runs one request at a time per host, spaced, while other hosts go on', async () => {
    const gate = new ProcessHostGate(50);
    const log: string[] = [];
    const task = (name: string) => async () => {
      log.push(`start ${name} ${Date.now()}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
      log.push(`end ${name}`);
    };
    const started = Date.now();
    await Promise.all([
      gate.run('https://a.example/1', task('a1')),
      gate.run('https://a.example/2', task('a2')),
      gate.run('https://b.example/1', task('b1')),
    ]);
    const order = log.map((l) => l.split(' ').slice(0, 2).join(' '));
    // a2 starts only after a1 ended; b1 does not wait for a.example
    expect(order.indexOf('start a2')).toBeGreaterThan(order.indexOf('end a1'));
    expect(order.indexOf('start b1')).toBeLessThan(order.indexOf('end a1'));
    const at = (name: string): number =>
      Number(log.find((l) => l.startsWith(`start ${name}`))!.split(' ')[2]);
    expect(at('a2') - at('a1')).toBeGreaterThanOrEqual(45);
    expect(Date.now() - started).toBeLessThan(2000);
  });
});
