/** How a failed delivery is retried: exponential backoff from `baseDelayMs`, capped, for a bounded number of tries. */
export interface RetrySchedule {
  /** Attempts in all, the first included; after the last failure the delivery is marked failed. */
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

/**
 * Eight attempts, 30 s after the first failure and doubling to at most an hour: a receiver down for about an hour
 * (a deploy, a restart) still gets the alert, and one gone for good is given up within about 64 minutes.
 */
export const DEFAULT_RETRY: RetrySchedule = { maxAttempts: 8, baseDelayMs: 30_000, maxDelayMs: 3_600_000 };

/** The wait after failed attempt number `attempt` (1 for the first), or null when no attempt is left. */
export function retryDelayMs(attempt: number, schedule: RetrySchedule): number | null {
  if (attempt >= schedule.maxAttempts) return null;
  return Math.min(schedule.maxDelayMs, schedule.baseDelayMs * 2 ** (attempt - 1));
}
