import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { FaultlineError, describeError } from '../errors/errors.js';
import { USER_AGENT, agentsFor, refusal, type OutboundGuard } from '../ingest/guarded-get.js';

/** What one POST came to. `retry` says whether trying again later could help. */
export interface PostResult {
  readonly ok: boolean;
  readonly httpStatus: number | null;
  readonly error: string | null;
  readonly retry: boolean;
}

/** Statuses a receiver may answer while it is overloaded or restarting: worth another attempt. */
const TRANSIENT: ReadonlySet<number> = new Set([408, 425, 429]);

function failure(error: FaultlineError, retry: boolean, httpStatus: number | null = null): PostResult {
  return { ok: false, httpStatus, error: error.message, retry };
}

/**
 * POSTs a JSON body to a webhook through the same guard as every fetch (its address is checked after DNS
 * resolution). A redirect is not followed: a receiver must be given its final address. 2xx is success; 5xx, 408,
 * 429, a timeout or a network failure may be retried; a refused address or any other answer is final.
 */
export function postWebhook(
  url: string,
  body: string,
  headers: Readonly<Record<string, string>>,
  options: { readonly guard: OutboundGuard; readonly timeoutMs: number },
): Promise<PostResult> {
  const target = new URL(url);
  // errors name the receiver by its origin: its path or query often holds a token, and errors are shown by the API
  const subject = `webhook ${target.origin}`;
  const secure = target.protocol === 'https:';
  const agents = agentsFor(options.guard);
  const signal = AbortSignal.timeout(options.timeoutMs);
  return new Promise((resolve) => {
    const req = (secure ? httpsRequest : httpRequest)(target, {
      method: 'POST',
      agent: secure ? agents.https : agents.http,
      headers: {
        ...headers,
        'content-type': 'application/json',
        'content-length': String(Buffer.byteLength(body)),
        'user-agent': USER_AGENT,
      },
      signal,
    });
    req.once('response', (response) => {
      // the answer's body is not read: only its status counts, and an endless body must not hold the delivery
      response.destroy();
      const status = response.statusCode ?? 0;
      if (status >= 200 && status < 300)
        return resolve({ ok: true, httpStatus: status, error: null, retry: false });
      const redirect = status >= 300 && status < 400;
      const detail = redirect
        ? `answered ${status} to ${response.headers.location ?? '?'}; a webhook's redirects are not followed`
        : `answered ${status}`;
      resolve(
        failure(
          new FaultlineError('FL_ERR_HTTP_STATUS', subject, detail),
          status >= 500 || TRANSIENT.has(status),
          status,
        ),
      );
    });
    req.once('error', (error) => {
      if (signal.aborted)
        return resolve(
          failure(
            new FaultlineError('FL_ERR_HTTP_TIMEOUT', subject, `no answer within ${options.timeoutMs} ms`),
            true,
          ),
        );
      const refused = refusal(error, target);
      if (refused)
        return resolve(
          failure(
            new FaultlineError(
              'FL_ERR_HTTP_BLOCKED',
              subject,
              `${refused}; \`alerts webhook add --allow-private\` permits it`,
            ),
            false,
          ),
        );
      resolve(failure(new FaultlineError('FL_ERR_HTTP_NETWORK', subject, describeError(error)), true));
    });
    req.end(body);
  });
}
