import type { FastifyInstance } from 'fastify';
import { parseAtomFeed } from 'feedsmith';
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
