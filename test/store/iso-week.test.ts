import { describe, expect, it } from 'vitest';
import { isoWeek } from '../../src/store/iso-week.js';

describe('isoWeek', () => {
  it('labels weeks by the year of their Thursday', () => {
    expect(isoWeek('2024-12-30')).toBe('2025-W01');
    expect(isoWeek('2021-01-03')).toBe('2020-W53');
    expect(isoWeek('2021-01-04')).toBe('2021-W01');
    expect(isoWeek('2026-12-31')).toBe('2026-W53');
    expect(isoWeek('2025-05-06')).toBe('2025-W19');
    expect(isoWeek('0050-01-01')).toBe('0049-W52');
  });

  it('agrees with a day-by-day count over several years', () => {
    // Walk days from a known Monday (2019-12-30 opens 2020-W01), advancing the week every Monday.
    let [year, week] = [2020, 1];
    const start = Date.UTC(2019, 11, 30);
    for (let d = 0; d < 6 * 366; d++) {
      const date = new Date(start + d * 86_400_000);
      if (d > 0 && date.getUTCDay() === 1) {
        week++;
        const thursday = new Date(date.getTime() + 3 * 86_400_000);
        if (thursday.getUTCFullYear() !== year) [year, week] = [thursday.getUTCFullYear(), 1];
      }
      const expected = `${year}-W${String(week).padStart(2, '0')}`;
      expect(isoWeek(date.toISOString().slice(0, 10))).toBe(expected);
    }
  });

  it('refuses what is not a calendar date', () => {
    for (const bad of ['', '2025-02-30', '2025-13-01', '2025-5-6', 'x'.repeat(100_000)])
      expect(isoWeek(bad)).toBeNull();
  });
});
