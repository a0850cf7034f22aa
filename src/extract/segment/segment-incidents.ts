import type { DateRange, SubEventType } from '../../domain/index.js';
import { EXTRACT_SETTINGS } from '../extract-settings.js';
import { formatDay, parseIsoDay } from '../dates/calendar.js';
import type { SentenceAnalysis } from '../analyse/analyse-sentence.js';
import type {
  ActorMention,
  CasualtyMention,
  EventCue,
  PlaceMention,
  ResponsibilityMention,
} from '../types.js';
import {
  SIGNAL_RULES,
  datesOverlap,
  finePlaces,
  incidentPlaces,
  opensIncident,
  matches,
  refersBack,
  roleRank,
  incidentCue,
  isViolentCue,
  strongestCue,
} from './sentence-signals.js';
import { DAYLIKE, chooseDate, dateByTheNewsDays } from './choose-date.js';
import { splitClauses } from './split-clauses.js';

/** Where an incident's date came from. */
export interface DateChoice {
  readonly date: DateRange;
  readonly ruleId: string;
  readonly span: readonly [number, number];
  readonly text: string;
  /** The sentence that opened the incident named the date itself. */
  readonly own: boolean;
}

/** A claim read in some sentence, with the town it names when the sentence names one. */
export interface DraftClaim {
  readonly casualty: CasualtyMention;
  readonly place: PlaceMention | null;
  readonly ruleId: string;
}

/** One incident as the segmenter delimited it, before it becomes one Mention per place. */
export interface IncidentDraft {
  readonly anchor: SentenceAnalysis;
  readonly members: SentenceAnalysis[];
  places: PlaceMention[];
  readonly placeRuleId: string;
  /** The rule that drew the boundary before this incident: why it is not part of the one before. */
  readonly boundaryRuleId: string;
  date: DateChoice;
  summary: boolean;
  readonly cues: EventCue[];
  readonly claims: DraftClaim[];
  readonly responsibility: ResponsibilityMention[];
  /** The last named armed group the article mentioned before this incident, for "the group" in its sentences. */
  readonly priorGroup: ActorMention | null;
  readonly priorParagraph: number;
  lastParagraph: number;
  /** Of an incident listing several places: the one its latest sentences tell of, which their figures go to. */
  focus: PlaceMention | null;
}

const {
  attachParagraphs: ATTACH_PARAGRAPHS,
  rebuttalWindow: REBUTTAL_WINDOW,
  priorGroupParagraphs: PRIOR_GROUP_PARAGRAPHS,
  definiteReferenceParagraphs: DEFINITE_REFERENCE_PARAGRAPHS,
  listDetailParagraphs: LIST_DETAIL_PARAGRAPHS,
  leadParagraphs: LEAD_PARAGRAPHS,
} = EXTRACT_SETTINGS;

export function isNamedGroup(a: ActorMention): boolean {
  return a.type !== null && a.type !== 'state_forces' && !a.namesNoGroup;
}

/** Why a sentence opens a new incident rather than adding to the current one: the rule, for `explain`. */
function boundaryRule(
  current: IncidentDraft | null,
  a: SentenceAnalysis,
  date: DateChoice,
  afterHeading: boolean,
): string {
  if (!current) return afterHeading ? 'sentences.heading' : 'segment.first-incident';
  if (matches(SIGNAL_RULES.separate, a.sentence.text)) return SIGNAL_RULES.separate.id;
  if (matches(SIGNAL_RULES.earlier, a.sentence.text)) return SIGNAL_RULES.earlier.id;
  if (date.own && !datesOverlap(date.date, current.date.date)) return 'segment.new-day';
  if (a.sentence.clause) return 'segment.clause';
  return 'segment.new-place';
}

/** An incident dated by no day of its own, or by the day it was announced, which `date` may replace. */
function provisional(current: IncidentDraft, date: DateChoice): boolean {
  if (date.ruleId === SIGNAL_RULES.statementDay.id) return false;
  if (!current.date.own) return true;
  return current.date.ruleId === SIGNAL_RULES.statementDay.id && date.date.end <= current.date.date.end;
}

function samePlace(p: PlaceMention, q: PlaceMention): boolean {
  if (onePlace(p, q)) return true;
  const districtLevel = p.role === 'district' || q.role === 'district';
  return districtLevel && inOneDistrict(p, q);
}

