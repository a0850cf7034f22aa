import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { isFaultlineError } from '../errors/errors.js';

interface ErrorBody {
  readonly error: string;
  readonly message: string;
}

interface AjvIssue {
  readonly instancePath?: string;
  readonly message?: string;
  readonly params?: { readonly additionalProperty?: string; readonly missingProperty?: string };
}

/** "querystring/limit must be <= 500", "querystring/colour is not accepted": always the field by name. */
function validationMessage(e: {
  validation?: unknown;
  validationContext?: string;
  message?: string;
}): string {
  const issue = (Array.isArray(e.validation) ? e.validation[0] : undefined) as AjvIssue | undefined;
  if (!issue) return String(e.message);
  const where = e.validationContext ?? 'request';
  if (issue.params?.additionalProperty) return `${where}/${issue.params.additionalProperty} is not accepted`;
  if (issue.params?.missingProperty) return `${where}/${issue.params.missingProperty} is required`;
  return `${where}${issue.instancePath ?? ''} ${issue.message ?? 'is invalid'}`;
}

/** Maps anything thrown into a status and the one error body of the API. Pure, so it is tested directly. */
export function errorResponse(error: unknown): { status: number; body: ErrorBody } {
  if (isFaultlineError(error))
    return { status: error.status, body: { error: error.code, message: error.message } };
  const e = error as Partial<FastifyError> & { validation?: unknown; validationContext?: string };
  if (e.validation)
    return { status: 400, body: { error: 'FL_ERR_BAD_ARGUMENT', message: validationMessage(e) } };
  const status = typeof e.statusCode === 'number' ? e.statusCode : 500;
  if (status === 413)
    return {
      status,
      body: { error: 'FL_ERR_INPUT_TOO_LARGE', message: 'request body is larger than the limit' },
    };
  if (status >= 400 && status < 500) {
    return {
      status,
      body: { error: e.code ?? 'FL_ERR_BAD_ARGUMENT', message: String(e.message ?? 'bad request') },
    };
  }
  return { status: 500, body: { error: 'FL_ERR_INTERNAL', message: 'internal error' } };
}

export function handleError(error: unknown, request: FastifyRequest, reply: FastifyReply): void {
  const { status, body } = errorResponse(error);
  if (status >= 500) request.log.error({ err: error }, 'request failed');
  void reply.status(status).type('application/json; charset=utf-8').send(body);
}
