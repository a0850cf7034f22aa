import { describe, expect, it } from 'vitest';
import type { ResolutionOverride, ResolvableMention } from '../../src/domain/index.js';
import { applyOverrides } from '../../src/resolve/apply-overrides.js';
import { planMerges } from '../../src/resolve/plan-merges.js';
import { makeDocument, makeMention } from '../store/fixtures.js';

/** Three reports: two of one clash in Turbat on one day, one of another clash three days later. */
function inputs(): ResolvableMention[] {
  return [1, 2, 3].map((n) => {
    const doc = makeDocument(n);
    const day = n === 3 ? '2025-05-09' : '2025-05-06';
    return {
      mention: makeMention(doc.id, 0, { date: { start: day, end: day, precision: 'day' } }),
      source: {
        docId: doc.id,
        publisher: doc.publisher,
        url: doc.url,
        published: doc.published,
        text: doc.text,
      },
    };
  });
}

const override = (
  o: Partial<ResolutionOverride> & Pick<ResolutionOverride, 'id' | 'kind' | 'eventId' | 'mentionIds'>,
) => ({
  by: 'ana',
  at: '2026-12-04T15:00:00.000Z',
  ...o,
});

describe('applyOverrides', () => {
  const given = inputs();
  const plan = planMerges(given);
  const [m1, m2, m3] = given.map((i) => i.mention.id);

  it('leaves the plan as it is without overrides, and the machine keeps the two clashes apart', () => {
    expect(applyOverrides(plan, given, [])).toBe(plan);
    expect(plan.events.map((e) => e.mentionIds.length).sort()).toEqual([1, 2]);
  });

  it('merges under the kept id, then splits in the order made, rebuilding only what they touch', () => {
    const kept = plan.events.find((e) => e.mentionIds.includes(m1!))!.record.id;
    const merged = applyOverrides(plan, given, [
      override({ id: 1, kind: 'merge', eventId: kept, mentionIds: [m1!, m2!, m3!] }),
    ]);
    expect(merged.events.map((e) => [e.record.id, [...e.mentionIds].sort()])).toEqual([
      [kept, [m1, m2, m3].sort()],
    ]);
    expect(merged.events[0]!.decisions.find((d) => d.mentionId === m3)).toMatchObject({
      person: 'merge',
      joined: true,
    });
    expect(merged.events[0]!.record.doc_ids).toHaveLength(3);
    const split = applyOverrides(plan, given, [
      override({ id: 1, kind: 'merge', eventId: kept, mentionIds: [m1!, m2!, m3!] }),
      override({ id: 2, kind: 'split', eventId: 'ev-split', mentionIds: [m2!] }),
    ]);
    expect(split.events.map((e) => [e.record.id, [...e.mentionIds].sort()]).sort()).toEqual(
      [
        [kept, [m1, m3].sort()],
        ['ev-split', [m2]],
      ].sort(),
    );
    expect(split.events.find((e) => e.record.id === 'ev-split')!.decisions[0]).toMatchObject({
      joined: false,
      person: 'split',
    });
  });

  it('ignores a decision whose reports are not in the plan', () => {
    const out = applyOverrides(plan, given, [
      override({ id: 1, kind: 'merge', eventId: 'ev-x', mentionIds: ['elsewhere#m0'] }),
    ]);
    expect(out.events.map((e) => e.record)).toEqual(plan.events.map((e) => e.record));
  });
});