/** One district, or a district and the one it was split from ("Kurram district" and "Lower Kurram"). */
function inOneDistrict(p: PlaceMention, q: PlaceMention): boolean {
  const a = p.location.admin2;
  const b = q.location.admin2;
  return a !== null && b !== null && (a === b || p.parentDistrict === b || q.parentDistrict === a);
}

/**
 * The very place, or a place and an area read inside it ("Buleda" and "the Sorani area of Buleda"). An area the
 * gazetteer does not know carries the id of the place it was read beside, so two such areas of one town ("the Toba
 * Gharbi area of Kalat", "Shalkot Cross in Kalat") share an id and are still two places, unless one's name holds
 * the other's.
 */
function onePlace(p: PlaceMention, q: PlaceMention): boolean {
  const a = p.location;
  const b = q.location;
  if (a.name === b.name && a.admin2 === b.admin2) return true;
  if (a.placeId === null || a.placeId !== b.placeId) return false;
  return !p.anchored || !q.anchored || oneName(a.name, b.name);
}

/** Two names of one place: one's words are all among the other's ("Kalan Dara" and "Shaikhan Kalan Dara"). */
function oneName(a: string, b: string): boolean {
  const words = (s: string) =>
    s
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .filter(Boolean);
  const [short, long] = a.length <= b.length ? [words(a), new Set(words(b))] : [words(b), new Set(words(a))];
  return short.length > 0 && short.every((w) => long.has(w));
}

/** The last district a sentence names, or the district of the last town or area it names ("in Tank"), as a place. */
function lastDistrictOf(places: readonly PlaceMention[]): PlaceMention | null {
  for (let i = places.length - 1; i >= 0; i--) {
    const p = places[i]!;
    if (p.role === 'district') return p;
    if (p.district)
      return { ...p, role: 'district', location: p.district, district: undefined, anchored: undefined };
  }
  return null;
}

function sameDistrict(p: PlaceMention, q: PlaceMention): boolean {
  return samePlace(p, q) || inOneDistrict(p, q);
}

function isStatement(text: string, hasOwnDate: boolean): boolean {
  if (matches(SIGNAL_RULES.quoted, text) || matches(SIGNAL_RULES.statement, text)) return true;
  if (hasOwnDate) return false;
  return matches(SIGNAL_RULES.habitual, text) || matches(SIGNAL_RULES.hypothetical, text);
}

/** A denial is a figure only when it says none ("denied any casualties"); denying "heavy losses" gives no number. */
function isFigure(c: CasualtyMention): boolean {
  return c.stance !== 'denied' || c.high === 0;
}

function claimsOf(a: SentenceAnalysis, draftPlaces: readonly PlaceMention[], summary: boolean): DraftClaim[] {
  const here = finePlaces(a.places);
  // the draft's own place: its mentions take the figures given for each of their places; a sentence that sums up
  // incidents in several of them ("killed nine in two operations in Zhob and Kalat districts") gives figures for
  // them all, not for the first it names
  const named = draftPlaces.filter((q) => here.some((p) => samePlace(p, q)));
  const place = summary && named.length > 1 ? null : (named[0] ?? null);
  return a.casualties.filter(isFigure).map((casualty) => ({ casualty, place, ruleId: casualty.ruleId }));
}

/** The claims a sentence adds to a draft: a figure naming no place goes to the listed place being told. */
function draftClaims(a: SentenceAnalysis, d: IncidentDraft): DraftClaim[] {
  const claims = claimsOf(a, d.places, d.summary);
  return d.focus ? claims.map((c) => (c.place ? c : { ...c, place: d.focus })) : claims;
}

/**
 * The recent incident that listed this sentence's one place among several ("IBOs in North Waziristan, South
 * Waziristan and Bannu"), and the listed place: a sentence telling one of them in detail ("another IBO was
 * conducted in the South Waziristan district") is that place's part of it, even worded as another operation.
 */
