import PgBoss from 'pg-boss';
import pg from 'pg';
import { describeError, FaultlineError } from '../errors/errors.js';
import type { ItemToFetch } from '../pipeline/job-stages.js';
import { ResolverRole } from './resolver-role.js';
import {
  FETCH_ORDER,
  JOB_KINDS,
  JOB_SETTINGS,
  RESOLVE_DELAY_SECONDS,
  RESOLVE_MAX_WAIT_SECONDS,
  RESOLUTION_REST_RATIO,
  type JobKind,
} from './job-kinds.js';

/** pg-boss keeps its tables in this schema of the store's database, and migrates it itself. */
const BOSS_SCHEMA = 'pgboss';

/**
 * Every process checks for jobs whose worker died (past their timeout) this often; pg-boss lets one of them do
 * it per interval.
 */
const MAINTENANCE_SECONDS = 5;

/** How often a worker asks whether a resolution has waited too long. */
const OVERDUE_CHECK_MS = 1000;

/** A job taken by a worker. */
export interface TakenJob {
  readonly kind: JobKind;
  readonly id: string;
  readonly data: unknown;
}

export type JobState = 'created' | 'retry' | 'active' | 'completed' | 'cancelled' | 'failed';

/** A job as `faultline jobs` lists it. */
export interface JobRow {
  readonly id: string;
  readonly kind: string;
  readonly state: JobState;
  /** Tries made so far beyond the first. */
  readonly retries: number;
  readonly retryLimit: number;
  readonly createdOn: string;
  readonly startedOn: string | null;
  /** What the job is about: a feed, a page, a document. */
  readonly subject: string;
  /** The last failure's message (a failed job, or one waiting to be retried), else null. */
  readonly lastError: string | null;
}

export interface JobQueueOptions {
  readonly databaseUrl: string;
  /** Replaces every kind's timeout (seconds) for the jobs sent from now on. */
  readonly jobTimeoutSeconds?: number | null;
  /** Connections the queue may hold (pg-boss's pool). */
  readonly connections?: number;
}

/** The Faultline job queue: pg-boss in the store's PostgreSQL database, one queue per kind of job. */
export class JobQueue {
  private lastKind: JobKind = FETCH_ORDER[0]!;
  /**
   * When this worker may next ask whether a resolution is overdue (performance.now()): a second after it last
   * asked, or once its last round's rest is over, whichever is later.
   */
  private nextOverdueCheck = 0;
  /** When each resolution this worker took began (performance.now()), until it is completed or failed. */
  private readonly roundsBegun = new Map<string, number>();

  private constructor(
    private readonly boss: PgBoss,
    private readonly pool: pg.Pool,
    /** Asked for only when this process takes jobs (a worker): a scheduler or `jobs` never holds it. */
    private readonly role: ResolverRole,
  ) {}

