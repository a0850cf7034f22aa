import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { createToken, createUser, userWithPassword } from '../../../src/auth/accounts.js';
import { buildApp, type AppConfig } from '../../../src/server/app.js';
import { signInThrottle } from '../../../src/server/auth/sign-in-throttle.js';
import { openSqliteStore } from '../../../src/store/sqlite/sqlite-store.js';
import type { Store } from '../../../src/store/store.js';
import { projectKnowledge } from '../../helpers/knowledge.js';

/** Written for this test: one incident with a place, a day and a figure. */
const ARTICLE =
  'Gunmen killed two guards at a toll plaza near Hub on Monday, police said. The attackers fled on motorcycles.';

const knowledge = projectKnowledge();
let clock = Date.parse('2026-03-02T09:00:00Z');
let store: Store;
const apps: FastifyInstance[] = [];

async function app(config: Partial<AppConfig> = {}): Promise<FastifyInstance> {
  const built = buildApp({
    store,
    knowledge,
    config: { apiToken: null, host: '127.0.0.1', webRoot: null, readCacheWeight: 0, ...config },
  });
  apps.push(built);
  await built.ready();
  return built;
}

beforeEach(async () => {
  clock = Date.parse('2026-03-02T09:00:00Z');
  store = await openSqliteStore({ path: ':memory:', now: () => new Date(clock) });
});

afterAll(async () => {
  await Promise.all(apps.map((a) => a.close()));
});

function cookieOf(res: LightMyRequestResponse): string {
  const header = String(res.headers['set-cookie']);
  return header.split(';')[0]!;
}

async function signIn(
  target: FastifyInstance,
  name: string,
  password: string,
  headers: Record<string, string> = {},
): Promise<LightMyRequestResponse> {
  return target.inject({ method: 'POST', url: '/api/session', payload: { name, password }, headers });
}

function postArticle(target: FastifyInstance, headers: Record<string, string>, text = ARTICLE) {
  return target.inject({
    method: 'POST',
    url: '/api/documents',
    payload: { text, published: '2026-03-03' },
    headers,
  });
}

describe('a fresh install with no users', () => {
  it('keeps loopback writes open, as before, and says so', async () => {
    const server = await app();
    const session = (await server.inject('/api/session')).json();
    expect(session).toEqual({
      user: null,
      via: null,
      csrfToken: null,
      canWrite: true,
      usersExist: false,
      requireAuth: false,
    });
    expect((await postArticle(server, {})).statusCode).toBe(200);
  });

  it('closes anonymous writes the moment a user exists, and keeps reads open', async () => {
    const server = await app();
    await createUser(store, { name: 'ana', role: 'editor', withToken: false });
    const res = await postArticle(server, {});
    expect(res.statusCode).toBe(401);
    expect(res.json().error).toBe('FL_ERR_AUTH_REQUIRED');
    expect(await store.countDocuments()).toBe(0);
    expect((await server.inject('/api/events')).statusCode).toBe(200);
    expect((await server.inject('/api/session')).json()).toMatchObject({ canWrite: false, usersExist: true });
  });
});

