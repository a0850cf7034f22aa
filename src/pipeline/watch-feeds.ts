import type { Document } from '../domain/index.js';
import { FaultlineError } from '../errors/errors.js';
import { HostDeferredError, type HostGate } from '../feeds/host-gate.js';
import type { FeedItem } from '../feeds/parse-feed.js';
import { pollFeed, type PollOptions, type PollResult } from '../feeds/poll-feed.js';
import { buildDocument } from '../ingest/build-document.js';
import { fetchInput } from '../ingest/fetch-input.js';
import type { RawInput } from '../ingest/types.js';
import type { Feed } from '../store/store.js';
import { ingestDocuments } from './ingest-documents.js';
import type { IngestDeps } from './ingest-types.js';

export interface WatchDeps extends Pick<IngestDeps, 'store' | 'knowledge' | 'report'> {
  readonly fetch: PollOptions;
  readonly gate: HostGate;
  readonly now: () => Date;
}

/** What one round over the due feeds did. */
export interface RoundSummary {
  readonly feeds: number;
  readonly notModified: number;
  readonly failed: number;
  readonly itemsSeen: number;
  readonly itemsStored: number;
  readonly events: number;
}

/** Feeds polled in one round at most: a large backlog is worked through over several rounds. */
const FEEDS_PER_ROUND = 200;

export function later(now: Date, seconds: number): string {
  return new Date(now.getTime() + seconds * 1000).toISOString();
}

/**
 * A feed's poll through the host gate, its Retry-After kept by the gate for every request to its host. A host
 * that asked to be left alone longer than the gate waits is a failed poll, put off as long.
 */
export async function pollThroughGate(
  deps: Pick<WatchDeps, 'fetch' | 'gate'>,
  feed: Feed,
): Promise<PollResult> {
  try {
    return await deps.gate.run(
      feed.url,
      () => pollFeed(feed, deps.fetch),
      (r) => (r.kind === 'failed' ? r.retryAfterSeconds : null),
    );
  } catch (error) {
    if (error instanceof HostDeferredError)
      return { kind: 'failed', error, retryAfterSeconds: error.waitSeconds };
    throw error;
  }
}

/**
 * The page of an item as `ingest` reads it, else its feed summary (said so on stderr), else null (reported).
 * Throws HostDeferredError when the page's host asked to be left alone: the caller fetches it later.
 */
export async function itemInput(
  deps: Pick<WatchDeps, 'fetch' | 'gate' | 'report'>,
  feed: Pick<Feed, 'url' | 'publisher'>,
  item: FeedItem,
): Promise<RawInput | null> {
  const meta = { publisher: feed.publisher, published: item.published, title: item.title };
  let failure: string | null = null;
  if (item.link) {
    const link = item.link;
    const page = await deps.gate.run(link, () => fetchInput(link, deps.fetch));
    if (page.ok) {
      const own = page.raw.meta;
      return { ...page.raw, meta: { ...own, ...meta, title: own.title ?? meta.title, url: own.url ?? link } };
    }
    failure = page.error.message;
  }
  if (item.summary) {
    if (failure) deps.report(`${failure}; its feed summary is read instead`);
    // the origin says the text is the feed's summary, not the article: `documents` shows it
    const origin = `${item.link ?? feed.url} (feed summary)`;
    return { origin, format: 'html', content: item.summary, meta: { ...meta, url: item.link } };
  }
  deps.report(
    failure ?? new FaultlineError('FL_ERR_FEED_ITEM', `${feed.url}: "${item.title ?? 'untitled'}"`).message,
  );
  return null;
}

