import { Type, type Static } from '@sinclair/typebox';
import { oneOf } from './one-of.js';

const IsoDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD, inclusive' });
const Name = Type.String({ minLength: 1, maxLength: 200 });

/** Characters of a free-text query at most: a search of several names and a phrase or two fits with room to spare. */
export const MAX_Q_LENGTH = 200;

/** The filters shared by the event list, the map points, the stats and the exports. */
export const EventFiltersSchema = Type.Object(
  {
    q: Type.Optional(
      Type.String({
        maxLength: MAX_Q_LENGTH,
        description:
          'free text: events whose place, actors, types, notes, claims or source sentences hold every word; ' +
          '"quoted phrases" as phrases; case and diacritics ignored; no operators',
      }),
    ),
    from: Type.Optional(IsoDate),
    to: Type.Optional(IsoDate),
    admin1: Type.Optional(Name),
    admin2: Type.Optional(Name),
    actor: Type.Optional(Name),
    type: Type.Optional(Name),
    publisher: Type.Optional(Name),
    contested: Type.Optional(Type.Boolean()),
    operation: Type.Optional(Name),
    document: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 200,
        description: 'Only the events this document is a source of',
      }),
    ),
    include_dismissed: Type.Optional(
      Type.Boolean({
        description:
          'also the events a person marked "not an incident" (left out by default; each is still read by its id)',
      }),
    ),
  },
  { additionalProperties: false },
);
export type EventFilters = Static<typeof EventFiltersSchema>;

/** The filter keys in the order the page writes them into its URL. */
export const FILTER_KEYS = [
  'q',
  'from',
  'to',
  'admin1',
  'admin2',
  'actor',
  'type',
  'publisher',
  'contested',
  'operation',
  'document',
  'include_dismissed',
] as const;

export const MAX_PAGE = 500;

/**
 * The deepest `offset` the event list accepts: a store reads every skipped key, so deeper pages follow the
 * answer's `next` (`after=`), which costs the same on every page.
 */
export const MAX_EVENT_OFFSET = 10_000;

export const EventListQuerySchema = Type.Object(
  {
    ...EventFiltersSchema.properties,
    sort: Type.Optional(oneOf(['date', '-date', 'fatalities', '-fatalities'])),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_PAGE, default: 100 })),
    // bounded in the route rather than here, so that the answer can say what to do instead
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000_000, default: 0 })),
    after: Type.Optional(
      Type.String({ minLength: 1, maxLength: 1000, description: "the previous page's next" }),
    ),
  },
  { additionalProperties: false },
);
export type EventListQuery = Static<typeof EventListQuerySchema>;

/** The source documents of the matching events, one page (GET /api/events/documents). */
export const EventDocumentsQuerySchema = Type.Object(
  {
    ...EventFiltersSchema.properties,
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_PAGE, default: 50 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000_000, default: 0 })),
  },
  { additionalProperties: false },
);
export type EventDocumentsQuery = Static<typeof EventDocumentsQuerySchema>;

export const STATS_DIMENSIONS = ['day', 'week', 'month', 'district', 'actor', 'type'] as const;

export const StatsQuerySchema = Type.Object(
  {
    ...EventFiltersSchema.properties,
    by: oneOf(STATS_DIMENSIONS),
  },
  { additionalProperties: false },
);
export type StatsQuery = Static<typeof StatsQuerySchema>;

export const StatsSchema = Type.Object({
  by: Type.String(),
  rows: Type.Array(Type.Object({ key: Type.String(), events: Type.Number(), fatalities: Type.Number() })),
});
export type Stats = Static<typeof StatsSchema>;

export const PageQuerySchema = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_PAGE, default: 50 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000_000, default: 0 })),
  },
  { additionalProperties: false },
);

export const IdParamsSchema = Type.Object({ id: Type.String({ minLength: 1, maxLength: 200 }) });

export const ErrorSchema = Type.Object({
  error: Type.String(),
  message: Type.String(),
  /** On a 500 only: the id under which the server logged the cause. */
  requestId: Type.Optional(Type.String()),
});
export type ApiError = Static<typeof ErrorSchema>;
