import fastifyEtag from '@fastify/etag';
import { generateAtomFeed } from 'feedsmith';
import type { FastifyPluginAsync } from 'fastify';
import {
  AlertsQuerySchema,
  AlertsSchema,
  type AlertsQuery,
  type AlertsWire,
} from '../../api/alert-schemas.js';
import { ErrorSchema } from '../../api/query-schemas.js';
import { describeEvidence, describeRule, evidenceLinks } from '../../domain/index.js';
import type { Store } from '../../store/store.js';
import type { RouteDeps } from '../route-deps.js';

/** Firings in one feed document: a reader polls often, and a rule fires at most once a week. */
const ATOM_ENTRIES = 100;
const DEFAULT_LIMIT = 50;

/** The scheme, host and port of a URL: a webhook's path or query often holds a token, which a read must not show. */
function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return '?';
  }
}

/** The rules, and the latest firings with their evidence (linked on `site`) and their deliveries. */
async function alertsView(store: Store, limit: number, site: string): Promise<AlertsWire> {
  const rules = await store.listAlertRules();
  const byId = new Map(rules.map((r) => [r.id, r]));
  const firings = await store.listFirings(limit);
  const deliveries = await store.listDeliveries(firings);
  const attempts = await store.listDeliveryAttempts(deliveries.map((d) => d.id));
  return {
    rules: rules.map((r) => ({ ...r, description: describeRule(r) })),
    firings: firings.map((f) => {
      const rule = byId.get(f.ruleId);
      return {
        ruleId: f.ruleId,
        rule: rule ? describeRule(rule) : null,
        window: f.window,
        from: f.period?.from ?? null,
        to: f.period?.to ?? null,
        firedAt: f.firedAt,
        reason: f.reason,
        escalation: f.escalation ?? null,
        // firings stored before the evidence carried its claims and places read as having none
        evidence: f.evidence.map((e) => ({
          eventId: e.eventId,
          date: e.date,
          place: e.place,
          admin2: e.admin2 ?? null,
          admin1: e.admin1 ?? null,
          eventType: e.eventType ?? null,
          subEventType: e.subEventType ?? null,
          actor: e.actor ?? null,
          fatalities: e.fatalities,
          contested: e.contested ?? (e.fatalities !== null && e.fatalities.low !== e.fatalities.high),
          basis: e.basis ?? null,
          claims: [...(e.claims ?? [])],
          links: evidenceLinks(site, e.eventId),
        })),
        deliveries: deliveries
          .filter((d) => d.ruleId === f.ruleId && d.window === f.window)
          .map((d) => ({
            id: d.id,
            webhookId: d.webhookId,
            host: originOf(d.url),
            status: d.status,
            attempts: d.attempts,
            nextAttemptAt: d.nextAttemptAt,
            lastError: d.lastError,
            log: attempts
              .filter((a) => a.deliveryId === d.id)
              .map((a) => ({
                attempt: a.attempt,
                at: a.at,
                httpStatus: a.httpStatus,
                error: a.error,
                durationMs: a.durationMs,
              })),
          })),
      };
    }),
  };
}

/**
 * GET /api/alerts (the rules and the latest firings, each with its evidence and its webhook deliveries) and
 * GET /api/alerts.atom (the firings as an Atom feed, one entry per firing, linking to its events), each with an
 * ETag.
 */
export function alertsRoute(deps: RouteDeps): FastifyPluginAsync {
  return async (app) => {
    // both are polled (a feed reader, a dashboard): an unchanged answer is a 304 to whoever sends its ETag back
    await app.register(fastifyEtag);
    app.get<{ Querystring: AlertsQuery }>(
      '/api/alerts',
      {
        schema: {
          summary: 'Alert rules and their latest firings, with evidence and webhook delivery status',
          querystring: AlertsQuerySchema,
          response: { 200: AlertsSchema, 400: ErrorSchema },
        },
      },
      async (request) =>
        alertsView(deps.store, request.query.limit ?? DEFAULT_LIMIT, `${request.protocol}://${request.host}`),
    );
    app.get(
      '/api/alerts.atom',
      {
        schema: {
          summary: 'The latest alert firings as an Atom feed, newest first',
          produces: ['application/atom+xml; charset=utf-8'],
        },
      },
      async (request, reply) => {
        const origin = `${request.protocol}://${request.host}`;
        const self = `${origin}${request.url}`;
        const view = await alertsView(deps.store, ATOM_ENTRIES, origin);
        const entries = view.firings.map((f) => {
          const firstPage = f.evidence[0]?.links.page;
          return {
            // a firing is one (rule, window) for ever: its id is built from them, never from the host it was read at
            id: `urn:faultline:alert:${f.ruleId}:${f.window}`,
            title: { value: `${f.rule ?? f.ruleId} fired for ${f.window}` },
            updated: new Date(f.firedAt),
            published: new Date(f.firedAt),
            summary: {
              value: [`${f.reason}.`, ...f.evidence.map(describeEvidence)].join('\n'),
            },
            links: [
              ...(firstPage ? [{ href: firstPage, rel: 'alternate', type: 'text/html' }] : []),
              ...f.evidence.slice(1).map((e) => ({ href: e.links.page, rel: 'related', type: 'text/html' })),
              { href: `${origin}/api/alerts`, rel: 'via', type: 'application/json' },
            ],
            categories: [{ term: f.ruleId }],
          };
        });
        const updated = entries.reduce((a, x) => (x.updated > a ? x.updated : a), new Date(0));
        const xml = generateAtomFeed({
          id: self,
          title: { value: 'Faultline alerts' },
          subtitle: { value: 'Alert rules that fired, each with the events and figures behind it' },
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
