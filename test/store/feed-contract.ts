import { expect, it } from 'vitest';
import type { Store } from '../../src/store/store.js';
import { makeDocument } from './fixtures.js';

/** The feeds `watch` polls: every backend registers them once, lists the due ones and keeps each poll's state. */
export function feedContractCases(store: () => Store): void {
  it('registers a feed once, due at once, and lists the due feeds longest overdue first', async () => {
    const s = store();
    expect(await s.addFeed({ url: 'https://b.example/rss', publisher: 'B News', everySeconds: 300 })).toBe(
      'added',
    );
    expect(await s.addFeed({ url: 'https://b.example/rss', publisher: 'Other', everySeconds: 60 })).toBe(
      'present',
    );
    await s.addFeed({ url: 'https://a.example/atom', publisher: null, everySeconds: 60 });
    const feeds = await s.listFeeds();
    expect(feeds.map((f) => [f.url, f.publisher, f.everySeconds, f.status, f.itemsSeen])).toEqual([
      ['https://a.example/atom', null, 60, 'new', 0],
      ['https://b.example/rss', 'B News', 300, 'new', 0],
    ]);
    const far = '2999-01-01T00:00:00.000Z';
    expect((await s.dueFeeds(far, 10)).length).toBe(2);
    expect((await s.dueFeeds(far, 1)).length).toBe(1);
    expect(await s.dueFeeds('2000-01-01T00:00:00.000Z', 10)).toEqual([]);
  });

  it("records each poll: validators kept through a 304, counts added up, the next poll's time honoured", async () => {
    const s = store();
    const url = 'https://c.example/feed.json';
    await s.addFeed({ url, publisher: null, everySeconds: 60 });
    await s.recordFeedPoll(url, {
      polledAt: '2026-01-01T00:00:00.000Z',
      nextPollAt: '2026-01-01T00:01:00.000Z',
      status: 'ok',
      error: null,
      etag: '"v1"',
      lastModified: 'Thu, 01 Jan 2026 00:00:00 GMT',
      itemsSeen: 3,
      itemsStored: 2,
    });
    await s.recordFeedPoll(url, {
      polledAt: '2026-01-01T00:01:00.000Z',
      nextPollAt: '2026-01-01T00:02:00.000Z',
      status: 'not-modified',
      error: null,
      itemsSeen: 0,
      itemsStored: 0,
    });
    await s.recordFeedPoll(url, {
      polledAt: '2026-01-01T00:02:00.000Z',
      nextPollAt: '2026-01-01T00:05:00.000Z',
      status: 'failed',
      error: 'did not answer in time',
      itemsSeen: 1,
      itemsStored: 0,
    });
    const [feed] = await s.listFeeds();
    expect(feed).toMatchObject({
      etag: '"v1"',
      lastModified: 'Thu, 01 Jan 2026 00:00:00 GMT',
      lastPolledAt: '2026-01-01T00:02:00.000Z',
      nextPollAt: '2026-01-01T00:05:00.000Z',
      status: 'failed',
      lastError: 'did not answer in time',
      itemsSeen: 4,
      itemsStored: 2,
    });
    // one feed read by its URL, as a poll job reads it
    expect(await s.getFeed(url)).toEqual(feed);
    expect(await s.getFeed('https://none.example/feed')).toBeNull();
    expect(await s.dueFeeds('2026-01-01T00:04:59.000Z', 10)).toEqual([]);
    expect((await s.dueFeeds('2026-01-01T00:05:00.000Z', 10)).map((f) => f.url)).toEqual([url]);
  });

  it('finds a stored document by the URL it was read from', async () => {
    const s = store();
    const doc = { ...makeDocument(41), url: 'https://news.example/a/1' };
    await s.saveDocuments([doc]);
    expect(await s.documentIdByUrl('https://news.example/a/1')).toBe(doc.id);
    expect(await s.documentIdByUrl('https://news.example/a/2')).toBeNull();
  });

  it('says whether one stored document still needs extraction by a given extractor version', async () => {
    const s = store();
    const doc = makeDocument(42);
    await s.saveDocuments([doc]);
    expect(await s.needsExtraction(doc.id, '2.0.0')).toBe(true);
    const framing = { insurgent: {}, state: {}, neutral: {} };
    await s.saveExtraction({
      docId: doc.id,
      mentions: [],
      aggregates: [],
      framing,
      extractorVersion: '2.0.0',
    });
    expect(await s.needsExtraction(doc.id, '2.0.0')).toBe(false);
    expect(await s.needsExtraction(doc.id, '1.9.0')).toBe(false);
    expect(await s.needsExtraction(doc.id, '2.1.0')).toBe(true);
    await expect(s.needsExtraction('doc_absent', '2.0.0')).rejects.toMatchObject({
      code: 'FL_ERR_NOT_FOUND',
    });
  });
}

/** Alert rules and their firings: every backend keeps one firing per rule and week. */
export function alertContractCases(store: () => Store): void {
  it('stores alert rules once and a firing once per rule and week, newest first', async () => {
    const s = store();
    const rule = {
      id: 'al_1',
      admin1: null,
      admin2: 'Kech',
      actor: null,
      type: null,
      minFatalities: 5,
      escalation: null,
      createdAt: '2026-01-01T00:00:00.000Z',
    };
    expect(await s.addAlertRule(rule)).toBe('added');
    expect(await s.addAlertRule(rule)).toBe('present');
    expect(await s.listAlertRules()).toEqual([rule]);
    const firing = (window: string, firedAt: string) => ({
      ruleId: 'al_1',
      window,
      firedAt,
      reason: '1 event with at least 5 killed',
      evidence: [
        { eventId: 'ev_1', date: '2026-01-05', place: 'Turbat', fatalities: { low: 5, best: 5, high: 9 } },
      ],
    });
    expect(await s.recordFiring(firing('2026-W02', '2026-01-06T00:00:00.000Z'))).toBe(true);
    expect(await s.recordFiring(firing('2026-W02', '2026-01-07T00:00:00.000Z'))).toBe(false);
    expect(await s.recordFiring(firing('2026-W03', '2026-01-13T00:00:00.000Z'))).toBe(true);
    const listed = await s.listFirings(10);
    expect(listed.map((f) => [f.window, f.firedAt])).toEqual([
      ['2026-W03', '2026-01-13T00:00:00.000Z'],
      ['2026-W02', '2026-01-06T00:00:00.000Z'],
    ]);
    expect(listed[1]).toEqual(firing('2026-W02', '2026-01-06T00:00:00.000Z'));
    expect(await s.listFirings(1)).toHaveLength(1);
  });
}
