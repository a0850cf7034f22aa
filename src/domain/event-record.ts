import type { Category, DatePrecision, Metric, PlacePrecision } from './enums.js';
import type { Figure } from './claim.js';
import type { ActorType, ClaimantKind, Stance } from './enums.js';
import type { Span } from './provenance.js';

/** The output contract of `extract` and `events --format jsonl` (design: "The event record"). */
export interface EventRecord {
  readonly id: string;
  readonly operation_id: string | null;
  readonly doc_ids: readonly string[];
  readonly date: { readonly start: string; readonly end: string; readonly precision: DatePrecision };
  readonly location: {
    readonly name: string;
    readonly admin2: string | null;
    readonly admin1: string | null;
    readonly country: string;
    readonly lat: number | null;
    readonly lon: number | null;
    readonly precision: PlacePrecision;
  } | null;
  readonly event_type: string;
  readonly sub_event_type: string;
  readonly weapon: string;
  readonly target: string;
  readonly actor1: {
    readonly name: string;
    readonly type: ActorType | null;
    readonly claimed: boolean;
  } | null;
  readonly actor2: { readonly name: string; readonly type: ActorType | null } | null;
  readonly fatalities: Figure | null;
  readonly injured: Figure | null;
  readonly casualties: readonly ({ readonly metric: Metric; readonly category: Category } & Figure)[];
  readonly claims: readonly {
    readonly claimant: string;
    readonly claimant_kind: ClaimantKind;
    readonly stance: Stance;
    readonly metric: Metric;
    readonly category: Category;
    readonly low: number;
    readonly high: number;
    /** The figure ACLED's conventions code for this claim alone ("dozens" → 12); an extension of the design's record. */
    readonly best: number;
    readonly approximate: boolean;
    readonly quote: string;
    readonly doc_id: string;
    readonly span: Span;
  }[];
  readonly sources: readonly {
    readonly doc_id: string;
    readonly publisher: string | null;
    readonly url: string | null;
    readonly published: string | null;
  }[];
  readonly evidence: readonly { readonly doc_id: string; readonly span: Span; readonly text: string }[];
  readonly notes: string;
  readonly confidence: number;
  /** An incident its reports only recall, more than BACKGROUND_DAYS before they were published. */
  readonly background: boolean;
  /** Present once a person reviewed the event (the review issue): see applyReview in review.ts. */
  readonly reviewed?: boolean;
  readonly reviewed_by?: string | null;
  readonly reviewed_at?: string | null;
  /** A person judged that its reports describe no incident; it stays stored, flagged, for the record. */
  readonly not_incident?: boolean;
}
