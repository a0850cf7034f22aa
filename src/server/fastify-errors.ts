/**
 * The errors Fastify itself raises on a malformed request, before any route runs, that the API passes on under
 * Fastify's own code (docs/errors.md lists them): each with the part of the request it concerns and the reason,
 * in the API's one-line form. Any other Fastify client error is answered as FL_ERR_BAD_ARGUMENT.
 */
export const FASTIFY_CLIENT_ERRORS = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'body: is not valid JSON (the content-type says application/json)',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'body: is empty (the content-type says application/json)',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'content-type: is not one this route accepts (send application/json)',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'content-length: does not match the body sent',
  FST_ERR_CTP_INVALID_TYPE: 'content-type: is not a single text value',
  FST_ERR_BAD_URL: 'url: is not a valid URL (a broken %-escape)',
  FST_ERR_MAX_PARAM_LENGTH: 'url: an id in the path is longer than 100 characters, so no record has it',
} as const satisfies Record<string, string>;

export type FastifyClientErrorCode = keyof typeof FASTIFY_CLIENT_ERRORS;

export function isFastifyClientError(code: unknown): code is FastifyClientErrorCode {
  return typeof code === 'string' && Object.hasOwn(FASTIFY_CLIENT_ERRORS, code);
}
