import type { Claim } from './claim.js';
import type { EventRecord } from './event-record.js';

export type RecordClaim = EventRecord['claims'][number];

/** A claim as the event record writes it (snake_case, and the figure's best as ACLED's conventions read it). */
export function toRecordClaim(c: Claim): RecordClaim {
  return {
    claimant: c.claimant,
    claimant_kind: c.claimantKind,
    stance: c.stance,
    metric: c.metric,
    category: c.category,
    low: c.low,
    high: c.high,
    best: c.best,
    approximate: c.approximate,
    quote: c.quote,
    doc_id: c.docId,
    span: c.span,
  };
}

/** Back from the record, so that stored events can be reconciled again by the one policy. */
export function fromRecordClaim(c: RecordClaim): Claim {
  return {
    claimant: c.claimant,
    claimantKind: c.claimant_kind,
    stance: c.stance,
    metric: c.metric,
    category: c.category,
    low: c.low,
    high: c.high,
    best: c.best,
    approximate: c.approximate,
    quote: c.quote,
    docId: c.doc_id,
    span: c.span,
    ruleId: '',
  };
}
