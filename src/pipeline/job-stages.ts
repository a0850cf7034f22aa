import { FaultlineError } from '../errors/errors.js';
import { EXTRACTOR_VERSION } from '../extract/extract-document.js';
import type { FeedItem } from '../feeds/parse-feed.js';
import { buildDocument } from '../ingest/build-document.js';
import type { Feed, Store } from '../store/store.js';
import { extractAndSave } from './extract-and-save.js';
import type { ResolutionMemo } from './resolution-memo.js';
import { resolvePending, type PendingSummary, type ResolutionLane } from './resolve-pending.js';
import { refreshPublisherProfiles } from './resolve-stored.js';
import { itemInput, later, pollThroughGate, type WatchDeps } from './watch-feeds.js';

/**
 * The stages of the job queue (src/queue), one function per kind of job, each safe to run twice: a second run
 * finds its work done and changes nothing. They meet the store here, as every stage does.
 */

/** A feed item handed from a poll to the job that fetches its page: the feed's part of it travels along. */
export interface ItemToFetch {
  readonly feedUrl: string;
  readonly publisher: string | null;
  readonly item: FeedItem;
}

export type FeedPollOutcome =
  | { readonly kind: 'absent' | 'not-due' | 'not-modified' }
  | { readonly kind: 'failed'; readonly error: string }
  | { readonly kind: 'polled'; readonly items: number; readonly handedOn: number };

/**
 * Polls one feed if it is due, hands the items not held yet (by link) to `handOn`, and only then records the
 * poll: a worker killed in between leaves the feed due, so that the retried job polls again rather than losing
 * the items behind a 304. A feed that is not due (a second run of the job) is left alone.
 */
export async function pollFeedForJobs(
  deps: Pick<WatchDeps, 'store' | 'fetch' | 'gate' | 'now'>,
  url: string,
  handOn: (items: readonly ItemToFetch[]) => Promise<void>,
): Promise<FeedPollOutcome> {
  const feed = await deps.store.getFeed(url);
  if (feed === null) return { kind: 'absent' };
  const polledAt = deps.now();
  if (feed.nextPollAt > polledAt.toISOString()) return { kind: 'not-due' };
  const result = await pollThroughGate(deps, feed);
  const base = { polledAt: polledAt.toISOString(), itemsSeen: 0, itemsStored: 0, error: null };
  if (result.kind === 'not-modified') {
    await deps.store.recordFeedPoll(url, {
      ...base,
      status: 'not-modified',
      nextPollAt: next(feed, polledAt),
    });
    return { kind: 'not-modified' };
  }
  if (result.kind === 'failed') {
    const wait = Math.max(feed.everySeconds, result.retryAfterSeconds ?? 0);
    const error = result.error.message;
    await deps.store.recordFeedPoll(url, {
      ...base,
      status: 'failed',
      error,
      nextPollAt: later(polledAt, wait),
    });
    return { kind: 'failed', error };
  }
  const fresh: ItemToFetch[] = [];
  for (const item of result.items) {
    if (item.link && (await deps.store.documentIdByUrl(item.link)) !== null) continue;
    fresh.push({ feedUrl: feed.url, publisher: feed.publisher, item });
  }
  await handOn(fresh);
  // with a queue, the items are stored by the jobs handed them: "stored" counts those handed on
  await deps.store.recordFeedPoll(url, {
    ...base,
    status: 'ok',
    etag: result.etag,
    lastModified: result.lastModified,
    itemsSeen: result.items.length,
    itemsStored: fresh.length,
    nextPollAt: next(feed, polledAt),
  });
  return { kind: 'polled', items: result.items.length, handedOn: fresh.length };
}

function next(feed: Feed, polledAt: Date): string {
  return later(polledAt, feed.everySeconds);
}

