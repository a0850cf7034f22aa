import type { FastifyRequest } from 'fastify';
import { digestSecret, sameSecret } from '../../auth/secrets.js';
import { roleAtLeast, type Role, type User } from '../../domain/index.js';
import { FaultlineError } from '../../errors/errors.js';
import type { Store } from '../../store/store.js';
import { readCookie, SESSION_COOKIE } from './cookies.js';

/** Who a request comes from, once proven: a session cookie, a user's API token, or the server's own token. */
export interface Principal {
  readonly user: User | null;
  readonly role: Role;
  readonly via: 'session' | 'token' | 'server-token';
  /** The session id its cookie carries (via 'session'): the CSRF token is derived from it. */
  readonly sessionId: string | null;
}

/**
 * What a route needs: `public` (anyone: the page, sign-in), `viewer` (reads: anyone unless --require-auth),
 * `editor` (writes), `admin` (user management). Routes name it in `config.access`; by default a read needs a
 * viewer and anything else an editor.
 */
export type Access = 'public' | Role;

export interface AccessPolicy {
  readonly store: Store;
  /** FAULTLINE_API_TOKEN: an editor's bearer token held by the server's operator, as before users existed. */
  readonly serverToken: string | null;
  /** With no user, a write still needs the server token (beyond loopback, or when one is set). */
  readonly tokenRequired: boolean;
  /** Every API request needs a user (reads too), and writes need one even before any user exists. */
  readonly requireAuth: boolean;
}

export const CSRF_HEADER = 'x-csrf-token';

/** The CSRF token of a session: derived from its id, so it needs no storage and no cookie can be forged into it. */
export function csrfTokenOf(sessionId: string): string {
  return digestSecret('csrf', sessionId);
}

/** Identifies the requester; a bearer token that is given but not valid is refused rather than ignored. */
export async function identify(request: FastifyRequest, policy: AccessPolicy): Promise<Principal | null> {
  const header = request.headers.authorization;
  if (header !== undefined) {
    const given = /^Bearer (\S{1,512})$/.exec(header)?.[1];
    if (given === undefined) throw unauthorized('Authorization', 'expected "Bearer TOKEN"');
    if (policy.serverToken !== null && sameSecret(given, policy.serverToken))
      return { user: null, role: 'editor', via: 'server-token', sessionId: null };
    const user = given.startsWith('fl_')
      ? await policy.store.userByToken(digestSecret('token', given))
      : null;
    if (user === null) throw unauthorized('Authorization', 'the token is not valid or was revoked');
    return { user, role: user.role, via: 'token', sessionId: null };
  }
  const sessionId = readCookie(request.headers.cookie, SESSION_COOKIE);
  if (sessionId === null) return null;
  const user = await policy.store.userBySession(digestSecret('session', sessionId));
  return user === null ? null : { user, role: user.role, via: 'session', sessionId };
}

function unauthorized(subject: string, detail: string): FaultlineError {
  return new FaultlineError('FL_ERR_UNAUTHORIZED', subject, detail);
}

/** The origin (scheme and host) the request was addressed to, as a browser would write it in Origin. */
function ownHost(request: FastifyRequest): string {
  return (request.headers.host ?? '').toLowerCase();
}

/**
 * Refuses a state-changing request that a browser made on another site's behalf: one whose Sec-Fetch-Site says
 * it came from elsewhere, whose Origin is not this server, or, made with the session cookie, that lacks the
 * session's CSRF token. A request with an Authorization header is exempt: no other site can make a browser
 * add one (this server answers no CORS preflight).
 */
export function checkSameSite(
  request: FastifyRequest,
  principal: Principal | null,
  needsToken: boolean,
): void {
  if (request.headers.authorization !== undefined) return;
  const site = request.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none')
    throw new FaultlineError('FL_ERR_CSRF', `${request.method} ${request.url}`, `Sec-Fetch-Site ${site}`);
  const origin = request.headers.origin;
  if (origin !== undefined) {
    let host: string | null = null;
    try {
      host = new URL(origin).host.toLowerCase();
    } catch {
      host = null;
    }
    if (host === null || host !== ownHost(request))
      throw new FaultlineError('FL_ERR_CSRF', `${request.method} ${request.url}`, `Origin ${origin}`);
  }
  if (!needsToken || principal?.via !== 'session' || principal.sessionId === null) return;
  const given = request.headers[CSRF_HEADER];
  if (typeof given !== 'string' || !sameSecret(given, csrfTokenOf(principal.sessionId)))
    throw new FaultlineError(
      'FL_ERR_CSRF',
      `${request.method} ${request.url}`,
      `the ${CSRF_HEADER} header is missing or wrong (GET /api/session gives it)`,
    );
}

/** Whether a requester with no user or token may write now: only before any user exists, as before. */
async function anonymousWriteRefusal(policy: AccessPolicy, subject: string): Promise<FaultlineError | null> {
  if (policy.requireAuth || (await policy.store.countActiveUsers()) > 0)
    return new FaultlineError('FL_ERR_AUTH_REQUIRED', subject, 'sign in as an editor, or send an API token');
  if (policy.tokenRequired)
    return unauthorized(subject, 'writing requires Authorization: Bearer <FAULTLINE_API_TOKEN>');
  return null;
}

/** Null when the requester may do what `access` asks, else the error to answer with. */
export async function accessRefusal(
  access: Access,
  principal: Principal | null,
  policy: AccessPolicy,
  subject: string,
): Promise<FaultlineError | null> {
  if (access === 'public') return null;
  if (principal !== null) {
    if (roleAtLeast(principal.role, access)) return null;
    const who = principal.user ? `${principal.user.name}, a ${principal.role}` : principal.role;
    return new FaultlineError('FL_ERR_FORBIDDEN', subject, `${who}; needs ${access}`);
  }
  if (access === 'viewer')
    return policy.requireAuth
      ? new FaultlineError('FL_ERR_AUTH_REQUIRED', subject, 'this server requires signing in to read')
      : null;
  if (access === 'admin')
    return new FaultlineError('FL_ERR_AUTH_REQUIRED', subject, 'sign in as an admin, or send an admin token');
  return anonymousWriteRefusal(policy, subject);
}
