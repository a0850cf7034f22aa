import type { EventPoint } from '../../src/api/event-schemas.js';

const DAY = 86_400_000;

export const dayOf = (iso: string): number => Date.parse(`${iso}T00:00:00Z`) / DAY;
export const isoOf = (day: number): string => new Date(day * DAY).toISOString().slice(0, 10);

export interface Bin {
  readonly start: number;
  readonly byType: Map<string, number>;
  events: number;
  fatalities: number;
}

/** Dates precise enough to draw on a day or week axis; a month or a year would stretch it over a period. */
const DRAWN_PRECISIONS: ReadonlySet<string> = new Set(['day', 'days', 'week']);

/** The period to draw: the chosen dates where there are some, else the span of the precisely dated events. */
export interface Period {
  readonly from?: string | undefined;
  readonly to?: string | undefined;
}

/**
 * Counts events and fatalities per day (per week, from Monday, beyond 120 days), by type, over the period. Events
 * dated only to a month or a year (a yearly tally's background mention) are left out and counted in `undated`,
 * so they never stretch the axis. Pure.
 */
export function binPoints(
  points: readonly EventPoint[],
  period: Period = {},
): { bins: Bin[]; width: number; undated: number } {
  let min = period.from ? dayOf(period.from) : Infinity;
  let max = period.to ? dayOf(period.to) : -Infinity;
  const fixedMin = Number.isFinite(min);
  const fixedMax = Number.isFinite(max);
  const drawn: { day: number; p: EventPoint }[] = [];
  let undated = 0;
  for (const p of points) {
    const d = dayOf(p[3]);
    if (!Number.isFinite(d)) continue;
    if (!DRAWN_PRECISIONS.has(p[9])) {
      undated++;
      continue;
    }
    if ((fixedMin && d < min) || (fixedMax && d > max)) continue;
    drawn.push({ day: d, p });
    if (!fixedMin && d < min) min = d;
    if (!fixedMax && d > max) max = d;
  }
  if (!Number.isFinite(min) || !Number.isFinite(max) || max < min) return { bins: [], width: 1, undated };
  const width = max - min > 120 ? 7 : 1;
  // 1970-01-01 was a Thursday: day 4 is the first Monday
  const origin = width === 7 ? min - ((((min - 4) % 7) + 7) % 7) : min;
  const count = Math.floor((max - origin) / width) + 1;
  const bins: Bin[] = Array.from({ length: count }, (_, i) => ({
    start: origin + i * width,
    byType: new Map(),
    events: 0,
    fatalities: 0,
  }));
  for (const { day, p } of drawn) {
    const bin = bins[Math.floor((day - origin) / width)]!;
    bin.events++;
    bin.fatalities += p[5] ?? 0;
    bin.byType.set(p[4], (bin.byType.get(p[4]) ?? 0) + 1);
  }
  return { bins, width, undated };
}
