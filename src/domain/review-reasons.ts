import type { EventRecord } from './event-record.js';
import type { MergeDecision } from './resolution.js';

/** Below this confidence an event is queued as low-confidence: the extractor's weakest readings. */
export const LOW_CONFIDENCE = 0.5;

export const REVIEW_REASONS = [
  'new',
  'low_confidence',
  'contested',
  'sources_disagree_type',
  'sources_disagree_place',
] as const;
export type ReviewReason = (typeof REVIEW_REASONS)[number];

/**
 * Why an event is in the review queue: every event no person has decided about is new; the others say what to
 * look at first. Sources disagree when a report joined the event although its type or place differed from the
 * founding report's (the merge decision's features score below 1).
 */
export function reviewReasons(record: EventRecord, decisions: readonly MergeDecision[]): ReviewReason[] {
  const reasons: ReviewReason[] = ['new'];
  if (record.confidence < LOW_CONFIDENCE) reasons.push('low_confidence');
  const contested = (f: EventRecord['fatalities']): boolean => f !== null && f.low < f.high;
  if (contested(record.fatalities) || contested(record.injured)) reasons.push('contested');
  const differs = (name: 'type' | 'place'): boolean =>
    decisions.some((d) => d.joined && d.features.some((f) => f.name === name && f.score < 1));
  if (differs('type')) reasons.push('sources_disagree_type');
  if (differs('place')) reasons.push('sources_disagree_place');
  return reasons;
}