/** Polls one feed, stores and extracts its new items, and records the poll. Never throws for a bad feed. */
async function watchFeed(
  deps: WatchDeps,
  feed: Feed,
  ingestOne: (docs: readonly Document[]) => Promise<{ stored: number; events: number }>,
): Promise<RoundSummary> {
  const polledAt = deps.now();
  const result = await pollThroughGate(deps, feed);
  const base = { polledAt: polledAt.toISOString(), itemsSeen: 0, itemsStored: 0, error: null };
  const empty = { feeds: 1, notModified: 0, failed: 0, itemsSeen: 0, itemsStored: 0, events: 0 };
  if (result.kind === 'not-modified') {
    await deps.store.recordFeedPoll(feed.url, {
      ...base,
      status: 'not-modified',
      nextPollAt: later(polledAt, feed.everySeconds),
    });
    return { ...empty, notModified: 1 };
  }
  if (result.kind === 'failed') {
    deps.report(result.error.message);
    const wait = Math.max(feed.everySeconds, result.retryAfterSeconds ?? 0);
    await deps.store.recordFeedPoll(feed.url, {
      ...base,
      status: 'failed',
      error: result.error.message,
      nextPollAt: later(polledAt, wait),
    });
    return { ...empty, failed: 1 };
  }
  const docs: Document[] = [];
  let deferred: HostDeferredError | null = null;
  for (const item of result.items) {
    // an item already held (by its link) costs no fetch and no extraction; one held by its text is found by id
    if (item.link && (await deps.store.documentIdByUrl(item.link)) !== null) continue;
    const raw = await itemInput(deps, feed, item).catch((error: unknown) => {
      if (error instanceof HostDeferredError) return error;
      throw error;
    });
    if (raw instanceof HostDeferredError) {
      deferred = raw;
      break;
    }
    if (!raw) continue;
    const doc = buildDocument(raw, {
      published: null,
      publisher: feed.publisher,
      maxBytes: deps.fetch.maxBytes,
    });
    if (doc instanceof FaultlineError) deps.report(doc.message);
    else docs.push(doc);
  }
  const { stored, events } = docs.length > 0 ? await ingestOne(docs) : { stored: 0, events: 0 };
  if (deferred !== null) {
    // the items after it are read at the next poll, which comes when the host allows: the validators are not
    // kept, so that poll is not answered 304
    deps.report(deferred.message);
    await deps.store.recordFeedPoll(feed.url, {
      ...base,
      status: 'failed',
      error: deferred.message,
      itemsSeen: result.items.length,
      itemsStored: stored,
      nextPollAt: later(polledAt, Math.max(feed.everySeconds, deferred.waitSeconds)),
    });
    return { ...empty, failed: 1, itemsSeen: result.items.length, itemsStored: stored, events };
  }
  await deps.store.recordFeedPoll(feed.url, {
    ...base,
    status: 'ok',
    etag: result.etag,
    lastModified: result.lastModified,
    itemsSeen: result.items.length,
    itemsStored: stored,
    nextPollAt: later(polledAt, feed.everySeconds),
  });
  return { ...empty, itemsSeen: result.items.length, itemsStored: stored, events };
}

/**
 * One round of `watch`: every due feed is polled (feeds on different hosts at once, one request at a time per
 * host), its new items fetched, stored, extracted and resolved, and each poll recorded with when the next is due.
 */
export async function pollDueFeeds(deps: WatchDeps): Promise<RoundSummary> {
  const due = await deps.store.dueFeeds(deps.now().toISOString(), FEEDS_PER_ROUND);
  // the network work runs concurrently; storing and resolving run one batch at a time
  let writing: Promise<unknown> = Promise.resolve();
  const ingestOne = (docs: readonly Document[]) => {
    const next = writing.then(() => ingestDocuments(deps, docs));
    writing = next.catch(() => undefined);
    return next.then(({ summary }) => ({ stored: summary.stored, events: summary.events }));
  };
  const rounds = await Promise.all(due.map((feed) => watchFeed(deps, feed, ingestOne)));
  return rounds.reduce(
    (a, r) => ({
      feeds: a.feeds + r.feeds,
      notModified: a.notModified + r.notModified,
      failed: a.failed + r.failed,
      itemsSeen: a.itemsSeen + r.itemsSeen,
      itemsStored: a.itemsStored + r.itemsStored,
      events: a.events + r.events,
    }),
    { feeds: 0, notModified: 0, failed: 0, itemsSeen: 0, itemsStored: 0, events: 0 },
  );
}
