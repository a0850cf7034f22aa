import { cpus, loadavg } from 'node:os';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { packageRoot } from '../src/cli/package-root.js';
import { benchApi, type IndexedLoad, type LoadFigures } from './bench-api.js';
import { benchExtractRounds, WARM_UP_DOCS, type ThreadedRate } from './bench-extract.js';
import { benchFeedJobs } from './bench-feed-jobs.js';
import { benchFeedPolling } from './bench-feeds.js';
import { benchFreshness } from './bench-freshness.js';
import type { ExtractCorpus } from './extract-inputs.js';
import { loadKnowledge } from '../src/lexicon/load-knowledge.js';
import { benchIngest, type Rate } from './bench-ingest.js';
import { ingestCorpusInProcess, type IngestMemory } from './bench-ingest-memory.js';
import { benchResolve } from './bench-resolve.js';
import { benchSearch } from './bench-search.js';
import { benchStoreWrites } from './bench-store-write.js';
import { benchQueue, type QueueRun } from './bench-queue.js';
import {
  benchTrendsPostgres,
  benchTrendsSqlite,
  type EndpointFigures,
  type TrendsRun,
} from './bench-trends.js';

function line(r: Rate): string {
  const rate = Math.round(r.docs / r.seconds).toString();
  return `${r.label.padEnd(36)} ${String(r.docs).padStart(6)} docs  ${r.seconds.toFixed(2).padStart(7)} s  ${rate.padStart(7)} docs/s`;
}

function threadedLine(r: ThreadedRate): string {
  return `${line(r)}  (process CPU ${r.cores.toFixed(2)} cores)`;
}

