import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * scrypt's cost: N = 2^15, r = 8 takes 32 MiB and tens of milliseconds per guess, the parameters OWASP lists for
 * scrypt. They are written into each hash, so that raising them later leaves the older hashes readable.
 */
const COST = { N: 2 ** 15, r: 8, p: 1 } as const;
const KEY_BYTES = 32;
const SALT_BYTES = 16;
/** Refuses a stored hash whose parameters would take more memory than this (a corrupt or hostile row). */
const MAX_MEMORY = 256 * 1024 * 1024;

function derive(password: string, salt: Buffer, cost: { N: number; r: number; p: number }): Promise<Buffer> {
  const options: ScryptOptions = { ...cost, maxmem: Math.max(MAX_MEMORY / 2, 256 * cost.N * cost.r) };
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, KEY_BYTES, options, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

/** A new salted hash of the password: `scrypt$N$r$p$salt$key` (base64url). Runs off the main thread. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, COST);
  return ['scrypt', COST.N, COST.r, COST.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

function parseHash(
  stored: string,
): { cost: { N: number; r: number; p: number }; salt: Buffer; key: Buffer } | null {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return null;
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  const valid = [N, r, p].every((n) => Number.isInteger(n) && n > 0) && (N & (N - 1)) === 0;
  if (!valid || 128 * N * r * p > MAX_MEMORY) return null;
  const salt = Buffer.from(parts[4]!, 'base64url');
  const key = Buffer.from(parts[5]!, 'base64url');
  if (salt.length === 0 || key.length !== KEY_BYTES) return null;
  return { cost: { N, r, p }, salt, key };
}

/** A hash of no password, made once: verifying an unknown name costs what verifying a known one does. */
let decoy: Promise<string> | null = null;

/** Makes the decoy hash now (a server does so at start), so that the first unknown name is no faster either. */
export function prepareDecoy(): Promise<string> {
  decoy ??= hashPassword(randomBytes(16).toString('hex'));
  return decoy;
}

/**
 * True when the password matches the stored hash, compared in constant time. `stored` null (an unknown name, or
 * a user with no password) is checked against a decoy hash all the same, so the answer's timing does not say
 * which names exist.
 */
export async function verifyPassword(password: string, stored: string | null): Promise<boolean> {
  const parsed = parseHash(stored ?? (await prepareDecoy()));
  if (parsed === null) return false;
  const key = await derive(password, parsed.salt, parsed.cost);
  return timingSafeEqual(key, parsed.key) && stored !== null;
}
