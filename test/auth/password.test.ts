import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from '../../src/auth/password.js';
import { digestSecret, newApiToken, sameSecret } from '../../src/auth/secrets.js';

describe('password hashing', () => {
  it('salts each hash, records its cost, and verifies only the right password', async () => {
    const [a, b] = await Promise.all([hashPassword('correct horse'), hashPassword('correct horse')]);
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('correct horse', a)).toBe(true);
    expect(await verifyPassword('correct horse', b)).toBe(true);
    expect(await verifyPassword('correct hors', a)).toBe(false);
    expect(await verifyPassword('', a)).toBe(false);
  });

  it('reads a composed and a decomposed accent as one password', async () => {
    const hash = await hashPassword('caf\u00e9-12');
    expect(await verifyPassword('cafe\u0301-12', hash)).toBe(true);
  });

  it('answers false, never throws, for no hash and for corrupt or too costly ones', async () => {
    expect(await verifyPassword('x', null)).toBe(false);
    const good = await hashPassword('x');
    const parts = good.split('$');
    for (const bad of [
      'plain',
      'bcrypt$1$2$3$4$5',
      ['scrypt', '1048576', '64', '1', parts[4], parts[5]].join('$'),
      ['scrypt', '1000', '8', '1', parts[4], parts[5]].join('$'),
      ['scrypt', '32768', '8', '1', parts[4], 'short'].join('$'),
    ])
      expect(await verifyPassword('x', bad)).toBe(false);
  });
});

describe('secrets', () => {
  it('keeps digests apart by purpose and compares in constant time', () => {
    expect(digestSecret('session', 'abc')).not.toBe(digestSecret('csrf', 'abc'));
    expect(digestSecret('token', 'abc')).toBe(digestSecret('token', 'abc'));
    expect(sameSecret('abc', 'abc')).toBe(true);
    expect(sameSecret('abc', 'abd')).toBe(false);
    expect(sameSecret('abc', 'abcd')).toBe(false);
    const { id, token } = newApiToken();
    expect(token.startsWith(`fl_${id}_`)).toBe(true);
  });
});
