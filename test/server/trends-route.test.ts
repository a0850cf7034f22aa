import type { FastifyInstance } from 'fastify';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TrendDistricts, TrendSeries } from '../../src/api/trend-schemas.js';
import { buildApp } from '../../src/server/app.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import type { Store } from '../../src/store/store.js';
import { projectKnowledge } from '../helpers/knowledge.js';
import { seedTrends } from './trend-fixtures.js';

let dir: string;
let store: Store;
let app: FastifyInstance;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'faultline-trends-'));
  store = await openSqliteStore({ path: join(dir, 'trends.db') });
  await seedTrends(store);
  app = buildApp({
    store,
    knowledge: projectKnowledge(),
    config: { apiToken: null, host: '127.0.0.1', webRoot: null },
  });
  await app.ready();
});

afterAll(async () => {
  await app.close();
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

async function get<T>(url: string): Promise<T> {
  const res = await app.inject({ method: 'GET', url });
  expect({ url, status: res.statusCode, body: res.statusCode === 200 ? '' : res.body }).toEqual({
    url,
    status: 200,
    body: '',
  });
  return res.json() as T;
}

const SPIKE = 'admin1=Balochistan&from=2025-04-28&to=2025-05-11';

describe('GET /api/trends/series', () => {
  it('gives every bucket of the range with each top district, events and the sum of best figures', async () => {
    const s = await get<TrendSeries>(`/api/trends/series?interval=week&split=district&${SPIKE}`);
    expect(s.periods).toEqual([
      { label: '2025-W18', from: '2025-04-28', to: '2025-05-04' },
      { label: '2025-W19', from: '2025-05-05', to: '2025-05-11' },
    ]);
    expect(s.series.map((l) => [l.key, l.name, l.events, l.fatalities])).toEqual([
      ['kech', 'Kech', [0, 6], [0, 12]],
      ['panjgur', 'Panjgur', [1, 1], [1, 1]],
    ]);
    expect(s.totals).toEqual({ events: [1, 7], fatalities: [1, 13] });
  });

  it('changes the buckets with the interval and fills days without events with zeros', async () => {
    const months = await get<TrendSeries>(`/api/trends/series?interval=month&split=district&${SPIKE}`);
    expect(months.periods.map((p) => p.label)).toEqual(['2025-04', '2025-05']);
    expect(months.totals.events).toEqual([1, 7]);
    const days = await get<TrendSeries>(`/api/trends/series?interval=day&split=type&${SPIKE}`);
    expect(days.periods).toHaveLength(14);
    expect(days.series.map((l) => [l.key, l.totalEvents])).toEqual([
      ['Explosions/Remote violence', 6],
      ['Battles', 2],
    ]);
    // 2025-04-28 (Panjgur's Monday), then nothing until the spike's first day
    expect(days.totals.events).toEqual([1, 0, 0, 0, 0, 0, 0, 2, 1, 1, 1, 1, 1, 0]);
  });

  it('sums the districts beyond the top under a null key, named Other, after the rest', async () => {
    const s = await get<TrendSeries>('/api/trends/series?interval=month&split=district&top=1');
    expect(s.series.map((l) => [l.key, l.name, l.totalEvents, l.totalFatalities])).toEqual([
      ['kech', 'Kech', 21, 31],
      [null, 'Other', 11, 14],
    ]);
    expect(s.periods[0]).toEqual({ label: '2024-05', from: '2024-05-01', to: '2024-05-31' });
    expect(s.periods.at(-1)?.label).toBe('2025-05');
    expect(s.periods).toHaveLength(13);
  });

  it('splits by the first actor', async () => {
    const s = await get<TrendSeries>(`/api/trends/series?interval=week&split=actor&${SPIKE}`);
    expect(s.series.map((l) => [l.name, l.events])).toEqual([
      ['Baloch Liberation Army', [0, 6]],
      ['Unidentified Armed Group', [1, 1]],
    ]);
  });

  it('refuses a bad interval, split or top, and a range of too many buckets, naming the parameter', async () => {
    for (const [query, names] of [
      ['interval=hour', 'interval'],
      ['split=place', 'split'],
      ['top=0', 'top'],
      ['interval=day&from=1990-01-01&to=2025-01-01', 'interval=day'],
      ['admin2=Atlantis', 'admin2=Atlantis'],
    ] as const) {
      const res = await app.inject({ method: 'GET', url: `/api/trends/series?${query}` });
      expect(res.statusCode).toBe(400);
      expect((res.json() as { message: string }).message).toContain(names);
    }
  });
});

describe('GET /api/trends/districts', () => {
  it('gives each district this week, the one before and a year before, the most unusual first', async () => {
    const t = await get<TrendDistricts>('/api/trends/districts?window=week&at=2025-05-09');
    expect([t.current?.label, t.previous?.label, t.yearAgo?.label]).toEqual([
      '2025-W19',
      '2025-W18',
      '2024-W19',
    ]);
    expect(t.yearAgo).toEqual({ label: '2024-W19', from: '2024-05-06', to: '2024-05-12' });
    const kech = t.rows[0]!;
    expect(kech).toMatchObject({
      key: 'kech',
      district: 'Kech',
      current: { events: 6, fatalities: 12 },
      previous: { events: 0, fatalities: 0 },
      yearAgo: { events: 2, fatalities: 6 },
      change: 6,
      changePercent: null,
      yearChange: 4,
      yearChangePercent: 200,
      escalating: true,
    });
    // 13 events in 26 weeks of history: half an event a week
    expect(kech.baseline).toBe(0.5);
    expect(kech.probability).toBeLessThan(0.001);
    const rest = Object.fromEntries(t.rows.slice(1).map((r) => [r.district, r]));
    expect(rest['Panjgur']).toMatchObject({
      current: { events: 1 },
      previous: { events: 1 },
      change: 0,
      changePercent: 0,
      escalating: false,
    });
    expect(rest['Bannu']).toMatchObject({
      current: { events: 0 },
      previous: { events: 1, fatalities: 4 },
      change: -1,
      changePercent: -100,
      escalating: false,
    });
  });

  it('takes the window from `to`, else from the latest matching event, and keeps the other filters', async () => {
    const byTo = await get<TrendDistricts>(`/api/trends/districts?${SPIKE}`);
    expect(byTo.at).toBe('2025-05-11');
    expect(byTo.rows.map((r) => r.district)).toEqual(['Kech', 'Panjgur']);
    const latest = await get<TrendDistricts>('/api/trends/districts?window=month&admin2=Panjgur');
    expect(latest.at).toBe('2025-05-05');
    expect(latest.rows).toEqual([
      expect.objectContaining({
        district: 'Panjgur',
        current: { events: 1, fatalities: 1 },
        previous: { events: 4, fatalities: 4 },
      }),
    ]);
    const none = await get<TrendDistricts>('/api/trends/districts?admin1=Sindh');
    expect(none).toMatchObject({ at: null, current: null, rows: [] });
  });

  it('is documented in the OpenAPI document with its parameters', async () => {
    const doc = await get<{ paths: Record<string, { get: { parameters: { name: string }[] } }> }>(
      '/api/openapi.json',
    );
    const names = (path: string) => doc.paths[path]?.get.parameters.map((p) => p.name) ?? [];
    expect(names('/api/trends/series')).toEqual(
      expect.arrayContaining(['interval', 'split', 'top', 'admin2', 'from']),
    );
    expect(names('/api/trends/districts')).toEqual(
      expect.arrayContaining(['window', 'at', 'history', 'threshold', 'actor']),
    );
  });
});
