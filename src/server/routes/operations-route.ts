import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsync } from 'fastify';
import { OperationSchema } from '../../api/event-schemas.js';
import { ErrorSchema, IdParamsSchema } from '../../api/query-schemas.js';
import { FaultlineError } from '../../errors/errors.js';
import type { RouteDeps } from '../route-deps.js';

export function operationsRoute(deps: RouteDeps): FastifyPluginAsync {
  return async (app) => {
    app.get(
      '/api/operations',
      { schema: { summary: 'Multi-town operations', response: { 200: Type.Array(OperationSchema) } } },
      async () => deps.store.listOperations(),
    );
    app.get<{ Params: { id: string } }>(
      '/api/operations/:id',
      {
        schema: {
          summary: 'One operation with its whole-operation figures',
          params: IdParamsSchema,
          response: { 200: OperationSchema, 404: ErrorSchema },
        },
      },
      async (request) => {
        const op = await deps.store.getOperation(request.params.id);
        if (!op) throw new FaultlineError('FL_ERR_NOT_FOUND', `operation ${request.params.id}`);
        return op;
      },
    );
  };
}