/**
 * Fetches an item's page (its feed summary when the page cannot be fetched) and stores it as a document; returns
 * its id. An item whose link is held already costs nothing; a document is keyed by its clean text, so storing one
 * twice stores it once. An item with nothing to read throws its one line (FL_ERR_FEED_ITEM, or the page's error);
 * a page whose host asked to be left alone throws HostDeferredError, for the job to be sent again for later.
 */
export async function storeFeedItem(
  deps: Pick<WatchDeps, 'store' | 'fetch' | 'gate' | 'report'>,
  handed: ItemToFetch,
): Promise<string> {
  const { item } = handed;
  if (item.link) {
    const held = await deps.store.documentIdByUrl(item.link);
    if (held !== null) return held;
  }
  const problems: string[] = [];
  const raw = await itemInput(
    { ...deps, report: (line) => problems.push(line) },
    { url: handed.feedUrl, publisher: handed.publisher },
    item,
  );
  // a page that failed but whose summary was read is said on the job's log line, not as its failure
  for (const line of raw ? problems : []) deps.report(line);
  // itemInput said why on one line: the page's own error, or that the item has nothing to read
  if (raw === null) throw new Error(problems[0] ?? `${handed.feedUrl}: "${item.title ?? 'untitled'}"`);
  const doc = buildDocument(raw, {
    published: null,
    publisher: handed.publisher,
    maxBytes: deps.fetch.maxBytes,
  });
  if (doc instanceof FaultlineError) throw doc;
  await deps.store.saveDocuments([doc]);
  return doc.id;
}

/**
 * Extracts one stored document and saves its mentions (marked for resolution), unless this extractor version has
 * extracted it already. Returns whether it extracted, and how many mentions it saved.
 */
export async function extractStoredDocument(
  deps: Pick<WatchDeps, 'store' | 'knowledge'>,
  docId: string,
): Promise<{ readonly extracted: boolean; readonly mentions: number }> {
  if (!(await deps.store.needsExtraction(docId, EXTRACTOR_VERSION))) return { extracted: false, mentions: 0 };
  const doc = await deps.store.getDocument(docId);
  if (doc === null) throw new FaultlineError('FL_ERR_NOT_FOUND', `document ${docId}`);
  if (deps.knowledge === null)
    throw new FaultlineError('FL_ERR_KNOWLEDGE', 'extraction', 'no knowledge loaded');
  const result = await extractAndSave(deps.store, doc, deps.knowledge);
  if (!result.ok) throw new Error(result.problem);
  return { extracted: true, mentions: result.mentions.length };
}

/**
 * What the scheduler hands the queue on one tick: the feeds due now (up to `limit`), and whether mentions wait
 * for resolution (a safety net should the job that was to resolve them have failed for good).
 */
export async function dueWork(
  store: Store,
  now: Date,
  limit: number,
): Promise<{ readonly feeds: readonly string[]; readonly pendingMentions: number }> {
  const feeds = (await store.dueFeeds(now.toISOString(), limit)).map((f) => f.url);
  return { feeds, pendingMentions: await store.countPendingMentions() };
}

/**
 * One round of resolution of the pending mentions (up to SEEDS_PER_ROUND, in the blocking key's order; in `lane`,
 * over the cells it can hold beside other lanes' rounds), then, when it leaves none pending, the publisher
 * profiles; says whether mentions are pending still, saved by other workers meanwhile or beyond the round, for the
 * caller to ask for another resolution rather than chase them here.
 */
export async function resolveOneRound(
  store: Store,
  memo: ResolutionMemo,
  lane?: ResolutionLane,
): Promise<PendingSummary & { readonly pendingLeft: number }> {
  const summary = await resolvePending(store, { maxRounds: 1, refreshProfiles: false, memo, lane });
  const pendingLeft = await store.countPendingMentions();
  // rebuilt once a backlog is worked off, not after each of its rounds: a rebuild reads every event that two
  // publishers report, and the job that takes the last round does it
  if (summary.rounds > 0 && pendingLeft === 0) await refreshPublisherProfiles(store);
  return { ...summary, pendingLeft };
}
