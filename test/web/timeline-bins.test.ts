import { describe, expect, it } from 'vitest';
import type { EventPoint } from '../../src/api/event-schemas.js';
import { binPoints } from '../../web/src/timeline-bins.js';

function point(id: string, date: string, precision: string, killed: number | null = 1): EventPoint {
  return [id, 29, 66, date, 'Battles', killed, 'Kalat', 'place', 'Balochistan', precision];
}

const DAY = 86_400_000;
const iso = (day: number) => new Date(day * DAY).toISOString().slice(0, 10);

describe('binPoints', () => {
  it('draws the span of precisely dated events: a yearly tally dated to 1 January does not stretch it', () => {
    const points = [
      point('a', '2025-06-02', 'day'),
      point('b', '2025-06-20', 'days'),
      point('tally', '2025-01-01', 'year', 600),
      point('month', '2025-03-01', 'month'),
    ];
    const { bins, width, undated } = binPoints(points);
    expect(width).toBe(1);
    expect(iso(bins[0]!.start)).toBe('2025-06-02');
    expect(iso(bins.at(-1)!.start)).toBe('2025-06-20');
    expect(undated).toBe(2);
    expect(bins.reduce((n, b) => n + b.fatalities, 0)).toBe(2);
  });

  it('draws the chosen period, whatever the events span', () => {
    const points = [point('a', '2025-06-02', 'day'), point('b', '2025-09-20', 'day')];
    const { bins, width } = binPoints(points, { from: '2025-06-01', to: '2025-06-30' });
    expect(width).toBe(1);
    expect(bins).toHaveLength(30);
    expect(iso(bins[0]!.start)).toBe('2025-06-01');
    expect(bins.reduce((n, b) => n + b.events, 0)).toBe(1);
  });
});
