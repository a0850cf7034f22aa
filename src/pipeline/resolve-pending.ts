import type { CellLocks, Store } from '../store/store.js';
import { ResolutionMemo } from './resolution-memo.js';
import { refreshPublisherProfiles, resolveSeeds, resolveSeedsInCells } from './resolve-stored.js';

/**
 * Pending mentions listed per round: a page of ids, places and dates, light, so that a backlog never sits in
 * memory. A round takes as many of them as its read budget allows (MENTIONS_PER_ROUND), in the blocking key's order.
 */
export const SEEDS_PER_ROUND = 20_000;

/**
 * The fewest seeds a lane's round takes when it has that many: its share is the pending list split among the lanes,
 * but a small backlog is one round's work, since a round's windows cost more than its seeds.
 */
export const MIN_LANE_SHARE = 250;

export interface PendingSummary {
  /** Pending mentions resolved (the seeds every round took). */
  readonly mentions: number;
  readonly rounds: number;
  /** Events written, summed over rounds: an event that two rounds re-plan counts twice. */
  readonly eventsWritten: number;
  /** Whether the last round found every pending mention's cells held by other resolutions (see `lane`). */
  readonly busy: boolean;
}

/**
 * One of `of` resolutions that may run at once, by cells (Store.whileResolvingCells): the `index`-th starts its
 * rounds that far into the pending mentions (index / of of the way), so that lanes begin apart, and takes its share
 * of them (1 / of, or MIN_LANE_SHARE), so that a backlog is resolved by as many lanes as there are idle workers.
 */
export interface ResolutionLane {
  readonly index: number;
  readonly of: number;
  /**
   * Told, once a round holds its seeds, how many pending mentions it left to other lanes (see RoundOptions'
   * onTaken): the caller may ask for them at once.
   */
  readonly onTaken?: (left: number) => Promise<void>;
}

/**
 * Resolves every mention the store says is unresolved, in rounds that each read about `mentionsPerRound`
 * mentions, whoever saved it: this run, or a run that was killed or failed before resolving. Each round commits its events and clears its
 * seeds' markers together, so a crash anywhere leaves the store consistent and the rest still marked. Memory
 * stays that of one round and the memo's bounded store of what rounds read (ResolutionMemo). Publisher profiles
 * are rebuilt once, after the last round.
 */
export async function resolvePending(
  store: Store,
  options: {
    readonly seedsPerRound?: number;
    /** About how many mentions a round reads before it takes no more seeds (default MENTIONS_PER_ROUND). */
    readonly mentionsPerRound?: number;
    /** Rebuild the profiles even when nothing was pending: a run killed after its last round left them stale. */
    readonly alwaysRefreshProfiles?: boolean;
    /** Told, before each round, how many mentions are pending (up to `seedsPerRound`), for progress. */
    readonly onRound?: (seeds: number) => void;
    /**
     * Stop after this many rounds, whatever is pending still (a queue's resolution job: mentions that other
     * workers save meanwhile go to the next job, rather than keep this one re-planning as they arrive).
     */
    readonly maxRounds?: number;
    /** Rebuild the publisher profiles after the rounds (default true); false leaves it to the caller. */
    readonly refreshProfiles?: boolean;
    /**
     * What this process read in earlier rounds, kept for the next (ResolutionMemo): a caller that resolves again
     * and again (a worker, an ingest run) passes its own; by default the rounds of this call share one.
     */
    readonly memo?: ResolutionMemo;
    /**
     * Resolve beside other lanes (a queue's workers): each round holds the cells it reads, not the whole store,
     * and a round that finds every pending mention's cells held ends the call (`busy`) rather than wait.
     */
    readonly lane?: ResolutionLane;
  } = {},
): Promise<PendingSummary> {
  const size = Math.max(1, options.seedsPerRound ?? SEEDS_PER_ROUND);
  let mentions = 0;
  let rounds = 0;
  let eventsWritten = 0;
  let previousFirst: string | null = null;
  let busy = false;
  const memo = options.memo ?? new ResolutionMemo();
  // every round takes one pending mention or more, and each mention it re-plans out of an event is planned once
  // more: far past that, two plans keep taking each other's events, and looping on would never end
  const limit = 2 * (await store.countPendingMentions()) + 1_000;
  const lane = options.lane;
  const round = { mentionsPerRound: options.mentionsPerRound, memo };
  const locked = <T>(work: (cells: CellLocks | null) => Promise<T>): Promise<T> =>
    lane ? store.whileResolvingCells(work) : store.whileResolving(() => work(null));
  while (rounds < (options.maxRounds ?? Number.POSITIVE_INFINITY)) {
    // each round lists and plans under the store's resolution lock (or its cells' locks, in a lane): a worker, a
    // `resolve` and an `ingest` on one PostgreSQL database never plan the same events at once, and a round never
    // plans what another just did
    const summary = await locked(async (cells) => {
      const seeds = await store.listPendingMentions(size);
      const first = seeds[0];
      if (first === undefined) return null;
      // every round clears its seeds, so the same first seed twice means another writer keeps re-saving it
      // (a lane's first seed may be one another lane holds)
      if (first.id === previousFirst && !lane)
        throw new Error(`mention ${first.id} stays unresolved after resolution`);
      previousFirst = first.id;
      if (mentions > limit) throw new Error(`resolution does not converge after ${mentions} mentions`);
      options.onRound?.(seeds.length);
      // cells come with a lane (see `locked`)
      if (lane === undefined || cells === null) return resolveSeeds(store, seeds, round);
      const of = Math.max(1, lane.of);
      const start = Math.floor((lane.index * seeds.length) / of);
      const share = Math.max(MIN_LANE_SHARE, Math.ceil(seeds.length / of));
      return resolveSeedsInCells(store, seeds, cells, { ...round, start, share, onTaken: lane.onTaken });
    });
    if (summary === 'busy') busy = true;
    if (summary === null || summary === 'busy') break;
    eventsWritten += summary.events;
    mentions += summary.seeds;
    rounds++;
  }
  if (options.refreshProfiles !== false && (rounds > 0 || options.alwaysRefreshProfiles))
    await refreshPublisherProfiles(store);
  return { mentions, rounds, eventsWritten, busy };
}
