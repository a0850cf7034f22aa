import { mayHoldFigures } from './figure-triggers.js';
import type { Category, Metric, Span } from '../../domain/index.js';
import type { ActorMention, CasualtyMention, Sentence } from '../types.js';
import type { CasualtyLexicon, OutcomePhrase } from '../../lexicon/casualty-lexicon.js';
import { cueFor, findCues, stanceOf } from './claimant.js';
import type { CueFound } from './claimant.js';
import { readGroup } from './figure.js';
import type { Element, Group } from './figure.js';
import { linkAfter, linkBefore } from './link.js';
import { bestFor, readQuantity } from './quantity.js';
import { grammar, isPunct, match, tokenize } from './tokens.js';
import type { Match, Tokens } from './tokens.js';

/** A figure before claimant attribution: token range, metric, category and numbers. */
interface Raw {
  readonly start: number;
  readonly end: number;
  readonly metric: Metric;
  readonly category: Category;
  readonly low: number;
  readonly high: number;
  readonly best: number;
  readonly approximate: boolean;
  readonly ruleId: string;
  /** Token where the figure's own words begin, for its date. */
  readonly anchor: number;
  readonly fixed?: { readonly claimant: string; readonly kind: 'other'; readonly stance: 'estimated' };
  readonly zeroStance?: 'confirmed' | 'denied';
}

const ZERO_LOOKAHEAD = 4;

function zeroStance(t: Tokens, from: number): { end: number; stance?: 'confirmed' | 'denied' } {
  for (let k = from; k < t.tokens.length && k - from < ZERO_LOOKAHEAD; k += 1) {
    if (isPunct(t, k)) break;
    const cue = match(t, t.lexicon.cues, k);
    if (cue && (cue.value.stance === 'confirmed' || cue.value.stance === 'denied')) {
      return { end: cue.end, stance: cue.value.stance };
    }
  }
  return { end: from };
}

function zeros(t: Tokens, o: Match<OutcomePhrase>, category: Category, from = o.start): Raw[] {
  const after = zeroStance(t, o.end);
  const base = {
    start: from,
    end: after.end,
    category,
    low: 0,
    high: 0,
    best: 0,
    approximate: false,
    anchor: from,
  };
  return o.value.metrics.map((metric) => ({ ...base, metric, ruleId: o.value.id, zeroStance: after.stance }));
}

/** Sums a linked group per category: "a bus cleaner and one passenger" is one claim of 2 civilians. */
function fromGroup(
  group: Group,
  metric: Metric,
  start: number,
  end: number,
  ruleId: string,
  prev: Raw | null,
): Raw[] {
  const byCategory = new Map<Category, Raw>();
  let last: Category | null = prev?.category ?? null;
  const others = group.elements.find((e) => e.hasOther && !e.inherit);
  for (const e of group.elements) {
    // "Zaman and two other passengers": a name listed with "others" is one of them.
    const own = e.weak && others ? others.category : e.category;
    const category: Category = e.inherit && last !== null ? last : own;
    last = category;
    const best = bestFor(e, metric);
    const seen = byCategory.get(category);
    byCategory.set(category, {
      start,
      end,
      metric,
      category,
      low: (seen?.low ?? 0) + e.low,
      high: (seen?.high ?? 0) + e.high,
      best: (seen?.best ?? 0) + best,
      approximate: (seen?.approximate ?? false) || e.approximate,
      ruleId,
      anchor: group.start,
    });
  }
  return [...byCategory.values()];
}

function readToll(t: Tokens, i: number): Raw | null {
  const m = t.metricAt.get(i);
  if (!m || m.value.form !== 'toll') return null;
  let k = m.end;
  for (let steps = 0; steps < 4; steps += 1) {
    const link = grammar(t, 'toll-link', k);
    if (!link) break;
    k = link.end;
  }
  const q = readQuantity(t, k);
  if (!q || q.kind === 'article' || q.nounOnly) return null;
  const before = match(t, t.lexicon.categoryWords, i - 1) ?? match(t, t.lexicon.categoryWords, i - 2);
  const category = before && before.end <= i ? before.value.category : 'unknown';
  const nums = { low: q.low, high: q.high, best: bestFor(q, 'killed'), approximate: q.approximate };
  return {
    start: i,
    end: q.end,
    metric: m.value.metric,
    category,
    ...nums,
    ruleId: m.value.id,
    anchor: q.start,
  };
}

