import { timingSafeEqual } from 'node:crypto';

/** True for hosts that only this machine can reach. */
export function isLoopbackHost(host: string): boolean {
  const h = host
    .trim()
    .toLowerCase()
    .replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

/** The Content-Security-Policy of every response: own origin only, no inline script, optional tile host. */
export function contentSecurityPolicy(tileUrl: string | null): string {
  let tiles = '';
  if (tileUrl) {
    try {
      // a template like https://{s}.tile.example.org/{z}/{x}/{y}.png: allow its host and subdomains
      const url = new URL(tileUrl.replace(/\{s\}\./, 'x.').replace(/\{[a-z]\}/g, '0'));
      const host = tileUrl.includes('{s}.') ? `*.${url.host.replace(/^x\./, '')}` : url.host;
      tiles = ` ${url.protocol}//${host}`;
    } catch {
      tiles = '';
    }
  }
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    `img-src 'self' data:${tiles}`,
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
  ].join('; ');
}

/**
 * Whether a write must carry the token: always when the server listens beyond loopback, and whenever a token
 * is configured (a configured token is never ignored).
 */
export function tokenRequired(host: string, apiToken: string | null): boolean {
  return apiToken !== null || !isLoopbackHost(host);
}

/** Throws a 401 error unless the Authorization header carries the token. */
export function checkBearer(header: string | undefined, apiToken: string | null): void {
  const given = /^Bearer (\S{1,512})$/.exec(header ?? '')?.[1];
  if (apiToken === null || given === undefined) throw unauthorized();
  const a = Buffer.from(given);
  const b = Buffer.from(apiToken);
  if (a.length !== b.length || !timingSafeEqual(a, b)) throw unauthorized();
}

export class UnauthorizedError extends Error {
  readonly statusCode = 401;
  readonly code = 'FL_ERR_UNAUTHORIZED';
}

function unauthorized(): UnauthorizedError {
  return new UnauthorizedError('writing requires Authorization: Bearer <FAULTLINE_API_TOKEN>');
}
