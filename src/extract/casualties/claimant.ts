import type { ActorType, Category, ClaimantKind, Stance } from '../../domain/index.js';
import type { ActorMention } from '../types.js';
import type { ClaimCue } from '../../lexicon/casualty-lexicon.js';
import { isPunct, match, textOf } from './tokens.js';
import type { Tokens } from './tokens.js';

/** A claim cue found in a sentence, with the claimant it names (or null). */
export interface CueFound {
  readonly start: number;
  readonly end: number;
  readonly cue: ClaimCue;
  readonly claimant: string | null;
  readonly kind: ClaimantKind;
  /** The claimant was read off a pronoun ("it said"): the group it stands for is a guess. */
  readonly viaPronoun: boolean;
  /** The tokens naming the claimant after the cue ("according to [BLF spokesman Major Gwahram Baloch]"), or null
   * for a claimant named before it or not at all. */
  readonly named: { readonly start: number; readonly end: number } | null;
}

interface Candidate {
  readonly start: number;
  readonly end: number;
  readonly name: string;
  readonly kind: ClaimantKind;
  readonly viaPronoun?: boolean;
}

const WINDOW = 8;
// Words before a party's name that are not the name: articles, possessives, and the labels the press puts on a
// group ("the banned TTP", "the proscribed BLF").
const LEADING = new Set([
  'a',
  'an',
  'the',
  'recent',
  'its',
  'their',
  'his',
  'her',
  'some',
  'banned',
  'proscribed',
  'outlawed',
  'defunct',
]);

export function kindOfActor(type: ActorType | null): ClaimantKind {
  if (type === 'state_forces') return 'state';
  if (type === 'rebel_group' || type === 'political_militia' || type === 'identity_militia')
    return 'armed_group';
  return 'other';
}

interface ActorTokens {
  readonly start: number;
  readonly end: number;
  readonly actor: ActorMention;
}

function actorTokens(t: Tokens, actors: readonly ActorMention[]): ActorTokens[] {
  const out: ActorTokens[] = [];
  for (const actor of actors) {
    const start = t.tokens.findIndex((tok) => tok.start >= actor.span[0]);
    if (start < 0 || (t.tokens[start]?.end ?? Infinity) > actor.span[1]) continue;
    let end = start;
    while (end < t.tokens.length && (t.tokens[end]?.end ?? Infinity) <= actor.span[1]) end += 1;
    out.push({ start, end, actor });
  }
  return out;
}

/** Token ranges of the sentence's figures ("two policemen were injured"): the people a figure counts are never
 * the party that speaks for it. */
export type CountedRanges = readonly { readonly start: number; readonly end: number }[];

function counts(counted: CountedRanges, start: number, end: number): boolean {
  return counted.some((r) => start >= r.start && end <= r.end);
}

function candidatesIn(
  t: Tokens,
  from: number,
  to: number,
  actors: readonly ActorTokens[],
  counted: CountedRanges,
): Candidate[] {
  const found: Candidate[] = [];
  for (const a of actors) {
    if (a.start >= from && a.end <= to && !counts(counted, a.start, a.end))
      found.push({ ...a, name: a.actor.name, kind: a.actor.claimantKind ?? kindOfActor(a.actor.type) });
  }
  for (let p = from; p < to; p += 1) {
    const m = match(t, t.lexicon.claimants, p);
    if (!m || m.end > to || titleAsAdjective(t, p, m)) continue;
    let end = m.end;
    if (m.value.title) while (end < to && end - m.end < 4 && t.tokens[end]?.cap) end += 1;
    if (m.value.pronoun) {
      const group = actors.find((a) => (a.actor.claimantKind ?? kindOfActor(a.actor.type)) === 'armed_group');
      if (group) found.push({ start: p, end, name: group.actor.name, kind: 'armed_group', viaPronoun: true });
      continue;
    }
    if (!counts(counted, p, end)) found.push({ start: p, end, name: textOf(t, p, end), kind: m.value.kind });
  }
  return found;
}

/** A lower-case title followed by a lower-case word that is no claim cue modifies it: "the general area of Zhob",
 * not "the general said". */
