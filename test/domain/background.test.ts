import { describe, expect, it } from 'vitest';
import { BACKGROUND_DAYS, isBackground } from '../../src/domain/index.js';

const day = (d: string) => ({ start: d, end: d, precision: 'day' as const });

describe('isBackground', () => {
  it('marks an incident that ended more than the background window before publication', () => {
    expect(BACKGROUND_DAYS).toBe(14);
    expect(isBackground(day('2025-09-18'), '2025-10-02')).toBe(false);
    expect(isBackground(day('2025-09-17'), '2025-10-02')).toBe(true);
    expect(isBackground({ start: '2022-11-01', end: '2022-11-30', precision: 'month' }, '2025-09-02')).toBe(
      true,
    );
  });

  it('judges by the end of an interval, and never without a publication date', () => {
    expect(isBackground({ start: '2025-08-01', end: '2025-09-30', precision: 'days' }, '2025-10-02')).toBe(
      false,
    );
    expect(isBackground(day('2020-01-01'), null)).toBe(false);
    expect(isBackground(day('2020-01-01'), 'not a date')).toBe(false);
  });
});
