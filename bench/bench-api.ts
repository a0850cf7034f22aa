import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import Fastify, { type FastifyInstance } from 'fastify';
import { chromium } from 'playwright-core';
import { packageRoot } from '../src/cli/package-root.js';
import type { Document, EventRecord } from '../src/domain/index.js';
import { EVENT_TYPES } from '../src/domain/index.js';
import type { Knowledge } from '../src/extract/knowledge.js';
import { loadKnowledge } from '../src/lexicon/load-knowledge.js';
import { buildApp } from '../src/server/app.js';
import { openSqliteStore, SERVE_MMAP_BYTES } from '../src/store/sqlite/sqlite-store.js';
import type { Store, StoredEvent } from '../src/store/store.js';
import { benchPostgres, type PostgresRun, type PostgresTarget } from './bench-api-postgres.js';

export interface LoadFigures {
  readonly requests: number;
  readonly rps: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly errors: number;
  /** Bar: p99 under 50 ms. */
  readonly p99Ok: boolean;
  /** Bytes read per answer, headers included. */
  readonly bytesPerRequest: number;
}

/** A load on a server with its event index: the figures, and what loading the index cost first. */
export interface IndexedLoad extends LoadFigures {
  readonly indexLoadSeconds: number;
  /** Growth of the process's buffer memory while the index loaded: the records' JSON it holds. */
  readonly indexMegabytes: number;
}

export interface ApiBench {
  readonly events: number;
  readonly insertSeconds: number;
  readonly distinctPaths: number;
  /** With the server's read cache, as it runs. */
  readonly cached: LoadFigures;
  /** Every request answered afresh (no read cache) from the server's in-memory event index. */
  readonly indexed: IndexedLoad;
  /** Every request answered from the store: no read cache, no event index. */
  readonly uncached: LoadFigures;
  /**
   * What this machine allows at all: a server that does no work, sending one fixed answer as large as the
   * uncached answers, under the same load. No read path can do better than this.
   */
  readonly ceiling: LoadFigures;
  readonly pageEvents: number;
  /** Null when Chromium is absent. */
  readonly pageSeconds: number | null;
  /** Bar: under 2 s. */
  readonly pageOk: boolean | null;
  /** The same load on PostgreSQL, when a database was given. */
  readonly postgres: PostgresRun<IndexedLoad> | null;
}

const DOCS = 2_000;
const GROUPS = [
  'Baloch Liberation Army',
  'Baloch Liberation Front',
  'Tehrik-i-Taliban Pakistan',
  'Islamic State Khorasan Province',
];
const TYPES = Object.entries(EVENT_TYPES).flatMap(([t, subs]) =>
  subs.slice(0, 2).map((s) => [t, s] as const),
);

