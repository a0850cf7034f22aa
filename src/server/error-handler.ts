import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { clip, describeError, ERROR_CODES, isFaultlineError } from '../errors/errors.js';
import { FASTIFY_CLIENT_ERRORS, isFastifyClientError } from './fastify-errors.js';

interface ErrorBody {
  readonly error: string;
  readonly message: string;
  /** Only on a 500: the id under which the server logged the failure. */
  readonly requestId?: string;
}

interface AjvIssue {
  readonly instancePath?: string;
  readonly message?: string;
  readonly params?: {
    readonly additionalProperty?: string;
    readonly missingProperty?: string;
    readonly allowedValues?: readonly unknown[];
  };
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
  const field = `${where}${issue.instancePath ?? ''}`;
  if (issue.params?.allowedValues) return `${field} must be one of ${issue.params.allowedValues.join(', ')}`;
  return `${field} ${issue.message ?? 'is invalid'}`;
}

/**
 * Maps anything thrown into a status and the one error body of the API. Pure, so it is tested directly. A 500
 * says nothing of its cause (a store error names the database and its SQL state): only the request id that
 * finds the logged line.
 */
export function errorResponse(error: unknown, requestId: string): { status: number; body: ErrorBody } {
  if (isFaultlineError(error) && error.status < 500)
    return { status: error.status, body: { error: error.code, message: error.message } };
  const e = error as Partial<FastifyError> & { validation?: unknown; validationContext?: string };
  if (e.validation)
    return { status: 400, body: { error: 'FL_ERR_BAD_ARGUMENT', message: validationMessage(e) } };
  const status = isFaultlineError(error)
    ? error.status
    : typeof e.statusCode === 'number'
      ? e.statusCode
      : 500;
  if (status === 413)
    return {
      status,
      body: { error: 'FL_ERR_INPUT_TOO_LARGE', message: 'request body is larger than the limit' },
    };
  if (status >= 400 && status < 500) {
    if (isFastifyClientError(e.code))
      return { status, body: { error: e.code, message: FASTIFY_CLIENT_ERRORS[e.code] } };
    // our own coded errors that carry a status without being FaultlineErrors (the 401 of a missing token)
    if (typeof e.code === 'string' && Object.hasOwn(ERROR_CODES, e.code))
      return { status, body: { error: e.code, message: clip(String(e.message), 300) } };
    return {
      status,
      body: {
        error: 'FL_ERR_BAD_ARGUMENT',
        message: `request: ${clip(String(e.message ?? 'bad request'), 300)}`,
      },
    };
  }
  return {
    status: 500,
    body: { error: 'FL_ERR_INTERNAL', message: `internal error (request ${requestId})`, requestId },
  };
}

/** Where the server writes one line per failed request (stderr unless the caller says otherwise). */
export type ErrorLog = (line: string) => void;

/** One line: the request id the client was given, the request, and the cause in full. */
export function failureLine(requestId: string, request: FastifyRequest, error: unknown): string {
  const cause = describeError(error).replace(/\s+/g, ' ');
  return `faultline serve: request ${requestId} ${request.method} ${request.url} failed: ${cause}`;
}

export function errorHandler(log: ErrorLog) {
  return (error: unknown, request: FastifyRequest, reply: FastifyReply): void => {
    const { status, body } = errorResponse(error, request.id);
    if (status >= 500) {
      log(failureLine(request.id, request, error));
      request.log.error({ err: error, reqId: request.id }, 'request failed');
    }
    void reply.status(status).type('application/json; charset=utf-8').send(body);
  };
}
