import { FaultlineError } from '../errors/errors.js';

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

/** The host name of a Host header ("localhost:8080", "[::1]:80") or of an Origin ("http://127.0.0.1:8080"). */
function hostName(value: string, isOrigin: boolean): string | null {
  try {
    return new URL(isOrigin ? value : `http://${value}`).hostname;
  } catch {
    return null;
  }
}

/**
 * Throws a 403 error when a write reaches a loopback-only server under a name that is not loopback. A page on
 * attacker.example can make its name resolve to 127.0.0.1 (DNS rebinding) and then post as a same-origin page;
 * its requests still carry `Host: attacker.example` (and its Origin), which no local client sends. A server
 * bound beyond loopback requires the token on writes instead, which such a page does not have.
 */
export function checkWriteHost(
  headers: { readonly host?: string | undefined; readonly origin?: string | undefined },
  boundHost: string,
): void {
  if (!isLoopbackHost(boundHost)) return;
  const host = hostName(headers.host ?? '', false);
  if (host === null || !isLoopbackHost(host)) throw hostRefused(`Host ${headers.host ?? '(none)'}`);
  // Browsers send Origin on every cross-origin write, and "null" from sandboxed or file pages.
  if (headers.origin === undefined) return;
  const origin = hostName(headers.origin, true);
  if (origin === null || !isLoopbackHost(origin)) throw hostRefused(`Origin ${headers.origin}`);
}

function hostRefused(subject: string): FaultlineError {
  return new FaultlineError('FL_ERR_HOST_REFUSED', subject.replace(/\s+/g, ' ').slice(0, 200));
}
