import type { SourceInfo } from './build-event-record.js';
import type { Claim, Figure } from './claim.js';
import type { DatePrecision } from './enums.js';
import type { EventRecord } from './event-record.js';
import type { Mention } from './mention.js';

/** A mention together with what resolution needs of its document. */
export interface ResolvableMention {
  readonly mention: Mention;
  readonly source: SourceInfo;
}

/** One feature compared when deciding whether a mention joins an event. */
export interface MergeFeature {
  readonly name: 'place' | 'date' | 'type' | 'actor' | 'document';
  /** 0 (incompatible) .. 1 (identical). */
  readonly score: number;
  readonly detail: string;
}

/** Why a mention belongs to its event: the event it joined (or founded), the features, the score and the threshold. */
export interface MergeDecision {
  readonly mentionId: string;
  readonly eventId: string;
  /** False for the mention that founded the event. */
  readonly joined: boolean;
  /** The mention of the event it was compared with (the founding one), or null when it founded the event. */
  readonly comparedWith: string | null;
  readonly score: number;
  readonly threshold: number;
  readonly features: readonly MergeFeature[];
  /** Set when a person's merge or split, not the score, put the mention here (see ResolutionOverride). */
  readonly person?: 'merge' | 'split';
}

/** A coordinated multi-town operation: its towns are events; its whole-operation figures stay here. */
export interface OperationRecord {
  readonly id: string;
  readonly event_ids: readonly string[];
  readonly doc_ids: readonly string[];
  readonly date: { readonly start: string; readonly end: string; readonly precision: DatePrecision };
  readonly country: string | null;
  readonly admin1: string | null;
  readonly actor1: string | null;
  readonly claims: EventRecord['claims'];
  readonly casualties: EventRecord['casualties'];
  readonly fatalities: Figure | null;
  readonly injured: Figure | null;
  readonly notes: string;
}

export interface ResolvedEvent {
  readonly record: EventRecord;
  readonly mentionIds: readonly string[];
  readonly decisions: readonly MergeDecision[];
}

export interface Resolution {
  readonly events: readonly ResolvedEvent[];
  readonly operations: readonly OperationRecord[];
}

/** A publisher's profile: its documents, its framing by register, how often its figures are an event's extremes. */
export interface PublisherProfile {
  readonly name: string;
  readonly documents: number;
  readonly framing: {
    readonly insurgent: number;
    readonly state: number;
    readonly neutral: number;
    /** term id → count, all registers. */
    readonly terms: Readonly<Record<string, number>>;
  };
  /** Events where this publisher's documents carry a figure and another publisher's do too. */
  readonly contestedEvents: number;
  /** Of those, how often its figure was the highest / the lowest. */
  readonly highest: number;
  readonly lowest: number;
}

export type { Claim };
