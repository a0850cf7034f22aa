import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { RequestFilteringHttpAgent, RequestFilteringHttpsAgent } from 'request-filtering-agent';
import { FaultlineError } from '../errors/errors.js';

/** Which addresses a fetch may reach. */
export interface OutboundGuard {
  /** Private, loopback, link-local and metadata addresses too: for tests, and for users fetching their own LAN. */
  readonly allowPrivate: boolean;
  /** Addresses or CIDR ranges allowed even when private (a test's loopback server, never the redirects it sends). */
  readonly allowAddresses?: readonly string[];
}

export interface GuardedGetOptions {
  readonly guard: OutboundGuard;
  readonly signal: AbortSignal;
  readonly headers: Readonly<Record<string, string>>;
}

/** A page as fetched: the last hop's status, headers and body, and the URL it was finally read from. */
export interface GuardedResponse {
  readonly status: number;
  readonly url: string;
  readonly header: (name: string) => string | null;
  readonly body: IncomingMessage;
}

/** Redirects followed before giving up: a chain longer than this is a loop or a trap. */
export const MAX_REDIRECTS = 5;
const REDIRECTS: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);

/** Names Faultline, so that a site's operator can tell who fetched a page and why. */
export const USER_AGENT = 'Faultline/0.1 (conflict event extraction; +https://github.com/faultline)';

/** Agents that refuse what the guard refuses; fresh ones per request, without keep-alive. */
export function agentsFor(guard: OutboundGuard): {
  http: RequestFilteringHttpAgent;
  https: RequestFilteringHttpsAgent;
} {
  const options = {
    allowPrivateIPAddress: guard.allowPrivate,
    allowMetaIPAddress: guard.allowPrivate,
    allowIPAddressList: [...(guard.allowAddresses ?? [])],
  };
  return { http: new RequestFilteringHttpAgent(options), https: new RequestFilteringHttpsAgent(options) };
}

/** The agent's refusal, told apart from other network failures by its wording (the only sign it gives). */
export function refusal(error: unknown, url: URL): string | null {
  const message = error instanceof Error ? error.message : '';
  const m = /^DNS lookup (\S+?)\(family:[^,]*, host:[^)]*\) is not allowed/.exec(message);
  if (!m) return null;
  const address = m[1] === url.hostname ? m[1] : `${url.hostname} resolves to ${m[1]}`;
  return `${address} is a private, loopback, link-local or metadata address`;
}

function once(
  url: URL,
  options: GuardedGetOptions,
  agents: ReturnType<typeof agentsFor>,
): Promise<IncomingMessage> {
  const secure = url.protocol === 'https:';
  const request = secure ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = request(url, {
      agent: secure ? agents.https : agents.http,
      headers: { ...options.headers, 'user-agent': USER_AGENT },
      signal: options.signal,
    });
    req.once('response', resolve);
    req.once('error', reject);
    req.end();
  });
}

/**
 * GETs a URL through an agent that checks every address a name resolves to, on the first request and on every
 * redirect, so neither a hostile name nor a redirect reaches the machine's own network unless allowed. Redirects
 * are followed by hand, up to MAX_REDIRECTS, and only to http and https.
 */
export async function guardedGet(start: string, options: GuardedGetOptions): Promise<GuardedResponse> {
  // agents of its own, without keep-alive: no socket outlives the fetch, and one fetch's allowance never another's
  const agents = agentsFor(options.guard);
  let url = new URL(start);
  for (let hop = 0; ; hop += 1) {
    let response: IncomingMessage;
    try {
      response = await once(url, options, agents);
    } catch (error) {
      const refused = refusal(error, url);
      if (refused)
        throw new FaultlineError('FL_ERR_HTTP_BLOCKED', url.href, `${refused}; --allow-private permits it`);
      throw error;
    }
    const status = response.statusCode ?? 0;
    const location = response.headers.location;
    if (!REDIRECTS.has(status) || location === undefined) {
      const headers = response.headers;
      const header = (name: string): string | null => {
        const v = headers[name.toLowerCase()];
        return v === undefined ? null : Array.isArray(v) ? v.join(', ') : v;
      };
      return { status, url: url.href, header, body: response };
    }
    response.resume();
    if (hop >= MAX_REDIRECTS)
      throw new FaultlineError('FL_ERR_HTTP_REDIRECTS', start, `more than ${MAX_REDIRECTS} redirects`);
    const next = new URL(location, url);
    if (next.protocol !== 'http:' && next.protocol !== 'https:')
      throw new FaultlineError('FL_ERR_INPUT_SCHEME', next.href, `redirected to from ${url.href}`);
    url = next;
  }
}
