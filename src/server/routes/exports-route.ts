import { Readable } from 'node:stream';
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsync } from 'fastify';
import { oneOf } from '../../api/one-of.js';
import { ErrorSchema, EventFiltersSchema, type EventFilters } from '../../api/query-schemas.js';
import type { EventRecord } from '../../domain/index.js';
import { EXPORT_FORMATS, exportEvents, type ExportFormat } from '../../export/export-events.js';
import type { EventQuery, Store } from '../../store/store.js';
import type { RouteDeps } from '../route-deps.js';

/** Content type and file extension of each export format. */
export const EXPORT_MEDIA: Readonly<Record<string, { type: string; ext: string }>> = {
  jsonl: { type: 'application/x-ndjson; charset=utf-8', ext: 'jsonl' },
  csv: { type: 'text/csv; charset=utf-8', ext: 'csv' },
  acled: { type: 'text/csv; charset=utf-8', ext: 'acled.csv' },
  ucdp: { type: 'text/csv; charset=utf-8', ext: 'ucdp.csv' },
  geojson: { type: 'application/geo+json; charset=utf-8', ext: 'geojson' },
};

async function* recordsOf(store: Store, query: EventQuery): AsyncGenerator<EventRecord> {
  for await (const e of store.queryEvents(query)) yield e.record;
}

export function exportsRoute(deps: RouteDeps): FastifyPluginAsync {
  return async (app) => {
    app.get<{ Params: { format: ExportFormat }; Querystring: EventFilters }>(
      '/api/export/:format',
      {
        schema: {
          summary: 'The matching events in an export format, streamed as a download',
          params: Type.Object({ format: oneOf(EXPORT_FORMATS) }),
          querystring: EventFiltersSchema,
          response: { 400: ErrorSchema },
          produces: [...new Set(Object.values(EXPORT_MEDIA).map((m) => m.type))],
        },
      },
      async (request, reply) => {
        const format = request.params.format;
        const query = deps.resolveFilters({ ...request.query, sort: 'date' });
        const media = EXPORT_MEDIA[format] ?? { type: 'text/plain; charset=utf-8', ext: format };
        const stream = Readable.from(exportEvents(format, recordsOf(deps.store, query)), {
          objectMode: false,
        });
        return reply
          .type(media.type)
          .header('content-disposition', `attachment; filename="faultline-events.${media.ext}"`)
          .send(stream);
      },
    );
  };
}
