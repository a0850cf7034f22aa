import { FaultlineError } from '../errors/errors.js';

const UNITS: Readonly<Record<string, number>> = { s: 1, m: 60, h: 3600 };

/** "30s", "5m", "2h" or a number of seconds, as whole seconds; one clear error naming the flag otherwise. */
export function parseDuration(flag: string, raw: string | undefined, fallback: number, min: number): number {
  if (raw === undefined) return fallback;
  const m = /^(\d+(?:\.\d+)?)\s*([smh]?)$/.exec(raw.trim());
  const seconds = m ? Number(m[1]) * (UNITS[m[2] || 's'] ?? 1) : NaN;
  if (!Number.isFinite(seconds) || seconds < min)
    throw new FaultlineError(
      'FL_ERR_BAD_ARGUMENT',
      `${flag} ${raw}`,
      `expected a duration of at least ${min} s (30s, 5m, 2h)`,
    );
  return seconds;
}
