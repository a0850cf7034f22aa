import { FaultlineError } from '../errors/errors.js';
import { guardedGet, type GuardedResponse } from './guarded-get.js';
import { decodeText, looksBinary, readCapped } from './input-bytes.js';
import type { InputResult, RawFormat, ReadOptions } from './types.js';

const BINARY_TYPES = /^(?:image|audio|video|font)\/|^application\/(?:pdf|zip|gzip|octet-stream|x-tar|vnd\.)/;

function formatFor(contentType: string, body: string): RawFormat {
  if (/html|xml/.test(contentType)) return 'html';
  if (contentType.includes('markdown')) return 'markdown';
  if (contentType.startsWith('text/')) return 'text';
  return body.trimStart().startsWith('<') ? 'html' : 'text';
}

function failure(error: FaultlineError): InputResult {
  return { ok: false, error };
}

function transportError(url: string, error: unknown, signal: AbortSignal): InputResult {
  if (error instanceof FaultlineError) return failure(error);
  if (
    signal.aborted ||
    (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError'))
  ) {
    return failure(new FaultlineError('FL_ERR_HTTP_TIMEOUT', url));
  }
  const cause =
    error instanceof Error ? (error.cause as { code?: string; message?: string } | undefined) : undefined;
  const detail = cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
  return failure(new FaultlineError('FL_ERR_HTTP_NETWORK', url, detail));
}

/** GETs a page with a deadline and a byte cap and turns every failure into a coded error. */
export async function fetchInput(url: string, options: ReadOptions): Promise<InputResult> {
  const signal = AbortSignal.timeout(options.timeoutMs);
  let response: GuardedResponse;
  try {
    response = await guardedGet(url, {
      guard: options.guard ?? { allowPrivate: false },
      signal,
      headers: { accept: 'text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.5' },
    });
  } catch (error) {
    return transportError(url, error, signal);
  }
  const contentType = (response.header('content-type') ?? '').toLowerCase();
  const declared = Number(response.header('content-length') ?? NaN);
  const refuse = (error: FaultlineError): InputResult => {
    response.body.destroy();
    return failure(error);
  };
  if (response.status < 200 || response.status > 299)
    return refuse(new FaultlineError('FL_ERR_HTTP_STATUS', url, `HTTP ${response.status}`));
  if (BINARY_TYPES.test(contentType))
    return refuse(new FaultlineError('FL_ERR_INPUT_BINARY', url, contentType));
  if (Number.isFinite(declared) && declared > options.maxBytes) {
    return refuse(
      new FaultlineError('FL_ERR_INPUT_TOO_LARGE', url, `${declared} bytes, limit ${options.maxBytes}`),
    );
  }
  let bytes: Buffer;
  try {
    const read = await readCapped(response.body, options.maxBytes);
    if (!read.ok)
      return refuse(new FaultlineError('FL_ERR_INPUT_TOO_LARGE', url, `over ${options.maxBytes} bytes`));
    bytes = read.bytes;
  } catch (error) {
    return transportError(url, error, signal);
  }
  if (looksBinary(bytes)) return failure(new FaultlineError('FL_ERR_INPUT_BINARY', url));
  const charset = /charset=["']?([\w.:-]+)/.exec(contentType)?.[1] ?? null;
  const content = decodeText(bytes, charset);
  return {
    ok: true,
    raw: {
      origin: url,
      format: formatFor(contentType, content),
      content,
      meta: { url: response.url },
    },
  };
}
