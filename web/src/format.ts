import type { EventRecordWire } from '../../src/api/event-schemas.js';

export function dateText(d: EventRecordWire['date']): string {
  const range = d.start === d.end ? d.start : `${d.start} – ${d.end}`;
  return d.precision === 'day' ? range : `${range} (${d.precision})`;
}

export function placeText(l: EventRecordWire['location']): string {
  if (!l) return 'place unknown';
  const parts = [l.name, l.admin2 && l.admin2 !== l.name ? l.admin2 : null, l.admin1, l.country].filter(
    Boolean,
  );
  return `${parts.join(', ')} (${l.precision.replace('_', ' ')})`;
}

export function figureText(f: { low: number; best: number; high: number } | null): string {
  if (!f) return '—';
  return f.low === f.high ? String(f.best) : `${f.best} (${f.low}–${f.high})`;
}
