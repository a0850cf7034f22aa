import { describe, expect, it } from 'vitest';
import { buildEventRecord, type AlertRule, type Mention } from '../../src/domain/index.js';
import { evaluateAlerts } from '../../src/pipeline/evaluate-alerts.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import type { Store } from '../../src/store/store.js';
import { makeDocument, makeMention } from '../store/fixtures.js';

const NOW = () => new Date('2025-06-30T00:00:00Z');

function rule(over: Partial<AlertRule>): AlertRule {
  return {
    id: `al_${Object.values(over).join('_')}`,
    admin1: null,
    admin2: null,
    actor: null,
    type: null,
    minFatalities: null,
    escalation: null,
    createdAt: '2025-01-01T00:00:00.000Z',
    ...over,
  };
}

/** Stores one event per (day, killed) in Kech, each from its own mention; `contested` adds a higher claim. */
async function seed(store: Store, days: readonly (readonly [string, number, number?])[]): Promise<void> {
  const doc = makeDocument(5);
  await store.saveDocuments([doc]);
  const events = days.map(([day, killed, claimed], i) => {
    const base = makeMention(doc.id, i, { date: { start: day, end: day, precision: 'day' } });
    const claims = [{ ...base.claims[0]!, low: killed, best: killed, high: killed }];
    if (claimed !== undefined)
      claims.push({
        ...base.claims[0]!,
        claimant: 'A group',
        claimantKind: 'armed_group',
        low: claimed,
        best: claimed,
        high: claimed,
      });
    const m: Mention = { ...base, claims };
    const record = buildEventRecord({ id: `ev_${i}`, operationId: null, mentions: [m], sources: [] });
    return { record, mentionIds: [] as string[], decisions: [] };
  });
  await store.replaceResolution({ mentionIds: [], events, operations: [] });
}

describe('evaluateAlerts', () => {
  it('fires once per week on the reconciled best figure, says when it was contested, and never twice', async () => {
    const store = await openSqliteStore({ path: ':memory:' });
    try {
      await seed(store, [
        ['2025-05-05', 2],
        ['2025-05-06', 6, 30],
        ['2025-05-07', 7],
      ]);
      await store.addAlertRule(rule({ admin2: 'Kech', minFatalities: 6 }));
      await store.addAlertRule(rule({ admin2: 'Kech', minFatalities: 50 }));
      const fired = await evaluateAlerts(store, NOW);
      expect(fired.map((f) => [f.window, f.reason])).toEqual([
        ['2025-W19', '2 events with at least 6 killed (the reconciled best figure; 1 of them contested)'],
      ]);
      expect(fired[0]!.evidence.map((e) => e.fatalities?.best).sort()).toEqual([6, 7]);
      // a second evaluation of the same week stores nothing new
      expect(await evaluateAlerts(store, NOW)).toEqual([]);
      expect(await store.listFirings(10)).toHaveLength(1);
    } finally {
      await store.close();
    }
  });

  it('fires an escalation rule in a week far above its history, and not in a steady one', async () => {
    const store = await openSqliteStore({ path: ':memory:' });
    try {
      // one event a week for twenty weeks, then eight in one week
      const steady = Array.from({ length: 20 }, (_, i) => {
        const day = new Date(Date.parse('2025-01-06T00:00:00Z') + i * 7 * 86_400_000)
          .toISOString()
          .slice(0, 10);
        return [day, 1] as const;
      });
      const spike = Array.from(
        { length: 8 },
        (_, i) => [`2025-05-${String(26 + (i % 5)).padStart(2, '0')}`, 1] as const,
      );
      await seed(store, steady);
      const quiet = rule({ admin2: 'Kech', escalation: 0.01 });
      await store.addAlertRule(quiet);
      expect(await evaluateAlerts(store, NOW)).toEqual([]);
      await seed(store, [...steady, ...spike]);
      const fired = await evaluateAlerts(store, NOW);
      expect(fired.map((f) => f.window)).toEqual(['2025-W22']);
      expect(fired[0]!.reason).toMatch(/^Kech: 8 events this week against 0\.77 a week before/);
      // twenty events over the 26 weeks before: 0.77 a week
    } finally {
      await store.close();
    }
  });
});