/** Deterministic pseudo-random numbers, so two runs bench the same data. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

function doc(i: number): Document {
  const text = `Synthetic report ${i}. Gunmen attacked a checkpoint, killing ${i % 9} people, officials said.`;
  return {
    kind: 'Document',
    id: `bench-doc-${i}`,
    url: `https://bench.example.org/${i}`,
    title: `Report ${i}`,
    publisher: `Outlet ${i % 12}`,
    published: '2025-01-01',
    publishedSource: 'given',
    language: 'eng',
    text,
    origin: `bench-${i}`,
  };
}

/** One synthetic event in a real district of the gazetteer, over two years, with two disagreeing claims. */
function event(
  i: number,
  districts: Knowledge['gazetteer']['places'] extends ReadonlyMap<string, infer P> ? readonly P[] : never,
  r: () => number,
): StoredEvent {
  const d = districts[i % districts.length]!;
  const [type, sub] = TYPES[i % TYPES.length]!;
  const day = new Date(Date.UTC(2024, 0, 1) + Math.floor(r() * 730) * 86_400_000).toISOString().slice(0, 10);
  const docId = `bench-doc-${i % DOCS}`;
  const low = Math.floor(r() * 5);
  const high = low + Math.floor(r() * 10);
  const claim = (n: number, claimant: string, kind: 'state_official' | 'armed_group') => ({
    claimant,
    claimant_kind: kind,
    stance: kind === 'armed_group' ? ('claimed' as const) : ('confirmed' as const),
    metric: 'killed' as const,
    category: 'security_forces' as const,
    low: n,
    high: n,
    best: n,
    approximate: false,
    quote: `killing ${n} people`,
    doc_id: docId,
    span: [30, 50] as const,
  });
  const record: EventRecord = {
    id: `bench-ev-${i}`,
    operation_id: null,
    doc_ids: [docId],
    date: { start: day, end: day, precision: 'day' },
    location: {
      name: d.name,
      admin2: d.admin2 ?? d.name,
      admin1: d.admin1,
      country: d.country,
      lat: d.lat + (r() - 0.5) * 0.4,
      lon: d.lon + (r() - 0.5) * 0.4,
      precision: 'place',
    },
    event_type: type,
    sub_event_type: sub,
    weapon: 'firearms',
    target: 'security_forces',
    actor1: i % 5 === 4 ? null : { name: GROUPS[i % 5]!, type: 'rebel_group', claimed: true },
    actor2: { name: 'Pakistan Army', type: 'state_forces' },
    fatalities: { low, best: low, high },
    injured: null,
    casualties: [{ metric: 'killed', category: 'security_forces', low, best: low, high }],
    claims: [claim(low, 'officials', 'state_official'), claim(high, 'Baloch Liberation Army', 'armed_group')],
    sources: [{ doc_id: docId, publisher: `Outlet ${(i % DOCS) % 12}`, url: null, published: '2025-01-01' }],
    evidence: [{ doc_id: docId, span: [0, 20], text: 'Synthetic report' }],
    notes: 'A synthetic event for the API benchmark.',
    confidence: 0.5,
    background: false,
  };
  return { record, mentionIds: [], decisions: [] };
}

/** The documents the synthetic events cite. */
export function syntheticDocuments(): Document[] {
  return Array.from({ length: DOCS }, (_, i) => doc(i));
}

/** `count` synthetic events in batches of `batch`, the same ones on every run and for either backend. */
export function* syntheticEvents(
  count: number,
  knowledge: Knowledge,
  batch = 5_000,
): Generator<StoredEvent[]> {
  const districts = [...knowledge.gazetteer.places.values()].filter(
    (p) => p.kind === 'district' && p.country === 'PK' && p.admin1,
  );
  const r = rng(7);
  for (let start = 0; start < count; start += batch) {
    const events: StoredEvent[] = [];
    for (let i = start; i < Math.min(count, start + batch); i++) events.push(event(i, districts, r));
    yield events;
  }
}

/** Stores the synthetic documents and `count` events, each passed through `decorate` (the search bench adds text). */
export async function seedSyntheticEvents(
  store: Store,
  count: number,
  knowledge: Knowledge,
  decorate: (event: StoredEvent, i: number) => StoredEvent = (event) => event,
): Promise<void> {
  await store.saveDocuments(syntheticDocuments());
  let i = 0;
  for (const events of syntheticEvents(count, knowledge)) {
    const decorated = events.map((e) => decorate(e, i++));
    await store.replaceResolution({ mentionIds: [], events: decorated, operations: [] });
  }
}

