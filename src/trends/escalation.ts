/**
 * How unusual the latest period is for each district or actor, against its own history: the tail probability of
 * its count under a gamma-Poisson model of its past periods (docs/trends.md gives the formula and its limits).
 */

/** One key's count in one period, as the store's series gives it. */
export interface PeriodCount {
  readonly key: string;
  readonly period: string;
  readonly events: number;
  readonly fatalities: number;
}

export interface Escalation {
  readonly key: string;
  /** Events in the latest period. */
  readonly current: number;
  readonly currentFatalities: number;
  /** Mean events per period over the history. */
  readonly baseline: number;
  /** P(a count at least this high | the history): small means unusual. */
  readonly probability: number;
  /** probability < the threshold and more events than the baseline. */
  readonly escalating: boolean;
}

/** The prior on a key's rate: a pseudo-count of PRIOR_EVENTS events over PRIOR_PERIODS periods (one event a
 * period, weighed as one period of data), so that a key with a short or empty history is not alarmed by one event. */
const PRIOR_EVENTS = 1;
const PRIOR_PERIODS = 1;

/** ln Γ by the Lanczos approximation (g = 7, nine terms): exact to about 15 digits for positive arguments. */
function logGamma(x: number): number {
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let a = c[0]!;
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += c[i]! / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/**
 * P(X ≥ x) for X negative binomial with shape r and success probability p (the gamma-Poisson predictive of one
 * period after a Gamma(r, rate β) posterior, p = β / (β + 1)). Summed from the upper tail's complement in log space.
 */
export function negativeBinomialTail(x: number, r: number, p: number): number {
  if (x <= 0) return 1;
  let below = 0;
  // pmf(k) = Γ(k + r) / (Γ(r) k!) p^r (1 - p)^k
  const logP = Math.log(p);
  const logQ = Math.log1p(-p);
  for (let k = 0; k < x; k++) {
    below += Math.exp(logGamma(k + r) - logGamma(r) - logGamma(k + 1) + r * logP + k * logQ);
  }
  return Math.min(1, Math.max(0, 1 - below));
}

/**
 * Ranks the keys by how unusual their count in the last of `periods` is, given the periods before it (missing
 * periods count zero). `periods` are the labels in order, oldest first; rows outside them are ignored.
 */
export function rankEscalations(
  rows: readonly PeriodCount[],
  periods: readonly string[],
  threshold: number,
): Escalation[] {
  const current = periods[periods.length - 1];
  if (current === undefined) return [];
  const history = new Set(periods.slice(0, -1));
  const byKey = new Map<string, { past: number; now: number; dead: number }>();
  for (const r of rows) {
    if (r.period !== current && !history.has(r.period)) continue;
    const k = byKey.get(r.key) ?? { past: 0, now: 0, dead: 0 };
    if (r.period === current) {
      k.now += r.events;
      k.dead += r.fatalities;
    } else k.past += r.events;
    byKey.set(r.key, k);
  }
  const n = history.size;
  const out: Escalation[] = [];
  for (const [key, k] of byKey) {
    const shape = PRIOR_EVENTS + k.past;
    const rate = PRIOR_PERIODS + n;
    const probability = negativeBinomialTail(k.now, shape, rate / (rate + 1));
    const baseline = n > 0 ? k.past / n : 0;
    out.push({
      key,
      current: k.now,
      currentFatalities: k.dead,
      baseline,
      probability,
      escalating: probability < threshold && k.now > baseline,
    });
  }
  return out.sort(
    (a, b) => a.probability - b.probability || b.current - a.current || (a.key < b.key ? -1 : 1),
  );
}
