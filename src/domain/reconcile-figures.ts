import type { Claim, Figure } from './claim.js';
import type { Category, ClaimantKind, Metric, Stance } from './enums.js';

/**
 * How independent a claimant is of the fight. The best figure comes from the most independent claimant
 * (design: media or monitor over state official over a party). The outlet's own unattributed voice and a
 * coder's note rank with the media: they are the reporting, not a side. But see `PARTIES`.
 */
const INDEPENDENCE: Readonly<Record<ClaimantKind, number>> = {
  media: 3,
  other: 3,
  unattributed: 3,
  state_official: 2,
  state: 1,
  armed_group: 1,
};

/**
 * The parties to the fight. A figure nobody is named for may be a party's claim whose claimant the reading missed
 * ("its fighters had killed eleven policemen"), so it never outranks a party's lower figure: against one, the
 * lower stands (ACLED's conservative rule).
 */
const PARTIES: ReadonlySet<ClaimantKind> = new Set(['state', 'armed_group']);

/** Figures that an explicit "no one was killed" answers: a party's claim and a coding rule's estimate. */
const ANSWERED_BY_ZERO: ReadonlySet<Stance> = new Set(['claimed', 'estimated']);

export interface ReconciledFigure extends Figure {
  /** Index (into the claims given) of the claim that set each number. */
  readonly lowFrom: number;
  readonly bestFrom: number;
  readonly highFrom: number;
}

export interface ReconciledCasualty extends ReconciledFigure {
  readonly metric: Metric;
  readonly category: Category;
}

export interface Reconciliation {
  readonly casualties: readonly ReconciledCasualty[];
  /** Every death, all categories together (attackers too), or null when no claim speaks of deaths. */
  readonly fatalities: Figure | null;
  readonly injured: Figure | null;
}

/**
 * A claimant giving several figures for one metric and category (a daily figure and a running total) is
 * read as giving its largest: parts do not add to a total the same claimant states.
 */
function perClaimant(claims: readonly Claim[], indexes: readonly number[]): number[] {
  const best = new Map<string, number>();
  for (const i of indexes) {
    const c = claims[i]!;
    const key = `${c.claimantKind}|${c.claimant.toLowerCase()}`;
    const held = best.get(key);
    if (held === undefined || claims[held]!.best < c.best) best.set(key, i);
  }
  return [...best.values()];
}

/** Reconciles the claims of one metric and category into low / best / high (design: "Reconciling figures"). */
export function reconcileGroup(
  claims: readonly Claim[],
  indexes: readonly number[],
): ReconciledFigure | null {
  // A denial counts only as an explicit figure (a "denied" claim carries the figure the denier gives, often 0).
  const usable = perClaimant(claims, indexes);
  if (usable.length === 0) return null;
  let lowFrom = usable[0]!;
  let highFrom = usable[0]!;
  let bestFrom = usable[0]!;
  for (const i of usable) {
    const c = claims[i]!;
    if (c.low < claims[lowFrom]!.low) lowFrom = i;
    if (c.high > claims[highFrom]!.high) highFrom = i;
    const b = claims[bestFrom]!;
    const rank = INDEPENDENCE[c.claimantKind];
    const bestRank = INDEPENDENCE[b.claimantKind];
    // among equally independent claimants the lower figure: ACLED's conservative rule
    if (rank > bestRank || (rank === bestRank && c.best < b.best)) bestFrom = i;
  }
  if (claims[bestFrom]!.claimantKind === 'unattributed') {
    for (const i of usable) {
      const c = claims[i]!;
      if (PARTIES.has(c.claimantKind) && c.best < claims[bestFrom]!.best) bestFrom = i;
    }
  }
  const low = claims[lowFrom]!.low;
  const high = claims[highFrom]!.high;
  const best = Math.min(Math.max(claims[bestFrom]!.best, low), high);
  return { low, best, high, lowFrom, bestFrom, highFrom };
}

function addFigures(parts: readonly Figure[]): Figure | null {
  if (parts.length === 0) return null;
  return parts.reduce<Figure>(
    (a, b) => ({ low: a.low + b.low, best: a.best + b.best, high: a.high + b.high }),
    {
      low: 0,
      best: 0,
      high: 0,
    },
  );
}

/**
 * Total over categories. Figures of the 'unknown' category may cover the others ("nearly 50 people, civilians
 * and police among them"), so the total is the larger of the sum of the known categories and the unknown one.
 */
function total(rows: readonly ReconciledCasualty[], metric: Metric): Figure | null {
  const known = addFigures(rows.filter((r) => r.metric === metric && r.category !== 'unknown'));
  const unknown = rows.find((r) => r.metric === metric && r.category === 'unknown') ?? null;
  if (!known) return unknown ? { low: unknown.low, best: unknown.best, high: unknown.high } : null;
  if (!unknown) return known;
  return {
    low: Math.max(known.low, unknown.low),
    best: Math.max(known.best, unknown.best),
    high: Math.max(known.high, unknown.high),
  };
}

/** Reconciles every metric and category of an event's claims; the one policy the whole project uses. */
export function reconcileClaims(claims: readonly Claim[]): Reconciliation {
  const groups = new Map<string, number[]>();
  claims.forEach((c, i) => {
    const key = `${c.metric}|${c.category}`;
    const list = groups.get(key);
    if (list) list.push(i);
    else groups.set(key, [i]);
  });
  // "the group claimed killing several soldiers, but no deaths were confirmed": a zero of the unknown category
  // answers a party's claim of the other side's dead, or a coding rule's estimate (a suicide bomber's own death),
  // and stands as its claimant's zero in each category that only such figures count. It never lowers a figure
  // somebody reported or confirmed ("three policemen were martyred in the second blast ... at the first there were
  // no casualties")
  claims.forEach((c, i) => {
    if (c.category !== 'unknown' || c.high !== 0) return;
    for (const [key, list] of groups) {
      if (!key.startsWith(`${c.metric}|`) || key.endsWith('|unknown')) continue;
      if (list.every((j) => ANSWERED_BY_ZERO.has(claims[j]!.stance))) list.push(i);
    }
  });
  const casualties: ReconciledCasualty[] = [];
  for (const [key, indexes] of groups) {
    const [metric, category] = key.split('|') as [Metric, Category];
    const figure = reconcileGroup(claims, indexes);
    if (figure) casualties.push({ metric, category, ...figure });
  }
  casualties.sort((a, b) => (a.metric + a.category).localeCompare(b.metric + b.category));
  return { casualties, fatalities: total(casualties, 'killed'), injured: total(casualties, 'injured') };
}