describe('signing in', () => {
  it('sets an HTTP-only, SameSite=Strict cookie and gives the CSRF token that writes need', async () => {
    const server = await app();
    await userWithPassword(store, 'ana', 'editor', 'correct horse battery');
    const res = await signIn(server, 'ana', 'correct horse battery');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.user).toEqual({ name: 'ana', role: 'editor' });
    expect(body.expiresAt).toBe('2026-03-02T21:00:00.000Z');
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toMatch(
      /^faultline_session=[\w-]{43}; Path=\/; Max-Age=43200; HttpOnly; SameSite=Strict$/,
    );
    const cookie = cookieOf(res);

    const me = (await server.inject({ url: '/api/session', headers: { cookie } })).json();
    expect(me).toMatchObject({ user: { name: 'ana', role: 'editor' }, via: 'session', canWrite: true });
    expect(me.csrfToken).toBe(body.csrfToken);

    const noToken = await postArticle(server, { cookie });
    expect(noToken.statusCode).toBe(403);
    expect(noToken.json().error).toBe('FL_ERR_CSRF');
    const wrongToken = await postArticle(server, { cookie, 'x-csrf-token': `${body.csrfToken}x` });
    expect(wrongToken.json().error).toBe('FL_ERR_CSRF');
    expect(await store.countDocuments()).toBe(0);
    const ok = await postArticle(server, { cookie, 'x-csrf-token': body.csrfToken });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().outcome).toBe('stored');
  });

  it('marks the cookie Secure behind an https proxy on this machine', async () => {
    const server = await app();
    await userWithPassword(store, 'ana', 'viewer', 'pw-for-ana');
    const res = await signIn(server, 'ana', 'pw-for-ana', { 'x-forwarded-proto': 'https' });
    expect(String(res.headers['set-cookie'])).toMatch(/; Secure$/);
  });

  it('refuses a wrong password and an unknown name alike, then slows the name down', async () => {
    const server = await app({
      signInThrottle: signInThrottle({ perName: 3, perAddress: 100, windowMs: 60_000, maxKeys: 100 }),
    });
    await userWithPassword(store, 'ana', 'editor', 'the-right-one');
    const unknown = await signIn(server, 'nobody', 'guess');
    expect(unknown.statusCode).toBe(401);
    expect(unknown.json()).toEqual({
      error: 'FL_ERR_AUTH_FAILED',
      message: 'user nobody: wrong name or password',
    });
    expect(unknown.headers['set-cookie']).toBeUndefined();
    for (let i = 0; i < 3; i++)
      expect((await signIn(server, 'ana', `guess-${i}`)).json().error).toBe('FL_ERR_AUTH_FAILED');
    const throttled = await signIn(server, 'ana', 'the-right-one');
    expect(throttled.statusCode).toBe(429);
    expect(throttled.json().error).toBe('FL_ERR_AUTH_THROTTLED');
    expect(Number(throttled.headers['retry-after'])).toBeGreaterThan(0);
    // another name from the same address is not held back by ana's failures
    await userWithPassword(store, 'bo', 'viewer', 'bo-pass');
    expect((await signIn(server, 'bo', 'bo-pass')).statusCode).toBe(200);
  });

  it('refuses a body with extra fields, and a user who has no password', async () => {
    const server = await app();
    await createUser(store, { name: 'script', role: 'editor', withToken: true });
    const extra = await server.inject({
      method: 'POST',
      url: '/api/session',
      payload: { name: 'script', password: 'x', role: 'admin' },
    });
    expect(extra.statusCode).toBe(400);
    expect((await signIn(server, 'script', 'anything')).json().error).toBe('FL_ERR_AUTH_FAILED');
  });

  it('ends a session at its expiry and on sign-out, which needs the CSRF token', async () => {
    const server = await app({ sessionSeconds: 3600 });
    await userWithPassword(store, 'ana', 'editor', 'pw-ana-123');
    const first = await signIn(server, 'ana', 'pw-ana-123');
    const cookie = cookieOf(first);
    clock += 3601_000;
    expect((await server.inject({ url: '/api/session', headers: { cookie } })).json().user).toBeNull();
    const late = await postArticle(server, { cookie, 'x-csrf-token': first.json().csrfToken });
    expect(late.json().error).toBe('FL_ERR_AUTH_REQUIRED');

    const second = await signIn(server, 'ana', 'pw-ana-123');
    const again = cookieOf(second);
    const forged = await server.inject({ method: 'DELETE', url: '/api/session', headers: { cookie: again } });
    expect(forged.json().error).toBe('FL_ERR_CSRF');
    const out = await server.inject({
      method: 'DELETE',
      url: '/api/session',
      headers: { cookie: again, 'x-csrf-token': second.json().csrfToken },
    });
    expect(out.statusCode).toBe(204);
    expect(String(out.headers['set-cookie'])).toContain('Max-Age=0');
    // the old cookie, replayed, is nobody
    expect((await server.inject({ url: '/api/session', headers: { cookie: again } })).json().user).toBeNull();
  });
});

describe('roles', () => {
  it('lets a viewer read but not write, and only an admin list users', async () => {
    const server = await app();
    await userWithPassword(store, 'vi', 'viewer', 'viewer-pw');
    await userWithPassword(store, 'root', 'admin', 'admin-pw');
    const viewer = await signIn(server, 'vi', 'viewer-pw');
    const headers = { cookie: cookieOf(viewer), 'x-csrf-token': viewer.json().csrfToken };
    expect((await server.inject({ url: '/api/events', headers })).statusCode).toBe(200);
    expect((await server.inject({ url: '/api/session', headers })).json().canWrite).toBe(false);
    const write = await postArticle(server, headers);
    expect(write.statusCode).toBe(403);
    expect(write.json()).toEqual({
      error: 'FL_ERR_FORBIDDEN',
      message: 'POST /api/documents: is not allowed for this role (vi, a viewer; needs editor)',
    });
    expect((await server.inject({ url: '/api/users', headers })).json().error).toBe('FL_ERR_FORBIDDEN');
    expect((await server.inject('/api/users')).json().error).toBe('FL_ERR_AUTH_REQUIRED');
    const admin = await signIn(server, 'root', 'admin-pw');
    const users = await server.inject({ url: '/api/users', headers: { cookie: cookieOf(admin) } });
    expect(users.json().map((u: { name: string; role: string }) => [u.name, u.role])).toEqual([
      ['vi', 'viewer'],
      ['root', 'admin'],
    ]);
    // an admin may do what an editor may
    const adminWrite = await postArticle(server, {
      cookie: cookieOf(admin),
      'x-csrf-token': admin.json().csrfToken,
    });
    expect(adminWrite.statusCode).toBe(200);
  });
});

