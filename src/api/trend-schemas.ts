import { Type, type Static } from '@sinclair/typebox';
import { oneOf } from './one-of.js';
import { EventFiltersSchema } from './query-schemas.js';

const NullableString = Type.Unsafe<string | null>({ type: ['string', 'null'] });
const NullableNumber = Type.Unsafe<number | null>({ type: ['number', 'null'] });
const IsoDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' });

export const TREND_INTERVALS = ['day', 'week', 'month'] as const;
export const TREND_SPLITS = ['district', 'actor', 'type'] as const;
export const TREND_WINDOWS = ['week', 'month'] as const;

/** Most split keys drawn apart in a series; the rest are summed as "Other". */
export const MAX_TREND_TOP = 20;

export const TrendSeriesQuerySchema = Type.Object(
  {
    ...EventFiltersSchema.properties,
    interval: Type.Optional(oneOf(TREND_INTERVALS)),
    split: Type.Optional(oneOf(TREND_SPLITS)),
    top: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: MAX_TREND_TOP,
        default: 8,
        description: 'split keys with the most events drawn apart; the others are summed under key null',
      }),
    ),
  },
  { additionalProperties: false },
);
export type TrendSeriesQuery = Static<typeof TrendSeriesQuerySchema>;

/** A bucket: its label (YYYY-MM-DD, YYYY-Www or YYYY-MM) and its first and last day. */
export const PeriodSchema = Type.Object({ label: Type.String(), from: IsoDate, to: IsoDate });
export type PeriodWire = Static<typeof PeriodSchema>;

export const TrendSeriesSchema = Type.Object({
  interval: Type.String(),
  split: Type.String(),
  /** Every bucket from the first to the last, those without events included. */
  periods: Type.Array(PeriodSchema),
  series: Type.Array(
    Type.Object({
      key: Type.Unsafe<string | null>({
        type: ['string', 'null'],
        description: 'the split value (as a filter takes it), or null for every other event',
      }),
      name: Type.String(),
      events: Type.Array(Type.Number(), { description: 'per period, in the order of periods' }),
      fatalities: Type.Array(Type.Number(), { description: 'sum of the best figures, per period' }),
      totalEvents: Type.Number(),
      totalFatalities: Type.Number(),
    }),
  ),
  totals: Type.Object({ events: Type.Array(Type.Number()), fatalities: Type.Array(Type.Number()) }),
});
export type TrendSeries = Static<typeof TrendSeriesSchema>;

export const TrendDistrictsQuerySchema = Type.Object(
  {
    ...EventFiltersSchema.properties,
    window: Type.Optional(oneOf(TREND_WINDOWS)),
    at: Type.Optional({
      ...IsoDate,
      description: 'a day of the current window; by default `to`, else the day of the latest matching event',
    }),
    history: Type.Optional(
      Type.Integer({
        minimum: 2,
        maximum: 104,
        description: 'windows of history the escalation is measured against (default 26 weeks, 12 months)',
      }),
    ),
    threshold: Type.Optional(
      Type.Number({
        exclusiveMinimum: 0,
        exclusiveMaximum: 1,
        default: 0.01,
        description: 'a district is escalating when P(a count this high) is below it',
      }),
    ),
  },
  { additionalProperties: false },
);
export type TrendDistrictsQuery = Static<typeof TrendDistrictsQuerySchema>;

const Counts = Type.Object({ events: Type.Number(), fatalities: Type.Number() });

export const TrendDistrictsSchema = Type.Object({
  window: Type.String(),
  at: NullableString,
  current: Type.Unsafe<PeriodWire | null>({ ...PeriodSchema, type: ['object', 'null'] }),
  previous: Type.Unsafe<PeriodWire | null>({ ...PeriodSchema, type: ['object', 'null'] }),
  yearAgo: Type.Unsafe<PeriodWire | null>({ ...PeriodSchema, type: ['object', 'null'] }),
  history: Type.Integer(),
  threshold: Type.Number(),
  rows: Type.Array(
    Type.Object({
      key: Type.String(),
      district: Type.String(),
      current: Counts,
      previous: Counts,
      yearAgo: Counts,
      change: Type.Number({ description: 'events this period less the previous one' }),
      changePercent: NullableNumber,
      yearChange: Type.Number({ description: 'events this period less the same period a year before' }),
      yearChangePercent: NullableNumber,
      baseline: Type.Number({ description: 'mean events per window over the history' }),
      probability: Type.Number({
        description: 'P(a count at least this high | the history), docs/trends.md',
      }),
      escalating: Type.Boolean(),
    }),
  ),
});
export type TrendDistricts = Static<typeof TrendDistrictsSchema>;