function titleAsAdjective(t: Tokens, p: number, m: { value: { title: boolean }; end: number }): boolean {
  if (!m.value.title || t.tokens[p]?.cap) return false;
  const next = t.tokens[m.end];
  return next !== undefined && next.kind === 'word' && !next.cap && match(t, t.lexicon.cues, m.end) === null;
}

/** Prepositions whose noun is the verb's object or setting, never its subject: "clashed with militants", "a
 * statement sent to the media". */
const OBJECT_PREPOSITIONS: ReadonlySet<string> = new Set([
  'with',
  'against',
  'on',
  'upon',
  'at',
  'into',
  'near',
  'to',
]);

const BRACKET_TOKENS = 4;

/** Tokens of a short bracket closing just before `end` ("(TTP)", "(BLA)"), or 0: an acronym's bracket is part of
 * the name before it, not a break in the sentence. */
function bracketBefore(t: Tokens, end: number): number {
  if (!isPunct(t, end - 1, ')')) return 0;
  for (let k = end - 2; k >= 0 && end - k <= BRACKET_TOKENS + 2; k -= 1) {
    if (isPunct(t, k, '(')) return end - k;
    if (isPunct(t, k, '.,;:()')) return 0;
  }
  return 0;
}

/** Verbs of telling whose next noun is the one told, never the teller: "an official told Dawn, adding that ...". */
const TOLD_VERBS: ReadonlySet<string> = new Set(['told', 'tells', 'tell', 'telling', 'informed', 'briefed']);

function isObject(t: Tokens, candidate: Candidate): boolean {
  let k = candidate.start - 1;
  while (k >= 0 && LEADING.has(t.words[k] ?? '')) k -= 1;
  const before = t.words[k] ?? '';
  return OBJECT_PREPOSITIONS.has(before) || TOLD_VERBS.has(before);
}

function nearestLeft(
  t: Tokens,
  cueStart: number,
  actors: readonly ActorTokens[],
  participle: boolean,
  counted: CountedRanges,
): Candidate | null {
  let from = cueStart;
  // "Nasir Baloch, a spokesman for the BNP-M, said": a comma right before the verb closes an apposition
  const apposition = isPunct(t, cueStart - 1, ',');
  let commas = (participle ? 1 : 0) + (apposition ? 2 : 0);
  while (from > 0 && cueStart - from < WINDOW) {
    const bracket = bracketBefore(t, from);
    if (bracket > 0) {
      from -= bracket;
      continue;
    }
    if (isPunct(t, from - 1, '.;:()')) break;
    if (isPunct(t, from - 1, ',')) {
      if (commas === 0) break;
      commas -= 1;
    }
    from -= 1;
  }
  const found = candidatesIn(t, from, cueStart, actors, counted).filter((c) => !isObject(t, c));
  found.sort((a, b) => b.end - a.end || a.start - b.start);
  return found[0] ?? sentenceSubject(t, cueStart, actors, counted);
}

/**
 * The party that opens the sentence, for a verb with no subject of its own in reach: in "The army's media wing,
 * for its part, spoke of encounters with militants and admitted a few casualties", "admitted" shares the
 * sentence's subject. Only a name at the sentence's start counts, and no ';' or ':' may stand between.
 */
function sentenceSubject(
  t: Tokens,
  cueStart: number,
  actors: readonly ActorTokens[],
  counted: CountedRanges,
): Candidate | null {
  let first = 0;
  while (LEADING.has(t.words[first] ?? '') && first < 3) first += 1;
  const opening = candidatesIn(t, first, cueStart, actors, counted).filter((c) => c.start === first);
  if (opening.length === 0) return null;
  for (let k = first; k < cueStart; k += 1) if (isPunct(t, k, '.;:')) return null;
  opening.sort((a, b) => b.end - a.end);
  return opening[0] ?? null;
}

