import type { Claim, FieldProvenance, Location, Mention, Span, Target } from '../../domain/index.js';
import { EXTRACT_SETTINGS } from '../extract-settings.js';
import type { ActorMention, PlaceContext, PlaceMention, Sentence, TargetMention } from '../types.js';
import type { SentenceAnalysis } from '../analyse/analyse-sentence.js';
import type { DraftClaim, IncidentDraft } from '../segment/segment-incidents.js';
import { datesOverlap } from '../segment/sentence-signals.js';
import { addDays } from '../dates/calendar.js';
import { kindOfActor } from '../casualties/claimant.js';
import { decideActors } from './decide-actors.js';
import { decideType } from './decide-type.js';

export interface AssembleContext {
  readonly docId: string;
  readonly text: string;
  readonly placeContext: PlaceContext;
  /** The province the document is about, as a location, for incidents that name no finer place. */
  readonly provinceLocation: Location | null;
  /** The place of the report's dateline, for the lead incident when it names no place of its own. */
  readonly dateline: PlaceMention | null;
  /** The index of the sentence the dateline opens (the lead), or 0 when there is none. */
  readonly leadIndex: number;
  /** The first state force the document names, for an operation whose sentences name none. */
  readonly documentState: ActorMention | null;
}

function toClaim(d: DraftClaim, docId: string): Claim {
  const c = d.casualty;
  return {
    claimant: c.claimant ?? 'unattributed',
    claimantKind: c.claimantKind,
    stance: c.stance,
    metric: c.metric,
    category: c.category,
    low: c.low,
    high: c.high,
    best: c.best,
    approximate: c.approximate,
    quote: c.text,
    docId,
    span: c.span,
    ruleId: d.ruleId,
  };
}

/** With no target named, the dead say who was hit: only civilians, or only militants (a state operation). */
function targetFromClaims(draft: IncidentDraft): Target {
  const killed = new Set(
    draft.claims.filter((c) => c.casualty.metric === 'killed').map((c) => c.casualty.category),
  );
  if (killed.size !== 1) return 'unknown';
  const only = [...killed][0];
  return only === 'civilians' || only === 'militants' || only === 'security_forces' ? only : 'unknown';
}

/** A suicide bombing kills its bomber: GTD and ACLED count that death, so we add it unless a figure covers militants. */
function impliedBomberDeath(
  draft: IncidentDraft,
  claims: readonly Claim[],
  docId: string,
  subEventType: string,
): Claim[] {
  if (subEventType !== 'Suicide bomb') return [];
  if (claims.some((c) => c.metric === 'killed' && c.category === 'militants')) return [];
  const s = draft.anchor.sentence;
  return [
    {
      claimant: 'coding rule',
      claimantKind: 'other',
      stance: 'estimated',
      metric: 'killed',
      category: 'militants',
      low: 1,
      high: 1,
      best: 1,
      approximate: false,
      quote: s.text,
      docId,
      span: [s.start, s.end],
      ruleId: 'casualty.suicide-bomber-died',
    },
  ];
}

/** "according to ... officials", "officials said", "District Police Officer Ali Khan said", "police officials in
 * Kharan said", "police officials also confirmed": the people who speak about an attack are not its target. Up to
 * four capitalised words (a rank, a name, the town after "in") and an adverb may stand before the verb. */
