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
  MAX_EVENT_OFFSET,
  type EventFilters,
  type EventListQuery,
} from '../../api/query-schemas.js';
import type { Document, EventRecord } from '../../domain/index.js';
import { FaultlineError } from '../../errors/errors.js';
import { eventDetail } from '../event-detail.js';
import type { EventCursor, EventQuery, EventTotal } from '../../store/store.js';
import type { RouteDeps } from '../route-deps.js';
import { decodeCursor, encodeCursor } from '../event-cursor.js';
import { cacheKey } from '../read-cache.js';
import { jsonWithArray, sendJsonParts } from '../json-bytes.js';
import { indexAnswers } from '../event-index/event-index.js';

/**
 * Totals of the event list are, by default, exact up to this many events and estimated beyond (labelled `totalIsEstimate`):
 * an exact count of a broad filter reads every match, tens of milliseconds at a million events, for a figure
 * that a reader takes in as "about 40,000" anyway.
 */
export const EXACT_TOTAL_UP_TO = 1_000;

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
        const { after: afterText, ...q } = request.query;
        const offset = q.offset ?? 0;
        const sort = q.sort ?? 'date';
        if (offset > MAX_EVENT_OFFSET)
          throw new FaultlineError(
            'FL_ERR_BAD_ARGUMENT',
            `offset=${offset}`,
            `deeper than ${MAX_EVENT_OFFSET}; page on with after= set to the previous answer's next`,
          );
        const after = afterText === undefined ? undefined : decodeCursor(afterText, sort);
        if (after !== undefined && offset > 0)
          throw new FaultlineError(
            'FL_ERR_BAD_ARGUMENT',
            `after=${afterText}&offset=${offset}`,
            'after already says where the page starts; leave offset out',
          );
        const filters = deps.resolveFilters({ ...q, limit: q.limit ?? 100, offset });
        const query: EventQuery = after === undefined ? filters : { ...filters, after };
        const next = (cursor: EventCursor | null) =>
          cursor === null ? 'null' : JSON.stringify(encodeCursor(sort, cursor));
        // Free text is the store's (its full-text index); every other filter the index answers, counted exactly,
        // and sends without the read cache: an answer costs it less than the cache's own bookkeeping, and written
        // as the records' bytes where they lie, it allocates no 100 kB buffer per answer for the collector.
        // (a free-text request skips the index's check with the store: it would only be sent to the store after)
        const index = indexAnswers(query) ? await deps.eventIndex?.current() : undefined;
        const held = index?.page(query, query.limit ?? 100);
        if (held) {
          sendJsonParts(
            reply,
            `{"total":${held.total},"totalIsEstimate":false,"next":${next(held.next)},"items":[`,
            held.items,
            ']}',
          );
          return reply;
        }
        // Records are stored as the JSON the schema describes: passing that text through, instead of parsing
        // and re-serialising 100 records, is most of what keeps a page of the list near a millisecond.
        const body = await deps.reads.get(
          // keyed by the cursor's text: cacheKey flattens one level, and the cursor is an object
          cacheKey('events', afterText === undefined ? filters : { ...filters, after: afterText }),
          async () => {
            const page = await deps.store.queryEventPage(query);
            // a first page that holds every match, or a page that ends them, has counted them already
            const counted =
              after === undefined && page.next === null && (offset === 0 || page.items.length > 0);
            const total = counted
              ? { total: offset + page.items.length, estimate: false }
              : await totalOf(deps, query);
            // held as bytes: encoding 100 records for every answer would cost as much as finding them
            return jsonWithArray(
              `{"total":${total.total},"totalIsEstimate":${total.estimate},"next":${next(page.next)},"items":[`,
              page.items,
              ']}',
            );
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

/** The list's total: exact up to EXACT_TOTAL_UP_TO, else an estimate, whatever page is asked for. */
function totalOf(deps: RouteDeps, query: EventQuery): Promise<EventTotal> {
  const { limit: _l, offset: _o, sort: _s, after: _a, ...filters } = query;
  return deps.reads.get(
    cacheKey('total', filters),
    () => deps.store.estimateEvents(filters, deps.exactTotalUpTo),
    () => 32,
  );
}
