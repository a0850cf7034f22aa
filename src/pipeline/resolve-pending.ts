import type { Store } from '../store/store.js';
import { refreshPublisherProfiles, resolveSeeds } from './resolve-stored.js';

/** Pending mentions planned per round: a page of ids and dates, light, so that a backlog never sits in memory. */
export const SEEDS_PER_ROUND = 20_000;

export interface PendingSummary {
  /** Pending mentions resolved (the seeds of every round). */
  readonly mentions: number;
  readonly rounds: number;
}

/**
 * Resolves every mention the store says is unresolved, in rounds of at most `seedsPerRound`, whoever saved it:
 * this run, or a run that was killed or failed before resolving. Each round commits its events and clears its
 * seeds' markers together, so a crash anywhere leaves the store consistent and the rest still marked. The ids
 * of the events written are added to `eventIds`. Publisher profiles are rebuilt once, after the last round.
 */
export async function resolvePending(
  store: Store,
  options: {
    readonly seedsPerRound?: number;
    readonly eventIds?: Set<string>;
    /** Rebuild the profiles even when nothing was pending: a run killed after its last round left them stale. */
    readonly alwaysRefreshProfiles?: boolean;
    /** Told the number of seeds before each round is planned, for progress. */
    readonly onRound?: (seeds: number) => void;
  } = {},
): Promise<PendingSummary> {
  const size = Math.max(1, options.seedsPerRound ?? SEEDS_PER_ROUND);
  let mentions = 0;
  let rounds = 0;
  let previousFirst: string | null = null;
  for (;;) {
    const seeds = await store.listPendingMentions(size);
    const first = seeds[0];
    if (first === undefined) break;
    // every round clears its seeds, so the same first seed twice means another writer keeps re-saving it
    if (first.id === previousFirst) throw new Error(`mention ${first.id} stays unresolved after resolution`);
    previousFirst = first.id;
    options.onRound?.(seeds.length);
    const summary = await resolveSeeds(store, seeds);
    for (const id of summary.eventIds) options.eventIds?.add(id);
    mentions += seeds.length;
    rounds++;
  }
  if (rounds > 0 || options.alwaysRefreshProfiles) await refreshPublisherProfiles(store);
  return { mentions, rounds };
}