describe('API tokens', () => {
  it('let a script write without a CSRF token, until revoked or its user disabled', async () => {
    const server = await app();
    const { token, user } = await createUser(store, { name: 'nightly', role: 'editor', withToken: true });
    expect(token).toMatch(/^fl_[0-9a-f]{12}_[\w-]{43}$/);
    const bearer = { authorization: `Bearer ${token}` };
    expect((await server.inject({ url: '/api/session', headers: bearer })).json()).toMatchObject({
      user: { name: 'nightly', role: 'editor' },
      via: 'token',
      csrfToken: null,
      canWrite: true,
    });
    expect((await postArticle(server, bearer)).statusCode).toBe(200);
    const [listed] = await store.listApiTokens();
    expect(listed?.lastUsedAt).toBe('2026-03-02T09:00:00.000Z');

    const second = await createToken(store, user, 'backup');
    await store.revokeApiToken(listed!.id);
    const revoked = await postArticle(server, bearer, `${ARTICLE} Shops closed.`);
    expect(revoked.statusCode).toBe(401);
    expect(revoked.json().error).toBe('FL_ERR_UNAUTHORIZED');
    expect((await server.inject({ url: '/api/events', headers: bearer })).statusCode).toBe(401);
    const other = { authorization: `Bearer ${second.token}` };
    expect((await postArticle(server, other, `${ARTICLE} Roads closed.`)).statusCode).toBe(200);
    await store.disableUser('nightly');
    expect((await postArticle(server, other, `${ARTICLE} Markets closed.`)).statusCode).toBe(401);
  });

  it("refuses a viewer's token on writes and a malformed or unknown one outright", async () => {
    const server = await app();
    const { token } = await createUser(store, { name: 'reader', role: 'viewer', withToken: true });
    const write = await postArticle(server, { authorization: `Bearer ${token}` });
    expect(write.json().error).toBe('FL_ERR_FORBIDDEN');
    for (const authorization of [
      'Bearer fl_000000000000_not-a-real-secret',
      'Basic abc',
      `Bearer ${token}x`,
    ]) {
      const res = await server.inject({ url: '/api/events', headers: { authorization } });
      expect(res.statusCode).toBe(401);
      expect(res.json().error).toBe('FL_ERR_UNAUTHORIZED');
    }
  });

  it('keeps FAULTLINE_API_TOKEN working as an editor once users exist', async () => {
    const server = await app({ apiToken: 'operator-secret-1', host: '0.0.0.0' });
    await userWithPassword(store, 'ana', 'viewer', 'pw');
    expect((await postArticle(server, { authorization: 'Bearer operator-secret-1' })).statusCode).toBe(200);
    expect((await postArticle(server, {}, `${ARTICLE} Again.`)).json().error).toBe('FL_ERR_AUTH_REQUIRED');
  });
});

describe('cross-site requests', () => {
  it('refuses a session write whose Origin or Sec-Fetch-Site is another site, even with the token', async () => {
    // bound beyond loopback, so the loopback Host check does not answer first
    const server = await app({ host: '0.0.0.0', apiToken: 'operator-secret-2' });
    await userWithPassword(store, 'ana', 'editor', 'pw-ana');
    const res = await signIn(server, 'ana', 'pw-ana', { host: 'faultline.example' });
    const headers = {
      host: 'faultline.example',
      cookie: cookieOf(res),
      'x-csrf-token': res.json().csrfToken,
    };
    const foreign = await postArticle(server, { ...headers, origin: 'https://attacker.example' });
    expect(foreign.statusCode).toBe(403);
    expect(foreign.json()).toEqual({
      error: 'FL_ERR_CSRF',
      message:
        'POST /api/documents: is refused as a possible cross-site request (Origin https://attacker.example)',
    });
    const site = await postArticle(server, { ...headers, 'sec-fetch-site': 'cross-site' });
    expect(site.json().error).toBe('FL_ERR_CSRF');
    const login = await signIn(server, 'ana', 'pw-ana', { host: 'faultline.example', origin: 'null' });
    expect(login.json().error).toBe('FL_ERR_CSRF');
    expect(await store.countDocuments()).toBe(0);
    const same = await postArticle(server, {
      ...headers,
      origin: 'https://faultline.example',
      'sec-fetch-site': 'same-origin',
    });
    expect(same.statusCode).toBe(200);
  });
});

describe('--require-auth', () => {
  it('closes reads to anyone unidentified but leaves the page, settings and sign-in open', async () => {
    const server = await app({ requireAuth: true });
    await userWithPassword(store, 'vi', 'viewer', 'viewer-pw');
    const res = await server.inject('/api/events');
    expect(res.statusCode).toBe(401);
    expect(res.json().error).toBe('FL_ERR_AUTH_REQUIRED');
    expect((await server.inject('/api/settings')).statusCode).toBe(200);
    expect((await server.inject('/api/openapi.json')).statusCode).toBe(200);
    expect((await server.inject('/api/session')).json()).toMatchObject({
      requireAuth: true,
      canWrite: false,
    });
    const viewer = await signIn(server, 'vi', 'viewer-pw');
    expect(
      (await server.inject({ url: '/api/events', headers: { cookie: cookieOf(viewer) } })).statusCode,
    ).toBe(200);
  });
});
