import type { Claim, EventType, MergeFeature, Mention } from '../domain/index.js';
import { isLinkableDate } from '../domain/index.js';
import { DATE_RANK, dayRange } from './canonical-order.js';

/** Weights of the weighted mean; the document feature is a gate, not a weight. */
export const MERGE_WEIGHTS = { place: 0.3, date: 0.25, type: 0.2, actor: 0.25 } as const;

export const DEFAULT_THRESHOLD = 0.6;

/**
 * Actor ids that stand for "someone, not named": the actor table's catch-alls. The pipeline should pass the
 * table's own list (its `generic` flags plus 'unidentified'); this default mirrors data/actors/actors.json.
 */
export const DEFAULT_GENERIC_ACTOR_IDS: readonly string[] = ['unidentified', 'baloch-separatists'];

/** A rule of the merge decision: its id (shown in `explain`) and the score it gives its feature. */
export interface MergeRule {
  readonly id: string;
  readonly score: number;
}

const rule = (id: string, score: number): MergeRule => ({ id, score });

export const MERGE_RULES = {
  placeSame: rule('resolve.place.same', 1),
  placeDistrict: rule('resolve.place.district', 0.7),
  placeProvince: rule('resolve.place.province', 0.4),
  placeDifferent: rule('resolve.place.different', 0),
  placeMissing: rule('resolve.place.missing', 0),
  dateSame: rule('resolve.date.same', 1),
  dateWithin: rule('resolve.date.within', 0.8),
  dateCoarse: rule('resolve.date.coarse-overlap', 0.6),
  dateNextDay: rule('resolve.date.next-day', 0.5),
  dateVague: rule('resolve.date.too-vague', 0),
  dateApart: rule('resolve.date.apart', 0),
  dateUnreadable: rule('resolve.date.unreadable', 0),
  typeSame: rule('resolve.type.same', 1),
  typeRelated: rule('resolve.type.related', 0.5),
  typeDifferent: rule('resolve.type.different', 0),
  actorSame: rule('resolve.actor.same', 1),
  actorUnidentified: rule('resolve.actor.unidentified', 0.7),
  actorStateForces: rule('resolve.actor.state-forces', 0.5),
  actorStateVsGroup: rule('resolve.actor.state-vs-group', 0.3),
  actorDifferentGroups: rule('resolve.actor.different-groups', 0),
  documentDifferent: rule('resolve.document.different', 1),
  documentSame: rule('resolve.document.same', 0),
} as const;

export interface MergeSettings {
  readonly threshold: number;
  readonly genericActorIds: ReadonlySet<string>;
}

/**
 * What comparisons read of a mention, normalised and flattened once: resolution compares each mention with
 * several founders, and reading a few fields of one object is much cheaper than following the mention's nested
 * records at every comparison.
 */
export interface MentionProfile {
  readonly mention: Mention;
  readonly docId: string;
  /** Day numbers of the date range; both NaN when a date cannot be read. */
  readonly from: number;
  readonly to: number;
  /** Day or days precision. */
  readonly fine: boolean;
  /** Dated to a year only, or to a range too long to tie to any other report (see dateRule). */
  readonly vague: boolean;
  readonly located: boolean;
  /** Province- or country-level place. */
  readonly broad: boolean;
  readonly district: boolean;
  readonly country: string;
  readonly placeId: string | null;
  readonly name: string;
  readonly admin1: string;
  readonly admin2: string;
  readonly eventType: EventType;
  readonly actorId: string | null;
  /** 'none' for no actor or a catch-all one. */
  readonly actorKind: 'none' | 'state' | 'group';
}

const norm = (s: string | null | undefined): string => (s ?? '').trim().toLowerCase();

/** A claim's exact count of the dead or injured: a vague quantity or a zero says nothing of one incident. */
function isExactCount(c: Claim): boolean {
  return !c.approximate && c.best > 0 && (c.metric === 'killed' || c.metric === 'injured');
}

/** Whether a report gives an exact count of the dead or injured, which a report of another day may share. */
export function hasExactCount(m: Mention): boolean {
  return m.claims.some(isExactCount);
}

