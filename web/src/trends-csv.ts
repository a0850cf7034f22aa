import type { TrendDistricts, TrendSeries } from '../../src/api/trend-schemas.js';
import { csvLine } from '../../src/export/csv-line.js';

/** The series as CSV, one row per bucket and split value (zeros included), then the bucket totals. */
export function seriesCsv(s: TrendSeries): string {
  const lines = [csvLine(['period', 'from', 'to', s.split, 'events', 'fatalities_best'])];
  s.periods.forEach((p, i) => {
    for (const line of s.series)
      lines.push(csvLine([p.label, p.from, p.to, line.name, line.events[i] ?? 0, line.fatalities[i] ?? 0]));
    lines.push(csvLine([p.label, p.from, p.to, 'All', s.totals.events[i] ?? 0, s.totals.fatalities[i] ?? 0]));
  });
  return lines.join('');
}

/** The district table as CSV, in the table's order. */
export function districtsCsv(t: TrendDistricts): string {
  const lines = [
    csvLine([
      'district',
      'period',
      'events',
      'fatalities_best',
      'previous_period',
      'previous_events',
      'previous_fatalities_best',
      'change',
      'change_percent',
      'year_ago_period',
      'year_ago_events',
      'year_ago_fatalities_best',
      'year_change',
      'year_change_percent',
      'baseline',
      'probability',
      'escalating',
    ]),
  ];
  for (const r of t.rows)
    lines.push(
      csvLine([
        r.district,
        t.current?.label ?? null,
        r.current.events,
        r.current.fatalities,
        t.previous?.label ?? null,
        r.previous.events,
        r.previous.fatalities,
        r.change,
        r.changePercent,
        t.yearAgo?.label ?? null,
        r.yearAgo.events,
        r.yearAgo.fatalities,
        r.yearChange,
        r.yearChangePercent,
        Math.round(r.baseline * 100) / 100,
        Number(r.probability.toPrecision(3)),
        r.escalating,
      ]),
    );
  return lines.join('');
}