function listedIncident(
  drafts: readonly IncidentDraft[],
  a: SentenceAnalysis,
  cue: EventCue,
  places: readonly PlaceMention[],
  date: DateChoice | null,
): { draft: IncidentDraft; place: PlaceMention } | null {
  const fine = finePlaces(places);
  if (fine.length !== 1) return null;
  for (let i = drafts.length - 1; i >= Math.max(0, drafts.length - REBUTTAL_WINDOW); i--) {
    const d = drafts[i]!;
    if (a.sentence.paragraph - d.lastParagraph > LIST_DETAIL_PARAGRAPHS) return null;
    if (d.places.length < 2) continue;
    // the detail tells the same kind of event as the list (an operation of a list of operations), not a bombing
    // that happened in one of its districts
    if (strongestCue(d.anchor.cues.filter(isViolentCue))?.eventType !== cue.eventType) continue;
    // a list that counts attacks ("six coordinated attacks in Kech, Mastung and Kachi") may hold several in one
    // place: one told as separate is another of them
    // "the second operation", or a list that counts one incident per place ("two operations in Kurram and
    // Orakzai"): the detail is one of the listed incidents, wherever in its district it happened
    const member = matches(SIGNAL_RULES.listMember, a.sentence.text) || onePerPlace(d);
    if (
      matches(SIGNAL_RULES.summary, d.anchor.sentence.text) &&
      matches(SIGNAL_RULES.separate, a.sentence.text) &&
      !member
    )
      continue;
    // the listed place itself: a town inside a listed district ("an outpost in Katgan, also in Kech") can be one
    // of several attacks there, an incident of its own; not one the sentence names as a member of the list ("in
    // the second operation, in Kalat's Mangochar area")
    const place = d.places.find(
      (q) => sameDistrict(fine[0]!, q) && (member || roleRank(fine[0]!) >= roleRank(q)),
    );
    if (!place) continue;
    if (date?.own && d.date.own && !datesOverlap(date.date, d.date.date)) return null;
    return { draft: d, place: focusOn(d, place, fine[0]!) };
  }
  return null;
}

const COUNT_WORDS: Readonly<Record<string, number>> = { two: 2, three: 3, four: 4, five: 5, six: 6 };

/** The anchor counts as many incidents as the draft has places ("two operations in Kurram and Orakzai"). */
function onePerPlace(d: IncidentDraft): boolean {
  const counted = SIGNAL_RULES.countedIncidents.pattern.exec(d.anchor.sentence.text)?.[1] ?? '';
  const n = COUNT_WORDS[counted.toLowerCase()] ?? Number.parseInt(counted, 10);
  return n === d.places.length;
}

/** Puts a one-place incident at `detail` when it lies inside that place ("near Mangochar" of "in Kalat district"). */
function refinePlace(d: IncidentDraft, detail: PlaceMention): void {
  const [place] = d.places;
  if (!place || !sameDistrict(detail, place) || roleRank(detail) >= roleRank(place)) return;
  d.places = [detail];
  d.claims.forEach((c, i) => {
    if (c.place === place) d.claims[i] = { ...c, place: detail };
  });
}

/** Makes `place` (one of the draft's) the one told of, at the detail's finer place when it gives one. */
function focusOn(d: IncidentDraft, place: PlaceMention, detail: PlaceMention): PlaceMention {
  let focus = place;
  if (roleRank(detail) < roleRank(place)) {
    focus = detail;
    d.places = d.places.map((q) => (q === place ? detail : q));
    d.claims.forEach((c, i) => {
      if (c.place === place) d.claims[i] = { ...c, place: detail };
    });
  }
  d.focus = focus;
  return focus;
}

/**
 * A figure far from any incident that answers another party's figure ("the military acknowledged a few
 * casualties") belongs to the incident carrying the largest figure of an opposing claimant.
 */
function rebuttalTarget(drafts: readonly IncidentDraft[], casualty: CasualtyMention): IncidentDraft | null {
  if (casualty.stance !== 'acknowledged' && casualty.stance !== 'denied') return null;
  let best: IncidentDraft | null = null;
  let bestFigure = -1;
  // only recent incidents: a rebuttal answers what the article has just reported, and this bounds the work
  for (const d of drafts.slice(-REBUTTAL_WINDOW)) {
    for (const c of d.claims) {
      const other = c.casualty;
      // it answers a party to the fight, never the outlet's own reporting
      const party = other.claimantKind === 'armed_group' || other.claimantKind === 'state';
      if (!party || other.metric !== casualty.metric || other.claimantKind === casualty.claimantKind)
        continue;
      if (other.high > bestFigure) {
        bestFigure = other.high;
        best = d;
      }
    }
  }
  return best;
}

/**
 * "Thursday's blast came three days after gunmen stormed a Levies post in Kalat": a sentence that tells the
 * present first and then the incident it recalls. The incident it opens is the recalled one, told by the cues
 * after "days after"; the ones before are the present's.
 */
