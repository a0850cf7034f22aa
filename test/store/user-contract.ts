import { expect, it } from 'vitest';
import { FaultlineError } from '../../src/errors/errors.js';
import type { Store } from '../../src/store/store.js';

/** Users, API tokens and sessions: every backend keeps them alike. */
export function userContractCases(store: () => Store): void {
  it('adds users with ids never reused, refuses a taken name, and lists them in the order added', async () => {
    const s = store();
    expect(await s.countActiveUsers()).toBe(0);
    const ana = await s.addUser({ name: 'ana', role: 'editor', passwordHash: 'scrypt$x' });
    const bo = await s.addUser({ name: 'bo', role: 'viewer', passwordHash: null });
    expect(typeof ana.id).toBe('number');
    expect(bo.id).toBeGreaterThan(ana.id);
    expect(ana).toMatchObject({ name: 'ana', role: 'editor', disabledAt: null });
    expect(ana.createdAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    const taken = await s
      .addUser({ name: 'ana', role: 'admin', passwordHash: null })
      .catch((e: unknown) => e);
    expect(taken).toBeInstanceOf(FaultlineError);
    expect((taken as FaultlineError).code).toBe('FL_ERR_USER_EXISTS');
    expect((await s.listUsers()).map((u) => [u.name, u.role])).toEqual([
      ['ana', 'editor'],
      ['bo', 'viewer'],
    ]);
    expect(await s.userCredentials('ana')).toEqual({ user: ana, passwordHash: 'scrypt$x' });
    expect((await s.userCredentials('bo'))?.passwordHash).toBeNull();
    expect(await s.userCredentials('nobody')).toBeNull();
    expect(await s.countActiveUsers()).toBe(2);
  });

  it('finds a user by an unrevoked token digest, lists tokens without secrets, and revokes once', async () => {
    const s = store();
    const ana = await s.addUser({ name: 'ana', role: 'editor', passwordHash: null });
    const token = await s.addApiToken({ id: 't1', userId: ana.id, name: 'nightly script', tokenHash: 'h1' });
    expect(token).toMatchObject({
      id: 't1',
      userId: ana.id,
      userName: 'ana',
      lastUsedAt: null,
      revokedAt: null,
    });
    expect(await s.userByToken('h1')).toEqual(ana);
    expect(await s.userByToken('h2')).toBeNull();
    const [listed] = await s.listApiTokens();
    expect(listed?.lastUsedAt).not.toBeNull();
    expect(JSON.stringify(await s.listApiTokens())).not.toContain('h1');
    expect(await s.revokeApiToken('t1')).toBe(true);
    expect(await s.revokeApiToken('t1')).toBe(false);
    expect(await s.revokeApiToken('no-such')).toBe(false);
    expect(await s.userByToken('h1')).toBeNull();
    expect((await s.listApiTokens())[0]?.revokedAt).not.toBeNull();
    const missing = await s
      .addApiToken({ id: 't2', userId: ana.id + 100, name: 'x', tokenHash: 'h3' })
      .catch((e: unknown) => e);
    expect((missing as FaultlineError).code).toBe('FL_ERR_NOT_FOUND');
  });

  it('keeps a session until it is deleted, and a disabled user loses sessions, tokens and sign-in', async () => {
    const s = store();
    const ana = await s.addUser({ name: 'ana', role: 'admin', passwordHash: 'scrypt$y' });
    const { expiresAt } = await s.addSession({ idHash: 's1', userId: ana.id, lifetimeSeconds: 3600 });
    expect(Date.parse(expiresAt) - Date.now()).toBeGreaterThan(3500_000);
    await s.addSession({ idHash: 's2', userId: ana.id, lifetimeSeconds: 3600 });
    await s.addApiToken({ id: 't1', userId: ana.id, name: 'cli', tokenHash: 'h1' });
    expect(await s.userBySession('s1')).toEqual(ana);
    expect(await s.userBySession('nope')).toBeNull();
    await s.deleteSession('s1');
    expect(await s.userBySession('s1')).toBeNull();
    expect(await s.userBySession('s2')).toEqual(ana);
    expect(await s.disableUser('ana')).toBe(true);
    expect(await s.disableUser('ana')).toBe(false);
    expect(await s.userBySession('s2')).toBeNull();
    expect(await s.userByToken('h1')).toBeNull();
    expect(await s.userCredentials('ana')).toBeNull();
    expect(await s.countActiveUsers()).toBe(0);
    const [kept] = await s.listUsers();
    expect(kept?.disabledAt).not.toBeNull();
    expect((await s.listApiTokens())[0]?.revokedAt).not.toBeNull();
    // the name stays taken: a record that names the user must not come to mean someone else
    const again = await s
      .addUser({ name: 'ana', role: 'viewer', passwordHash: null })
      .catch((e: unknown) => e);
    expect((again as FaultlineError).code).toBe('FL_ERR_USER_EXISTS');
  });

  it('ends a session at its expiry', async () => {
    const s = store();
    const bo = await s.addUser({ name: 'bo', role: 'viewer', passwordHash: null });
    await s.addSession({ idHash: 'brief', userId: bo.id, lifetimeSeconds: 1 });
    expect(await s.userBySession('brief')).toEqual(bo);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(await s.userBySession('brief')).toBeNull();
  });
}