function coderNote(t: Tokens): Raw | null {
  const fixed = { claimant: 'coder note', kind: 'other', stance: 'estimated' } as const;
  const words = t.words.filter((_, k) => t.tokens[k]?.kind !== 'punct');
  if (
    words.length === 2 &&
    t.tokens[0]?.kind === 'num' &&
    ['fatalities', 'fatality'].includes(words[1] ?? '')
  ) {
    const value = Number(t.tokens[0].text.replace(/,/g, ''));
    const nums = { low: value, high: value, best: value, approximate: false };
    const base = {
      start: 0,
      end: 2,
      metric: 'killed',
      category: 'unknown',
      ruleId: 'coder-note.bare',
    } as const;
    return Number.isFinite(value) ? { ...base, ...nums, anchor: 0, fixed } : null;
  }
  for (let i = 0; i < t.tokens.length; i += 1) {
    const o = match(t, t.lexicon.outcomes, i);
    if (!o || o.value.type !== 'coder-note') continue;
    const q = readQuantity(t, o.end);
    if (!q || q.kind !== 'number') continue;
    const metric = o.value.metrics[0] ?? 'killed';
    const nums = { low: q.low, high: q.high, best: q.best, approximate: false };
    return {
      start: i,
      end: q.end,
      metric,
      category: 'unknown',
      ...nums,
      ruleId: o.value.id,
      anchor: i,
      fixed,
    };
  }
  return null;
}

const NO_CLAIMANTS: ReadonlyMap<number, number> = new Map();

/** Every figure is tied to a metric word or an outcome phrase: a sentence with neither has none to read. */
function holdsFigureWords(t: Tokens): boolean {
  return (
    t.metricAt.size > 0 ||
    t.tokens.some((_, k) => match(t, t.lexicon.outcomes, k) !== null || grammar(t, 'remains', k) !== null)
  );
}

/** Words between a figure and its verb that change nothing ("were", "had been"). */
const AUX_GAP = 3;

/**
 * "The bullet-riddled body of a young man was found", "police recovered the bodies of two labourers": remains found
 * are deaths, the people the remains were counted. Remains not said to be found ("the bodies were shifted to
 * hospital") count nobody: those dead were counted where they died.
 */
function readRemains(t: Tokens, i: number): Raw[] | null {
  const remains = grammar(t, 'remains', i);
  if (!remains) return null;
  const group = readGroup(t, remains.end, false);
  if (!group) return null;
  let k = group.end;
  for (let n = 0; n < AUX_GAP && (grammar(t, 'passive-aux', k) || grammar(t, 'gap', k)); n += 1) k += 1;
  const after = grammar(t, 'discovery', k);
  let before = false;
  for (let j = Math.max(0, i - AUX_GAP); j < i && !before; j += 1)
    before = grammar(t, 'discovery', j) !== null;
  if (!after && !before) return null;
  const raws = fromGroup(group, 'killed', i, after ? after.end : group.end, REMAINS_RULE, null);
  return raws.length > 0 ? raws : null;
}

export const REMAINS_RULE = 'remains-found';

/**
 * The figures of a sentence. `claimantEnd` gives, for a token that opens the words naming a claimant ("according
 * to BLF spokesman Major Gwahram Baloch, six soldiers ..."), the token after them: a name's rank is nobody killed.
 */
function rawFigures(t: Tokens, holds: boolean, claimantEnd: ReadonlyMap<number, number>): Raw[] {
  const note = coderNote(t);
  if (note) return [note];
  if (!holds) return [];
  const out: Raw[] = [];
  let i = 0;
  while (i < t.tokens.length) {
    const skip = claimantEnd.get(i);
    if (skip !== undefined) {
      i = skip;
      continue;
    }
    const o = match(t, t.lexicon.outcomes, i);
    if (o && o.value.type === 'zero' && !o.value.subject) {
      out.push(...zeros(t, o, 'unknown'));
      i = o.end;
      continue;
    }
    if (o && o.value.type === 'unknown') {
      // The figure is said to be unknown: skip its noun and verb.
      let k = o.end;
      while (k < t.tokens.length && k - o.end < 12 && !isPunct(t, k) && !t.metricAt.has(k)) k += 1;
      i = t.metricAt.get(k)?.end ?? k;
      continue;
    }
    const remains = readRemains(t, i);
    if (remains) {
      out.push(...remains);
      i = remains[0]?.end ?? i + 1;
      continue;
    }
    if (!mayStart(t, i)) {
      i += 1;
      continue;
    }
    const toll = readToll(t, i);
    if (toll) {
      out.push(toll);
      i = toll.end;
      continue;
    }
    const group = readGroup(t, i);
    if (!group) {
      i += 1;
      continue;
    }
    const prev = out[out.length - 1] ?? null;
    const strict = group.elements.some((e) => e.weak || (e.bare && e.bareArticle));
    const self = group.elements.length === 1 ? group.elements[0]?.metricNoun : null;
    const before = self ? null : linkBefore(t, group);
    const after = self || before ? null : linkAfter(t, group, strict);
    if (self) {
      out.push(...fromGroup(group, self.value.metric, group.start, self.end, self.value.id, prev));
      i = self.end;
    } else if (before) {
      for (const m of before.metrics) {
        out.push(...fromGroup(group, m.value.metric, before.start, group.end, `active:${m.value.id}`, prev));
      }
      i = group.end;
    } else if (after?.zero) {
      const category = group.elements[0]?.category ?? 'unknown';
      out.push(...zeros(t, after.zero, category, group.start));
      i = after.end;
    } else if (after) {
      const metric = after.metrics[0]?.value.metric ?? 'killed';
      const companions = accompanying(t, after.end);
      const counted = companions
        ? { ...group, elements: [...group.elements, ...companions.elements], end: companions.end }
        : group;
      const ruleId = companions ? `${after.ruleId}+${ACCOMPANIED_RULE}` : after.ruleId;
      const end = companions?.end ?? after.end;
      out.push(...fromGroup(counted, metric, group.start, end, ruleId, prev));
      i = end;
    } else if (prev && isEllipsis(group.elements)) {
      // "92 militants were killed on Saturday and another 41 on Friday".
      out.push(...fromGroup(group, prev.metric, group.start, group.end, 'ellipsis', prev));
      i = group.end;
    } else if (prev && isDistributed(t, group, prev)) {
      out.push(...fromGroup(group, prev.metric, group.start, group.end, DISTRIBUTED_RULE, prev));
      i = group.end;
    } else {
      // a group that leads to no verb is read again from its second element: "Yesterday, Sepoy Ali, having fought
      // bravely, embraced shahadat" first reads "Yesterday" as a name that "Sepoy Ali" restates
      const second = group.elements[0]?.end ?? group.end;
      i = Math.max(second, i + 1);
    }
  }
  return out;
}