async function pageRender(webRoot: string, knowledge: Knowledge, events: number): Promise<number | null> {
  if (!existsSync('/usr/bin/chromium')) return null;
  const dir = await mkdtemp(join(tmpdir(), 'faultline-bench-page-'));
  const store = await openSqliteStore({ path: join(dir, 'page.db') });
  await seedSyntheticEvents(store, events, knowledge);
  const app = buildApp({ store, knowledge, config: { apiToken: null, host: '127.0.0.1', webRoot } });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const port = (app.server.address() as { port: number }).port;
  const context = await chromium.launchPersistentContext(join(dir, 'profile'), {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
    viewport: { width: 1280, height: 900 },
  });
  try {
    const page = await context.newPage();
    await page.goto(`http://127.0.0.1:${port}/`); // warm: the browser's first start is not the page's cost
    await page.waitForSelector('body[data-ready="true"]', { timeout: 60_000 });
    const t0 = performance.now();
    await page.reload();
    await page.waitForSelector('body[data-ready="true"]', { timeout: 60_000 });
    await page.waitForSelector('.cluster, .event-marker');
    const seconds = (performance.now() - t0) / 1000;
    await page.screenshot({ path: join(tmpdir(), 'faultline-bench-page.png') });
    return seconds;
  } finally {
    await context.close();
    await app.close();
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
}

const DISTINCT_PATHS = 250;
const SORTS = ['date', '-date', '-fatalities'] as const;

/**
 * Event-list requests as many people browsing would send them: filters by province, district, actor or type,
 * over date ranges of one to twelve months, sorted three ways, the first four pages of each.
 */
export function browsingPaths(knowledge: Knowledge, count: number): string[] {
  const r = rng(11);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(r() * list.length)]!;
  const districts = [...knowledge.gazetteer.places.values()]
    .filter((p) => p.kind === 'district' && p.country === 'PK')
    .map((p) => p.name);
  const filters: readonly (() => string)[] = [
    () => `admin1=${pick(['Balochistan', 'Khyber Pakhtunkhwa', 'Sindh', 'Punjab'])}`,
    () => `admin2=${pick(districts)}`,
    () => `actor=${pick(['BLA', 'BLF', 'TTP', 'ISKP', 'Pakistan Army'])}`,
    () => `type=${pick(TYPES.flatMap(([t, s]) => [t, s]))}`,
    () => `admin1=Balochistan&type=${pick(TYPES)[0]}`,
  ];
  const paths = new Set<string>();
  while (paths.size < count) {
    const start = Math.floor(r() * 18);
    const month = (n: number) => `${2024 + Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, '0')}`;
    const query = [
      'limit=100',
      pick(filters)(),
      `from=${month(start)}-01`,
      `to=${month(start + 1 + Math.floor(r() * 12))}-01`,
      `sort=${pick(SORTS)}`,
      `offset=${Math.floor(r() * 4) * 100}`,
    ];
    paths.add(`/api/events?${query.map((q) => q.replace(/ /g, '%20').replace(/\//g, '%2F')).join('&')}`);
  }
  return [...paths];
}

/** How a benched server reads: with or without its read cache and its event index. */
export interface ReadSetup {
  readonly readCacheWeight?: number;
  readonly eventIndex: boolean;
}

async function underLoad(
  store: Store,
  knowledge: Knowledge,
  paths: readonly string[],
  setup: ReadSetup,
): Promise<IndexedLoad> {
  const app = buildApp({
    store,
    knowledge,
    config: {
      apiToken: null,
      host: '127.0.0.1',
      webRoot: null,
      eventIndex: setup.eventIndex,
      awaitEventIndex: true,
      ...(setup.readCacheWeight === undefined ? {} : { readCacheWeight: setup.readCacheWeight }),
    },
  });
  try {
    global.gc?.();
    const held = process.memoryUsage().arrayBuffers;
    const t0 = performance.now();
    await app.ready();
    const indexLoadSeconds = (performance.now() - t0) / 1000;
    global.gc?.();
    const indexMegabytes = (process.memoryUsage().arrayBuffers - held) / 1e6;
    return { ...(await loadOn(app, paths)), indexLoadSeconds, indexMegabytes };
  } finally {
    // the load's last requests still running on the server end before its store is closed
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await app.close();
    // the index of this server goes before the next one is weighed
    await new Promise((resolve) => setTimeout(resolve, 100));
    global.gc?.();
  }
}

/**
 * 50 connections for 10 s over `paths` on a server not yet listening, after 3 s of the same load that is not
 * counted: a server runs warm (its code compiled, its lists and statements built), and the figures are its own.
 */