function recalledCues(a: SentenceAnalysis): EventCue[] {
  const m = SIGNAL_RULES.recallAfter.pattern.exec(a.sentence.text);
  if (!m) return [...a.cues];
  const from = a.sentence.start + m.index + m[0].length;
  const after = a.cues.filter((c) => c.span[0] >= from);
  return after.length > 0 ? after : [...a.cues];
}

function startsIncident(
  a: SentenceAnalysis,
  cue: EventCue | null,
  places: readonly PlaceMention[],
  hasOwnDate: boolean,
  lead: boolean,
): boolean {
  if (!cue || !opensIncident(cue)) {
    // a lead's clause cut off as an incident of its own by its dead and its place ("another operation in Datta
    // Khel left four militants dead, while ..."): no cue word names it, but it is one
    return (
      a.sentence.clause === true &&
      a.casualties.some((c) => c.high > 0) &&
      places.some((p) => p.role !== 'province')
    );
  }
  if (isStatement(a.sentence.text, hasOwnDate)) return false;
  if (places.some((p) => p.role !== 'province') || places.length > 1) return true;
  // an earlier incident recalled in passing ("days after the group had killed nine ...") is one of its own
  if (matches(SIGNAL_RULES.earlier, a.sentence.text) && (places.length > 0 || a.casualties.length > 0))
    return true;
  // "KHUZDAR: A bomb went off in the Zehri Road area on Monday.": a lead the dateline opens happened where the report
  // was filed, when it names no place the gazetteer knows; its day makes it one event, its figures may follow
  if (lead && hasOwnDate) return true;
  // without a place of its own an incident needs its own date and something that makes it one event
  return hasOwnDate && (a.actors.length > 0 || a.casualties.length > 0 || a.targets.length > 0);
}

function continues(
  current: IncidentDraft,
  a: SentenceAnalysis,
  places: readonly PlaceMention[],
  date: DateChoice | null,
): boolean {
  if (matches(SIGNAL_RULES.separate, a.sentence.text) || matches(SIGNAL_RULES.earlier, a.sentence.text))
    return false;
  // "the gunmen died there in the night between March 2 and 3": no place of its own, it dates
  // the one incident told so far, whose own sentence named no day or only the day it was announced
  if (
    date?.own &&
    places.every((p) => current.places.some((q) => samePlace(p, q))) &&
    provisional(current, date) &&
    !current.summary &&
    matches(SIGNAL_RULES.takesUp, a.sentence.text)
  )
    return true;
  if (date?.own && !datesOverlap(date.date, current.date.date)) return false;
  // a day named inside a week-long or undated summary is one of the incidents it summarises
  if (
    date?.own &&
    DAYLIKE.has(date.date.precision) &&
    (!current.date.own || !DAYLIKE.has(current.date.date.precision))
  )
    return false;
  if (places.length === 0) return true;
  // a summary with no place of its own is followed by its incidents, each one new
  if (current.places.length === 0) return !current.summary;
  const provinces = places.filter((p) => p.role === 'province');
  if (provinces.length === places.length) {
    return provinces.every((p) => current.places.some((q) => q.location.admin1 === p.location.admin1));
  }
  // a place finer than the incident's ("In Dashtuk, Kech District" after "attacks in Kech") is a new incident;
  // the same place or a coarser one ("one of two blasts in Bajaur" after a Bajaur village) continues it
  return places.every((p) => current.places.some((q) => samePlace(p, q) && roleRank(p) >= roleRank(q)));
}

/**
 * "In the first blast a shepherd died, while in the second three farmers were killed" (split-clauses,
 * `splitListMembers`): a clause telling a member of a list, after the list or after a clause of the same sentence
 * that told the member before, is an incident of its own. It names no place or day: it happened where and when
 * the list, or the member before, put it. The list's totals are then covered by its members (`pruneCovered`).
 */
function siblingOf(current: IncidentDraft, a: SentenceAnalysis, places: readonly PlaceMention[]): boolean {
  return (
    a.sentence.clause === true &&
    finePlaces(places).length === 0 &&
    matches(SIGNAL_RULES.listMember, a.sentence.text) &&
    // the list itself ("two landmine blasts in Kohlu killed four"), or the member told before in this sentence
    (matches(SIGNAL_RULES.countedIncidents, current.anchor.sentence.text) ||
      current.members.some(
        (m) => m.sentence.index === a.sentence.index && m.sentence.start < a.sentence.start,
      ))
  );
}