function nearestRight(
  t: Tokens,
  cueEnd: number,
  actors: readonly ActorTokens[],
  counted: CountedRanges,
): Candidate | null {
  let from = cueEnd;
  while (LEADING.has(t.words[from] ?? '') && from - cueEnd < 3) from += 1;
  let to = from;
  while (to < t.tokens.length && to - from < WINDOW && !isPunct(t, to, '.,;:()')) to += 1;
  const found = candidatesIn(t, cueEnd, to, actors, counted);
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const first = found[0];
  if (first) return first;
  let end = from;
  while (end < to && t.tokens[end]?.cap) end += 1;
  return end > from ? { start: from, end, name: textOf(t, from, end), kind: 'other' } : null;
}

/** Forms of "be" that put the verb after them in the passive: "no deaths were confirmed" has no teller on its left. */
const PASSIVE_BE: ReadonlySet<string> = new Set(['was', 'were', 'is', 'are', 'been', 'be', 'being']);

/**
 * The teller of a verb in the passive is the one "by" names after it ("were confirmed by hospital officials"), else
 * nobody: neither the noun before it (its subject is the figure) nor the sentence's subject ("the BLF claimed ...,
 * but no deaths were confirmed": the outlet's own doubt, not the group's).
 */
function passiveTeller(
  t: Tokens,
  cueEnd: number,
  actors: readonly ActorTokens[],
  counted: CountedRanges,
): Candidate | null {
  return t.words[cueEnd] === 'by' ? nearestRight(t, cueEnd + 1, actors, counted) : null;
}

/** Every claim cue of the sentence with its claimant, in order. */
export function findCues(
  t: Tokens,
  actors: readonly ActorMention[],
  counted: CountedRanges = [],
): CueFound[] {
  const inSentence = actorTokens(t, actors);
  const cues: CueFound[] = [];
  let i = 0;
  while (i < t.tokens.length) {
    const not = match(t, t.lexicon.notCues, i);
    if (not) {
      i = not.end;
      continue;
    }
    const m = match(t, t.lexicon.cues, i);
    if (!m) {
      i += 1;
      continue;
    }
    const cue = m.value;
    let who: Candidate | null = null;
    const passive = cue.claimant === 'left' && PASSIVE_BE.has(t.words[i - 1] ?? '');
    if (passive) who = passiveTeller(t, m.end, inSentence, counted);
    else if (cue.claimant === 'left')
      who = nearestLeft(t, i, inSentence, /ing$/.test(t.words[i] ?? ''), counted);
    else if (cue.claimant === 'right') who = nearestRight(t, m.end, inSentence, counted);
    else if (cue.claimant === 'self')
      who = { start: i, end: m.end, name: textOf(t, i, m.end), kind: cue.kind ?? 'media' };
    const previous = cues[cues.length - 1];
    if (!who && !passive && cue.claimant === 'left' && previous?.claimant) {
      // "The military acknowledged … but dismissed claims …": coordinated verbs share their subject.
      cues.push({
        start: i,
        end: m.end,
        cue,
        claimant: previous.claimant,
        kind: previous.kind,
        viaPronoun: previous.viaPronoun,
        named: null,
      });
    } else {
      cues.push({
        start: i,
        end: m.end,
        cue,
        claimant: who?.name ?? null,
        kind: who?.kind ?? 'unattributed',
        viaPronoun: who?.viaPronoun === true,
        named: who && cue.claimant === 'right' ? { start: who.start, end: who.end } : null,
      });
    }
    i = m.end;
  }
  return cues;
}

/** The stance a cue gives a figure: "said" means claimed for a party to the fight, confirmed for its own losses. */
export function stanceOf(found: CueFound | null, category: Category): Stance {
  if (!found) return 'reported';
  if (!found.cue.byKind) return found.cue.stance;
  switch (found.kind) {
    case 'armed_group':
      return 'claimed';
    case 'state':
    case 'state_official':
      return category === 'militants' ? 'claimed' : 'confirmed';
    default:
      return 'reported';
  }
}

/** The cue that governs a figure: the nearest one before its end, else the first one after. */
export function cueFor(cues: readonly CueFound[], figureEnd: number): CueFound | null {
  // Cues are in sentence order: binary search for the last one that starts before the figure ends.
  let lo = 0;
  let hi = cues.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((cues[mid]?.start ?? Infinity) < figureEnd) lo = mid + 1;
    else hi = mid;
  }
  return cues[lo - 1] ?? cues[lo] ?? null;
}
