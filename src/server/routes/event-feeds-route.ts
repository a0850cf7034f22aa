import fastifyEtag from '@fastify/etag';
import { generateAtomFeed, generateRssFeed } from 'feedsmith';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { ErrorSchema, EventFiltersSchema, type EventFilters } from '../../api/query-schemas.js';
import type { EventRecord } from '../../domain/index.js';
import type { RouteDeps } from '../route-deps.js';

/** Entries in one feed document: a reader polls often, so the newest hundred incidents are enough. */
const FEED_ENTRIES = 100;

function day(value: string): Date {
  return new Date(`${value}T00:00:00Z`);
}

/** When the record last changed as far as the reports tell: the latest report's day, else the incident's. */
function updatedOf(e: EventRecord): Date {
  const days = e.sources.map((s) => s.published).filter((p): p is string => p !== null);
  const latest = days.reduce((a, b) => (b > a ? b : a), e.date.end);
  return day(latest);
}

function titleOf(e: EventRecord): string {
  const where = [e.location?.name, e.location?.admin1].filter(Boolean).join(', ') || 'an unknown place';
  const dead = e.fatalities ? `, ${e.fatalities.best} killed` : '';
  const range =
    e.fatalities && e.fatalities.low !== e.fatalities.high
      ? ` (claims ${e.fatalities.low}–${e.fatalities.high})`
      : '';
  return `${e.sub_event_type} in ${where}, ${e.date.start}${dead}${range}`;
}

function summaryOf(e: EventRecord): string {
  const claims = e.claims.map((c) => `${c.claimant} (${c.stance}): ${c.best} ${c.metric}`).join('; ');
  return [e.notes, claims ? `Claims: ${claims}.` : ''].filter(Boolean).join(' ');
}

/** A source report of an event, as both feeds link it. */
interface SourceLink {
  readonly href: string;
  readonly publisher: string | null;
}

/** One event as both feeds show it. */
interface FeedEntry {
  /** The event's address in the API: the entry's id (Atom) or guid (RSS). */
  readonly id: string;
  /** The event's page in the web app. */
  readonly page: string;
  readonly title: string;
  readonly summary: string;
  readonly updated: Date;
  readonly published: Date;
  readonly sources: readonly SourceLink[];
  readonly categories: readonly string[];
  /** Where the event happened, for readers that map a feed (GeoRSS); absent when the place has no coordinates. */
  readonly point: { readonly lat: number; readonly lng: number } | undefined;
}

interface EventFeed {
  readonly self: string;
  readonly origin: string;
  readonly entries: readonly FeedEntry[];
  /** The latest entry's update (the epoch when there is none). */
  readonly updated: Date;
}

const FEED_TITLE = 'Faultline events';
const FEED_SUBTITLE = 'Conflict events extracted from news reports, every figure with its claimant';

function entryOf(e: EventRecord, origin: string): FeedEntry {
  const { lat, lon } = e.location ?? { lat: null, lon: null };
  return {
    id: `${origin}/api/events/${encodeURIComponent(e.id)}`,
    page: `${origin}/#/event/${encodeURIComponent(e.id)}`,
    title: titleOf(e),
    summary: summaryOf(e),
    updated: updatedOf(e),
    published: day(e.date.start),
    sources: e.sources.flatMap((s) => (s.url === null ? [] : [{ href: s.url, publisher: s.publisher }])),
    categories: [e.event_type, e.sub_event_type],
    point: lat !== null && lon !== null ? { lat, lng: lon } : undefined,
  };
}

/** The newest FEED_ENTRIES events under the request's filters, as the list answers them. */
async function eventFeed(
  deps: RouteDeps,
  request: FastifyRequest<{ Querystring: EventFilters }>,
): Promise<EventFeed> {
  const query = deps.resolveFilters({ ...request.query, sort: '-date', limit: FEED_ENTRIES });
  const origin = `${request.protocol}://${request.host}`;
  const entries: FeedEntry[] = [];
  for await (const stored of deps.store.queryEvents(query)) entries.push(entryOf(stored.record, origin));
  const updated = entries.reduce((a, x) => (x.updated > a ? x.updated : a), new Date(0));
  return { self: `${origin}${request.url}`, origin, entries, updated };
}

function atomXml(feed: EventFeed): string {
  return generateAtomFeed({
    id: feed.self,
    title: { value: FEED_TITLE },
    subtitle: { value: FEED_SUBTITLE },
    updated: feed.updated,
    links: [{ href: feed.self, rel: 'self', type: 'application/atom+xml' }],
    authors: [{ name: 'Faultline' }],
    generator: { text: 'Faultline' },
    entries: feed.entries.map((x) => ({
      id: x.id,
      title: { value: x.title },
      updated: x.updated,
      published: x.published,
      summary: { value: x.summary },
      links: [
        { href: x.page, rel: 'alternate', type: 'text/html' },
        ...x.sources.map((s) => ({ href: s.href, rel: 'related', title: s.publisher ?? undefined })),
      ],
      categories: x.categories.map((term) => ({ term })),
      georss: x.point ? { point: x.point } : undefined,
    })),
  });
}

/** RSS 2.0 has one link an item: the event's page; its reports are named in the description. */
function rssXml(feed: EventFeed): string {
  return generateRssFeed({
    title: FEED_TITLE,
    link: `${feed.origin}/`,
    description: FEED_SUBTITLE,
    lastBuildDate: feed.updated,
    generator: 'Faultline',
    atom: { links: [{ href: feed.self, rel: 'self', type: 'application/rss+xml' }] },
    items: feed.entries.map((x) => ({
      title: x.title,
      link: x.page,
      description: [
        x.summary,
        x.sources.length > 0
          ? `Reports: ${x.sources.map((s) => (s.publisher ? `${s.publisher} ${s.href}` : s.href)).join('; ')}.`
          : '',
      ]
        .filter(Boolean)
        .join(' '),
      // the API address identifies the event; it is not the page a reader opens (that is the link)
      guid: { value: x.id, isPermaLink: false },
      pubDate: x.published,
      categories: x.categories.map((name) => ({ name })),
      georss: x.point ? { point: x.point } : undefined,
    })),
  });
}

const FORMATS = [
  { path: '/api/events.atom', type: 'application/atom+xml; charset=utf-8', name: 'an Atom', render: atomXml },
  { path: '/api/events.rss', type: 'application/rss+xml; charset=utf-8', name: 'an RSS 2.0', render: rssXml },
] as const;

/**
 * GET /api/events.atom and /api/events.rss: any filter of the event list as a feed (Atom, RFC 4287, or RSS 2.0),
 * newest incidents first, so that a researcher can subscribe to "battles in Balochistan" in any feed reader. Each
 * entry links to the event's page and carries its place as a GeoRSS point, so a feed can be put on a map. Each
 * answer has an ETag, so that a reader polling an unchanged view gets a 304.
 */
export function eventFeedsRoute(deps: RouteDeps): FastifyPluginAsync {
  return async (app) => {
    // a feed reader polls: it sends back the ETag it was given and gets a 304 with no body while nothing changed
    // (this plugin's hook stays within these routes)
    await app.register(fastifyEtag);
    for (const format of FORMATS) {
      app.get<{ Querystring: EventFilters }>(
        format.path,
        {
          schema: {
            summary: `The matching events as ${format.name} feed, newest first`,
            querystring: EventFiltersSchema,
            response: { 400: ErrorSchema },
            produces: [format.type],
          },
        },
        async (request, reply) => reply.type(format.type).send(format.render(await eventFeed(deps, request))),
      );
    }
  };
}
