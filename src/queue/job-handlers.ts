import { FaultlineError } from '../errors/errors.js';
import { HostDeferredError } from '../feeds/host-gate.js';
import { deliverAlerts, DEFAULT_DELIVERY } from '../pipeline/deliver-alerts.js';
import { evaluateAlerts } from '../pipeline/evaluate-alerts.js';
import { ResolutionMemo } from '../pipeline/resolution-memo.js';
import type { FeedItem } from '../feeds/parse-feed.js';
import {
  extractStoredDocument,
  pollFeedForJobs,
  resolveOneRound,
  storeFeedItem,
  type ItemToFetch,
} from '../pipeline/job-stages.js';
import type { WatchDeps } from '../pipeline/watch-feeds.js';
import { RESOLVE_LANES, type JobKind } from './job-kinds.js';
import type { JobQueue } from './job-queue.js';

/** What a job's run gave, kept as its output and counted by the worker. */
export type JobOutput = Readonly<Record<string, string | number | boolean>>;

export type JobHandler = (data: unknown) => Promise<JobOutput>;

export type HandlerDeps = WatchDeps & {
  readonly queue: Pick<JobQueue, 'sendFetch' | 'sendExtract' | 'sendResolve'>;
};

/** What a resolution job may spend posting alerts to webhooks; what is left waits for the next (or `alerts deliver`). */
const DELIVERY_BUDGET_MS = 5_000;

function bad(kind: JobKind, what: string): FaultlineError {
  return new FaultlineError('FL_ERR_JOB_DATA', `a ${kind} job`, what);
}

function stringField(kind: JobKind, data: unknown, name: string): string {
  const value =
    typeof data === 'object' && data !== null ? (data as Record<string, unknown>)[name] : undefined;
  if (typeof value !== 'string' || value === '') throw bad(kind, `"${name}" is not a string`);
  return value;
}

const nullableString = (v: unknown): v is string | null => v === null || typeof v === 'string';

/** A fetch-page job's data, checked: it comes back from the database as JSON. */
function itemToFetch(data: unknown): ItemToFetch {
  const feedUrl = stringField('fetch-page', data, 'feedUrl');
  const { publisher, item } = data as { publisher?: unknown; item?: unknown };
  const i = (typeof item === 'object' && item !== null ? item : {}) as Record<string, unknown>;
  const fields = ['link', 'title', 'summary', 'published'] as const;
  if (!nullableString(publisher ?? null) || !fields.every((f) => nullableString(i[f] ?? null)))
    throw bad('fetch-page', 'its item is not a feed item');
  const feedItem: FeedItem = {
    link: (i['link'] as string | null) ?? null,
    title: (i['title'] as string | null) ?? null,
    summary: (i['summary'] as string | null) ?? null,
    published: (i['published'] as string | null) ?? null,
  };
  return { feedUrl, publisher: (publisher as string | null) ?? null, item: feedItem };
}

/** A resolution job's lane: 0 when its data names none (a job queued before there were lanes). */
function laneOf(data: unknown): number {
  const lane =
    typeof data === 'object' && data !== null ? (data as Record<string, unknown>)['lane'] : undefined;
  if (lane === undefined) return 0;
  if (typeof lane !== 'number' || !Number.isInteger(lane) || lane < 0 || lane >= RESOLVE_LANES)
    throw bad('resolve', `"lane" is not a lane from 0 to ${RESOLVE_LANES - 1}`);
  return lane;
}

/**
 * One handler per kind of job, each calling its pipeline stage and handing the next stage on as a job: a poll
 * sends one fetch per new item, a fetch one extraction, an extraction a resolution. Every handler may run twice
 * for one job (a worker killed after the work, before the job was marked done): the stages find their work done.
 */
export function jobHandlers(deps: HandlerDeps): Readonly<Record<JobKind, JobHandler>> {
  // what this worker's resolutions read, kept for its next: the windows of a backlog's rounds overlap
  const memo = new ResolutionMemo();
  return {
    async 'poll-feed'(data): Promise<JobOutput> {
      const url = stringField('poll-feed', data, 'feedUrl');
      const outcome = await pollFeedForJobs(deps, url, async (items) => {
        for (const item of items) await deps.queue.sendFetch(item);
      });
      // a failed poll is recorded on its feed (`feeds list`), and fails its job with its one line (`jobs
      // --failed`); a poll job is never retried (see sendPoll): the feed's next poll is its retry
      if (outcome.kind === 'failed') throw new Error(outcome.error);
      if (outcome.kind !== 'polled') return { feed: url, status: outcome.kind };
      return { feed: url, status: 'ok', items: outcome.items, handedOn: outcome.handedOn };
    },
    async 'fetch-page'(data): Promise<JobOutput> {
      const item = itemToFetch(data);
      const docId = await storeFeedItem(deps, item).catch(async (error: unknown) => {
        if (!(error instanceof HostDeferredError)) throw error;
        // its host asked for time (Retry-After): a job for then, rather than a worker held or a try spent
        await deps.queue.sendFetch(item, error.waitSeconds);
        return error;
      });
      if (docId instanceof HostDeferredError) return { deferredSeconds: docId.waitSeconds };
      await deps.queue.sendExtract(docId);
      return { docId };
    },
    async 'extract-document'(data) {
      const docId = stringField('extract-document', data, 'docId');
      const result = await extractStoredDocument(deps, docId);
      // asked for even when it was extracted already: a worker killed after extracting, before asking, asks now
      if (!result.extracted || result.mentions > 0) await deps.queue.sendResolve();
      return { docId, extracted: result.extracted, mentions: result.mentions };
    },
    async resolve(data) {
      const index = laneOf(data);
      // with no delay: the backlog waits already, and a worker with nothing else to do would sit idle
      const askLanes = async (except: number | null): Promise<void> => {
        for (let other = 0; other < RESOLVE_LANES; other++)
          if (other !== except) await deps.queue.sendResolve(0, other);
      };
      // the round holds its cells, beside other lanes' rounds; `resolve` and `ingest` wait for them all. A round
      // takes its lane's share of a backlog: once it holds it, the other lanes are asked for the rest at once, so
      // that idle workers resolve it beside this round rather than after it
      const lane = {
        index,
        of: RESOLVE_LANES,
        onTaken: (left: number) => (left > 0 ? askLanes(index) : Promise.resolve()),
      };
      const summary = await resolveOneRound(deps.store, memo, lane);
      // at once, in every lane: a backlog waits already (a round's read budget, or what other workers saved
      // meanwhile), and idle workers can take its other parts. A lane that found every cell held asks for
      // nothing: the rounds that hold them ask when they end.
      if (summary.pendingLeft > 0 && !summary.busy) await askLanes(null);
      // the alert rules, as `watch` and `ingest` evaluate them after their resolutions: every time, not only
      // when this round wrote events, since a worker killed after resolving leaves its retry nothing to resolve
      // (a rule fires once a week, so evaluating again fires nothing twice)
      const fired = await evaluateAlerts(deps.store, deps.now);
      for (const f of fired) deps.report(`alert ${f.ruleId} fired for ${f.window}: ${f.reason}`);
      const posted = await deliverAlerts(deps, { ...DEFAULT_DELIVERY, budgetMs: DELIVERY_BUDGET_MS });
      return {
        mentions: summary.mentions,
        events: summary.eventsWritten,
        pendingLeft: summary.pendingLeft,
        alertsFired: fired.length,
        webhooksDelivered: posted.delivered,
      };
    },
  };
}