/**
 * Whether two reports give one count of the same people: the same metric and number, of one category or of a
 * category one of them could not tell ('unknown'). Read from the claims when asked, which is rarely (toldAlike):
 * a million profiles are planned at once, and a list on each would cost more than these few reads.
 */
export function sharesAFigure(a: MentionProfile, b: MentionProfile): boolean {
  return a.mention.claims.some(
    (x) =>
      isExactCount(x) &&
      b.mention.claims.some(
        (y) =>
          isExactCount(y) &&
          x.metric === y.metric &&
          x.best === y.best &&
          (x.category === y.category || x.category === 'unknown' || y.category === 'unknown'),
      ),
  );
}

export function profileOf(mention: Mention, generic: ReadonlySet<string>): MentionProfile {
  const l = mention.location;
  const actor = mention.actor1;
  const range = dayRange(mention);
  return {
    mention,
    docId: mention.docId,
    from: range ? range[0] : NaN,
    to: range ? range[1] : NaN,
    fine: (DATE_RANK[mention.date.precision] ?? 9) <= DATE_RANK.days,
    vague: !isLinkableDate(mention.date),
    located: l !== null,
    broad: l !== null && (l.precision === 'province' || l.precision === 'country'),
    district: l?.precision === 'district',
    country: l?.country ?? '',
    placeId: l?.placeId ?? null,
    name: norm(l?.name),
    admin1: norm(l?.admin1),
    admin2: norm(l?.admin2),
    eventType: mention.eventType,
    actorId: actor?.id ?? null,
    actorKind: !actor || generic.has(actor.id) ? 'none' : actor.type === 'state_forces' ? 'state' : 'group',
  };
}

export function placeRule(a: MentionProfile, b: MentionProfile): MergeRule {
  if (!a.located || !b.located) return MERGE_RULES.placeMissing;
  if (a.country !== b.country) return MERGE_RULES.placeDifferent;
  if (a.broad || b.broad)
    return a.admin1 === b.admin1 ? MERGE_RULES.placeProvince : MERGE_RULES.placeDifferent;
  if ((a.placeId !== null && a.placeId === b.placeId) || (a.name === b.name && a.admin2 === b.admin2))
    return MERGE_RULES.placeSame;
  if ((a.district || b.district) && a.admin2 !== '' && a.admin2 === b.admin2)
    return MERGE_RULES.placeDistrict;
  return MERGE_RULES.placeDifferent;
}

export function dateRule(a: MentionProfile, b: MentionProfile): MergeRule {
  if (Number.isNaN(a.from) || Number.isNaN(b.from)) return MERGE_RULES.dateUnreadable;
  // "Last year" fits every incident of a year: a merge on it would rest on place, type and actor alone, and
  // would make each report's event depend on a whole year of the province, which no bounded re-plan can read.
  if (a.vague || b.vague) return MERGE_RULES.dateVague;
  if (a.to < b.from || b.to < a.from)
    // a night's attack is dated by one outlet to the evening and by another to the next day
    return a.fine && b.fine && (a.to + 1 === b.from || b.to + 1 === a.from)
      ? MERGE_RULES.dateNextDay
      : MERGE_RULES.dateApart;
  if (!a.fine || !b.fine) return MERGE_RULES.dateCoarse;
  return a.from === b.from && a.to === b.to ? MERGE_RULES.dateSame : MERGE_RULES.dateWithin;
}

/** Reports of one attack differ in how they name it ("gun and bomb attack"): violent types are half compatible. */
const FAMILY: Readonly<Record<EventType, string>> = {
  Battles: 'violence',
  'Explosions/Remote violence': 'violence',
  'Violence against civilians': 'violence',
  Protests: 'unrest',
  Riots: 'unrest',
  'Strategic developments': 'strategic',
};

export function typeRule(a: EventType, b: EventType): MergeRule {
  if (a === b) return MERGE_RULES.typeSame;
  const fa = FAMILY[a];
  return fa !== undefined && fa !== 'strategic' && fa === FAMILY[b]
    ? MERGE_RULES.typeRelated
    : MERGE_RULES.typeDifferent;
}

