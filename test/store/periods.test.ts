import { describe, expect, it } from 'vitest';
import {
  periodBefore,
  periodBounds,
  periodOf,
  periodStart,
  periodsBetween,
} from '../../src/store/periods.js';

describe('trend buckets', () => {
  it('labels a day by its day, ISO week (of the week-numbering year) or month, and back', () => {
    expect(periodOf('2024-12-30', 'week')).toBe('2025-W01');
    expect(periodOf('2021-01-03', 'week')).toBe('2020-W53');
    expect(periodOf('2025-05-09', 'month')).toBe('2025-05');
    expect(periodStart('2025-W01', 'week')).toBe('2024-12-30');
    expect(periodStart('2020-W53', 'week')).toBe('2020-12-28');
    expect(periodStart('2025-02', 'month')).toBe('2025-02-01');
    expect(periodStart('not-a-week', 'week')).toBeNull();
  });

  it('bounds a month by its own last day, leap years included', () => {
    expect(periodBounds('2024-02-10', 'month')).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(periodBounds('2025-02-10', 'month')).toEqual({ from: '2025-02-01', to: '2025-02-28' });
    expect(periodBounds('2025-05-09', 'week')).toEqual({ from: '2025-05-05', to: '2025-05-11' });
  });

  it('lists every bucket between two days, and gives up past the maximum', () => {
    expect(periodsBetween('2024-12-20', '2025-01-06', 'week', 10)?.map((p) => p.label)).toEqual([
      '2024-W51',
      '2024-W52',
      '2025-W01',
      '2025-W02',
    ]);
    expect(periodsBetween('2024-11-30', '2025-01-01', 'month', 10)?.map((p) => p.label)).toEqual([
      '2024-11',
      '2024-12',
      '2025-01',
    ]);
    expect(periodsBetween('2025-01-01', '2025-01-31', 'day', 30)).toBeNull();
    expect(periodsBetween('2025-01-02', '2025-01-01', 'day', 30)).toEqual([]);
  });

  it('steps back whole buckets across year ends', () => {
    expect(periodBefore('2025-01-15', 'month', 1)).toEqual({
      label: '2024-12',
      from: '2024-12-01',
      to: '2024-12-31',
    });
    expect(periodBefore('2025-05-09', 'week', 52).label).toBe('2024-W19');
    expect(periodBefore('2025-05-09', 'day', 0)).toEqual({
      label: '2025-05-09',
      from: '2025-05-09',
      to: '2025-05-09',
    });
  });
});
