/**
 * Counts failed sign-ins per name and per client address over a sliding window and refuses further tries once
 * either count reaches its limit, until the oldest counted failure ages out. Memory is bounded: past `maxKeys`
 * the oldest key is forgotten.
 */
export interface SignInThrottle {
  /** Seconds to wait before trying again, or 0 when a try is allowed now. */
  waitSeconds(name: string, address: string): number;
  failed(name: string, address: string): void;
  succeeded(name: string): void;
}

export interface ThrottleLimits {
  readonly perName: number;
  readonly perAddress: number;
  readonly windowMs: number;
  readonly maxKeys: number;
}

export const DEFAULT_THROTTLE: ThrottleLimits = {
  perName: 5,
  perAddress: 20,
  windowMs: 15 * 60_000,
  maxKeys: 10_000,
};

export function signInThrottle(
  limits: ThrottleLimits = DEFAULT_THROTTLE,
  now: () => number = Date.now,
): SignInThrottle {
  const failures = new Map<string, number[]>();
  const keys = (name: string, address: string): [string, number][] => [
    [`name:${name.toLowerCase()}`, limits.perName],
    [`addr:${address}`, limits.perAddress],
  ];
  const recent = (key: string): number[] => {
    const cutoff = now() - limits.windowMs;
    const kept = (failures.get(key) ?? []).filter((t) => t > cutoff);
    if (kept.length === 0) failures.delete(key);
    else failures.set(key, kept);
    return kept;
  };
  return {
    waitSeconds(name, address) {
      let wait = 0;
      for (const [key, limit] of keys(name, address)) {
        const times = recent(key);
        if (times.length >= limit) {
          const until = times[times.length - limit]! + limits.windowMs;
          wait = Math.max(wait, Math.ceil((until - now()) / 1000));
        }
      }
      return wait;
    },
    failed(name, address) {
      for (const [key, limit] of keys(name, address)) {
        const times = [...recent(key), now()].slice(-limit);
        failures.delete(key);
        failures.set(key, times);
      }
      while (failures.size > limits.maxKeys) failures.delete(failures.keys().next().value!);
    },
    succeeded(name) {
      failures.delete(`name:${name.toLowerCase()}`);
    },
  };
}
