/**
 * The kinds of job, one pg-boss queue each, with how each is retried. A job runs until it finishes or until its
 * timeout: past that, pg-boss's maintenance takes it for dead (its worker killed) and retries it, with a backoff
 * that doubles the delay at every try, until its tries are spent and it is left failed with its error.
 */
export const JOB_KINDS = ['resolve', 'poll-feed', 'fetch-page', 'extract-document'] as const;

export type JobKind = (typeof JOB_KINDS)[number];

export interface JobKindSettings {
  /**
   * stately: one job queued and one running per key (a feed's polls; resolution, which has one key, so that it
   * is serialised); short: one job queued per key (the same page or document handed on twice is one job).
   */
  readonly policy: 'stately' | 'short';
  readonly retryLimit: number;
  /** Seconds before the first retry; each next one waits twice as long. */
  readonly retryDelay: number;
  /** Seconds a job may run before it is taken for dead and retried. */
  readonly expireInSeconds: number;
}

export const JOB_SETTINGS: Readonly<Record<JobKind, JobKindSettings>> = {
  resolve: { policy: 'stately', retryLimit: 6, retryDelay: 2, expireInSeconds: 1800 },
  // a poll is not retried: the feed's next poll is (its failure is kept on the feed and as a failed job)
  'poll-feed': { policy: 'stately', retryLimit: 0, retryDelay: 5, expireInSeconds: 120 },
  'fetch-page': { policy: 'short', retryLimit: 3, retryDelay: 5, expireInSeconds: 120 },
  'extract-document': { policy: 'short', retryLimit: 3, retryDelay: 2, expireInSeconds: 300 },
};

/**
 * The order a free worker looks for work in. Resolution comes last: it re-plans whole blocks, so one resolution
 * after a batch of extractions costs little more than one after a single document, and a backlog of extractions
 * is best resolved in few, large passes. So that events still follow within seconds while a backlog lasts, a
 * resolution asked for more than RESOLVE_MAX_WAIT_SECONDS ago is taken before anything else by one worker, the
 * resolver (ResolverRole); each takes one round of the pending mentions, and asks for the next.
 */
export const FETCH_ORDER: readonly JobKind[] = ['poll-feed', 'fetch-page', 'extract-document', 'resolve'];

/** A resolution waits this long after it is asked for: what is extracted meanwhile joins it. */
export const RESOLVE_DELAY_SECONDS = 1;

/**
 * Resolution jobs that may run at once, one per lane (its own singleton key), each over the cells it holds
 * (Store.whileResolvingCells) and starting its rounds at its own share of the pending mentions. A round that leaves
 * a backlog asks for one in every lane, so that as many workers as there are lanes can resolve it together.
 */
export const RESOLVE_LANES = 4;

/** A resolution queued longer than this goes before other work, in the resolver. */
export const RESOLVE_MAX_WAIT_SECONDS = 3;

/**
 * After a resolution round, other work goes first in the resolver for this many times the round's run
 * time (it waits for its turn in FETCH_ORDER meanwhile, as when it is not overdue; other workers may take it).
 * Rounds are cheap while the store is small or the backlog short, so events still follow within seconds; a round
 * that re-plans thousands of events gives as long to the extractions, so each next round takes more seeds, and a
 * backlog is resolved in fewer rounds.
 */
export const RESOLUTION_REST_RATIO = 1;

export function isJobKind(name: string): name is JobKind {
  return (JOB_KINDS as readonly string[]).includes(name);
}