  /** Starts pg-boss (creating or migrating its schema) and makes sure every kind's queue exists. */
  static async open(options: JobQueueOptions): Promise<JobQueue> {
    const boss = new PgBoss({
      connectionString: options.databaseUrl,
      schema: BOSS_SCHEMA,
      max: options.connections ?? 4,
      maintenanceIntervalSeconds: MAINTENANCE_SECONDS,
      // cron schedules are not used: the scheduler sends polls as feeds fall due
      schedule: false,
    });
    const errors: string[] = [];
    boss.on('error', (error: unknown) => void errors.push(describeError(error)));
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 2 });
    // an idle client losing its server must not end the worker: the next query reports the failure, or reconnects
    pool.on('error', () => undefined);
    try {
      await boss.start();
      for (const kind of JOB_KINDS) {
        const settings = JOB_SETTINGS[kind];
        const queue = {
          name: kind,
          policy: settings.policy,
          retryLimit: settings.retryLimit,
          retryDelay: settings.retryDelay,
          retryBackoff: true,
          expireInSeconds: options.jobTimeoutSeconds ?? settings.expireInSeconds,
        };
        await boss.createQueue(kind, queue);
        if (options.jobTimeoutSeconds) await boss.updateQueue(kind, queue);
      }
    } catch (error) {
      await Promise.allSettled([boss.stop({ graceful: false, wait: true }), pool.end()]);
      throw new FaultlineError('FL_ERR_QUEUE', 'the job queue', describeError(error));
    }
    return new JobQueue(
      boss,
      pool,
      new ResolverRole(options.databaseUrl, `faultline resolver ${BOSS_SCHEMA}`),
    );
  }

  /**
   * Asks for a feed's poll; nothing is added while one is queued already. Never retried (also in a queue created
   * before this was so): a failed poll stays failed, with its error, and the scheduler asks for the feed's next
   * poll when it falls due; a poll whose worker died left its feed due, so the next tick asks again.
   */
  sendPoll(feedUrl: string): Promise<string | null> {
    return this.boss.send('poll-feed', { feedUrl }, { singletonKey: feedUrl, retryLimit: 0 });
  }

  /** Asks for an item's page, now or `afterSeconds` from now (its host asked for time). */
  sendFetch(item: ItemToFetch, afterSeconds = 0): Promise<string | null> {
    const key = item.item.link ?? `${item.feedUrl}#${item.item.title ?? ''}`;
    return this.boss.send('fetch-page', item, {
      singletonKey: key,
      ...(afterSeconds > 0 ? { startAfter: afterSeconds } : {}),
    });
  }

  sendExtract(docId: string): Promise<string | null> {
    return this.boss.send('extract-document', { docId }, { singletonKey: docId });
  }

  /**
   * Asks for a resolution of every pending mention in `lane` (RESOLVE_LANES), `afterSeconds` from now; one waiting
   * in that lane already takes this one's work. The delay lets what is extracted meanwhile join the round; a round
   * that leaves a backlog asks for the next with none, since the backlog is there already and a worker with nothing
   * else to do would sit idle.
   */
  sendResolve(afterSeconds = RESOLVE_DELAY_SECONDS, lane = 0): Promise<string | null> {
    return this.boss.send(
      'resolve',
      { lane },
      {
        singletonKey: lane === 0 ? 'pending' : `pending-${lane}`,
        ...(afterSeconds > 0 ? { startAfter: afterSeconds } : {}),
      },
    );
  }

  /**
   * The next job that is due, marked active; null when none is. An overdue resolution first (checked at most
   * every few seconds), then the kind that gave the last job (a backlog is mostly of one kind: one query per job
   * rather than one per kind), then the others in FETCH_ORDER.
   */
  async take(): Promise<TakenJob | null> {
    const overdue = (await this.resolutionOverdue()) ? (['resolve'] as const) : [];
    const order = [...new Set<JobKind>([...overdue, this.lastKind, ...FETCH_ORDER])];
    for (const kind of order) {
      const [job] = await this.boss.fetch<unknown>(kind, { batchSize: 1 });
      if (job) {
        if (kind === 'resolve') this.roundsBegun.set(job.id, performance.now());
        else this.lastKind = kind;
        return { kind, id: job.id, data: job.data };
      }
    }
    return null;
  }

  /**
   * Whether a resolution waits past RESOLVE_MAX_WAIT_SECONDS, asked only by the resolver (ResolverRole), unless its
   * last round rests still (RESOLUTION_REST_RATIO of its run time): under a backlog, rounds that followed each
   * other without a break each re-planned most of the store around a few hundred new reports. The other workers
   * stay with the backlog's extractions, and join the resolution in its lanes once nothing else is queued.
   */
  private async resolutionOverdue(): Promise<boolean> {
    const now = performance.now();
    if (now < this.nextOverdueCheck) return false;
    this.nextOverdueCheck = now + OVERDUE_CHECK_MS;
    if (!(await this.role.holds())) return false;
    const { rowCount } = await this.pool.query(
      `select 1 from ${BOSS_SCHEMA}.job where name = 'resolve' and state in ('created', 'retry')
          and created_on < now() - make_interval(secs => $1)
        limit 1`,
      [RESOLVE_MAX_WAIT_SECONDS],
    );
    return rowCount === 1;
  }

  /** A resolution this worker took has ended, done or failed: its rest starts. */
  private roundEnded(job: TakenJob): void {
    const begun = this.roundsBegun.get(job.id);
    if (begun === undefined) return;
    this.roundsBegun.delete(job.id);
    const now = performance.now();
    this.nextOverdueCheck = Math.max(this.nextOverdueCheck, now + RESOLUTION_REST_RATIO * (now - begun));
  }

  async complete(job: TakenJob, output: Readonly<Record<string, unknown>>): Promise<void> {
    this.roundEnded(job);
    await this.boss.complete(job.kind, job.id, output);
  }

  /** Fails a try: the job is retried after its backoff, or left failed once its tries are spent. */
  async fail(job: TakenJob, message: string): Promise<void> {
    this.roundEnded(job);
    await this.boss.fail(job.kind, job.id, { message });
  }

  /** The jobs not completed (queued, waiting to be retried, running, failed), or only the failed ones. */
  async list(options: { readonly failedOnly?: boolean; readonly limit?: number } = {}): Promise<JobRow[]> {
    const states = options.failedOnly ? ['failed'] : ['created', 'retry', 'active', 'failed'];
    const { rows } = await this.pool.query<RawJobRow>(
      `select id, name, state, retry_count, retry_limit, created_on, started_on, data, output
         from ${BOSS_SCHEMA}.job
        where name = any($1) and state::text = any($2)
        order by created_on, id
        limit $3`,
      [JOB_KINDS, states, options.limit ?? 1000],
    );
    return rows.map(rowOf);
  }

  /** Puts a failed job back in the queue with one more try; false when no failed job has this id. */
  async retry(id: string): Promise<boolean> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return false;
    const { rows } = await this.pool.query<{ name: string }>(
      `select name from ${BOSS_SCHEMA}.job where id = $1 and state = 'failed'`,
      [id],
    );
    const name = rows[0]?.name;
    if (name === undefined) return false;
    await this.boss.retry(name, id);
    const after = await this.pool.query(
      `select 1 from ${BOSS_SCHEMA}.job where id = $1 and state = 'retry'`,
      [id],
    );
    return after.rowCount === 1;
  }

  async close(): Promise<void> {
    await Promise.allSettled([
      this.boss.stop({ graceful: false, wait: true, timeout: 5000 }),
      this.pool.end(),
      this.role.close(),
    ]);
  }
}

