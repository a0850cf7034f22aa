import type { FastifyPluginAsync } from 'fastify';
import { ErrorSchema } from '../../api/query-schemas.js';
import {
  TrendDistrictsQuerySchema,
  TrendDistrictsSchema,
  TrendSeriesQuerySchema,
  TrendSeriesSchema,
  type TrendDistrictsQuery,
  type TrendSeriesQuery,
} from '../../api/trend-schemas.js';
import { cacheKey } from '../read-cache.js';
import type { RouteDeps } from '../route-deps.js';
import { districtWindows, districtsAnswer, seriesAnswer } from '../trend-answers.js';

/** The Trends page's two reads: a series over time, split by a dimension, and the district table. */
export function trendsRoute(deps: RouteDeps): FastifyPluginAsync {
  return async (app) => {
    app.get<{ Querystring: TrendSeriesQuery }>(
      '/api/trends/series',
      {
        schema: {
          summary:
            'Events and fatalities per day, week or month, split by district, actor or type (top N and other)',
          querystring: TrendSeriesQuerySchema,
          response: { 200: TrendSeriesSchema, 400: ErrorSchema },
        },
      },
      async (request) => {
        const { interval = 'week', split = 'district', top = 8, ...filters } = request.query;
        const query = deps.resolveFilters(filters);
        return deps.reads.get(
          cacheKey('trends/series', { ...query, interval, split, top }),
          async () =>
            seriesAnswer(await deps.store.eventTrend(query, interval, split, top), interval, split, query),
          (answer) => 64 + answer.periods.length * 64 * (answer.series.length + 2),
        );
      },
    );

    app.get<{ Querystring: TrendDistrictsQuery }>(
      '/api/trends/districts',
      {
        schema: {
          summary:
            'Each district: events this week or month, the one before, the same one a year ago, and how unusual it is',
          querystring: TrendDistrictsQuerySchema,
          response: { 200: TrendDistrictsSchema, 400: ErrorSchema },
        },
      },
      async (request) => {
        const {
          window = 'week',
          at: atParam,
          history: historyParam,
          threshold = 0.01,
          ...filters
        } = request.query;
        const history = historyParam ?? (window === 'week' ? 26 : 12);
        const query = deps.resolveFilters(filters);
        return deps.reads.get(
          cacheKey('trends/districts', { ...query, window, at: atParam, history, threshold }),
          async () => {
            let at = atParam ?? query.to;
            if (at === undefined) {
              const latest = await deps.store.queryEventPage({ ...query, sort: '-date', limit: 1 });
              const record = latest.items[0];
              if (record !== undefined) at = (JSON.parse(record) as { date: { start: string } }).date.start;
            }
            if (at === undefined)
              return {
                window,
                at: null,
                current: null,
                previous: null,
                yearAgo: null,
                history,
                threshold,
                rows: [],
              };
            const w = districtWindows(at, window, history);
            // the windows replace the filters' dates: the table is anchored on `at`
            const buckets = await deps.store.eventTrend(
              { ...query, from: w.periods[0]!.from, to: w.current.to },
              window,
              'district',
            );
            return districtsAnswer(buckets, window, at, history, threshold);
          },
          (answer) => 256 + answer.rows.length * 320,
        );
      },
    );
  };
}
