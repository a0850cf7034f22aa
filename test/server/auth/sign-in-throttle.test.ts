import { describe, expect, it } from 'vitest';
import { signInThrottle } from '../../../src/server/auth/sign-in-throttle.js';

describe('signInThrottle', () => {
  const limits = { perName: 3, perAddress: 5, windowMs: 60_000, maxKeys: 4 };

  it('holds a name back after its limit until the oldest failure leaves the window', () => {
    let now = 0;
    const t = signInThrottle(limits, () => now);
    for (let i = 0; i < 3; i++) {
      expect(t.waitSeconds('Ana', '10.0.0.1')).toBe(0);
      t.failed('Ana', '10.0.0.1');
      now += 10_000;
    }
    // names are counted case-blind: "ana" is the same person
    expect(t.waitSeconds('ana', '10.0.0.2')).toBe(30);
    now = 60_001;
    expect(t.waitSeconds('ana', '10.0.0.2')).toBe(0);
  });

  it('holds an address back across names, and a success clears only the name', () => {
    const t = signInThrottle(limits, () => 0);
    for (const name of ['a', 'b', 'c', 'd', 'e']) t.failed(name, '10.0.0.9');
    expect(t.waitSeconds('f', '10.0.0.9')).toBe(60);
    expect(t.waitSeconds('f', '10.0.0.8')).toBe(0);
    t.failed('g', '10.0.0.7');
    t.failed('g', '10.0.0.7');
    t.succeeded('g');
    t.failed('g', '10.0.0.7');
    expect(t.waitSeconds('g', '10.0.0.6')).toBe(0);
  });

  it('forgets the oldest keys past its bound', () => {
    const t = signInThrottle({ ...limits, perName: 1 }, () => 0);
    t.failed('first', '1');
    expect(t.waitSeconds('first', '9')).toBe(60);
    for (const name of ['n2', 'n3', 'n4']) t.failed(name, '1');
    expect(t.waitSeconds('first', '9')).toBe(0);
  });
});