/** "A police officer was shot dead along with his guard": the people named after the verb died with the figure. */
export const ACCOMPANIED_RULE = 'accompanied';

/** The group an `accompanied` phrase ("along with", "together with") brings in right after a figure's verb, read
 * as strictly as a list's later elements are (no bare number, no metric noun). */
function accompanying(t: Tokens, k: number): Group | null {
  const phrase = grammar(t, 'accompanied', k);
  if (!phrase) return null;
  const group = readGroup(t, phrase.end, false);
  if (!group || group.elements.some((e) => e.bare || e.metricNoun)) return null;
  return group;
}

/**
 * One verb's figure shared out over places: "troops killed nine militants in Khyber, three in Orakzai and two in
 * Kurram". A bare number after a comma or "and", itself followed by "in" or "at" and a name, after a figure that
 * was followed by one too, counts what that figure counted, in its own place (see splitClauses).
 */
export const DISTRIBUTED_RULE = 'distributed';

function isDistributed(t: Tokens, group: Group, prev: Raw): boolean {
  const [only, ...more] = group.elements;
  if (!only || more.length > 0 || !only.bare || !only.inherit) return false;
  if (t.words[group.start - 1] !== 'and' && !isPunct(t, group.start - 1, ',')) return false;
  if (!locatedAt(t, group.end)) return false;
  // a share follows its place's few words ("in Sindh's Kashmore district,"): a bounded look keeps the pass linear
  const from = Math.max(prev.end, group.start - SHARE_GAP);
  for (let k = from; k < group.start; k += 1) if (locatedAt(t, k)) return true;
  return false;
}

/** The most tokens between a figure and the share after it. */
const SHARE_GAP = 10;

/** "in Orakzai", "at the Kurram checkpost", "in Sindh's Kashmore district": a name after "in" or "at" that is no
 * month or day. */
function locatedAt(t: Tokens, k: number): boolean {
  if (t.words[k] !== 'in' && t.words[k] !== 'at') return false;
  const n = t.words[k + 1] === 'the' ? k + 2 : k + 1;
  const tok = t.tokens[n];
  return tok !== undefined && tok.cap && !grammar(t, 'month', n) && !grammar(t, 'day', n);
}

/** The word up to its first hyphen ("twenty" of "twenty-seven"), the whole word without one. */
function beforeHyphen(word: string): string {
  const hyphen = word.indexOf('-');
  return hyphen < 0 ? word : word.slice(0, hyphen);
}

/** Articles and the like that may open a figure ("a soldier", "another two", "between 10 and 12"). */
const FIGURE_OPENERS: ReadonlySet<string> = new Set([
  'a',
  'an',
  'the',
  'one',
  'another',
  'each',
  'between',
  'his',
  'her',
]);

/** Cheap test before the full readers: most words of a text cannot begin a figure. */
function mayStart(t: Tokens, i: number): boolean {
  const tok = t.tokens[i];
  if (!tok || tok.kind === 'punct') return false;
  if (tok.kind === 'num' || tok.cap) return true;
  const word = t.words[i] ?? '';
  const lx = t.lexicon;
  return (
    t.metricAt.has(i) ||
    lx.numbers.has(beforeHyphen(word)) ||
    lx.vague.has(word) ||
    lx.modifiers.has(word) ||
    lx.titles.has(word) ||
    lx.pronouns.has(word) ||
    lx.grammar.ellipsis.has(word) ||
    FIGURE_OPENERS.has(word)
  );
}

