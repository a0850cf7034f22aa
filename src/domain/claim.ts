import type { Category, ClaimantKind, Metric, Stance } from './enums.js';
import type { Span } from './provenance.js';

/** One figure, as one claimant gave it in one document. Claims are never merged away. */
export interface Claim {
  readonly claimant: string;
  readonly claimantKind: ClaimantKind;
  readonly stance: Stance;
  readonly metric: Metric;
  readonly category: Category;
  readonly low: number;
  readonly high: number;
  /** True for vague quantities ("a few", "dozens", "over 29"); `best` then follows ACLED's conventions. */
  readonly approximate: boolean;
  /** The figure ACLED's conventions would code for this claim alone ("dozens" → 12). */
  readonly best: number;
  readonly quote: string;
  readonly docId: string;
  readonly span: Span;
  readonly ruleId: string;
}

export interface Figure {
  readonly low: number;
  readonly best: number;
  readonly high: number;
}
