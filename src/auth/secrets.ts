import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A random secret of 32 bytes (256 bits), base64url: a session id, an API token's secret, a password. */
export function newSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/**
 * What the store keeps of a secret: its SHA-256 under a purpose label. The secrets are random and 256 bits long,
 * so a fast hash suffices (no guess can be checked against it in useful time), and a stolen table opens nothing.
 */
export function digestSecret(purpose: 'session' | 'token' | 'csrf', secret: string): string {
  return createHash('sha256').update(`faultline-${purpose}\0${secret}`).digest('base64url');
}

/** Compares two strings in time that does not depend on where they differ. */
export function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** An API token as its holder sees it: `fl_` + public id + `_` + secret. The id names it in `tokens revoke`. */
export function newApiToken(): { readonly id: string; readonly token: string } {
  const id = randomBytes(6).toString('hex');
  return { id, token: `fl_${id}_${newSecret()}` };
}

/** A password for `users add` to print once: 20 characters of base64url, about 120 bits. */
export function newPassword(): string {
  return newSecret(15);
}
