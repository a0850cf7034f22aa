import { describe, expect, it } from 'vitest';
import { applyReview, machineDisagrees, reviewReasons, type ReviewState } from '../../src/domain/index.js';
import { makeStoredEvent } from '../store/event-fixtures.js';
import { makeDocument, makeMention } from '../store/fixtures.js';

const doc = makeDocument(1);
const event = makeStoredEvent('ev-1', [makeMention(doc.id, 0)], [doc]);

describe('applyReview', () => {
  it('leaves a record no person decided about as it is', () => {
    expect(applyReview(event.record, null)).toBe(event.record);
  });

  it("lays the locked fields and the review over the machine's record", () => {
    const review: ReviewState = {
      reviewed: true,
      reviewedBy: 'ana',
      reviewedAt: '2026-12-04T15:00:00.000Z',
      notIncident: false,
      locks: [
        {
          field: 'notes',
          value: 'A person wrote this.',
          machine: event.record.notes,
          setBy: 'ana',
          setAt: 'x',
        },
      ],
    };
    const out = applyReview(event.record, review);
    expect(out).toEqual({
      ...event.record,
      notes: 'A person wrote this.',
      reviewed: true,
      reviewed_by: 'ana',
      reviewed_at: '2026-12-04T15:00:00.000Z',
      not_incident: false,
    });
    expect(machineDisagrees(review.locks[0]!)).toBe(true);
    expect(machineDisagrees({ value: { a: 1 }, machine: { a: 1 } })).toBe(false);
  });
});

describe('reviewReasons', () => {
  it('says why an event is queued: new always, then contested, weak and disagreeing sources', () => {
    expect(reviewReasons(event.record, event.decisions)).toEqual(['new', 'contested']);
    const weak = {
      ...event.record,
      confidence: 0.3,
      fatalities: { low: 2, best: 2, high: 2 },
      injured: null,
    };
    const decisions = [
      event.decisions[0]!,
      {
        ...event.decisions[0]!,
        joined: true,
        features: [
          { name: 'type' as const, score: 0.5, detail: 'Battles vs Explosions' },
          { name: 'place' as const, score: 1, detail: 'same town' },
        ],
      },
    ];
    expect(reviewReasons(weak, decisions)).toEqual(['new', 'low_confidence', 'sources_disagree_type']);
  });
});
