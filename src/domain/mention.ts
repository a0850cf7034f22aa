import type { Claim } from './claim.js';
import type {
  ActorType,
  DatePrecision,
  EventType,
  PlacePrecision,
  SubEventType,
  Target,
  Weapon,
} from './enums.js';
import type { FieldProvenance, Span } from './provenance.js';

export interface DateRange {
  readonly start: string;
  readonly end: string;
  readonly precision: DatePrecision;
}

export interface Location {
  readonly name: string;
  readonly admin2: string | null;
  readonly admin1: string | null;
  readonly country: string;
  readonly lat: number | null;
  readonly lon: number | null;
  readonly precision: PlacePrecision;
  /** Gazetteer id of the place the coordinates belong to (GeoNames id or a project id). */
  readonly placeId: string | null;
}

export interface ActorRef {
  /** Canonical, neutral name from the actor table; never a framing word. */
  readonly name: string;
  /** Stable actor id from the actor table ("bla", "pakistan-army", "unidentified"). */
  readonly id: string;
  readonly type: ActorType | null;
  readonly claimed: boolean;
}

/** One document's account of one incident. */
export interface Mention {
  readonly kind: 'Mention';
  readonly id: string;
  readonly docId: string;
  /** Order of the mention in its document. */
  readonly index: number;
  /** Shared by the per-town mentions of one multi-town sentence within a document. */
  readonly operationKey: string | null;
  readonly date: DateRange;
  readonly location: Location | null;
  readonly eventType: EventType;
  readonly subEventType: SubEventType;
  readonly weapon: Weapon;
  readonly target: Target;
  readonly actor1: ActorRef | null;
  readonly actor2: ActorRef | null;
  readonly claims: readonly Claim[];
  /** Claims that belong to the whole operation, not to this town; carried by every town's mention. */
  readonly operationClaims: readonly Claim[];
  readonly evidence: readonly Span[];
  readonly provenance: readonly FieldProvenance[];
  readonly confidence: number;
}

/** A statistic over a period and an area ("667 security personnel killed in 2025"): not an incident. */
export interface AggregateStatistic {
  readonly kind: 'AggregateStatistic';
  readonly docId: string;
  readonly source: string;
  readonly period: string;
  readonly area: string;
  readonly metric: string;
  readonly value: string;
  readonly span: Span;
  readonly ruleId: string;
}
