import type { FastifyPluginAsync } from 'fastify';
import { EventDocumentListSchema } from '../../api/document-schemas.js';
import { ErrorSchema, EventDocumentsQuerySchema, type EventDocumentsQuery } from '../../api/query-schemas.js';
import { cacheKey } from '../read-cache.js';
import type { RouteDeps } from '../route-deps.js';

/** The sources behind the map's current view: the documents of the events the filters match, one page. */
export function eventDocumentsRoute(deps: RouteDeps): FastifyPluginAsync {
  return async (app) => {
    app.get<{ Querystring: EventDocumentsQuery }>(
      '/api/events/documents',
      {
        schema: {
          summary:
            'The source documents of the events matching the filters, one page: most supporting events first',
          querystring: EventDocumentsQuerySchema,
          response: { 200: EventDocumentListSchema, 400: ErrorSchema },
        },
      },
      async (request, reply) => {
        const q = request.query;
        const query = deps.resolveFilters({ ...q, limit: q.limit ?? 50, offset: q.offset ?? 0 });
        const body = await deps.reads.get(
          cacheKey('event-documents', query),
          async () => Buffer.from(JSON.stringify(await deps.store.listEventDocuments(query))),
          (bytes) => bytes.byteLength,
        );
        return reply.type('application/json; charset=utf-8').send(body);
      },
    );
  };
}