function peakMb(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

interface ResolveRun {
  readonly mentions: number;
  readonly events: number;
  readonly seconds: number;
  readonly cpuSeconds: number;
  readonly peakMb: number;
}

function median(runs: readonly ResolveRun[]): ResolveRun {
  return [...runs].sort((a, b) => a.seconds - b.seconds)[Math.floor(runs.length / 2)]!;
}

/** Times planMerges on `mentions` synthetic mentions in a child process of its own (figures as one JSON line). */
function resolveInFreshProcess(mentions: number, warm = false): ResolveRun {
  const run = spawnSync(
    process.execPath,
    [
      '--max-old-space-size=8000',
      fileURLToPath(import.meta.url),
      `--resolve-mentions=${mentions}`,
      ...(warm ? ['--warm'] : []),
    ],
    { encoding: 'utf8', maxBuffer: 1024 * 1024 },
  );
  if (run.status !== 0) throw new Error(`resolution of ${mentions} mentions failed: ${run.stderr}`);
  return JSON.parse(run.stdout.trim().split('\n').pop()!) as ResolveRun;
}

/**
 * The JavaScript heap an ingest is given: V8 otherwise grows its heap toward a quarter of the machine's memory
 * before it collects in earnest, so the peak RSS of an unbounded run measures the collector's slack, not what the
 * run holds. A run that completes under this cap holds less than it, whatever the corpus size.
 */
const INGEST_HEAP_MB = 384;

/** Pairs of queue runs (one worker, then two) in a full bench. */
const QUEUE_PAIRS = 3;

/**
 * `--separate-cpus` (quotas, each worker held to cores of its own) or `--separate-cpus=quota` (quotas alone); an
 * error that says what is wrong with any other value.
 */
function separateCpusOption(args: readonly string[]): BenchOptions['separateCpus'] | Error {
  const given = args.find((a) => a === '--separate-cpus' || a.startsWith('--separate-cpus='));
  if (given === undefined) return null;
  if (given === '--separate-cpus') return 'pinned';
  if (given === '--separate-cpus=quota') return 'quota';
  return new Error(
    `${given}: --separate-cpus takes no value, or "=quota" for quotas without cores of their own`,
  );
}

/** `faultline ingest` of `docs` generated articles in a child process of its own, so its peak memory is its own. */
function ingestInFreshProcess(docs: number): IngestMemory {
  const script = fileURLToPath(import.meta.url);
  const run = spawnSync(
    process.execPath,
    [`--max-old-space-size=${INGEST_HEAP_MB}`, script, `--ingest-memory=${docs}`],
    { encoding: 'utf8', maxBuffer: 1024 * 1024 },
  );
  if (run.status !== 0) throw new Error(`ingest of ${docs} documents failed: ${run.stderr}`);
  return JSON.parse(run.stdout.trim().split('\n').pop()!) as IngestMemory;
}

/** Options of `npm run bench` beyond the count and --quick. */
interface BenchOptions {
  /** `--articles=DIR`: a folder of real articles the extract section times as well (never copied anywhere). */
  readonly articles: string | null;
  /**
   * `--database-url=URL`: a PostgreSQL database where the api section may create (and drop) a schema, and beside
   * which the queue section creates (and drops) databases of its own.
   */
  readonly databaseUrl: string | null;
  /** `--pg-events=N`: events the api section loads into PostgreSQL (1,000,000; 100,000 with --quick). */
  readonly pgEvents: number | null;
  /**
   * `--separate-cpus`: the queue section gives the PostgreSQL server half the cores and each worker a quarter,
   * by cgroup CPU quotas (root, and the server on this machine), and holds each worker to cores of its own, as if
   * each ran on a machine of its own; `--separate-cpus=quota`: the quotas alone, the workers free to move.
   */
  readonly separateCpus: 'pinned' | 'quota' | null;
}

const SECTIONS: Record<string, (count: number, quick: boolean, options: BenchOptions) => Promise<void>> = {
  async ingest(count) {
    console.log('ingest (bar: 300 HTML and 2,000 text docs/s through clean + store, peak memory < 500 MB)');
    for (const r of await benchIngest(count)) console.log(`  ${line(r)}`);
  },
  async 'ingest-run'(count, quick) {
    console.log(
      `faultline ingest, extracting and resolving, into SQLite, under a ${INGEST_HEAP_MB} MB heap (bar: completes, peak memory flat as the corpus grows)`,
    );
    console.log(
      '  each run in a fresh process; issue 9 saw 1.36 GB for 100,000 documents before resolution in rounds',
    );
    const sizes = quick ? [Math.ceil(count / 10)] : [Math.ceil(count / 10), count];
    for (const docs of sizes) {
      const r = ingestInFreshProcess(docs);
      console.log(
        `  ${String(r.docs).padStart(7)} docs  ${r.seconds.toFixed(1).padStart(7)} s  peak ${r.peakMb} MB  (${r.summary})`,
      );
      if (r.exitCode !== 0) process.exitCode = 1;
    }
  },
  async extract(count, quick, options) {
    console.log(
      'extraction (bar: 600 docs/s on one core, 1.8x that on two worker threads, peak memory per worker < 300 MB)',
    );
    const dataDir = join(packageRoot(), 'data');
    const corpora: [string, ExtractCorpus][] = [['generated 5 KB articles', { kind: 'synthetic' }]];
    if (options.articles)
      corpora.push([
        `the articles of ${options.articles}, taken in turn`,
        { kind: 'folder', dir: options.articles },
      ]);
    const docs = Math.min(count, 3_000);
    const loading = performance.now();
    loadKnowledge({ dataDir, countries: ['PK', 'AF', 'IR', 'IN'], extraRows: [] });
    console.log(
      `  knowledge (gazetteer of four countries, actors, lexicons) loaded in ${Math.round(performance.now() - loading)} ms (budget 1.5 s)`,
    );
    const rounds = quick ? 1 : 3;
    console.log(
      `  each worker thread warms up on ${WARM_UP_DOCS} other documents first; one and two threads alternate, ${rounds} round${rounds === 1 ? '' : 's'} each, and the best round counts (this virtual machine's speed drifts between runs)`,
    );
    for (const [name, corpus] of corpora) {
      console.log(`  ${name}:`);
      const { one, two } = await benchExtractRounds(docs, dataDir, corpus, rounds);
      for (const r of [...one, ...two]) console.log(`    ${threadedLine(r)}`);
      const best = (runs: readonly ThreadedRate[]) => Math.max(...runs.map((r) => r.docs / r.seconds));
      console.log(
        `    best: one thread ${Math.round(best(one))} docs/s, two threads ${Math.round(best(two))} docs/s (${(best(two) / best(one)).toFixed(2)}x)`,
      );
      // worker threads share one process, so RSS cannot be told apart by thread: each worker's V8 heap can
      console.log(
        `    largest heap of one worker (knowledge, its documents, garbage): ${Math.max(...[...one, ...two].map((r) => r.workerHeapMb))} MB`,
      );
    }
  },
  async feeds(_count, quick, options) {
    const feeds = quick ? 100 : 500;
    console.log('feed polling (bar: 500 unchanged feeds polled every minute cost under 10% of one core)');
    const r = await benchFeedPolling(feeds);
    console.log(
      `  watch (SQLite): ${r.feeds} feeds answering 304, ${r.rounds} rounds: ${r.cpuSecondsPerRound.toFixed(2)} s CPU and ${r.wallSecondsPerRound.toFixed(2)} s per round (poller and fixture server together) = ${(100 * r.shareOfCorePerMinute).toFixed(1)}% of one core at one round a minute`,
    );
    if (options.databaseUrl === null) {
      console.log('  scheduler + worker (PostgreSQL): not run (give --database-url=URL)');
      return;
    }
    const q = await benchFeedJobs(options.databaseUrl, feeds);
    console.log(
      `  scheduler + worker (PostgreSQL, poll jobs, host slots): ${q.rounds} rounds: ${q.cpuSecondsPerRound.toFixed(2)} s CPU and ${q.wallSecondsPerRound.toFixed(2)} s per round (scheduler, worker and fixture server; not the database server) = ${(100 * q.shareOfCorePerMinute).toFixed(1)}% of one core at one round a minute (load average ${loadavg()[0]!.toFixed(2)})`,
    );
    if (q.databaseCpuSecondsPerRound !== null)
      console.log(
        `    and the PostgreSQL server's sessions of the bench: ${q.databaseCpuSecondsPerRound.toFixed(2)} s CPU per round; together ${((100 * (q.cpuSecondsPerRound + q.databaseCpuSecondsPerRound)) / 60).toFixed(1)}% of one core`,
      );
  },
  async freshness(_count, quick) {
    console.log(
      'freshness (bar: p50 < 5 s, p95 < 15 s from an item appearing in a feed to its event in GET /api/events, 2 s poll)',
    );
    const items = quick ? 50 : 200;
    const r = await benchFreshness({
      items,
      feeds: 10,
      spreadSeconds: quick ? 30 : 120,
      pollSeconds: 2,
      graceSeconds: 30,
    });
    console.log(
      `  serve + watch (SQLite file, two processes), ${r.items} items over ${r.feeds} loopback feeds: ${r.seen} reached the list`,
    );
    console.log(
      `  p50 ${r.p50.toFixed(2)} s  p95 ${r.p95.toFixed(2)} s  max ${r.max.toFixed(2)} s  (run ${r.seconds.toFixed(0)} s, load average ${r.load.toFixed(2)})`,
    );
  },
  async resolve(_count, quick) {
    console.log('resolution (bar: 100,000 mentions under 60 s; 10x the mentions at most 12x the time)');
    console.log('  each run in a fresh process, as a `faultline` run would be; 100,000: median of three');
    const small = median([0, 1, 2].map(() => resolveInFreshProcess(100_000)));
    const line = (r: ResolveRun) =>
      console.log(
        `  ${r.mentions} mentions -> ${r.events} events in ${r.seconds.toFixed(2)} s (${r.cpuSeconds.toFixed(2)} s CPU, peak ${r.peakMb} MB)`,
      );
    line(small);
    if (quick) return;
    const large = resolveInFreshProcess(1_000_000);
    line(large);
    console.log(
      `  10x the mentions cost ${(large.seconds / small.seconds).toFixed(1)}x the wall time, ${(large.cpuSeconds / small.cpuSeconds).toFixed(1)}x the CPU time`,
    );
    // the fresh 100,000 run includes compiling the code; timed again once compiled, it shows the scaling alone
    const warm = resolveInFreshProcess(100_000, true);
    console.log(
      `  100000 mentions timed a second time in one process: ${warm.seconds.toFixed(2)} s; 10x the mentions cost ${(large.seconds / warm.seconds).toFixed(1)}x that`,
    );
  },
  async 'store-write'(_count, quick, options) {
    const events = quick ? 10_000 : 40_000;
    console.log(
      `store writes: ${events} synthetic events through replaceResolution in rounds of 5,000 (trend rollup included), then all moved a week`,
    );
    for (const r of await benchStoreWrites(events, options.databaseUrl))
      console.log(
        `  ${r.backend.padEnd(10)} new ${r.insertSeconds.toFixed(1).padStart(6)} s (${Math.round(r.events / r.insertSeconds)} events/s)  moved ${r.moveSeconds.toFixed(1).padStart(6)} s (${Math.round(r.events / r.moveSeconds)} events/s)  load average ${r.loadAverage.toFixed(2)}`,
      );
  },
  async api(_count, quick, options) {
    console.log(
      'API (bar: p99 under 50 ms at 50 connections with 100,000 events on SQLite, 1,000,000 on PostgreSQL; page renders 10,000 events under 2 s)',
    );
    const pgEvents = options.pgEvents ?? (quick ? 100_000 : 1_000_000);
    const api = await benchApi(
      100_000,
      10_000,
      options.databaseUrl === null ? null : { url: options.databaseUrl, events: pgEvents },
    );
    console.log(`  ${api.events} events stored in ${api.insertSeconds.toFixed(1)} s`);
    const load = (label: string, f: LoadFigures) =>
      console.log(
        `  ${label.padEnd(26)} ${Math.round(f.rps)} req/s, p50 ${f.p50Ms} ms, p99 ${f.p99Ms} ms, ${f.errors} errors`,
      );
    console.log(
      `  GET /api/events?limit=100, ${api.distinctPaths} distinct filter sets and pages, 50 connections:`,
    );
    const indexLine = (f: IndexedLoad) =>
      console.log(
        `    (the index loaded in ${f.indexLoadSeconds.toFixed(1)} s and holds ${Math.round(f.indexMegabytes)} MB of records)`,
      );
    load('with the read cache:', api.cached);
    load('no cache, the event index:', api.indexed);
    indexLine(api.indexed);
    load('every request from SQLite:', api.uncached);
    load('no work, one fixed answer:', api.ceiling);
    console.log(
      `    (the machine's ceiling: a server that only sends a ${Math.round(api.ceiling.bytesPerRequest / 1000)} kB answer, the uncached answers' size, under the same load)`,
    );
    const page = api.pageSeconds === null ? 'n/a (no Chromium)' : `${api.pageSeconds.toFixed(2)} s`;
    console.log(`  page with ${api.pageEvents} events rendered in ${page}`);
    if (api.postgres === null) {
      console.log(
        '  PostgreSQL: not run (give --database-url=URL of a database the bench may add a schema to)',
      );
      return;
    }
    const pgRun = api.postgres;
    console.log(
      `  PostgreSQL: ${pgRun.events} events loaded in ${pgRun.insertSeconds.toFixed(1)} s (multi-row inserts, then VACUUM ANALYZE)`,
    );
    load('with the read cache:', pgRun.cached);
    load('no cache, the event index:', pgRun.indexed);
    indexLine(pgRun.indexed);
    load('every request from PostgreSQL:', pgRun.uncached);
  },
  async queue(_count, quick, options) {
    console.log(
      'job queue on PostgreSQL (bar: 2 worker processes take 2,000 queued documents at least 1.7x faster than 1, no duplicates)',
    );
    if (options.databaseUrl === null) {
      console.log('  not run (give --database-url=URL of a database the bench may create databases beside)');
      return;
    }
    const docs = quick ? 500 : 2_000;
    const cores = cpus().length;
    const separate = options.separateCpus
      ? { database: cores / 2, worker: cores / 4, pinned: options.separateCpus === 'pinned' }
      : null;
    if (separate)
      console.log(
        `  on separate CPUs: PostgreSQL capped at ${separate.database} cores, each worker at ${separate.worker}${separate.pinned ? ' and held to cores of its own' : ', free to move between cores'} (cgroup CPU quotas${separate.pinned ? ' and cpusets' : ''}, as on machines of their own)`,
      );
    // pairs of runs, one worker then two: the machine drifts between runs, so the ratio is each pair's, and their median
    const bench = await benchQueue(options.databaseUrl, docs, quick ? 1 : QUEUE_PAIRS, separate);
    const show = (r: QueueRun) =>
      console.log(
        `    ${r.workers} worker${r.workers > 1 ? 's' : ' '}  ${r.docs} docs  ${r.seconds.toFixed(1).padStart(6)} s  ${(r.docs / r.seconds).toFixed(1).padStart(6)} docs/s  ${r.events} events, ${r.failedJobs} failed jobs, ${r.duplicates} duplicates, ${r.unplanned} in no event, load average up to ${r.loadAverage.toFixed(1)}`,
      );
    const phase = (r: QueueRun) =>
      `${r.extractSeconds.toFixed(1)} s to the last extraction, then ${(r.seconds - r.extractSeconds).toFixed(1)} s of resolution (${r.resolveJobs} jobs, ${r.resolveSeconds.toFixed(1)} s in all)`;
    const ratios: number[] = [];
    bench.pairs.forEach(({ one, two }, i) => {
      const ratio = one.seconds / two.seconds;
      ratios.push(ratio);
      console.log(`  pair ${i + 1}: 2 workers ${ratio.toFixed(2)}x one worker`);
      show(one);
      show(two);
      console.log(`    1 worker: ${phase(one)}`);
      console.log(`    2 workers: ${phase(two)}`);
      console.log(
        `    extraction alone: 2 workers ${(one.extractSeconds / two.extractSeconds).toFixed(2)}x one worker (resolution follows it, in lanes)`,
      );
      // two workers cannot finish before the machine's cores have done their CPU work (shared cores only: with
      // quotas, each process has its own ceiling)
      const bound = separate
        ? ''
        : `; on ${cores} cores this pair allowed at most about ${((cores * one.seconds) / Math.max(two.cpuSeconds, 1e-9)).toFixed(2)}x`;
      console.log(
        `    machine CPU busy (workers, database, bench): 1 worker ${one.cpuSeconds.toFixed(1)} s, 2 workers ${two.cpuSeconds.toFixed(1)} s${bound}`,
      );
      const split = (r: QueueRun) =>
        `workers ${r.workerCpuSeconds.toFixed(1)} s, bench ${r.benchCpuSeconds.toFixed(1)} s, PostgreSQL and the rest ${(r.cpuSeconds - r.workerCpuSeconds - r.benchCpuSeconds).toFixed(1)} s`;
      console.log(`    of which: 1 worker: ${split(one)}; 2 workers: ${split(two)}`);
      // where the second worker's gain stops: resolution after the last extraction runs on the database's cores
      const server = (r: QueueRun) =>
        r.databaseCores
          ? `${r.databaseCores.extracting.toFixed(2)} cores while extracting, ${r.databaseCores.resolving.toFixed(2)} after`
          : 'not on this machine';
      const cap = separate ? ` (capped at ${separate.database})` : '';
      console.log(`    PostgreSQL${cap}: 1 worker: ${server(one)}; 2 workers: ${server(two)}`);
    });
    const sorted = [...ratios].sort((a, b) => a - b);
    const median = sorted[Math.floor((sorted.length - 1) / 2)]!;
    console.log(`  2 workers: ${median.toFixed(2)}x one worker, the median of ${ratios.length} pair(s)`);
    console.log(
      bench.differences.length === 0
        ? '  every run stored the same documents, mentions and events'
        : `  the runs differ: ${bench.differences.join('; ')}`,
    );
    // a document, mention or event held twice, or a mention in no event
    const defects = bench.pairs.reduce(
      (n, p) => n + p.one.duplicates + p.two.duplicates + p.one.unplanned + p.two.unplanned,
      0,
    );
    if (bench.differences.length > 0 || defects > 0) process.exitCode = 1;
  },
  async trends(_count, quick, options) {
    const events = options.pgEvents ?? (quick ? 100_000 : 1_000_000);
    console.log(
      `Trends API on ${events} events (bar: under 500 ms), read cache off, each request timed after a warming round`,
    );
    const report = (r: TrendsRun) => {
      console.log(
        `  ${r.backend}: ${r.events} events bulk-loaded in ${r.loadSeconds.toFixed(1)} s (trend rollup: ${r.rollupRows} rows)`,
      );
      const line = (name: string, f: EndpointFigures) =>
        `${name}  p50 ${f.p50Ms} ms  p99 ${f.p99Ms} ms  max ${f.maxMs} ms`;
      for (const page of r.pages) {
        console.log(`    Trends page, ${page.name}: ${line(`${page.load.requests} loads`, page.load)}`);
        for (const [url, f] of page.requests) console.log(`      ${line(url.padEnd(60), f)}`);
      }
      console.log(`    ${line(`faultline trends store read, ${r.cli.requests} reads`, r.cli)}`);
      for (const [name, f] of [
        ['GET /api/trends/series', r.series],
        ['GET /api/trends/districts', r.districts],
      ] as const)
        console.log(
          `    ${name.padEnd(26)} ${String(f.requests).padStart(3)} requests  p50 ${f.p50Ms} ms  p99 ${f.p99Ms} ms  max ${f.maxMs} ms (${f.slowest})`,
        );
      console.log(`    load average when done: ${r.loadAverage.map((l) => l.toFixed(2)).join(' ')}`);
    };
    report(await benchTrendsSqlite(events));
    if (options.databaseUrl === null) {
      console.log(
        '  PostgreSQL: not run (give --database-url=URL of a database the bench may add a schema to)',
      );
      return;
    }
    report(await benchTrendsPostgres(options.databaseUrl, events));
  },
  async search() {
    console.log(
      'Free-text search (EventQuery.q) on SQLite FTS5, 100,000 events: first page of 100 and total',
    );
    const bench = await benchSearch(100_000);
    console.log(
      `  ${bench.events} events and their search rows stored in ${bench.insertSeconds.toFixed(1)} s`,
    );
    for (const t of bench.timings)
      console.log(
        `  ${t.label.padEnd(40)} ${String(t.matches).padStart(7)} events  ${t.ms.toFixed(1).padStart(7)} ms`,
      );
  },
};

/**
 * `npm run bench [COUNT] [--quick] [--section=NAME] [--articles=DIR]`: throughput of each stage on generated, realistic data; figures, not
 * assertions. Each section runs in its own process so that its peak memory is its own.
 */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const section = args.find((a) => a.startsWith('--section='))?.slice('--section='.length);
  const count = Number(args.find((a) => /^\d+$/.test(a)) ?? 10_000);
  const quick = args.includes('--quick');
  const separateCpus = separateCpusOption(args);
  if (separateCpus instanceof Error) {
    console.error(separateCpus.message);
    process.exitCode = 2;
    return;
  }
  const resolveMentions = args.find((a) => a.startsWith('--resolve-mentions='));
  if (resolveMentions) {
    const size = Number(resolveMentions.slice('--resolve-mentions='.length));
    if (args.includes('--warm')) benchResolve(size);
    const r = benchResolve(size);
    const run: ResolveRun = { ...r, peakMb: peakMb() };
    console.log(JSON.stringify(run));
    return;
  }
  const ingestMemory = args.find((a) => a.startsWith('--ingest-memory='));
  if (ingestMemory) {
    console.log(
      JSON.stringify(await ingestCorpusInProcess(Number(ingestMemory.slice('--ingest-memory='.length)))),
    );
    return;
  }
  if (section) {
    const value = (name: string): string | null => {
      const at = args.findIndex((a) => a === name || a.startsWith(`${name}=`));
      if (at < 0) return null;
      return args[at] === name ? (args[at + 1] ?? null) : args[at]!.slice(name.length + 1);
    };
    const pgEvents = value('--pg-events');
    await SECTIONS[section]?.(count, quick, {
      articles: value('--articles'),
      databaseUrl: value('--database-url'),
      pgEvents: pgEvents === null ? null : Number(pgEvents),
      separateCpus,
    });
    console.log(`  peak memory of this section (max RSS): ${peakMb()} MB\n`);
    return;
  }
  console.log(`Faultline benchmark: ${count} synthetic articles (half HTML, half text, ~5 KB each)\n`);
  const self = fileURLToPath(import.meta.url);
  for (const name of Object.keys(SECTIONS)) {
    // ingest streams, so a small heap suffices and V8 collects instead of growing
    const heap = name === 'ingest' ? ['--max-old-space-size=256'] : [];
    const run = spawnSync(process.execPath, ['--expose-gc', ...heap, self, `--section=${name}`, ...args], {
      stdio: 'inherit',
    });
    if (run.status !== 0) process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