const SPEAKER_AFTER =
  /^\W{0,3}(?:(?:in|at|of|from)\s+)?(?:\p{Lu}[\p{L}.'\u2019-]*\s+){0,4}(?:(?:also|later|further|separately|have|has|had)\s+)?(?:said|say|says|stated|told|confirmed|added|claimed|reported|announced|declined)\b/u;
/** How far after a target the speaker's verb is looked for: four words of a name and the verb. */
const SPEAKER_WINDOW = 60;
const ATTRIBUTION_BEFORE = /\b(?:according to|statements? (?:from|by)|speaking to|sources? (?:in|among))\b/i;

function isSpeaker(t: TargetMention, sentence: Sentence): boolean {
  const before = sentence.text.slice(0, t.span[0] - sentence.start);
  const after = sentence.text.slice(t.span[1] - sentence.start, t.span[1] - sentence.start + SPEAKER_WINDOW);
  return ATTRIBUTION_BEFORE.test(before) || SPEAKER_AFTER.test(after);
}

/** Between a place's noun and the group that holds it: "of", then lower-case words only ("of the outlawed"). */
const HELD_BY = /^\s+of\s+(?:\p{Ll}+\s+){0,3}$/u;
const HELD_BY_RULE = 'targets/held-by-armed-group';

/** "struck a camp of the outlawed TTP", "raided hideouts of the BLA": a post, camp or base an armed group holds
 * is the group's, not the forces' the noun alone would name. */
function heldByGroup(t: TargetMention, m: SentenceAnalysis): TargetMention {
  if (t.target !== 'security_forces') return t;
  const from = t.span[1] - m.sentence.start;
  const holder = m.actors.find(
    (a) =>
      kindOfActor(a.type) === 'armed_group' &&
      a.span[0] >= t.span[1] &&
      HELD_BY.test(m.sentence.text.slice(from, a.span[0] - m.sentence.start)),
  );
  if (!holder) return t;
  return {
    span: [t.span[0], holder.span[1]],
    text: m.sentence.text.slice(t.span[0] - m.sentence.start, holder.span[1] - m.sentence.start),
    ruleId: HELD_BY_RULE,
    target: 'militants',
  };
}

function provenance(field: string, ruleId: string, span: Span, text: string): FieldProvenance {
  return { field, ruleId, span, text };
}

function confidenceOf(
  draft: IncidentDraft,
  place: PlaceMention | null,
  hasActor: boolean,
  claims: number,
): number {
  let score = 0.3;
  if (draft.date.own) score += 0.2;
  if (place && place.location.precision !== 'province') score += 0.2;
  if (hasActor) score += 0.1;
  if (claims > 0) score += 0.1;
  if (!draft.summary) score += 0.1;
  return Math.round(score * 100) / 100;
}

/** Every figure of the incident counts militants: nobody on the other side was hurt. */
function onlyMilitantsHit(draft: IncidentDraft): boolean {
  const hit = draft.claims.filter((c) => c.casualty.high > 0);
  return hit.length > 0 && hit.every((c) => c.casualty.category === 'militants');
}

/** Turns one incident draft into one Mention per place; a multi-place draft becomes an operation. */
export function assembleDraft(draft: IncidentDraft, index: number, ctx: AssembleContext): Mention[] {
  const targets = draft.members.flatMap((m) =>
    m.targets.filter((t) => !isSpeaker(t, m.sentence)).map((t) => heldByGroup(t, m)),
  );
  const hurt = draft.claims.some((c) => c.casualty.high > 0);
  const sentences = draft.members.map((m) => ({ text: m.sentence.text, cues: m.cues }));
  const type = decideType(draft.cues, targets, sentences, targetFromClaims(draft), hurt);
  const claimsByActor = new Set(
    draft.claims
      .filter((c) => c.casualty.stance === 'claimed' && c.casualty.claimantKind === 'armed_group')
      .flatMap((c) =>
        draft.members.flatMap((m) =>
          m.actors.filter((a) => a.name === c.casualty.claimant).map((a) => a.actorId),
        ),
      ),
  );
  const actors = decideActors(
    draft.members,
    draft.responsibility,
    type.cue,
    type.target,
    claimsByActor,
    draft.priorGroup,
    draft.priorParagraph,
    // an attack on forces whose only dead are the attackers is still the attackers' act
    type.eventType === 'Battles' && type.target !== 'security_forces' && onlyMilitantsHit(draft),
    // "twelve soldiers were martyred while security forces killed 13 terrorists": the state's own act, in a
    // battle, makes the state actor1 even when a stronger cue (an exchange of fire) set the type
    type.eventType === 'Battles' && draft.anchor.cues.some((c) => c.stateConducted),
    ctx.documentState,
  );
  // a lead incident that names no place happened, as far as the report says, where it was filed; a lead that
  // sums up several operations did not ("RAWALPINDI: Security forces killed 13 in two separate operations")
  const lead = draft.anchor.sentence.index === ctx.leadIndex && !draft.summary ? ctx.dateline : null;
  const places: (PlaceMention | null)[] = draft.places.length > 0 ? draft.places : lead ? [lead] : [null];
  const operationKey = places.length > 1 ? `${ctx.docId}-op${index}` : null;
  const evidence: Span[] = draft.members.map((m) => [m.sentence.start, m.sentence.end] as const);
  const anchor = draft.anchor.sentence;

  return places.flatMap((place, i): Mention[] => {
    const location = place?.location ?? ctx.provinceLocation;
    if (!location) return [];
    const own = draft.claims.filter((c) => (operationKey ? c.place !== null && c.place === place : true));
    const shared = operationKey ? draft.claims.filter((c) => c.place === null) : [];
    const claims = own.map((c) => toClaim(c, ctx.docId));
    claims.push(...impliedBomberDeath(draft, claims, ctx.docId, type.subEventType));
    const prov: FieldProvenance[] = [
      provenance('incident', draft.boundaryRuleId, [anchor.start, anchor.end], anchor.text),
      provenance('date', draft.date.ruleId, draft.date.span, draft.date.text),
      place
        ? provenance('location', place.ruleId, place.span, place.text)
        : provenance('location', 'place.document-province', [anchor.start, anchor.end], anchor.text),
      provenance(
        'event_type',
        type.ruleId,
        type.cue?.span ?? [anchor.start, anchor.end],
        type.cue?.text ?? anchor.text,
      ),
    ];
    if (type.targetFrom)
      prov.push(provenance('target', type.targetFrom.ruleId, type.targetFrom.span, type.targetFrom.text));
    if (actors.actor1From)
      prov.push(
        provenance('actor1', actors.actor1From.ruleId, actors.actor1From.span, actors.actor1From.text),
      );
    if (actors.claimedFrom)
      prov.push(
        provenance(
          'actor1.claimed',
          actors.claimedFrom.ruleId,
          actors.claimedFrom.span,
          actors.claimedFrom.text,
        ),
      );
    if (operationKey)
      prov.push(provenance('operation_id', draft.placeRuleId, [anchor.start, anchor.end], anchor.text));
    return [
      {
        kind: 'Mention',
        id: `${ctx.docId}-m${index}${places.length > 1 ? `-${i}` : ''}`,
        docId: ctx.docId,
        index,
        operationKey,
        date: draft.date.date,
        location,
        eventType: type.eventType,
        subEventType: type.subEventType,
        weapon: type.weapon,
        target: type.target,
        actor1: actors.actor1,
        actor2: actors.actor2,
        claims,
        operationClaims: shared.map((c) => toClaim(c, ctx.docId)),
        evidence,
        provenance: prov,
        confidence: confidenceOf(draft, place, actors.actor1 !== null, claims.length),
      },
    ];
  });
}

const { coverWindow: COVER_WINDOW } = EXTRACT_SETTINGS;

/** How many days before a statement's day the incidents whose totals it gives may lie: the night before it. */
const STATEMENT_LAG_DAYS = 1;

const DATE_RANK = { day: 0, days: 1, week: 2, month: 3, year: 4 } as const;

const WEEK_OR_FINER: ReadonlySet<string> = new Set(['day', 'days', 'week']);
const PRECISION_RANK = { place: 0, near_place: 1, district: 2, province: 3, country: 4 } as const;

function targetsAgree(a: Mention, b: Mention): boolean {
  return a.target === b.target || a.target === 'unknown' || b.target === 'unknown';
}

/** The detail gives a figure the totals count too: the same metric of the same kind of people. */
function countsTheSameKind(fine: Mention, totals: Mention): boolean {
  return fine.claims.some((f) =>
    totals.claims.some((t) => t.metric === f.metric && t.category === f.category),
  );
}

/**
 * `fine` reports, in more detail, an incident that `coarse` summarises: same area, overlapping days, same kind of
 * target. `daysEarlier`: how many days before its own the coarse mention's incidents may lie (its day is the day
 * its figures were given). `totals`: the coarse mention sums up figures of several incidents, whose targets it was
 * given as one ("seven policemen and eight militants killed in two encounters"): a detail with a figure of the
 * same kind is one of them, whatever target its own sentence names.
 */
function covers(
  fine: Mention,
  coarse: Mention,
  coarseIsSummary: boolean,
  daysEarlier = 0,
  totals = false,
): boolean {
  if (fine === coarse || !fine.location || !coarse.location) return false;
  const span =
    daysEarlier > 0 ? { ...coarse.date, start: addDays(coarse.date.start, -daysEarlier) } : coarse.date;
  if (!datesOverlap(fine.date, span)) return false;
  if (!targetsAgree(fine, coarse) && !(totals && countsTheSameKind(fine, coarse))) return false;
  // a week-long account does not detail a dated incident; only an account at least as precise in time can. The day
  // of a statement is not the incidents' own: those may span the day before it as well
  const coarseRank =
    daysEarlier > 0
      ? Math.max(DATE_RANK.days, DATE_RANK[coarse.date.precision])
      : DATE_RANK[coarse.date.precision];
  if (DATE_RANK[fine.date.precision] > coarseRank) return false;
  const f = fine.location;
  const c = coarse.location;
  if (f.admin1 !== c.admin1) return false;
  const fr = PRECISION_RANK[f.precision];
  const cr = PRECISION_RANK[c.precision];
  if (cr >= 3) return fr < cr;
  if (coarseIsSummary) return f.admin2 === c.admin2;
  if (c.precision === 'district') return f.admin2 === c.admin2 && fr <= cr;
  return f.admin2 === c.admin2 && (f.placeId === c.placeId || f.name === c.name);
}

/** What pruning needs to know of the draft a mention came from. */
export interface MentionTraits {
  readonly summary: boolean;
  /** The draft's own sentence dated it (not carried forward from an earlier one). */
  readonly ownDate: boolean;
  /** Its day is the day a statement gave its figures ("officials said on Sunday"), not one the text gave its incidents. */
  readonly statementDay: boolean;
  /** Its sentence takes up attacks just mentioned ("The attacks targeted Quetta, Gwadar ..."). */
  readonly elaborates: boolean;
  /** The paragraph of the sentence that opened it. */
  readonly paragraph: number;
  /** The paragraph of the sentence in which its perpetrator claimed it, or null. */
  readonly claimParagraph: number | null;
}

/**
 * Drops summary mentions that detailed ones report again ("six attacks in Kech, Mastung and Kachi" followed by
 * the Kech incidents), and province-wide mentions that a more precise one covers. Only a detail with a date of its
 * own, or one that expressly takes up the summary, can cover it. An undated summary whose places are partly
 * detailed is a lead paragraph: all its places go.
 */
export function pruneCovered(
  mentions: readonly Mention[],
  traits: ReadonlyMap<string, MentionTraits>,
): Mention[] {
  const trait = (m: Mention): MentionTraits =>
    traits.get(m.id) ?? {
      summary: false,
      ownDate: true,
      statementDay: false,
      elaborates: false,
      paragraph: -1,
      claimParagraph: null,
    };
  const covered = new Set<string>();
  const empty = new Set<string>();
  mentions.forEach((m, i) => {
    // "operations were launched in Bajaur and North Waziristan" in a month's review: a summary that gives no week
    // or day and no figure restates what happened and counts nothing of its own
    if (trait(m).summary && !WEEK_OR_FINER.has(m.date.precision) && m.claims.length === 0) {
      empty.add(m.id);
      return;
    }
    const provinceWide = (m.location?.precision ?? 'province') === 'province';
    if (!trait(m).summary && !provinceWide) return;
    // a summary and its details stand near each other: a bounded window keeps this linear on huge documents
    const from = Math.max(0, i - COVER_WINDOW);
    const to = Math.min(mentions.length, i + COVER_WINDOW + 1);
    for (let j = from; j < to; j++) {
      const d = mentions[j]!;
      const t = trait(d);
      // a summary's towns can still cover a province-wide mention of the same attacks
      const detailed = !t.summary || provinceWide;
      // a province-wide mention is covered only by a detail dated on its own or one that takes it up expressly:
      // a later incident that merely inherits its day is a different attack, unless the mention totals attacks
      // ("34 killed in multiple engagements in KP"), or counts attacks ("two raids in Balochistan on Monday") that
      // its own paragraph goes on to tell: then the incidents that inherit its days break it down
      const totals = trait(m).summary && m.claims.length > 0;
      const dated =
        t.ownDate ||
        t.elaborates ||
        !provinceWide ||
        totals ||
        (trait(m).summary && t.paragraph === trait(m).paragraph);
      // totals given on the day of a statement ("five soldiers and six militants died in two attacks, officials
      // said on Sunday") sum up incidents of that day or of the night before it, as the next paragraphs tell them
      const earlier = totals && trait(m).statementDay ? STATEMENT_LAG_DAYS : 0;
      if (detailed && dated && covers(d, m, trait(m).summary, earlier, totals)) {
        covered.add(m.id);
        return;
      }
    }
  });
  const droppedOps = new Set<string>();
  for (const m of mentions)
    if (covered.has(m.id) && m.operationKey && !trait(m).ownDate) droppedOps.add(m.operationKey);
  const kept = mentions.filter(
    (m) => !covered.has(m.id) && !empty.has(m.id) && !(m.operationKey && droppedOps.has(m.operationKey)),
  );
  return claimsOfTheParagraph(inheritClaims(mentions, kept, trait), trait);
}

/**
 * "The BLF claimed it first targeted a vehicle in Kalat. A second strike came in Jhau, where BLF fighters ambushed
 * ...": a group's claim covers the attacks by the same group that the paragraph it was read in goes on to tell, on
 * the same days. Each keeps where the claim was read.
 */
function claimsOfTheParagraph(kept: readonly Mention[], trait: (m: Mention) => MentionTraits): Mention[] {
  const claimers = kept.filter((m) => m.actor1?.claimed && trait(m).claimParagraph !== null);
  if (claimers.length === 0) return [...kept];
  return kept.map((m) => {
    if (!m.actor1 || m.actor1.claimed) return m;
    const by = claimers.find(
      (c) =>
        c.actor1?.id === m.actor1?.id &&
        trait(c).claimParagraph === trait(m).paragraph &&
        datesOverlap(c.date, m.date),
    );
    const source = by?.provenance.find((p) => p.field === 'actor1.claimed');
    if (!source) return m;
    return { ...m, actor1: { ...m.actor1, claimed: true }, provenance: [...m.provenance, source] };
  });
}

/**
 * "The BLA announced that it carried out a wave of attacks across Balochistan", then the attacks town by town: the
 * group's claim was told of the summary, which its towns cover and replace. Each town's attack by the same group,
 * on the summary's days, keeps the claim and where it was read.
 */
function inheritClaims(
  all: readonly Mention[],
  kept: readonly Mention[],
  trait: (m: Mention) => MentionTraits,
): Mention[] {
  const keptIds = new Set(kept.map((m) => m.id));
  const claimedBy = new Map<string, FieldProvenance>();
  all.forEach((m, i) => {
    if (keptIds.has(m.id) || !m.actor1?.claimed) return;
    const source = m.provenance.find((p) => p.field === 'actor1.claimed');
    if (!source) return;
    const from = Math.max(0, i - COVER_WINDOW);
    const to = Math.min(all.length, i + COVER_WINDOW + 1);
    for (let j = from; j < to; j++) {
      const d = all[j]!;
      if (!keptIds.has(d.id) || d.actor1?.claimed !== false || d.actor1.id !== m.actor1.id) continue;
      if (covers(d, m, trait(m).summary) && !claimedBy.has(d.id)) claimedBy.set(d.id, source);
    }
  });
  if (claimedBy.size === 0) return [...kept];
  return kept.map((m) => {
    const source = claimedBy.get(m.id);
    if (!source || !m.actor1) return m;
    return { ...m, actor1: { ...m.actor1, claimed: true }, provenance: [...m.provenance, source] };
  });
}
