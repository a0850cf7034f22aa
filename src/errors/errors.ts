/**
 * The one registry of coded errors. A code is never reused; docs/errors.md lists every code
 * (test/errors/errors.test.ts keeps the two in step).
 */
export const ERROR_CODES = {
  FL_ERR_INPUT_MISSING: { status: 400, message: 'no such file or folder' },
  FL_ERR_INPUT_UNREADABLE: { status: 400, message: 'cannot be read' },
  FL_ERR_INPUT_BINARY: { status: 415, message: 'is binary, not text' },
  FL_ERR_INPUT_TOO_LARGE: { status: 413, message: 'is larger than the size limit' },
  FL_ERR_INPUT_EMPTY: { status: 422, message: 'has no text' },
  FL_ERR_INPUT_NO_ARTICLE: { status: 422, message: 'has no article text' },
  FL_ERR_INPUT_TYPE: { status: 415, message: 'is not a supported input type' },
  FL_ERR_JSONL_PARSE: { status: 400, message: 'is not valid JSON' },
  FL_ERR_JSONL_FIELD: { status: 400, message: 'lacks a required field' },
  FL_ERR_INPUT_SCHEME: { status: 400, message: 'uses an unsupported scheme' },
  FL_ERR_HTTP_STATUS: { status: 502, message: 'answered with an HTTP error' },
  FL_ERR_HTTP_TIMEOUT: { status: 504, message: 'did not answer in time' },
  FL_ERR_HTTP_NETWORK: { status: 502, message: 'could not be fetched' },
  FL_ERR_HTTP_BLOCKED: { status: 403, message: 'is not fetched: it points into a private network' },
  FL_ERR_HTTP_REDIRECTS: { status: 502, message: 'redirects too many times' },
  FL_ERR_FEED_FORMAT: { status: 422, message: 'is not an RSS, Atom or JSON feed' },
  FL_ERR_FEED_ITEM: { status: 422, message: 'is a feed item with no link and no text' },
  FL_ERR_HOST_DEFERRED: { status: 503, message: 'asked to be left alone for now (Retry-After)' },
  FL_ERR_BAD_DATE: { status: 400, message: 'is not a valid date (YYYY-MM-DD)' },
  FL_ERR_BAD_ARGUMENT: { status: 400, message: 'is not a valid argument' },
  FL_ERR_CONFIG: { status: 500, message: 'is not a valid setting' },
  FL_ERR_STORE: { status: 500, message: 'the store failed' },
  FL_ERR_NOT_FOUND: { status: 404, message: 'was not found' },
  FL_ERR_KNOWLEDGE: { status: 500, message: 'knowledge data is invalid' },
  FL_ERR_EXTRACT: { status: 500, message: 'extraction failed' },
  FL_ERR_GAZETTEER_FORMAT: { status: 400, message: 'is not a GeoNames dump file' },
  FL_ERR_UNAUTHORIZED: { status: 401, message: 'needs a valid bearer token' },
  FL_ERR_HOST_REFUSED: { status: 403, message: 'is not a name this loopback server accepts writes under' },
  FL_ERR_INTERNAL: { status: 500, message: 'failed unexpectedly' },
  FL_ERR_LISTEN: { status: 500, message: 'cannot be listened on' },
  FL_ERR_AUTH_REQUIRED: { status: 401, message: 'needs a signed-in user or an API token' },
  FL_ERR_AUTH_FAILED: { status: 401, message: 'wrong name or password' },
  FL_ERR_AUTH_THROTTLED: { status: 429, message: 'too many failed sign-ins; try again later' },
  FL_ERR_FORBIDDEN: { status: 403, message: 'is not allowed for this role' },
  FL_ERR_CSRF: { status: 403, message: 'is refused as a possible cross-site request' },
  FL_ERR_USER_EXISTS: { status: 409, message: 'is taken by another user' },
  FL_ERR_TOO_MANY_STREAMS: { status: 429, message: 'is refused: too many live streams are open' },
  FL_ERR_QUEUE_BACKEND: { status: 400, message: 'needs PostgreSQL (--database-url or DATABASE_URL)' },
  FL_ERR_QUEUE: { status: 500, message: 'the job queue failed' },
  FL_ERR_JOB_DATA: { status: 422, message: 'does not carry what its kind of job needs' },
  FL_ERR_CONFLICT: { status: 409, message: 'was changed by someone else since it was read' },
  FL_ERR_INVALID_EDIT: { status: 422, message: 'would make the event invalid' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;

// Line breaks and other controls in a subject (a JSONL id, a file name) or a detail (a parser's excerpt of the
// input) would split the one line a problem gets on stderr, or hide part of it.
// eslint-disable-next-line no-control-regex -- matching control characters is the purpose
const CONTROLS = /[\0-\x1F\x7F-\x9F\u2028\u2029]+/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

// A subject or detail beyond these lengths (a 3,000-character id pasted into a URL) is cut: the line must stay
// readable, and an API answer must not echo back whatever it was sent.
const MAX_SUBJECT = 200;
const MAX_DETAIL = 300;

/** The text, or its first `max` characters and an ellipsis. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  // never cut a surrogate pair in two
  const end = /[\uD800-\uDBFF]/.test(text.charAt(max - 1)) ? max - 1 : max;
  return `${text.slice(0, end)}…`;
}

function oneLine(text: string, max: number): string {
  return clip(text.replace(CONTROLS, ' ').replace(LONE_SURROGATE, '\uFFFD'), max);
}

/** An error with a stable code, the input it concerns, and a one-line reason for people. */
export class FaultlineError extends Error {
  readonly code: ErrorCode;
  readonly subject: string;
  readonly status: number;

  constructor(code: ErrorCode, subject: string, detail?: string) {
    const base = ERROR_CODES[code].message;
    const line = oneLine(subject, MAX_SUBJECT);
    super(detail ? `${line}: ${base} (${oneLine(detail, MAX_DETAIL)})` : `${line}: ${base}`);
    this.name = 'FaultlineError';
    this.code = code;
    this.subject = subject;
    this.status = ERROR_CODES[code].status;
  }
}

export function isFaultlineError(error: unknown): error is FaultlineError {
  return error instanceof FaultlineError;
}

/** One line for stderr, whatever was thrown. */
export function describeError(error: unknown): string {
  if (error instanceof FaultlineError) return error.message;
  if (error instanceof Error) return error.message;
  return String(error);
}