function siblingIncident(current: IncidentDraft, a: SentenceAnalysis): IncidentDraft {
  return {
    anchor: a,
    members: [a],
    places: current.places,
    placeRuleId: current.placeRuleId,
    boundaryRuleId: SIGNAL_RULES.listMember.id,
    date: current.date,
    summary: false,
    cues: [...current.cues, ...a.cues],
    claims: claimsOf(a, current.places, false),
    responsibility: [...a.responsibility],
    priorGroup: current.priorGroup,
    priorParagraph: current.priorParagraph,
    lastParagraph: a.sentence.paragraph,
    focus: current.focus,
  };
}

/** The day of the latest incident told that is dated to a day. */
function latestDay(drafts: readonly IncidentDraft[]): DateRange | null {
  for (let i = drafts.length - 1; i >= 0; i -= 1) {
    const date = drafts[i]!.date.date;
    if (date.precision === 'day') return date;
  }
  return null;
}

/**
 * Groups sentences into incidents. An incident opens at a sentence with a violent cue and a place (or its own
 * date); following sentences with no new place or date add to it; a new place, a new day or "in a separate
 * incident" opens another. Statements, rhetoric and habitual or hypothetical sentences open none.
 */
export function segmentIncidents(
  analyses: readonly SentenceAnalysis[],
  published: string | null,
  home: string | null = null,
  /** The index of the sentence a dateline opens, when the gazetteer knows the dateline's place. */
  lead: number | null = null,
): readonly IncidentDraft[] {
  const drafts: IncidentDraft[] = [];
  let current: IncidentDraft | null = null;
  let running: DateChoice | null = null;
  let priorGroup: { actor: ActorMention; paragraph: number } | null = null;
  let afterHeading = false;
  let lastDistrict: PlaceMention | null = null;
  const leadParas = leadParagraphsOf(analyses);
  for (const a of analyses.flatMap(splitClauses)) {
    if (a.aggregate) continue;
    if (a.sentence.heading) {
      // a subheading announces the next incident: what follows it is no longer the one before, nor on its day
      current = null;
      running = null;
      afterHeading = true;
      continue;
    }
    const prior =
      priorGroup && a.sentence.paragraph - priorGroup.paragraph <= PRIOR_GROUP_PARAGRAPHS
        ? priorGroup.actor
        : null;
    const priorParagraph = priorGroup?.paragraph ?? -1;
    const named = a.actors.filter(isNamedGroup);
    if (named.length > 0) priorGroup = { actor: named[named.length - 1]!, paragraph: a.sentence.paragraph };
    const cue = incidentCue(
      a.cues,
      a.casualties.some((c) => c.high > 0),
    );
    const namedPlaces = incidentPlaces(a, cue, home);
    // "a cop was martyred in the district": the district the article last named
    const places =
      namedPlaces.length === 0 && lastDistrict && matches(SIGNAL_RULES.theDistrict, a.sentence.text)
        ? [lastDistrict]
        : namedPlaces;
    lastDistrict = lastDistrictOf(a.places) ?? lastDistrict;
    const date = chooseDate(a, current, running, published, () => latestDay(drafts));
    const hasOwnDate = date?.own === true && date.date.precision !== 'year';
    // an incident recalled from weeks before ("Last month, ...") does not date the sentences after it
    if (hasOwnDate && date && !matches(SIGNAL_RULES.earlier, a.sentence.text)) running = date;

    const referred: IncidentDraft | null = current
      ? referredIncident(drafts, current, a, cue, places, date)
      : null;
    if (referred) {
      // "Officials said the attack took place on Friday night": more of an incident already reported
      referred.members.push(a);
      // "... said the attack took place near Mangochar": a finer place for an incident of one place
      const [finer, ...more] = finePlaces(places);
      if (finer && more.length === 0 && referred.places.length === 1) refinePlace(referred, finer);
      // only the cue it names: other cues of the sentence may tell of what followed ("torched", "arrested")
      if (cue) referred.cues.push(cue);
      // "the IBO on the night of 14/15 September" after "earlier this week": the day taken up dates it finer
      if (date?.own && (!referred.date.own || datesItFiner(date, referred.date)))
        referred.date = { ...date, ruleId: SIGNAL_RULES.definite.id };
      referred.claims.push(...draftClaims(a, referred));
      // a claim of responsibility goes where claims go, whatever incident the sentence takes up
      const owner = a.responsibility.length > 0 ? responsibilityOwner(drafts, a.responsibility) : null;
      owner?.responsibility.push(...a.responsibility);
      if (owner && !owner.members.includes(a)) owner.members.push(a);
      referred.lastParagraph = Math.max(referred.lastParagraph, a.sentence.paragraph);
      // "Officials said the Chaman blast ripped through a taxi stand. The wounded later died": the incident taken
      // up is the one the next sentences go on telling
      current = referred;
      continue;
    }

    if (current && siblingOf(current, a, places)) {
      current = siblingIncident(current, a);
      drafts.push(current);
      continue;
    }

    if (startsIncident(a, cue, places, hasOwnDate || date?.own === true, a.sentence.index === lead)) {
      if (current && continues(current, a, places, date)) {
        current.members.push(a);
        if (date?.own && provisional(current, date)) current.date = date;
        if (cue) current.cues.push(...a.cues);
        if (current.places.length === 0 && places.length > 0) {
          current.places = places;
          if (places.length > 1 && !DAYLIKE.has(current.date.date.precision)) current.summary = true;
        }
        current.claims.push(...draftClaims(a, current));
        current.responsibility.push(...a.responsibility);
        current.lastParagraph = a.sentence.paragraph;
        continue;
      }
      const told = leadIncident(drafts, leadParas, a, places, date);
      if (told) {
        // the lead told this incident in a clause; this paragraph tells it in full
        told.members.push(a);
        told.cues.push(...a.cues);
        if (date?.own && !told.date.own) told.date = date;
        told.claims.push(...draftClaims(a, told));
        told.responsibility.push(...a.responsibility);
        told.lastParagraph = a.sentence.paragraph;
        current = told;
        continue;
      }
      const listed = cue ? listedIncident(drafts, a, cue, places, date) : null;
      if (listed) {
        const d = listed.draft;
        d.members.push(a);
        d.cues.push(...a.cues);
        d.claims.push(...draftClaims(a, d));
        d.responsibility.push(...a.responsibility);
        d.lastParagraph = a.sentence.paragraph;
        current = d;
        continue;
      }
      if (!date) continue;
      const boundaryRuleId = boundaryRule(current, a, date, afterHeading);
      afterHeading = false;
      // several places without a day of their own restate attacks ("the recent attacks in Kalat and Jhau")
      const summary =
        matches(SIGNAL_RULES.summary, a.sentence.text) ||
        (places.length > 1 && (!DAYLIKE.has(date.date.precision) || !date.own));
      current = {
        anchor: a,
        members: [a],
        places,
        placeRuleId: places.length > 1 ? 'segment.place-list' : 'segment.place-after-cue',
        boundaryRuleId,
        date,
        summary,
        cues: recalledCues(a),
        claims: claimsOf(a, places, summary),
        responsibility: [...a.responsibility],
        priorGroup: prior,
        priorParagraph: prior ? priorParagraph : -1,
        lastParagraph: a.sentence.paragraph,
        focus: null,
      };
      drafts.push(current);
      continue;
    }

    const near = current && a.sentence.paragraph - current.lastParagraph <= ATTACH_PARAGRAPHS;
    if (a.responsibility.length > 0) {
      const owner = responsibilityOwner(drafts, a.responsibility);
      if (owner) {
        owner.responsibility.push(...a.responsibility);
        if (!owner.members.includes(a)) owner.members.push(a);
      }
    }
    // "The first operation was carried out in the Spinwam area": the listed place the next figures belong to
    if (current && near && current.places.length > 1) {
      const detail = finePlaces(namedPlaces);
      const place = detail.length === 1 && current.places.find((q) => sameDistrict(detail[0]!, q));
      if (place) focusOn(current, place, detail[0]!);
    }
    // "the attackers, belonging to the banned TTP, first threw grenades at the post": who carried out the incident
    // being told, a member of it though it gives no figure (its group may be actor1)
    if (
      current &&
      near &&
      a.casualties.length === 0 &&
      a.actors.some(isNamedGroup) &&
      matches(SIGNAL_RULES.attackersOf, a.sentence.text)
    ) {
      if (!current.members.includes(a)) current.members.push(a);
      current.cues.push(...a.cues);
      current.lastParagraph = a.sentence.paragraph;
      continue;
    }
    if (a.casualties.length === 0) continue;
    // "six policemen were wounded during the operation", paragraphs of background after the incident was told:
    // a figure of the incident the article is telling, however far, when it names no day of its own and no place
    // outside that incident's district ("the Kohat police chief said ... during the raid")
    const ofCurrent = (told: IncidentDraft): boolean =>
      !hasOwnDate &&
      finePlaces(a.places).every((p) => told.places.some((q) => sameDistrict(p, q))) &&
      matches(SIGNAL_RULES.duringTheIncident, a.sentence.text);
    if (current && (near || ofCurrent(current))) {
      current.members.push(a);
      current.claims.push(...draftClaims(a, current));
      current.lastParagraph = a.sentence.paragraph;
      continue;
    }
    for (const casualty of a.casualties.filter(isFigure)) {
      const target = rebuttalTarget(drafts, casualty);
      if (!target) continue;
      const answered = target.claims.find((c) => c.casualty.metric === casualty.metric)?.casualty;
      const category = casualty.category === 'unknown' && answered ? answered.category : casualty.category;
      target.claims.push({
        casualty: { ...casualty, category },
        place: null,
        ruleId: 'segment.rebuttal-claim',
      });
      if (!target.members.includes(a)) target.members.push(a);
    }
  }
  dateByTheNewsDays(drafts, published);
  return drafts;
}

