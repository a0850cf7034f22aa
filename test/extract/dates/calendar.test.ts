import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  formatDay,
  fromDay,
  parseIsoDay,
  toDay,
  weekdayOf,
} from '../../../src/extract/dates/calendar.js';

describe('calendar', () => {
  it('agrees with Date.UTC on day numbers and weekdays', () => {
    fc.assert(
      fc.property(fc.integer({ min: -40_000, max: 60_000 }), (n) => {
        const d = new Date(n * 86_400_000);
        const civil = fromDay(n);
        expect([civil.year, civil.month, civil.day]).toEqual([
          d.getUTCFullYear(),
          d.getUTCMonth() + 1,
          d.getUTCDate(),
        ]);
        expect(toDay(civil.year, civil.month, civil.day)).toBe(n);
        expect(weekdayOf(n)).toBe(d.getUTCDay());
        expect(parseIsoDay(formatDay(n))).toBe(n);
      }),
    );
  });

  it('rejects dates that do not exist', () => {
    expect(parseIsoDay('2025-02-29')).toBeNull();
    expect(parseIsoDay('2024-02-29')).toBe(toDay(2024, 2, 29));
    expect(parseIsoDay('2025-13-01')).toBeNull();
    expect(parseIsoDay('2025-5-1')).toBeNull();
    expect(parseIsoDay(null)).toBeNull();
  });

  it('adds days across month, year and leap-day ends, either way', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-03-01', -1)).toBe('2025-02-28');
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(addDays('2025-07-16', 0)).toBe('2025-07-16');
  });
});
