import { buildEventRecord, type AlertRule, type Mention } from '../../src/domain/index.js';
import type { Store } from '../../src/store/store.js';
import { makeDocument, makeMention } from '../store/fixtures.js';

export function alertRule(over: Partial<AlertRule>): AlertRule {
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

/**
 * Stores one event in Kech per entry: `contested` keeps the fixture's two claims (officials 2, the insurgents 7:
 * reconciled best 2, range 2–7), else the officials' figure alone is `killed`.
 */
export async function seedKechEvents(
  store: Store,
  events: readonly { readonly day: string; readonly killed?: number; readonly contested?: boolean }[],
): Promise<void> {
  const doc = makeDocument(7);
  await store.saveDocuments([doc]);
  const records = events.map((e, i) => {
    const base = makeMention(doc.id, i, { date: { start: e.day, end: e.day, precision: 'day' } });
    const claims = e.contested
      ? base.claims
      : [{ ...base.claims[0]!, low: e.killed ?? 1, best: e.killed ?? 1, high: e.killed ?? 1 }];
    const m: Mention = { ...base, claims };
    const record = buildEventRecord({ id: `ev_${i}`, operationId: null, mentions: [m], sources: [] });
    return { record, mentionIds: [] as string[], decisions: [] };
  });
  await store.replaceResolution({ mentionIds: [], events: records, operations: [] });
}
