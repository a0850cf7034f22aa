import { FaultlineError, describeError } from '../errors/errors.js';
import { guardedGet, type OutboundGuard } from '../ingest/guarded-get.js';
import { decodeText, readCapped } from '../ingest/input-bytes.js';
import type { Feed } from '../store/store.js';
import { parseFeedItems, type FeedItem } from './parse-feed.js';

export interface PollOptions {
  readonly guard: OutboundGuard;
  readonly timeoutMs: number;
  readonly maxBytes: number;
}

/** What one poll of a feed gave. */
export type PollResult =
  | { readonly kind: 'not-modified' }
  | {
      readonly kind: 'items';
      readonly items: readonly FeedItem[];
      readonly etag: string | null;
      readonly lastModified: string | null;
    }
  | { readonly kind: 'failed'; readonly error: FaultlineError; readonly retryAfterSeconds: number | null };

/** Retry-After as seconds (a number of seconds, or an HTTP date), or null. */
export function retryAfterSeconds(value: string | null, now: number = Date.now()): number | null {
  if (value === null) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds);
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - now) / 1000));
}

/**
 * GETs a feed conditionally (If-None-Match / If-Modified-Since from its last poll) through the outbound guard and
 * reads its entries. Never throws: every failure is a 'failed' result naming the feed.
 */
export async function pollFeed(feed: Feed, options: PollOptions): Promise<PollResult> {
  const headers: Record<string, string> = {
    accept:
      'application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, */*;q=0.5',
  };
  if (feed.etag) headers['if-none-match'] = feed.etag;
  if (feed.lastModified) headers['if-modified-since'] = feed.lastModified;
  const signal = AbortSignal.timeout(options.timeoutMs);
  try {
    const response = await guardedGet(feed.url, { guard: options.guard, signal, headers });
    if (response.status === 304) {
      response.body.resume();
      return { kind: 'not-modified' };
    }
    if (response.status < 200 || response.status > 299) {
      response.body.resume();
      return {
        kind: 'failed',
        error: new FaultlineError('FL_ERR_HTTP_STATUS', feed.url, `HTTP ${response.status}`),
        retryAfterSeconds: retryAfterSeconds(response.header('retry-after')),
      };
    }
    const read = await readCapped(response.body, options.maxBytes);
    if (!read.ok) {
      response.body.destroy();
      const error = new FaultlineError('FL_ERR_INPUT_TOO_LARGE', feed.url, `over ${options.maxBytes} bytes`);
      return { kind: 'failed', error, retryAfterSeconds: null };
    }
    const charset = /charset=["']?([\w.:-]+)/.exec(response.header('content-type') ?? '')?.[1] ?? null;
    const parsed = parseFeedItems(decodeText(read.bytes, charset), feed.url);
    if (parsed instanceof FaultlineError) return { kind: 'failed', error: parsed, retryAfterSeconds: null };
    return {
      kind: 'items',
      items: parsed.items,
      etag: response.header('etag'),
      lastModified: response.header('last-modified'),
    };
  } catch (error) {
    const coded =
      error instanceof FaultlineError
        ? error
        : signal.aborted
          ? new FaultlineError('FL_ERR_HTTP_TIMEOUT', feed.url)
          : new FaultlineError('FL_ERR_HTTP_NETWORK', feed.url, describeError(error));
    return { kind: 'failed', error: coded, retryAfterSeconds: null };
  }
}
