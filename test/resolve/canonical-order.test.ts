import { describe, expect, it } from 'vitest';
import { dayNumber } from '../../src/resolve/canonical-order.js';

describe('dayNumber', () => {
  it('counts days since 1970-01-01 of an ISO date, ignoring a time after it', () => {
    expect(dayNumber('1970-01-01')).toBe(0);
    expect(dayNumber('1970-01-02')).toBe(1);
    expect(dayNumber('2025-05-06')).toBe(Date.UTC(2025, 4, 6) / 86_400_000);
    expect(dayNumber('2024-02-29T13:45:00Z')).toBe(Date.UTC(2024, 1, 29) / 86_400_000);
    expect(dayNumber('1969-12-31')).toBe(-1);
  });

  it('gives null for text that is not an ISO date', () => {
    for (const text of [
      '',
      '2025-05',
      '2025-5-06',
      '2025/05/06',
      '20250506xx',
      'abcd-ef-gh',
      '2025-05-0x',
      ' 2025-05-06',
    ])
      expect(dayNumber(text), text).toBeNull();
  });
});