/**
 * The incident a sentence takes up with a definite cue ("the blast", "the Chaman attack"): the latest recent one
 * at a place it names, else the current one; none when it says it is another incident or names a day of its own
 * that the incident does not cover.
 */
/** A day (or a few) where the incident had only a week, a month or a year; the two overlap (referredIncident). */
function datesItFiner(date: DateChoice, incident: DateChoice): boolean {
  return (
    date.ruleId !== SIGNAL_RULES.statementDay.id &&
    DAYLIKE.has(date.date.precision) &&
    !DAYLIKE.has(incident.date.precision)
  );
}

/** Two dates no more than a day apart. */
function withinADay(a: DateRange, b: DateRange): boolean {
  return datesOverlap(
    { start: formatDay((parseIsoDay(a.start) ?? 0) - 1), end: formatDay((parseIsoDay(a.end) ?? 0) + 1) },
    b,
  );
}

function referredIncident(
  drafts: readonly IncidentDraft[],
  current: IncidentDraft,
  a: SentenceAnalysis,
  cue: EventCue | null,
  places: readonly PlaceMention[],
  date: DateChoice | null,
): IncidentDraft | null {
  const toldWhere = matches(SIGNAL_RULES.tookPlace, a.sentence.text);
  if ((!refersBack(a, cue) && !toldWhere) || matches(SIGNAL_RULES.separate, a.sentence.text)) return null;
  // "the second blast" counts incidents rather than taking one up
  if (matches(SIGNAL_RULES.ordinal, a.sentence.text)) return null;
  if (matches(SIGNAL_RULES.earlier, a.sentence.text)) return null;
  let target: IncidentDraft | null = current;
  const fine = finePlaces(places);
  // "The attacks targeted Quetta, Gwadar and Mastung": a list details the incidents, each its own
  if (fine.length > 1) return null;
  if (fine.length > 0) {
    // a place of its own must be one the incident taken up has, or lie in its district
    target = fine.every((p) => current.places.some((q) => sameDistrict(p, q))) ? current : null;
    for (let i = drafts.length - 1; i >= Math.max(0, drafts.length - REBUTTAL_WINDOW); i--) {
      const d = drafts[i]!;
      if (d.places.some((q) => fine.some((p) => samePlace(p, q)))) {
        target = d;
        break;
      }
    }
  }
  if (fine.length === 0 && cue && target === current) target = bombingTakenUp(drafts, current, cue);
  if (!target) return null;
  if (a.sentence.paragraph - target.lastParagraph > DEFINITE_REFERENCE_PARAGRAPHS) return null;
  // the day a sentence was said on is no day of the incident it takes up ("On Tuesday, the group claimed the attack")
  const spokenOnly = date?.ruleId === SIGNAL_RULES.statementDay.id;
  // "the incident took place ... late Wednesday night" after a lead that told it on Thursday: the night before the
  // day reported is the same incident, told finer
  const toldFiner = date !== null && toldWhere && withinADay(date.date, target.date.date);
  if (date?.own && !spokenOnly && target.date.own && !datesOverlap(date.date, target.date.date) && !toldFiner)
    return null;
  return target;
}