interface RawJobRow {
  readonly id: string;
  readonly name: string;
  readonly state: JobState;
  readonly retry_count: number;
  readonly retry_limit: number;
  readonly created_on: Date;
  readonly started_on: Date | null;
  readonly data: unknown;
  readonly output: unknown;
}

function field(value: unknown, name: string): string | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = (value as Record<string, unknown>)[name];
  return typeof v === 'string' ? v : null;
}

function subjectOf(kind: string, data: unknown): string {
  if (kind === 'poll-feed') return field(data, 'feedUrl') ?? '';
  if (kind === 'extract-document') return field(data, 'docId') ?? '';
  if (kind === 'fetch-page') {
    const item = typeof data === 'object' && data !== null ? (data as { item?: unknown }).item : null;
    return field(item, 'link') ?? field(item, 'title') ?? field(data, 'feedUrl') ?? '';
  }
  return 'pending mentions';
}

function rowOf(r: RawJobRow): JobRow {
  // pg-boss keeps a failure's message under output (a serialised error, or the object a fail() was given)
  const failure = r.state === 'failed' || r.state === 'retry' ? r.output : null;
  const value =
    typeof failure === 'object' && failure !== null ? (failure as { value?: unknown }).value : null;
  return {
    id: r.id,
    kind: r.name,
    state: r.state,
    retries: r.retry_count,
    retryLimit: r.retry_limit,
    createdOn: r.created_on.toISOString(),
    startedOn: r.started_on?.toISOString() ?? null,
    subject: subjectOf(r.name, r.data),
    lastError: field(failure, 'message') ?? field(value, 'message') ?? null,
  };
}