export function actorRule(a: MentionProfile, b: MentionProfile): MergeRule {
  if (a.actorId !== null && a.actorId === b.actorId) return MERGE_RULES.actorSame;
  if (a.actorKind === 'none' || b.actorKind === 'none') return MERGE_RULES.actorUnidentified;
  if (a.actorKind === 'state' && b.actorKind === 'state') return MERGE_RULES.actorStateForces;
  return a.actorKind !== b.actorKind ? MERGE_RULES.actorStateVsGroup : MERGE_RULES.actorDifferentGroups;
}

const round = (x: number): number => Math.round(x * 1000) / 1000;

/**
 * The score of a mention against an event's founder, or -1 when they must not merge: one document's mentions
 * are distinct incidents; place, date or actor can forbid a merge; a province-level place with a coarse date is
 * too vague to tie to one incident; and the weighted mean must reach the threshold. Allocates nothing, as it
 * runs for every candidate.
 */
export function mergeScore(candidate: MentionProfile, founder: MentionProfile, threshold: number): number {
  const dates = dateRule(candidate, founder);
  const date = dates.score;
  if (date === 0 || candidate.docId === founder.docId) return -1;
  const place = placeRule(candidate, founder).score;
  // a province with a coarse date fits many incidents: only the very same span told alike ("50 militants killed
  // in Balochistan in August", from two outlets) is one; a day apart, only at the very place
  const broad = place <= 0.4 && date < 0.8;
  const nextDay = dates === MERGE_RULES.dateNextDay;
  if (place === 0 || (broad && !sameSpan(candidate, founder))) return -1;
  if (nextDay && place !== MERGE_RULES.placeSame.score) return -1;
  const actor = actorRule(candidate, founder).score;
  if (actor === 0) return -1;
  if ((broad || nextDay) && !toldAlike(candidate, founder, actor)) return -1;
  const type = typeRule(candidate.eventType, founder.eventType).score;
  const w = MERGE_WEIGHTS;
  const score = round(
    (w.place * place + w.date * date + w.type * type + w.actor * actor) /
      (w.place + w.date + w.type + w.actor),
  );
  return score >= threshold ? score : -1;
}

/**
 * What ties two reports that place or date alone cannot: a day apart at the same place, or a province over the
 * same month. They are one incident only when everything else they tell is one: the same kind of attack on the
 * same kind of target, no two different groups, and one count of the dead or injured. Two attacks on police in
 * one district on consecutive days are common; the same toll on the same post is not.
 */
function toldAlike(a: MentionProfile, b: MentionProfile, actor: number): boolean {
  return (
    actor >= MERGE_RULES.actorUnidentified.score &&
    a.eventType === b.eventType &&
    a.mention.subEventType === b.mention.subEventType &&
    a.mention.target === b.mention.target &&
    sharesAFigure(a, b)
  );
}

function sameSpan(a: MentionProfile, b: MentionProfile): boolean {
  return a.from === b.from && a.to === b.to;
}

/** The features behind a decision, with the rule that set each and the values it compared. */
export function explainMerge(candidate: MentionProfile, founder: MentionProfile): MergeFeature[] {
  const a = candidate.mention;
  const b = founder.mention;
  const feature = (name: MergeFeature['name'], r: MergeRule, values: string): MergeFeature => ({
    name,
    score: r.score,
    detail: values ? `${r.id}: ${values}` : r.id,
  });
  return [
    feature(
      'place',
      placeRule(candidate, founder),
      `${a.location?.name ?? 'none'} / ${b.location?.name ?? 'none'}`,
    ),
    feature(
      'date',
      dateRule(candidate, founder),
      `${a.date.start}..${a.date.end} / ${b.date.start}..${b.date.end}`,
    ),
    feature('type', typeRule(a.eventType, b.eventType), `${a.eventType} / ${b.eventType}`),
    feature(
      'actor',
      actorRule(candidate, founder),
      `${a.actor1?.name ?? 'none'} / ${b.actor1?.name ?? 'none'}`,
    ),
    feature('document', a.docId === b.docId ? MERGE_RULES.documentSame : MERGE_RULES.documentDifferent, ''),
  ];
}