/** The sub-event types of a bomb going off: what "the explosion" or "the blast" takes up. */
const BOMBINGS: ReadonlySet<SubEventType> = new Set([
  'Remote explosive/landmine/IED',
  'Suicide bomb',
  'Grenade',
]);

/** "The explosion destroyed the vehicle" after a raid told since: an explosion taken up without a place is the
 * latest incident that had one, not the raid, which had none (a generic "the attack" may be any incident, and
 * shelling or a strike may be a new phase of the fight, so only bombings are followed back). */
function bombingTakenUp(
  drafts: readonly IncidentDraft[],
  current: IncidentDraft,
  cue: EventCue,
): IncidentDraft {
  if (!BOMBINGS.has(cue.subEventType) || current.cues.some((c) => BOMBINGS.has(c.subEventType)))
    return current;
  for (let i = drafts.length - 1; i >= Math.max(0, drafts.length - REBUTTAL_WINDOW); i--) {
    const d = drafts[i]!;
    if (d !== current && d.cues.some((c) => BOMBINGS.has(c.subEventType))) return d;
  }
  return current;
}

/** The paragraphs of the article's lead, in order: its first LEAD_PARAGRAPHS paragraphs that are not headings. */
function leadParagraphsOf(analyses: readonly SentenceAnalysis[]): readonly number[] {
  const out: number[] = [];
  for (const a of analyses) {
    if (a.sentence.heading || out.includes(a.sentence.paragraph)) continue;
    if (out.length === LEAD_PARAGRAPHS) break;
    out.push(a.sentence.paragraph);
  }
  return out;
}

