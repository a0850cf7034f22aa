import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '../../src/auth/password.js';
import { digestSecret } from '../../src/auth/secrets.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { cli } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'faultline-users-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('faultline users and tokens', () => {
  const db = join(dir, 'users.db');

  it('adds a user, printing a password once that the stored hash verifies', async () => {
    const added = await cli(['users', 'add', 'ana', '--role', 'editor', '--db', db]);
    expect(added.code).toBe(0);
    const password = added.out.trim();
    expect(password).toMatch(/^[\w-]{20}$/);
    expect(added.err).toContain('added ana (editor)');
    const store = await openSqliteStore({ path: db });
    try {
      const found = await store.userCredentials('ana');
      expect(found?.user.role).toBe('editor');
      expect(found?.passwordHash).not.toContain(password);
      expect(await verifyPassword(password, found?.passwordHash ?? null)).toBe(true);
    } finally {
      await store.close();
    }
    const again = await cli(['users', 'add', 'ana', '--role', 'viewer', '--db', db]);
    expect(again.code).toBe(1);
    expect(again.err).toBe('user ana: is taken by another user\n');
  });

  it('adds a script user with a token instead, lists tokens without secrets, revokes one', async () => {
    const added = await cli(['users', 'add', 'nightly', '--role', 'viewer', '--token', '--db', db]);
    const token = added.out.trim();
    expect(token).toMatch(/^fl_[0-9a-f]{12}_[\w-]{43}$/);
    const second = await cli(['tokens', 'add', 'nightly', '--name', 'backup job', '--db', db]);
    expect(second.code).toBe(0);
    const listed = await cli(['tokens', 'list', '--format', 'jsonl', '--db', db]);
    const rows = listed.out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: string; userName: string; name: string; revokedAt: string | null });
    expect(rows.map((r) => [r.userName, r.name]).sort()).toEqual([
      ['nightly', 'backup job'],
      ['nightly', 'created with the user'],
    ]);
    // the secret is all after the id: it may itself hold underscores
    const secret = /^fl_[0-9a-f]{12}_(.+)$/.exec(token)![1]!;
    expect(listed.out).not.toContain(secret);
    const id = token.split('_')[1]!;
    expect((await cli(['tokens', 'revoke', id, '--db', db])).code).toBe(0);
    const twice = await cli(['tokens', 'revoke', id, '--db', db]);
    expect(twice.code).toBe(1);
    expect(twice.err).toMatch(new RegExp(`token ${id}: was not found`));
    const store = await openSqliteStore({ path: db });
    try {
      expect(await store.userByToken(digestSecret('token', token))).toBeNull();
      expect(await store.userByToken(digestSecret('token', second.out.trim()))).not.toBeNull();
    } finally {
      await store.close();
    }
  });

  it('lists users and disables one on remove', async () => {
    expect((await cli(['users', 'remove', 'nightly', '--db', db])).code).toBe(0);
    const table = await cli(['users', 'list', '--db', db]);
    expect(table.out).toMatch(/^ana\s+editor\s+\S+\s+enabled$/m);
    expect(table.out).toMatch(/^nightly\s+viewer\s+\S+\s+disabled \S+$/m);
    const tokens = await cli(['tokens', 'list', '--db', db]);
    expect(tokens.out).not.toMatch(/active$/m);
    expect((await cli(['users', 'remove', 'nightly', '--db', db])).code).toBe(1);
  });

  it('refuses a bad command line with exit status 2 and one line', async () => {
    for (const args of [
      ['users', 'add', 'bo'],
      ['users', 'add', 'bo', '--role', 'owner'],
      ['users', 'add', 'bad name!', '--role', 'viewer'],
      ['users', 'promote', 'bo'],
      ['tokens', 'revoke'],
    ]) {
      const run = await cli([...args, '--db', db]);
      expect(run.code).toBe(2);
      expect(run.err.trim().split('\n')).toHaveLength(1);
      expect(run.out).toBe('');
    }
  });
});
