import type { FastifyPluginAsync } from 'fastify';
import { ErrorSchema, StatsQuerySchema, StatsSchema, type StatsQuery } from '../../api/query-schemas.js';
import type { RouteDeps } from '../route-deps.js';

export function statsRoute(deps: RouteDeps): FastifyPluginAsync {
  return async (app) => {
    app.get<{ Querystring: StatsQuery }>(
      '/api/stats',
      {
        schema: {
          summary: 'Events and fatalities grouped by day, week, month, district, actor or type',
          querystring: StatsQuerySchema,
          response: { 200: StatsSchema, 400: ErrorSchema },
        },
      },
      async (request) => {
        const { by, ...filters } = request.query;
        const rows = await deps.store.eventStats(deps.resolveFilters(filters), by);
        return { by, rows };
      },
    );
  };
}
