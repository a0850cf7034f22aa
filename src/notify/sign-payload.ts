import { createHmac, timingSafeEqual } from 'node:crypto';

/** The header a webhook POST carries its signature in: `t=UNIX_SECONDS,v1=HEX`. */
export const SIGNATURE_HEADER = 'Faultline-Signature';

/** How far a signature's time may be from the receiver's clock before the POST is refused as a replay. */
export const REPLAY_WINDOW_SECONDS = 300;

function hmac(secret: string, timestamp: number, body: string): string {
  // the time is signed with the body, so a captured POST cannot be replayed later under a fresh time
  return createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

/** The signature header's value for `body` sent at `timestamp` (whole seconds since 1970). */
export function signPayload(secret: string, body: string, timestamp: number): string {
  return `t=${timestamp},v1=${hmac(secret, timestamp, body)}`;
}

export type SignatureVerdict = 'valid' | 'malformed' | 'mismatch' | 'stale';

/**
 * What a receiver does with the header: the signature must match the body under the secret (compared in constant
 * time) and its time must be within `windowSeconds` of `now`.
 */
export function verifySignature(
  header: string | null | undefined,
  body: string,
  secret: string,
  now: number,
  windowSeconds: number = REPLAY_WINDOW_SECONDS,
): SignatureVerdict {
  const parts = new Map(
    (header ?? '').split(',').map((p) => {
      const at = p.indexOf('=');
      return [p.slice(0, at).trim(), p.slice(at + 1).trim()] as const;
    }),
  );
  const t = Number(parts.get('t'));
  const v1 = parts.get('v1') ?? '';
  if (!Number.isInteger(t) || !/^[0-9a-f]{64}$/.test(v1)) return 'malformed';
  const expected = Buffer.from(hmac(secret, t, body), 'hex');
  if (!timingSafeEqual(expected, Buffer.from(v1, 'hex'))) return 'mismatch';
  return Math.abs(now - t) > windowSeconds ? 'stale' : 'valid';
}
