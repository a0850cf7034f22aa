import { describe, expect, it } from 'vitest';
import { rollupGrain } from '../../src/store/rollup-query.js';
import type { EventQuery } from '../../src/store/store.js';
import type { RollupDimension } from '../../src/store/trend-rollup.js';

const DISTRICT: RollupDimension[] = ['admin2_key', 'admin2'];
const ACTOR: RollupDimension[] = ['actor1_key', 'actor1_name'];

const grain = (query: EventQuery, grouped: RollupDimension[], buckets: 'day' | 'week' | 'month' | null) =>
  rollupGrain(query, grouped, buckets)?.id ?? null;

describe('rollupGrain', () => {
  it('reads the coarse grains without a facet filter, by week when the dates cut no week', () => {
    expect(grain({}, DISTRICT, 'week')).toBe(11);
    expect(grain({ from: '2025-01-06', to: '2025-02-23' }, DISTRICT, 'week')).toBe(11);
    expect(grain({ from: '2025-01-07' }, DISTRICT, 'week')).toBe(1);
    expect(grain({ admin1: 'Balochistan' }, ACTOR, 'month')).toBe(2);
  });

  it('reads one actor (either side), sub-event type or contested from the facet grain, by district or by nothing', () => {
    expect(grain({ actor: 'Baloch Liberation Army' }, DISTRICT, 'week')).toBe(14);
    expect(grain({ actor: 'Baloch Liberation Army' }, [], null)).toBe(14);
    expect(grain({ contested: true, admin1: 'Balochistan' }, DISTRICT, 'week')).toBe(14);
    expect(grain({ type: 'Suicide bomb', from: '2025-01-06', admin2: 'Kech' }, DISTRICT, null)).toBe(14);
  });

  it('has the facet grain by week only: a facet read by day or month, or with dates that cut a week, reads the events', () => {
    expect(grain({ contested: true }, DISTRICT, 'day')).toBeNull();
    expect(grain({ actor: 'Pakistan Army' }, DISTRICT, 'month')).toBeNull();
    expect(grain({ actor: 'Pakistan Army', from: '2025-01-07' }, DISTRICT, 'week')).toBeNull();
  });

  it('leaves to the events two facets, a facet with another split or an event type, and what no grain counts by', () => {
    expect(grain({ actor: 'Pakistan Army', contested: true }, DISTRICT, 'week')).toBeNull();
    expect(grain({ actor: 'Pakistan Army' }, ACTOR, 'week')).toBeNull();
    expect(grain({ contested: false }, ['event_type'], 'week')).toBeNull();
    expect(grain({ actor: 'Pakistan Army', type: 'Battles' }, DISTRICT, 'week')).toBeNull();
    expect(grain({ publisher: 'Outlet 3' }, DISTRICT, 'week')).toBeNull();
    expect(grain({ q: 'checkpoint' }, DISTRICT, 'week')).toBeNull();
    expect(grain({ actor: '' }, DISTRICT, 'week')).toBeNull();
  });

  it('answers the default view (dismissed hidden) from the rollup and leaves include_dismissed to the events', () => {
    expect(grain({ includeDismissed: false }, DISTRICT, 'week')).toBe(11);
    expect(grain({ includeDismissed: true }, DISTRICT, 'week')).toBeNull();
  });
});
