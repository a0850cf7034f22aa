import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsync } from 'fastify';
import { PublisherProfileSchema } from '../../api/document-schemas.js';
import type { RouteDeps } from '../route-deps.js';

export function publishersRoute(deps: RouteDeps): FastifyPluginAsync {
  return async (app) => {
    app.get(
      '/api/publishers',
      {
        schema: {
          summary: 'Each outlet: documents, framing by register, how often its figures are the extremes',
          response: { 200: Type.Array(PublisherProfileSchema) },
        },
      },
      async () => deps.store.listPublisherProfiles(),
    );
  };
}
