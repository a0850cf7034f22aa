import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsync } from 'fastify';
import {
  EventDetailSchema,
  EventListSchema,
  EventPointsSchema,
  type EventPoint,
} from '../../api/event-schemas.js';
import {
  ErrorSchema,
  EventFiltersSchema,
  EventListQuerySchema,
  IdParamsSchema,
  type EventFilters,
  type EventListQuery,
} from '../../api/query-schemas.js';
import type { Document, EventRecord } from '../../domain/index.js';
import { FaultlineError } from '../../errors/errors.js';
import { eventDetail } from '../event-detail.js';
import type { EventQuery } from '../../store/store.js';
import type { RouteDeps } from '../route-deps.js';
import { cacheKey } from '../read-cache.js';

/** The map needs every matching event at once; beyond this many the answer says it was cut. */
export const MAX_POINTS = 50_000;

const PointsQuerySchema = Type.Object(
  {
    ...EventFiltersSchema.properties,
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_POINTS, default: MAX_POINTS })),
  },
  { additionalProperties: false },
);

function pointOf(r: EventRecord): EventPoint {
  return [
    r.id,
    r.location?.lat ?? null,
    r.location?.lon ?? null,
    r.date.start,
    r.event_type,
    r.fatalities?.best ?? null,
    r.location?.admin2 ?? null,
    r.location?.precision ?? 'country',
    r.location?.admin1 ?? null,
    r.date.precision,
  ];
}

export function eventsRoute(deps: RouteDeps): FastifyPluginAsync {
  return async (app) => {
    app.get<{ Querystring: EventListQuery }>(
      '/api/events',
      {
        schema: {
          summary: 'Events matching the filters, one page',
          querystring: EventListQuerySchema,
          response: { 200: EventListSchema, 400: ErrorSchema },
        },
      },
      async (request, reply) => {
        const q = request.query;
        const query = deps.resolveFilters({ ...q, limit: q.limit ?? 100, offset: q.offset ?? 0 });
        // Records are stored as the JSON the schema describes: passing that text through, instead of parsing
        // and re-serialising 100 records, is most of what keeps a page of the list near a millisecond.
        const body = await deps.reads.get(
          cacheKey('events', query),
          async () => {
            const [total, items] = await Promise.all([countOf(deps, query), collectJson(deps, query)]);
            // held as bytes: encoding 100 records for every answer would cost as much as finding them
            return Buffer.from(`{"total":${total},"items":[${items.join(',')}]}`);
          },
          (bytes) => bytes.byteLength,
        );
        return reply.type('application/json; charset=utf-8').send(body);
      },
    );

    app.get<{ Querystring: EventFilters & { limit?: number } }>(
      '/api/points',
      {
        schema: {
          summary: 'Every matching event as a compact map and timeline point',
          querystring: PointsQuerySchema,
          response: { 200: EventPointsSchema, 400: ErrorSchema },
        },
      },
      async (request) => {
        const { limit, ...filters } = request.query;
        const max = limit ?? MAX_POINTS;
        const query = deps.resolveFilters({ ...filters, sort: 'date', limit: max + 1 });
        const points: EventPoint[] = [];
        for await (const e of deps.store.queryEvents(query)) {
          if (points.length === max) return { total: await countOf(deps, query), truncated: true, points };
          points.push(pointOf(e.record));
        }
        return { total: points.length, truncated: false, points };
      },
    );

    app.get<{ Params: { id: string } }>(
      '/api/events/:id',
      {
        schema: {
          summary: 'One event with its merge decisions, claims table and highlighted sources',
          params: IdParamsSchema,
          response: { 200: EventDetailSchema, 404: ErrorSchema },
        },
      },
      async (request) => {
        const stored = await deps.store.getEvent(request.params.id);
        if (!stored) throw new FaultlineError('FL_ERR_NOT_FOUND', `event ${request.params.id}`);
        const docs = await Promise.all(stored.record.doc_ids.map((id) => deps.store.getDocument(id)));
        const operation = stored.record.operation_id
          ? await deps.store.getOperation(stored.record.operation_id)
          : null;
        return eventDetail(
          stored,
          docs.filter((d): d is Document => d !== null),
          operation,
        );
      },
    );
  };
}

/** The number of events matching the query's filters, whatever page it asks for. */
function countOf(deps: RouteDeps, query: EventQuery): Promise<number> {
  const { limit: _l, offset: _o, sort: _s, ...filters } = query;
  return deps.reads.get(
    cacheKey('count', filters),
    () => deps.store.countEvents(filters),
    () => 16,
  );
}

async function collectJson(deps: RouteDeps, query: EventQuery): Promise<string[]> {
  const items: string[] = [];
  // the store stops at the query's limit
  for await (const json of deps.store.queryEventJson(query)) items.push(json);
  return items;
}
