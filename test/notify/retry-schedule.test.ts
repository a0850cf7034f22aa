import { describe, expect, it } from 'vitest';
import { DEFAULT_RETRY, retryDelayMs } from '../../src/notify/retry-schedule.js';

describe('retryDelayMs', () => {
  it('doubles from the base delay up to the cap, and gives none after the last attempt', () => {
    const s = { maxAttempts: 5, baseDelayMs: 1_000, maxDelayMs: 5_000 };
    expect([1, 2, 3, 4, 5].map((n) => retryDelayMs(n, s))).toEqual([1_000, 2_000, 4_000, 5_000, null]);
  });

  it('spreads the default eight attempts over about an hour', () => {
    const waits = Array.from({ length: 7 }, (_, i) => retryDelayMs(i + 1, DEFAULT_RETRY)!);
    expect(waits[0]).toBe(30_000);
    const total = waits.reduce((a, b) => a + b, 0);
    expect(total / 60_000).toBeCloseTo(63.5, 1);
    expect(retryDelayMs(8, DEFAULT_RETRY)).toBeNull();
  });
});