/**
 * The incident of the lead that a later paragraph tells again in detail: one whose places include every place the
 * sentence names, on days that meet. Not when the sentence counts incidents ("the second blast").
 */
function leadIncident(
  drafts: readonly IncidentDraft[],
  leadParas: readonly number[],
  a: SentenceAnalysis,
  places: readonly PlaceMention[],
  date: DateChoice | null,
): IncidentDraft | null {
  const fine = finePlaces(places);
  if (fine.length === 0) return null;
  if (matches(SIGNAL_RULES.ordinal, a.sentence.text) || matches(SIGNAL_RULES.earlier, a.sentence.text))
    return null;
  for (const d of drafts) {
    const told = d.anchor.sentence.paragraph;
    // a lead that lists several places summarises; only a lead clause of one place is one incident, told again in
    // a later paragraph
    if (!leadParas.includes(told) || told >= a.sentence.paragraph || d.summary || d.places.length !== 1)
      continue;
    // past the first paragraph, a lead clause gives the incident's toll; one that gives none may be background
    // ("rights groups say disappearances in the district feed the insurgency"), not the incident told in full
    if (told !== leadParas[0] && d.claims.length === 0) continue;
    // the very place: a district's other incidents are told in detail too ("a police post in Lower Dir")
    if (fine.length !== 1 || !onePlace(fine[0]!, d.places[0]!)) continue;
    if (date?.own && d.date.own && !datesOverlap(date.date, d.date.date)) continue;
    return d;
  }
  return null;
}

/** A group's claim of responsibility belongs to the latest incident that the state did not carry out. */
function responsibilityOwner(
  drafts: readonly IncidentDraft[],
  found: readonly ResponsibilityMention[],
): IncidentDraft | null {
  const last = drafts[drafts.length - 1] ?? null;
  if (!found.some((r) => r.stance === 'claimed')) return last;
  for (let i = drafts.length - 1; i >= Math.max(0, drafts.length - REBUTTAL_WINDOW); i--) {
    const d = drafts[i]!;
    // the first actor of the opening sentence is its subject: "Pakistan's military claimed ... militants killed";
    // never one named as what was attacked ("a grenade was thrown into a police station")
    const targets = d.anchor.targets;
    const subject = d.anchor.actors.find(
      (x) => !targets.some((t) => t.span[0] <= x.span[0] && x.span[1] <= t.span[1]),
    );
    const stateLed = subject?.type === 'state_forces';
    if (!stateLed) return d;
  }
  return last;
}
