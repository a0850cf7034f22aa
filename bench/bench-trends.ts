import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { packageRoot } from '../src/cli/package-root.js';
import type { Knowledge } from '../src/extract/knowledge.js';
import { loadKnowledge } from '../src/lexicon/load-knowledge.js';
import { buildApp } from '../src/server/app.js';
import { openPostgresStore } from '../src/store/postgres/postgres-store.js';
import { openSqliteStore, SERVE_MMAP_BYTES } from '../src/store/sqlite/sqlite-store.js';
import type { Store } from '../src/store/store.js';
import { bulkLoadPostgres, bulkLoadSqlite } from './bulk-events.js';

/** One endpoint's timings over the varied requests. */
export interface EndpointFigures {
  readonly requests: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  /** The slowest request, to say which filter misses the bar. */
  readonly slowest: string;
}

/** One page scenario: the page's whole load (its two rounds of requests, each round in parallel as the page sends
 * them), and each of its requests timed alone. */
export interface PageFigures {
  readonly name: string;
  readonly load: EndpointFigures;
  readonly requests: readonly (readonly [string, EndpointFigures])[];
}

export interface TrendsRun {
  readonly backend: string;
  readonly events: number;
  readonly loadSeconds: number;
  /** Rows in the trend rollup after the load. */
  readonly rollupRows: number;
  readonly pages: readonly PageFigures[];
  /** The store read of `faultline trends` (and of an escalation alert rule), by district, actor and type. */
  readonly cli: EndpointFigures;
  readonly series: EndpointFigures;
  readonly districts: EndpointFigures;
  /** The 1, 5 and 15 minute load averages when the timing ended. */
  readonly loadAverage: readonly number[];
}

/** Filters a reader of the Trends page sets: none, a province, a district, an actor, a type, dates, and pairs. */
function districtOf(knowledge: Knowledge): string {
  const district = [...knowledge.gazetteer.places.values()].find(
    (p) => p.kind === 'district' && p.country === 'PK' && p.admin1 === 'Balochistan',
  );
  return district?.admin2 ?? district?.name ?? 'Kech';
}

function filterSets(knowledge: Knowledge): string[] {
  return [
    '',
    'admin1=Balochistan',
    `admin2=${encodeURIComponent(districtOf(knowledge))}`,
    `actor=${encodeURIComponent('Baloch Liberation Army')}`,
    'type=Battles',
    'from=2025-01-01&to=2025-12-31',
    'from=2025-10-01&to=2025-12-31',
    'contested=true',
    'admin1=Balochistan&type=Battles',
    `actor=${encodeURIComponent('Tehrik-i-Taliban Pakistan')}&from=2024-07-01`,
    'publisher=Outlet%203',
  ];
}

function requests(knowledge: Knowledge): { series: string[]; districts: string[] } {
  const filters = filterSets(knowledge);
  const join = (route: string, own: string, f: string) => `${route}?${[own, f].filter(Boolean).join('&')}`;
  const series = filters.flatMap((f, i) =>
    (['day', 'week', 'month'] as const).map((interval, j) =>
      join(
        '/api/trends/series',
        `interval=${interval}&split=${(['district', 'actor', 'type'] as const)[(i + j) % 3]}`,
        f,
      ),
    ),
  );
  const districts = filters.flatMap((f) =>
    ['window=week', 'window=month&at=2025-06-15'].map((own) => join('/api/trends/districts', own, f)),
  );
  return { series, districts };
}

/** Page loads timed per scenario: with no filter, with a district, with an actor (the finest grain). */
const PAGE_LOADS = 10;

/**
 * The requests the Trends page sends at load (web/src/trends-page.ts) with `filters`, in its two rounds: the
 * filter form's choices (unfiltered), then the chart's series and the district table with the filters.
 */
function pageRounds(filters: string): string[][] {
  const withFilters = (own: string) => (filters ? `${own}&${filters}` : own);
  return [
    ['/api/stats?by=district', '/api/stats?by=actor', '/api/publishers'],
    [
      withFilters('/api/trends/series?interval=week&split=district'),
      withFilters('/api/trends/districts?window=week'),
    ],
  ];
}

function figures(timings: readonly (readonly [string, number])[]): EndpointFigures {
  const sorted = [...timings].sort((a, b) => a[1] - b[1]);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]![1];
  const round = (ms: number) => Math.round(ms * 10) / 10;
  return {
    requests: sorted.length,
    p50Ms: round(at(0.5)),
    p99Ms: round(at(0.99)),
    maxMs: round(sorted[sorted.length - 1]![1]),
    slowest: sorted[sorted.length - 1]![0],
  };
}

/**
 * Times each request through the API with the read cache off (every answer computed from the store), twice: the
 * first round warms the store's pages as a server that has been up a while would have them.
 */
