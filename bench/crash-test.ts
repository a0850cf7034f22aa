import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { EXTRACTOR_VERSION } from '../src/extract/extract-document.js';
import {
  compareSnapshots,
  snapshotStore,
  type StoreComparison,
  type StoreSnapshot,
} from './compare-stores.js';
import { SEEDS_PER_ROUND } from '../src/pipeline/resolve-pending.js';
import { createCrashStore, type Backend, type CrashStore, type Watcher } from './crash-stores.js';
import { writeSyntheticCorpus } from './synthetic-corpus.js';

export interface CrashOptions {
  /** The CLI's JavaScript entry (dist/src/cli/main.js, or a bundle of the sources). */
  readonly cli: string;
  readonly backend: Backend;
  /** Where the corpus (and SQLite files) go; the caller removes it. */
  readonly workDir: string;
  readonly docs: number;
  /** Body length of each generated article (characters); default: the benchmark's ~5 KB. */
  readonly bodyChars?: number;
  readonly kills: number;
  /** Seeds the corpus and the kill times: a failure is replayed with the same seed. */
  readonly seed: number;
  /** A clean run of the same corpus (same docs, seed, size) on any backend, made by an earlier crash test. */
  readonly reference?: Reference;
  readonly log?: (line: string) => void;
}

export interface Kill {
  readonly command: 'ingest' | 'resolve';
  /** Where it was killed. */
  readonly point: string;
  /** The crashed store after the kill. */
  readonly documents: number;
  readonly unextracted: number;
  readonly unresolved: number;
  readonly events: number;
}

/** The clean run's store and timings: another backend's crash test may compare against the same. */
export interface Reference {
  readonly snapshot: StoreSnapshot;
  readonly cleanMs: number;
  /** A whole resolution, from its "resolving" line to its end. */
  readonly resolveMs: number;
  /** Differences between the clean store and itself resolved a second time. */
  readonly again: readonly string[];
}

export interface CrashFigures extends StoreComparison {
  readonly seed: number;
  readonly kills: readonly Kill[];
  readonly reference: Reference;
}

interface Exit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly ms: number;
  readonly stderr: string;
}

/** When to send SIGKILL: `afterMs` after the process starts, or after it first writes `after` on stderr. */
interface KillAt {
  readonly afterMs: number;
  readonly after?: string;
  /** Polled instead of a delay: the kill comes when it first answers true. */
  readonly when?: () => Promise<boolean>;
}

/**
 * Runs the CLI in a process of its own, killing it as `kill` says unless it has ended. `ms` is the run's time,
 * or with `kill.after`, the time from that line to the end.
 */
function runCli(cli: string, args: readonly string[], kill?: KillAt): Promise<Exit> {
  let started = performance.now();
  const child = spawn(process.execPath, [cli, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  let timer: NodeJS.Timeout | null = null;
  const arm = (): void => {
    if (!kill) return;
    const when = kill.when;
    if (!when) {
      timer = setTimeout(() => child.kill('SIGKILL'), kill.afterMs);
      return;
    }
    const poll = (): void => {
      timer = setTimeout(() => {
        void when().then(
          (now) => (now ? child.kill('SIGKILL') : poll()),
          () => poll(),
        );
      }, 20);
    };
    poll();
  };
  if (kill?.after === undefined) arm();
  // only the end matters for a diagnosis; a re-run writes one "already present" line per document
  child.stderr.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-4000);
    if (kill?.after !== undefined && timer === null && stderr.includes(kill.after)) {
      started = performance.now();
      arm();
    }
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (timer) clearTimeout(timer);
      resolve({ code, signal, ms: performance.now() - started, stderr });
    });
  });
}

/** What `faultline resolve` writes before planning each round: a kill after it lands inside resolution. */
const RESOLVING = 'resolving ';

function mustSucceed(what: string, exit: Exit): Exit {
  if (exit.code !== 0)
    throw new Error(`${what} exited ${exit.code ?? exit.signal}: ${exit.stderr.slice(-1000)}`);
  return exit;
}

// mulberry32, as the corpus generator: the kill times follow from the seed
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function snapshotOf(store: CrashStore): Promise<StoreSnapshot> {
  const s = await store.open();
  try {
    return await snapshotStore(s);
  } finally {
    await s.close();
  }
}

async function stateOf(store: CrashStore): Promise<Omit<Kill, 'command' | 'point'>> {
  const s = await store.open();
  try {
    return {
      documents: await s.countDocuments(),
      unextracted: (await s.listDocumentsToExtract(EXTRACTOR_VERSION)).length,
      unresolved: await s.countPendingMentions(),
      events: await s.countEvents({}),
    };
  } finally {
    await s.close();
  }
}

