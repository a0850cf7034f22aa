const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** Days since Monday (0..6) of a UTC timestamp. */
function weekday(ms: number): number {
  return (new Date(ms).getUTCDay() + 6) % 7;
}

/**
 * The ISO 8601 week of a calendar date, 'YYYY-Www' (the year is the week's, so 2024-12-30 is '2025-W01'),
 * or null when the text is not a real YYYY-MM-DD date.
 */
export function isoWeek(date: string): string | null {
  const m = ISO_DATE.exec(date);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  // setUTCFullYear, unlike Date.UTC, does not map years 0..99 to 1900..1999; a rolled-over day (02-30) is refused.
  const check = new Date(0);
  const ms = check.setUTCFullYear(year, month - 1, day);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  // A week belongs to the year of its Thursday; week 1 is the one holding January 4.
  const thursday = ms + (3 - weekday(ms)) * DAY_MS;
  const weekYear = new Date(thursday).getUTCFullYear();
  const jan4 = new Date(0).setUTCFullYear(weekYear, 0, 4);
  const firstMonday = jan4 - weekday(jan4) * DAY_MS;
  const week = 1 + Math.floor((thursday - firstMonday) / (7 * DAY_MS));
  return `${String(weekYear).padStart(4, '0')}-W${String(week).padStart(2, '0')}`;
}

/** Monday and Sunday (YYYY-MM-DD) of the ISO week holding a calendar date. */
export function isoWeekBounds(date: string): { readonly from: string; readonly to: string } {
  const ms = Date.parse(`${date}T00:00:00Z`);
  const monday = ms - weekday(ms) * DAY_MS;
  const day = (t: number): string => new Date(t).toISOString().slice(0, 10);
  return { from: day(monday), to: day(monday + 6 * DAY_MS) };
}

/** The labels of the window holding `at` and the `history` windows before it, oldest first. */
export function windowsEnding(at: string, window: 'week' | 'month', history: number): string[] {
  const labels: string[] = [];
  if (window === 'week') {
    const ms = Date.parse(`${at}T00:00:00Z`);
    for (let i = history; i >= 0; i--)
      labels.push(isoWeek(new Date(ms - i * 7 * DAY_MS).toISOString().slice(0, 10))!);
    return labels;
  }
  const [y, m] = [Number(at.slice(0, 4)), Number(at.slice(5, 7))];
  for (let i = history; i >= 0; i--) {
    const index = y * 12 + (m - 1) - i;
    labels.push(
      `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`,
    );
  }
  return labels;
}
