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
      async () => {
        const labels = new Map(deps.knowledge.framing.terms.map((t) => [t.id, t.phrases[0] ?? t.id]));
        return (await deps.store.listPublisherProfiles()).map((p) => ({
          ...p,
          termLabels: Object.fromEntries(
            Object.keys(p.framing.terms).map((id) => [id, labels.get(id) ?? id]),
          ),
        }));
      },
    );
  };
}