/** The clean run: one ingest without interruption; then, timed, a whole resolution again, which must change nothing. */
async function cleanRun(
  cli: string,
  corpus: string,
  clean: CrashStore,
  log: (l: string) => void,
): Promise<Reference> {
  const run = mustSucceed('clean ingest', await runCli(cli, ['ingest', corpus, ...clean.flags]));
  log(`clean run: ${(run.ms / 1000).toFixed(1)} s`);
  const snapshot = await snapshotOf(clean);
  await clean.markAllPending();
  const resolve = ['resolve', ...clean.flags];
  // a kill that never comes: times the resolution from its first line
  const again = mustSucceed(
    'clean resolve',
    await runCli(cli, resolve, { afterMs: 3_600_000, after: RESOLVING }),
  );
  log(`whole resolution: ${(again.ms / 1000).toFixed(1)} s`);
  const differences = compareSnapshots(snapshot, await snapshotOf(clean)).differences;
  return {
    snapshot,
    cleanMs: run.ms,
    resolveMs: again.ms,
    again: differences.map((d) => `re-resolved: ${d}`),
  };
}

/**
 * Issue 9's crash test, with real processes: ingests a generated corpus once without interruption (or takes
 * `reference`); then into another store, kills `faultline ingest` and `faultline resolve` with SIGKILL at random
 * points, again and again, runs ingest to completion, and compares the two stores. Kills alternate between
 * ingest (anywhere: reading, storing, extracting, resolving) and resolve, with every mention marked pending
 * again, killed after it has begun to resolve.
 */
export async function crashTest(options: CrashOptions): Promise<CrashFigures> {
  const log = options.log ?? (() => undefined);
  const corpus = join(options.workDir, 'corpus');
  await writeSyntheticCorpus(
    corpus,
    options.docs,
    options.seed,
    options.bodyChars === undefined ? {} : { bodyChars: options.bodyChars },
  );
  const crashed = await createCrashStore(options.backend, 'crashed');
  try {
    let reference = options.reference;
    if (!reference) {
      const clean = await createCrashStore(options.backend, 'clean');
      try {
        reference = await cleanRun(options.cli, corpus, clean, log);
      } finally {
        await clean.drop();
      }
    }
    const rng = random(options.seed);
    const kills: Kill[] = [];
    for (let attempt = 0; kills.length < options.kills && attempt < options.kills * 4; attempt++) {
      const state = await stateOf(crashed);
      const extracted = state.documents - state.unextracted;
      const remaining = options.docs - extracted;
      const command = kills.length % 2 === 1 || remaining === 0 ? 'resolve' : 'ingest';
      let at: KillAt;
      let point: string;
      let watcher: Watcher | null = null;
      if (command === 'resolve') {
        // part way through a whole re-resolution (as after an extractor upgrade): with only a few mentions
        // pending, resolve could end before any kill
        await crashed.markAllPending();
        const pending = (await stateOf(crashed)).unresolved;
        if (pending > SEEDS_PER_ROUND && rng() < 0.5) {
          // between rounds, by progress: a kill by time lands inside the first round on a backend slower than
          // the reference's, and the state of a resolution with some rounds committed would go untested
          const w = await crashed.watch();
          watcher = w;
          at = { afterMs: 0, when: async () => (await w.unresolved()) < pending };
          point = `after its first round of ${SEEDS_PER_ROUND} mentions committed`;
        } else {
          const share = Math.max(0.1, extracted / options.docs);
          const afterMs = Math.round(reference.resolveMs * share * (0.05 + 0.85 * rng()));
          at = { afterMs, after: RESOLVING };
          point = `${afterMs} ms into resolution`;
        }
      } else {
        // by progress, not by time, which a loaded machine stretches: once a random number of documents is
        // extracted, or, one time in three, once all are, which is inside the run's last resolution
        const target = rng() < 1 / 3 ? options.docs : extracted + Math.ceil(remaining * (0.1 + 0.9 * rng()));
        const w = await crashed.watch();
        watcher = w;
        at = { afterMs: 0, when: async () => (await w.extracted()) >= target };
        point = `at ${target} documents extracted`;
      }
      const args =
        command === 'resolve' ? ['resolve', ...crashed.flags] : ['ingest', corpus, ...crashed.flags];
      const exit = await runCli(options.cli, args, at).finally(() => watcher?.close());
      if (exit.signal !== 'SIGKILL') {
        mustSucceed(`${command} before its kill`, exit);
        continue;
      }
      const kill = { command, point, ...(await stateOf(crashed)) } as const;
      kills.push(kill);
      log(`kill ${kills.length}: ${JSON.stringify(kill)}`);
    }
    mustSucceed('ingest after the kills', await runCli(options.cli, ['ingest', corpus, ...crashed.flags]));
    const comparison = compareSnapshots(reference.snapshot, await snapshotOf(crashed));
    return {
      ...comparison,
      differences: [...comparison.differences, ...reference.again],
      seed: options.seed,
      kills,
      reference,
    };
  } finally {
    await crashed.drop();
  }
}
