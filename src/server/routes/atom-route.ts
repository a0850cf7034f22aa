import { generateAtomFeed } from 'feedsmith';
import type { FastifyPluginAsync } from 'fastify';
import { ErrorSchema, EventFiltersSchema, type EventFilters } from '../../api/query-schemas.js';
import type { EventRecord } from '../../domain/index.js';
import type { RouteDeps } from '../route-deps.js';

/** Entries in one feed document: a reader polls often, so the newest hundred incidents are enough. */
const ATOM_ENTRIES = 100;

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

/**
 * GET /api/events.atom: any filter of the event list as an Atom feed (RFC 4287), newest incidents first, so that a
 * researcher can subscribe to "battles in Balochistan" in any feed reader. Each entry links to the event's page.
 */
export function atomRoute(deps: RouteDeps): FastifyPluginAsync {
  return async (app) => {
    app.get<{ Querystring: EventFilters }>(
      '/api/events.atom',
      {
        schema: {
          summary: 'The matching events as an Atom feed, newest first',
          querystring: EventFiltersSchema,
          response: { 400: ErrorSchema },
          produces: ['application/atom+xml; charset=utf-8'],
        },
      },
      async (request, reply) => {
        const query = deps.resolveFilters({ ...request.query, sort: '-date', limit: ATOM_ENTRIES });
        const origin = `${request.protocol}://${request.host}`;
        const self = `${origin}${request.url}`;
        const entries = [];
        for await (const stored of deps.store.queryEvents(query)) {
          const e = stored.record;
          entries.push({
            id: `${origin}/api/events/${encodeURIComponent(e.id)}`,
            title: { value: titleOf(e) },
            updated: updatedOf(e),
            published: day(e.date.start),
            summary: { value: summaryOf(e) },
            links: [
              { href: `${origin}/#/event/${encodeURIComponent(e.id)}`, rel: 'alternate', type: 'text/html' },
              ...e.sources
                .filter((s) => s.url !== null)
                .map((s) => ({ href: s.url!, rel: 'related', title: s.publisher ?? undefined })),
            ],
            categories: [{ term: e.event_type }, { term: e.sub_event_type }],
          });
        }
        const updated = entries.reduce((a, x) => (x.updated > a ? x.updated : a), new Date(0));
        const xml = generateAtomFeed({
          id: self,
          title: { value: 'Faultline events' },
          subtitle: { value: 'Conflict events extracted from news reports, every figure with its claimant' },
          updated,
          links: [{ href: self, rel: 'self', type: 'application/atom+xml' }],
          authors: [{ name: 'Faultline' }],
          generator: { text: 'Faultline' },
          entries,
        });
        return reply.type('application/atom+xml; charset=utf-8').send(xml);
      },
    );
  };
}