async function loadOn(app: FastifyInstance, paths: readonly string[]): Promise<LoadFigures> {
  await app.listen({ host: '127.0.0.1', port: 0 });
  const port = (app.server.address() as { port: number }).port;
  const load = (duration: number) =>
    autocannon({
      url: `http://127.0.0.1:${port}`,
      connections: 50,
      duration,
      // the load generator in its own thread, so that it does not share the server's event loop
      workers: 1,
      requests: paths.map((path) => ({ method: 'GET' as const, path })),
    });
  await load(3);
  const result = await load(10);
  return {
    requests: result.requests.total,
    rps: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors + result.non2xx,
    p99Ok: result.latency.p99 < 50,
    bytesPerRequest: result.requests.total > 0 ? result.throughput.total / result.requests.total : 0,
  };
}

/** The same load on a server that answers every path with one fixed JSON body of about `bytes` bytes. */
async function machineCeiling(paths: readonly string[], bytes: number): Promise<LoadFigures> {
  const body = Buffer.from(JSON.stringify({ pad: 'x'.repeat(Math.max(0, Math.round(bytes) - 10)) }));
  const app = Fastify();
  app.get('/api/events', (_request, reply) => {
    void reply.type('application/json; charset=utf-8').send(body);
  });
  try {
    return await loadOn(app, paths);
  } finally {
    await app.close();
  }
}

/** The API under load on 100,000 events, and the page drawing 10,000 of them. Figures, not assertions. */
export async function benchApi(
  count = 100_000,
  pageEvents = 10_000,
  postgresTarget: PostgresTarget | null = null,
): Promise<ApiBench> {
  const root = packageRoot();
  const knowledge = loadKnowledge({
    dataDir: join(root, 'data'),
    countries: ['PK', 'AF', 'IR', 'IN'],
    extraRows: [],
  });
  const dir = await mkdtemp(join(tmpdir(), 'faultline-bench-api-'));
  // opened as `serve` opens it
  const store = await openSqliteStore({ path: join(dir, 'api.db'), mmapBytes: SERVE_MMAP_BYTES });
  const t0 = performance.now();
  await seedSyntheticEvents(store, count, knowledge);
  const insertSeconds = (performance.now() - t0) / 1000;
  const paths = browsingPaths(knowledge, DISTINCT_PATHS);
  let cached: LoadFigures;
  let indexed: IndexedLoad;
  let uncached: LoadFigures;
  let ceiling: LoadFigures;
  try {
    // the index's server first: its memory is weighed against a process that held no index before
    indexed = await underLoad(store, knowledge, paths, { readCacheWeight: 0, eventIndex: true });
    cached = await underLoad(store, knowledge, paths, { eventIndex: true });
    uncached = await underLoad(store, knowledge, paths, { readCacheWeight: 0, eventIndex: false });
    ceiling = await machineCeiling(paths, uncached.bytesPerRequest);
  } finally {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
  let webRoot = join(root, 'dist', 'web');
  let built: string | null = null;
  if (!existsSync(join(webRoot, 'index.html'))) {
    const { build } = await import('vite');
    built = await mkdtemp(join(tmpdir(), 'faultline-bench-web-'));
    await build({
      configFile: join(root, 'web', 'vite.config.ts'),
      build: { outDir: built },
      logLevel: 'silent',
    });
    webRoot = built;
  }
  const pageSeconds = await pageRender(webRoot, knowledge, pageEvents);
  if (built) await rm(built, { recursive: true, force: true });
  const postgres =
    postgresTarget === null
      ? null
      : await benchPostgres(postgresTarget, knowledge, (pgStore, setup) =>
          underLoad(pgStore, knowledge, paths, setup),
        );
  return {
    postgres,
    events: count,
    insertSeconds,
    distinctPaths: paths.length,
    cached,
    indexed,
    uncached,
    ceiling,
    pageEvents,
    pageSeconds,
    pageOk: pageSeconds === null ? null : pageSeconds < 2,
  };
}