async function timeEndpoints(
  store: Store,
  knowledge: Knowledge,
  backend: string,
  events: number,
  loadSeconds: number,
  rollupRows: number,
): Promise<TrendsRun> {
  const app = buildApp({
    store,
    knowledge,
    config: { apiToken: null, host: '127.0.0.1', webRoot: null, readCacheWeight: 0, eventIndex: false },
  });
  await app.ready();
  try {
    const time = async (paths: readonly string[]) => {
      const out: [string, number][] = [];
      for (let round = 0; round < 2; round++) {
        for (const url of paths) {
          const t0 = performance.now();
          const res = await app.inject({ method: 'GET', url });
          const ms = performance.now() - t0;
          if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
          if (round === 1) out.push([url, ms]);
        }
      }
      return figures(out);
    };
    const get = async (url: string) => {
      const res = await app.inject({ method: 'GET', url });
      if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
    };
    const district = districtOf(knowledge);
    const pages: PageFigures[] = [];
    for (const [name, filters] of [
      ['default filters', ''],
      [`district ${district}`, `admin2=${encodeURIComponent(district)}`],
      ['actor Baloch Liberation Army', `actor=${encodeURIComponent('Baloch Liberation Army')}`],
    ] as const) {
      const rounds = pageRounds(filters);
      const loads: [string, number][] = [];
      for (let i = 0; i <= PAGE_LOADS; i++) {
        const t0 = performance.now();
        for (const round of rounds) await Promise.all(round.map(get));
        // the first load warms the pages, as on a server that has been up a while
        if (i > 0) loads.push([name, performance.now() - t0]);
      }
      const each: [string, EndpointFigures][] = [];
      for (const url of rounds.flat()) {
        const alone: [string, number][] = [];
        for (let i = 0; i < 5; i++) {
          const t0 = performance.now();
          await get(url);
          alone.push([url, performance.now() - t0]);
        }
        each.push([url, figures(alone)]);
      }
      pages.push({ name, load: figures(loads), requests: each });
    }
    const cliTimings: [string, number][] = [];
    for (let round = 0; round < 2; round++) {
      for (const by of ['district', 'actor', 'type'] as const) {
        // as `faultline trends --by X` asks it by default: the year of the latest event, by week
        const t0 = performance.now();
        await store.eventSeries({ from: '2025-01-01', to: '2025-12-30' }, by, 'week');
        if (round === 1) cliTimings.push([`trends --by ${by}`, performance.now() - t0]);
      }
    }
    const r = requests(knowledge);
    const series = await time(r.series);
    const districts = await time(r.districts);
    return {
      backend,
      events,
      loadSeconds,
      rollupRows,
      pages,
      cli: figures(cliTimings),
      series,
      districts,
      loadAverage: loadavg(),
    };
  } finally {
    await app.close();
  }
}

function benchKnowledge(): Knowledge {
  return loadKnowledge({
    dataDir: join(packageRoot(), 'data'),
    countries: ['PK', 'AF', 'IR', 'IN'],
    extraRows: [],
  });
}

/** `events` synthetic events (two years, every Pakistani district) bulk-loaded into a fresh SQLite file. */
export async function benchTrendsSqlite(events: number): Promise<TrendsRun> {
  const knowledge = benchKnowledge();
  const dir = await mkdtemp(join(tmpdir(), 'faultline-bench-trends-'));
  try {
    const path = join(dir, 'trends.db');
    const t0 = performance.now();
    await bulkLoadSqlite(path, events, knowledge);
    const loadSeconds = (performance.now() - t0) / 1000;
    const counter = new BetterSqlite3(path, { readonly: true });
    const { n } = counter.prepare('select count(*) as n from trend_rollup').get() as { n: number };
    counter.close();
    // opened as `serve` opens it
    const store = await openSqliteStore({ path, mmapBytes: SERVE_MMAP_BYTES });
    try {
      return await timeEndpoints(store, knowledge, 'SQLite', events, loadSeconds, n);
    } finally {
      await store.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The same in a schema of its own in the PostgreSQL database at `url`, dropped at the end. */
export async function benchTrendsPostgres(url: string, events: number): Promise<TrendsRun> {
  const knowledge = benchKnowledge();
  const schema = `faultline_bench_trends_${randomBytes(4).toString('hex')}`;
  const store = await openPostgresStore({ connectionString: url, schema, maxConnections: 4 });
  try {
    const t0 = performance.now();
    await bulkLoadPostgres(store, url, schema, events, knowledge);
    const loadSeconds = (performance.now() - t0) / 1000;
    const counter = new pg.Client({ connectionString: url, options: `-c search_path=${schema}` });
    await counter.connect();
    const { rows } = await counter.query<{ n: string }>('select count(*) as n from trend_rollup');
    await counter.end();
    return await timeEndpoints(store, knowledge, 'PostgreSQL', events, loadSeconds, Number(rows[0]!.n));
  } finally {
    await store.close();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(`drop schema if exists "${schema}" cascade`);
    } finally {
      await client.end();
    }
  }
}
