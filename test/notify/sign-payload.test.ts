import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signPayload, verifySignature } from '../../src/notify/sign-payload.js';

const BODY = '{"event":"alert.fired","delivery":"dl_1"}';

describe('signPayload / verifySignature', () => {
  it('signs "TIMESTAMP.BODY" with HMAC-SHA256 as the README tells a receiver to check', () => {
    const header = signPayload('k3y-k3y-k3y-k3y!', BODY, 1_750_000_000);
    const mac = createHmac('sha256', 'k3y-k3y-k3y-k3y!').update(`1750000000.${BODY}`).digest('hex');
    expect(header).toBe(`t=1750000000,v1=${mac}`);
    expect(verifySignature(header, BODY, 'k3y-k3y-k3y-k3y!', 1_750_000_100)).toBe('valid');
  });

  it('refuses another body, another secret, an old time, and a malformed header', () => {
    const header = signPayload('secret-one-secret', BODY, 1_750_000_000);
    expect(verifySignature(header, `${BODY} `, 'secret-one-secret', 1_750_000_000)).toBe('mismatch');
    expect(verifySignature(header, BODY, 'secret-two-secret', 1_750_000_000)).toBe('mismatch');
    expect(verifySignature(header, BODY, 'secret-one-secret', 1_750_000_301)).toBe('stale');
    expect(verifySignature(header, BODY, 'secret-one-secret', 1_749_999_699)).toBe('stale');
    // a replay with a fresh time but the old signature does not match
    const replayed = header.replace('t=1750000000', 't=1750000900');
    expect(verifySignature(replayed, BODY, 'secret-one-secret', 1_750_000_900)).toBe('mismatch');
    for (const bad of [null, '', 't=abc,v1=00', 'v1=' + 'a'.repeat(64), 't=1,v1=xyz'])
      expect(verifySignature(bad, BODY, 'secret-one-secret', 1)).toBe('malformed');
  });
});
