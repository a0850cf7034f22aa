import type {
  Category,
  ClaimantKind,
  DateRange,
  EventType,
  Location,
  Metric,
  Span,
  Stance,
  SubEventType,
  Target,
  Weapon,
  ActorType,
} from '../domain/index.js';

/**
 * The typed records that extraction passes exchange. Each pass is a pure function over a Sentence
 * (plus the knowledge it is handed) and returns found things with their span and the id of the rule that found them.
 * Spans are always offsets into the whole document's clean text, never into the sentence.
 */
export interface Sentence {
  readonly index: number;
  /** Paragraph number (blank-line or newline separated blocks), for segmentation. */
  readonly paragraph: number;
  readonly start: number;
  readonly end: number;
  readonly text: string;
  /**
   * A headline, a subheading or a bullet of the lead block: it names what the body reports, so it opens no
   * incident of its own and adds no figure (the body's account would be counted twice); it closes the incident
   * before it.
   */
  readonly heading?: boolean;
  /** One of several incidents' clauses that a lead sentence joins (see segment/split-clauses.ts). */
  readonly clause?: boolean;
}

export interface Found {
  readonly span: Span;
  readonly text: string;
  readonly ruleId: string;
}

/** A date expression resolved against the publication date. */
export interface DateMention extends Found {
  readonly date: DateRange;
  /** 'absolute': the text fixes the date; 'relative': resolved against publication; 'vague': a period ("last year"). */
  readonly kind: 'absolute' | 'relative' | 'vague';
}

export interface DateContext {
  /** Publication date (YYYY-MM-DD) or null when unknown; no date is ever resolved after it. */
  readonly published: string | null;
}

/** What a place mention names: a town, a part of a town, a district, a province, or a country. */
export type PlaceRole = 'town' | 'area' | 'district' | 'province' | 'country';

export interface PlaceMention extends Found {
  readonly role: PlaceRole;
  readonly location: Location;
  /**
   * The district that the place's district was split from ("Kurram" for a place in Lower Kurram): reports still
   * name the old district for what the new one holds.
   */
  readonly parentDistrict?: string;
  /** For a town or an area: where its district is, for "the district" in a later sentence. */
  readonly district?: Location;
  /** An area the gazetteer does not know, read beside a place it knows ("the Sorani area of Buleda"): its location is
   * that place's, id included, under the area's own name. */
  readonly anchored?: true;
}

export interface PlaceContext {
  /** ISO country code the document is about (most mentioned), or null. */
  readonly country: string | null;
  /** Province the document is mostly about, or null. */
  readonly admin1: string | null;
}

export interface ActorMention extends Found {
  readonly actorId: string;
  readonly name: string;
  readonly type: ActorType | null;
  /** Who this actor is when it gives a figure (an official speaks as 'state_official', a paper as 'media'). */
  readonly claimantKind: ClaimantKind;
  /** The surface form was a framing term ("freedom fighters", "terrorists") mapped to a neutral actor. */
  readonly framed: boolean;
  /** The actor table says the name stands for no one group (`namesNoGroup` in data/actors/actors.json). */
  readonly namesNoGroup: boolean;
  /** For a body that speaks for a force and does not fight itself (the ISPR for the army): that force, from the
   * actor table's `parent`. */
  readonly speaksFor?: SpokenFor;
}

/** The force a speaking body stands for. */
export interface SpokenFor {
  readonly actorId: string;
  readonly name: string;
  readonly type: ActorType;
}

/** "X claimed responsibility", "No group claimed responsibility", "suspected X". */
export interface ResponsibilityMention extends Found {
  readonly actorId: string | null;
  readonly stance: 'claimed' | 'denied_none' | 'denied' | 'suspected' | 'blamed';
}

/** A verb or noun that signals an incident and what kind ("IED", "opened fire", "abducted"). */
export interface EventCue extends Found {
  readonly eventType: EventType;
  readonly subEventType: SubEventType;
  readonly weapon: Weapon;
  /** Higher wins when several cues meet in one incident (a suicide bombing beats a generic "attack"). */
  readonly priority: number;
  /** A security operation: state forces conduct it. */
  readonly stateConducted: boolean;
  /** Reports an event though nobody is hurt (a bomb defused): it opens an incident like a violent cue. */
  readonly opensIncident: boolean;
  /** Tells of shooting itself ("opened fire"), not only of armed men: see the lexicon's `shooting`. */
  readonly shooting: boolean;
}

export interface TargetMention extends Found {
  readonly target: Target;
}

/** One casualty figure with its claimant, as read from one sentence. */
export interface CasualtyMention extends Found {
  readonly metric: Metric;
  readonly category: Category;
  readonly low: number;
  readonly high: number;
  readonly best: number;
  readonly approximate: boolean;
  readonly claimant: string | null;
  readonly claimantKind: ClaimantKind;
  readonly stance: Stance;
  /** A day named next to the figure ("92 militants ... on Saturday"), when there is one. */
  readonly dateSpan: Span | null;
}

export interface FramingTermMention extends Found {
  readonly register: 'insurgent' | 'state' | 'neutral';
  readonly termId: string;
}
