import type { FastifyInstance } from 'fastify';
import { parseAtomFeed, parseRssFeed } from 'feedsmith';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/store.js';
import { seededApp } from './seed-store.js';

let store: Store;
let app: FastifyInstance;

beforeAll(async () => {
  ({ store, app } = await seededApp());
});

afterAll(async () => {
  await app.close();
  await store.close();
});

describe('GET /api/events.atom', () => {
  it('serves the filtered event list as a valid Atom feed, newest first, each entry linking to its event', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/events.atom?publisher=Hill%20Post' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/atom+xml');
    expect(res.body.startsWith('<?xml')).toBe(true);
    const feed = parseAtomFeed(res.body);
    expect(feed.id).toContain('/api/events.atom?publisher=Hill%20Post');
    expect(feed.updated).toBeTruthy();
    const entries = feed.entries ?? [];
    const all = (
      await app.inject({ method: 'GET', url: '/api/events?publisher=Hill%20Post&sort=-date' })
    ).json() as {
      items: { id: string; date: { start: string } }[];
    };
    expect(entries.map((e) => e.id)).toEqual(all.items.map((e) => `http://localhost:80/api/events/${e.id}`));
    for (const entry of entries) {
      expect(entry.title?.value).toBeTruthy();
      expect(entry.updated).toBeTruthy();
      expect(entry.links?.some((l) => l.rel === 'alternate' && l.href?.includes('#/event/'))).toBe(true);
    }
  });

  it('answers a bad filter with a 400 naming it, as the event list does', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/events.atom?type=Picnics' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('type=Picnics');
  });
});

interface ListedEvent {
  id: string;
  location: { lat: number | null; lon: number | null } | null;
  sources: { url: string | null; publisher: string | null }[];
}

async function listed(filters: string): Promise<ListedEvent[]> {
  const res = await app.inject({ method: 'GET', url: `/api/events?${filters}&sort=-date` });
  return (res.json() as { items: ListedEvent[] }).items;
}

describe('GET /api/events.rss', () => {
  it('serves the same filtered view as a valid RSS 2.0 feed: each item links to its event page and names its reports', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/events.rss?publisher=Hill%20Post' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/rss+xml');
    const feed = parseRssFeed(res.body);
    expect(feed.atom?.links?.[0]?.href).toContain('/api/events.rss?publisher=Hill%20Post');
    const events = await listed('publisher=Hill%20Post');
    expect(events.length).toBeGreaterThan(0);
    const items = feed.items ?? [];
    expect(items.map((i) => i.guid?.value)).toEqual(
      events.map((e) => `http://localhost:80/api/events/${e.id}`),
    );
    items.forEach((item, i) => {
      expect(item.guid?.isPermaLink).toBe(false);
      expect(item.link).toBe(`http://localhost:80/#/event/${events[i]!.id}`);
      expect(item.title).toBeTruthy();
      expect(item.pubDate).toBeTruthy();
      for (const source of events[i]!.sources.filter((s) => s.url !== null))
        expect(item.description).toContain(source.url);
    });
  });

  it('answers a bad filter with a 400 naming it', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/events.rss?from=yesterday' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('from');
  });
});

describe('GeoRSS in both feeds', () => {
  it('puts each located event at its coordinates, and a place without coordinates nowhere', async () => {
    const events = await listed('limit=500');
    const located = events.filter((e) => e.location?.lat != null && e.location.lon != null);
    expect(located.length).toBeGreaterThan(0);
    const atom = parseAtomFeed((await app.inject({ method: 'GET', url: '/api/events.atom' })).body);
    const rss = parseRssFeed((await app.inject({ method: 'GET', url: '/api/events.rss' })).body);
    const atomPoints = new Map((atom.entries ?? []).map((e) => [e.id, e.georss?.point]));
    const rssPoints = new Map((rss.items ?? []).map((i) => [i.guid?.value, i.georss?.point]));
    for (const e of events.slice(0, 100)) {
      const id = `http://localhost:80/api/events/${e.id}`;
      const expected =
        e.location?.lat != null && e.location.lon != null
          ? { lat: e.location.lat, lng: e.location.lon }
          : undefined;
      expect(atomPoints.get(id)).toEqual(expected);
      expect(rssPoints.get(id)).toEqual(expected);
    }
  });
});

describe('conditional GET of the feeds', () => {
  it('answers a reader that sends back its ETag with a 304 and no body, and another view with its own feed', async () => {
    for (const path of ['/api/events.atom', '/api/events.rss']) {
      const first = await app.inject({ method: 'GET', url: `${path}?admin1=Balochistan` });
      const etag = first.headers['etag'];
      expect(typeof etag).toBe('string');
      const again = await app.inject({
        method: 'GET',
        url: `${path}?admin1=Balochistan`,
        headers: { 'if-none-match': String(etag) },
      });
      expect(again.statusCode).toBe(304);
      expect(again.body).toBe('');
      const other = await app.inject({
        method: 'GET',
        url: `${path}?publisher=Hill%20Post`,
        headers: { 'if-none-match': String(etag) },
      });
      expect(other.statusCode).toBe(200);
      expect(other.headers['etag']).not.toBe(etag);
    }
  });

  it('leaves the other routes as they were: the event list is not hashed', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/events?admin1=Balochistan' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['etag']).toBeUndefined();
  });
});
