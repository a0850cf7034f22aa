import type { EventRecord } from '../domain/index.js';

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** Days since the epoch of a YYYY-MM-DD date, or null when it is not one. */
export function dayNumber(iso: string): number | null {
  const m = ISO_DAY.exec(iso);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  // Date.UTC rolls 2025-02-31 over to March; a date that does not round-trip is not a date.
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  return Math.floor(ms / DAY_MS);
}

export function isoOfDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Days the range covers, both ends included; 1 when either end is not a date. */
export function daySpan(date: EventRecord['date']): number {
  const a = dayNumber(date.start);
  const b = dayNumber(date.end);
  return a === null || b === null || b < a ? 1 : b - a + 1;
}

/** The middle day of the range (the earlier of two middles), or the start as written when it is not a date. */
export function midpoint(date: EventRecord['date']): string {
  const a = dayNumber(date.start);
  const b = dayNumber(date.end);
  if (a === null || b === null || b < a) return date.start;
  return isoOfDay(Math.floor((a + b) / 2));
}

/** Unix seconds of the latest parseable publication date of the sources, 0 when none: derived from the record alone. */
export function latestPublished(sources: EventRecord['sources']): number {
  let latest = 0;
  for (const s of sources) {
    const ms = s.published ? Date.parse(s.published) : Number.NaN;
    if (Number.isFinite(ms)) latest = Math.max(latest, Math.floor(ms / 1000));
  }
  return latest;
}
