import { parseFeed } from 'feedsmith';
import { FaultlineError } from '../errors/errors.js';

/** One entry of a feed, read the same way whether it came from RSS 2.0, Atom or JSON Feed. */
export interface FeedItem {
  /** The entry's page, when it gives an http(s) one. */
  readonly link: string | null;
  readonly title: string | null;
  /** The entry's own text or summary, markup left in: the fallback when its page cannot be fetched. */
  readonly summary: string | null;
  /** YYYY-MM-DD, when the entry carries a readable date. */
  readonly published: string | null;
}

export interface ParsedFeed {
  readonly title: string | null;
  readonly items: readonly FeedItem[];
}

type Text = string | { readonly value?: string } | undefined;

function text(value: Text): string | null {
  const s = typeof value === 'string' ? value : value?.value;
  const trimmed = s?.trim();
  return trimmed ? trimmed : null;
}

function httpLink(value: string | undefined, base: string): string | null {
  if (!value) return null;
  try {
    const url = new URL(value.trim(), base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

function day(value: string | undefined): string | null {
  if (!value) return null;
  const time = Date.parse(value);
  return Number.isNaN(time) ? null : new Date(time).toISOString().slice(0, 10);
}

interface LooseEntry {
  readonly title?: Text;
  readonly link?: string;
  readonly links?: readonly { readonly href?: string; readonly rel?: string }[];
  readonly url?: string;
  readonly description?: string;
  readonly summary?: Text;
  readonly content?: Text | { readonly encoded?: string };
  readonly content_text?: string;
  readonly content_html?: string;
  readonly pubDate?: string;
  readonly published?: string;
  readonly updated?: string;
  readonly date_published?: string;
  readonly guid?: { readonly value?: string; readonly isPermaLink?: boolean };
}

function itemOf(e: LooseEntry, base: string): FeedItem {
  const alternate = e.links?.find((l) => !l.rel || l.rel === 'alternate')?.href;
  const permalink = e.guid?.isPermaLink !== false ? e.guid?.value : undefined;
  const encoded = (e.content as { encoded?: string } | undefined)?.encoded;
  return {
    link: httpLink(e.link ?? alternate ?? e.url, base) ?? httpLink(permalink, base),
    title: text(e.title),
    summary:
      text(encoded) ??
      text(e.content_html) ??
      text(e.content_text) ??
      text(e.content as Text) ??
      text(e.description) ??
      text(e.summary),
    published: day(e.pubDate ?? e.published ?? e.date_published ?? e.updated),
  };
}

/**
 * The entries of a feed body (RSS 2.0, RSS 1.0, Atom or JSON Feed, told apart by feedsmith). `url` is where it was
 * read, for relative links. A body that is no feed gives one FaultlineError naming the feed.
 */
export function parseFeedItems(body: string, url: string): ParsedFeed | FaultlineError {
  let parsed: ReturnType<typeof parseFeed>;
  try {
    parsed = parseFeed(body);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return new FaultlineError('FL_ERR_FEED_FORMAT', url, detail);
  }
  const feed = parsed.feed as { title?: Text; items?: LooseEntry[]; entries?: LooseEntry[] };
  const entries = feed.items ?? feed.entries ?? [];
  return { title: text(feed.title), items: entries.map((e) => itemOf(e, url)) };
}