function isEllipsis(elements: readonly Element[]): boolean {
  const first = elements[0];
  return elements.length === 1 && first !== undefined && first.ellipsis && (first.bare || first.inherit);
}

function dateSpan(t: Tokens, from: number, to: number): Span | null {
  for (let k = from; k < to && k < t.tokens.length; k += 1) {
    const day = grammar(t, 'day', k);
    if (!day) continue;
    const start = t.words[k - 1] === 'on' || t.words[k - 1] === 'last' ? k - 1 : k;
    const a = t.tokens[start];
    const b = t.tokens[day.end - 1];
    if (a && b) return [a.start, b.end];
  }
  return null;
}

function toMention(t: Tokens, raw: Raw, cue: CueFound | null, date: Span | null): CasualtyMention | null {
  const a = t.tokens[raw.start];
  const b = t.tokens[Math.max(raw.start, raw.end - 1)];
  if (!a || !b) return null;
  const text = t.sentence.text.slice(a.start - t.sentence.start, b.end - t.sentence.start);
  const claimant = raw.fixed?.claimant ?? cue?.claimant ?? null;
  const claimantKind =
    raw.fixed?.kind ?? (claimant === null ? 'unattributed' : (cue?.kind ?? 'unattributed'));
  const stance = raw.fixed?.stance ?? raw.zeroStance ?? stanceOf(cue, raw.category);
  // Built field by field: object spread is the hot spot on megabyte inputs.
  return {
    span: [a.start, b.end],
    text,
    ruleId: raw.ruleId,
    metric: raw.metric,
    category: raw.category,
    low: raw.low,
    high: raw.high,
    best: raw.best,
    approximate: raw.approximate,
    claimant,
    claimantKind,
    stance,
    dateSpan: date,
  };
}

/** Casualty figures of one sentence, each with its metric, category, range and claimant. */
export function findCasualties(
  sentence: Sentence,
  lexicon: CasualtyLexicon,
  actors: readonly ActorMention[],
): readonly CasualtyMention[] {
  if (!mayHoldFigures(sentence.text, lexicon)) return [];
  const t = tokenize(sentence, lexicon);
  const holds = holdsFigureWords(t);
  let raws = rawFigures(t, holds, NO_CLAIMANTS);
  if (raws.length === 0) return [];
  // cues are read only for a sentence with figures; where one names its claimant after it ("according to ..."),
  // the figures are read again without the claimant's words
  const cues = findCues(t, actors, raws);
  const claimantEnd = new Map<number, number>();
  for (const c of cues) if (c.named) claimantEnd.set(c.named.start, c.named.end);
  if (claimantEnd.size > 0) raws = rawFigures(t, holds, claimantEnd);
  if (raws.length === 0) return [];
  // The date of a figure lies between its own words and those of the next figure.
  const nextAnchor: number[] = new Array<number>(raws.length).fill(t.tokens.length);
  for (let n = raws.length - 2; n >= 0; n -= 1) {
    const here = raws[n]?.anchor ?? 0;
    const next = raws[n + 1]?.anchor ?? t.tokens.length;
    nextAnchor[n] = next > here ? next : (nextAnchor[n + 1] ?? t.tokens.length);
  }
  const out: CasualtyMention[] = [];
  raws.forEach((raw, n) => {
    const cue = cueFor(cues, raw.end);
    const mention = toMention(
      t,
      raw,
      counted(cue, raw, t, actors),
      dateSpan(t, raw.anchor, nextAnchor[n] ?? t.tokens.length),
    );
    if (mention) out.push(mention);
  });
  return out;
}

/**
 * The cue, unless the claimant it names is the group the figure counts ("three terrorists of Fitna al Hindustan
 * were neutralised, it said": "it" is not the group that lost them): then the figure has no claimant.
 */
function counted(
  cue: CueFound | null,
  raw: Raw,
  t: Tokens,
  actors: readonly ActorMention[],
): CueFound | null {
  // a party named outright may count its own ("four policemen were killed, police said"); only a pronoun's guess
  // at the group can be the very group the figure counts
  if (!cue?.claimant || !cue.viaPronoun) return cue;
  const from = t.tokens[raw.start]?.start ?? 0;
  const to = t.tokens[Math.max(raw.start, raw.end - 1)]?.end ?? 0;
  const inside = actors.some((a) => a.name === cue.claimant && a.span[0] >= from && a.span[1] <= to);
  return inside ? { ...cue, claimant: null, kind: 'unattributed' } : cue;
}
