import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { prepareDecoy, verifyPassword } from '../../auth/password.js';
import { digestSecret, newSecret } from '../../auth/secrets.js';
import { ErrorSchema } from '../../api/query-schemas.js';
import {
  SessionSchema,
  SignedInSchema,
  SignInSchema,
  UserListSchema,
  type SessionWire,
  type SignIn,
  type SignedIn,
} from '../../api/session-schemas.js';
import { FaultlineError } from '../../errors/errors.js';
import { accessRefusal, csrfTokenOf, type AccessPolicy } from '../auth/access.js';
import { clearedSessionCookie, sessionCookie } from '../auth/cookies.js';
import type { SignInThrottle } from '../auth/sign-in-throttle.js';
import { isLoopbackHost } from '../security.js';

export interface SessionDeps {
  readonly policy: AccessPolicy;
  readonly throttle: SignInThrottle;
  readonly sessionSeconds: number;
}

/**
 * Whether the page reached us over https: directly, or through a reverse proxy on this machine that says so
 * (X-Forwarded-Proto from anywhere else is not believed). The session cookie is then marked Secure.
 */
function overHttps(request: FastifyRequest): boolean {
  if (request.protocol === 'https') return true;
  const peer = request.socket.remoteAddress ?? '';
  return request.headers['x-forwarded-proto'] === 'https' && isLoopbackHost(peer.replace(/^::ffff:/, ''));
}

const ERRORS = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema } as const;

/** Sign-in sessions (POST, GET, DELETE /api/session) and the admin's list of users. */
export function sessionRoute(deps: SessionDeps): FastifyPluginAsync {
  const { policy, throttle } = deps;
  return async (app) => {
    void prepareDecoy();
    app.post<{ Body: SignIn }>(
      '/api/session',
      {
        // signing in needs no earlier session; the cross-site checks still apply (login CSRF)
        config: { access: 'public', csrf: false },
        schema: {
          summary:
            'Signs in with a name and password: sets an HTTP-only, SameSite=Strict session cookie and returns ' +
            'the CSRF token to send as x-csrf-token with state-changing requests',
          body: SignInSchema,
          response: { 200: SignedInSchema, ...ERRORS, 429: ErrorSchema },
        },
      },
      async (request, reply): Promise<SignedIn> => {
        const { name, password } = request.body;
        const wait = throttle.waitSeconds(name, request.ip);
        if (wait > 0) {
          void reply.header('retry-after', String(wait));
          throw new FaultlineError('FL_ERR_AUTH_THROTTLED', `user ${name}`, `wait ${wait} s`);
        }
        const found = await policy.store.userCredentials(name);
        // verified even for an unknown name (against a decoy), so the time taken does not tell names apart
        const valid = await verifyPassword(password, found?.passwordHash ?? null);
        if (found === null || !valid) {
          throttle.failed(name, request.ip);
          throw new FaultlineError('FL_ERR_AUTH_FAILED', `user ${name}`);
        }
        throttle.succeeded(name);
        const sessionId = newSecret();
        const { expiresAt } = await policy.store.addSession({
          idHash: digestSecret('session', sessionId),
          userId: found.user.id,
          lifetimeSeconds: deps.sessionSeconds,
        });
        void reply.header('set-cookie', sessionCookie(sessionId, deps.sessionSeconds, overHttps(request)));
        return {
          user: { name: found.user.name, role: found.user.role },
          csrfToken: csrfTokenOf(sessionId),
          expiresAt,
        };
      },
    );

    app.get(
      '/api/session',
      {
        config: { access: 'public' },
        schema: {
          summary:
            'Who the requester is (session cookie or API token), its role, CSRF token and what it may do',
          response: { 200: SessionSchema, 401: ErrorSchema },
        },
      },
      async (request): Promise<SessionWire> => {
        const p = request.principal;
        const refusal = await accessRefusal('editor', p, policy, 'POST /api/documents');
        return {
          user: p?.user ? { name: p.user.name, role: p.user.role } : null,
          via: p?.via ?? null,
          csrfToken: p?.sessionId ? csrfTokenOf(p.sessionId) : null,
          canWrite: refusal === null,
          usersExist: (await policy.store.countActiveUsers()) > 0,
          requireAuth: policy.requireAuth,
        };
      },
    );

    app.delete(
      '/api/session',
      {
        config: { access: 'public' },
        schema: {
          summary: 'Signs out: ends the session and clears its cookie (with the session, send x-csrf-token)',
          response: { 204: { type: 'null' }, 403: ErrorSchema },
        },
      },
      async (request, reply: FastifyReply) => {
        const sessionId = request.principal?.sessionId;
        if (sessionId) await policy.store.deleteSession(digestSecret('session', sessionId));
        void reply.header('set-cookie', clearedSessionCookie(overHttps(request)));
        return reply.status(204).send();
      },
    );

    app.get(
      '/api/users',
      {
        config: { access: 'admin' },
        schema: {
          summary: 'Every user with its role and whether it is disabled (admins only)',
          response: { 200: UserListSchema, 401: ErrorSchema, 403: ErrorSchema },
        },
      },
      async () =>
        (await policy.store.listUsers()).map((u) => ({
          name: u.name,
          role: u.role,
          createdAt: u.createdAt,
          disabledAt: u.disabledAt,
        })),
    );
  };
}
