import type { ModifierKind } from '../../lexicon/casualty-lexicon.js';
import { grammar, match } from './tokens.js';
import type { Tokens } from './tokens.js';

/** How many, as read from the words before a noun: an exact number, a range, a vague word or an article. */
export interface Quantity {
  readonly start: number;
  readonly end: number;
  readonly low: number;
  readonly high: number;
  /** Fixed for vague words; for ranges it is chosen once the metric is known (see `bestFor`). */
  readonly best: number;
  readonly approximate: boolean;
  readonly range: boolean;
  /** 'article': "a", "an", "the", "one", "another" — only a figure before a singular noun or a verb. */
  readonly kind: 'number' | 'vague' | 'article';
  readonly nounOnly: boolean;
  /** A four-digit number that reads like a year: a figure only before a person noun. */
  readonly yearLike: boolean;
  /** Read from an article alone ("a", "the", "another"), no number: the figure scan and the appositions it
   * reads treat such a quantity with care ("a soldier", not "a few"). */
  readonly bareArticle: boolean;
  readonly ruleId: string;
}

const MAX_FIGURE = 10_000_000;

interface NumberRead {
  readonly value: number;
  readonly end: number;
  readonly yearLike: boolean;
}

function countWord(t: Tokens, i: number): number | null {
  const word = t.words[i];
  if (word === undefined) return null;
  if (!word.includes('-')) return countOf(t, word);
  // "twenty-seven" is one token: its parts are tens and unit.
  const parts = word.split('-');
  let total = 0;
  for (const part of parts) {
    const value = countOf(t, part);
    if (value === null) return null;
    total += value;
  }
  return total;
}

/** The value of a count word ("seven"), or null. */
function countOf(t: Tokens, word: string): number | null {
  const entry = t.lexicon.numbers.get(word)?.find((e) => e.words.length === 1 && e.value.role === 'count');
  return entry ? entry.value.value : null;
}

function scaleWord(t: Tokens, i: number): number | null {
  const word = t.words[i];
  const entry =
    word === undefined ? undefined : t.lexicon.numbers.get(word)?.find((e) => e.value.role === 'scale');
  return entry ? entry.value.value : null;
}

/** The number at token i, whatever word follows it ("45 attacks": a count of incidents, not of people), or null. */
export function readCount(t: Tokens, i: number): { readonly value: number; readonly end: number } | null {
  const n = readNumber(t, i);
  return n && !n.yearLike ? { value: n.value, end: n.end } : null;
}

function readNumber(t: Tokens, i: number): NumberRead | null {
  const tok = t.tokens[i];
  if (!tok) return null;
  if (tok.kind === 'num') {
    if (tok.text.includes('-') || /\.\d/.test(tok.text)) return null;
    const value = Number(tok.text.replace(/,/g, ''));
    if (!Number.isFinite(value) || value > MAX_FIGURE) return null;
    const scale = scaleWord(t, i + 1);
    if (scale !== null) return { value: value * scale, end: i + 2, yearLike: false };
    return { value, end: i + 1, yearLike: /^(?:19|20)\d\d$/.test(tok.text) };
  }
  const word = t.words[i];
  if (word === 'a' || word === 'an') {
    const scale = scaleWord(t, i + 1);
    return scale === null ? null : { value: scale, end: i + 2, yearLike: false };
  }
  let value = countWord(t, i);
  if (value === null) return null;
  let end = i + 1;
  if (value >= 20 && value % 10 === 0) {
    const unit = countWord(t, end);
    if (unit !== null && unit > 0 && unit < 10) {
      value += unit;
      end += 1;
    }
  }
  const scale = scaleWord(t, end);
  if (scale !== null) {
    value *= scale;
    end += 1;
    const rest = t.words[end] === 'and' ? countWord(t, end + 1) : countWord(t, end);
    if (rest !== null && rest < scale) {
      value += rest;
      end += t.words[end] === 'and' ? 2 : 1;
    }
  }
  return { value, end, yearLike: false };
}

function applyModifier(kind: ModifierKind, n: number): { low: number; best: number; high: number } {
  switch (kind) {
    case 'at_least':
      return { low: n, best: n, high: n };
    case 'nearly':
      return { low: Math.floor((n * 9) / 10), best: n, high: n };
    case 'about':
      return { low: Math.floor((n * 9) / 10), best: n, high: Math.ceil((n * 11) / 10) };
    case 'up_to':
      return { low: Math.min(1, n), best: n, high: n };
  }
}

const ARTICLES = new Set(['a', 'an', 'the', 'another', 'one', 'each']);
/** "his driver", "her guard": one person, but only before a singular person noun (see readElement). */
const POSSESSIVES = new Set(['his', 'her']);
export const POSSESSIVE_RULE = 'quantity.possessive';
/** "his two sons", "their three children": a possessive the number after it counts for. */
const COUNTED_POSSESSIVES = new Set([...POSSESSIVES, 'their']);
export const POSSESSIVE_NUMBER_RULE = 'quantity.possessive-number';

function blockedBefore(t: Tokens, i: number): boolean {
  if (i === 0) return false;
  const prev = t.tokens[i - 1];
  if (prev?.kind === 'punct' && '$£€₹'.includes(prev.text)) return true;
  return grammar(t, 'not-before', i - 1) !== null;
}

function blockedAfter(t: Tokens, i: number): boolean {
  return grammar(t, 'not-after', i) !== null;
}

function make(
  start: number,
  end: number,
  n: { readonly low: number; readonly best: number; readonly high: number },
  approximate: boolean,
  kind: Quantity['kind'],
  ruleId: string,
  extra: {
    readonly range?: boolean;
    readonly nounOnly?: boolean;
    readonly yearLike?: boolean;
    readonly bareArticle?: boolean;
  } = {},
): Quantity {
  const { range = false, nounOnly = false, yearLike = false, bareArticle = false } = extra;
  return {
    start,
    end,
    low: n.low,
    best: n.best,
    high: n.high,
    approximate,
    range,
    kind,
    nounOnly,
    yearLike,
    bareArticle,
    ruleId,
  };
}

/** Reads the quantity that starts at token `i`, or null. */
export function readQuantity(t: Tokens, i: number): Quantity | null {
  if (t.words[i] === 'between') {
    const a = readNumber(t, i + 1);
    const b = a && t.words[a.end] === 'and' ? readNumber(t, a.end + 1) : null;
    if (a && b && b.value > a.value && !blockedAfter(t, b.end)) {
      const n = { low: a.value, best: a.value, high: b.value };
      return make(i, b.end, n, true, 'number', 'quantity.between', { range: true });
    }
    return null;
  }
  const modifier = match(t, t.lexicon.modifiers, i);
  const at = modifier ? modifier.end : i;
  const num = readNumber(t, at);
  if (num && !blockedAfter(t, num.end) && !blockedBefore(t, i)) {
    const joiner = match(t, t.lexicon.rangeWords, num.end);
    const second = joiner && !modifier ? readNumber(t, joiner.end) : null;
    if (joiner && second && second.value > num.value && !blockedAfter(t, second.end)) {
      const n = { low: num.value, best: num.value, high: second.value };
      return make(i, second.end, n, true, 'number', joiner.value, { range: true });
    }
    if (modifier) {
      return make(
        i,
        num.end,
        applyModifier(modifier.value.modifier, num.value),
        true,
        'number',
        modifier.value.id,
      );
    }
    const n = { low: num.value, best: num.value, high: num.value };
    const kind = num.value === 1 && t.words[i] === 'one' ? 'article' : 'number';
    return make(i, num.end, n, false, kind, 'quantity.exact', { yearLike: num.yearLike });
  }
  if (modifier) return null;
  const vague = match(t, t.lexicon.vague, i);
  if (vague) {
    const v = vague.value;
    return make(i, vague.end, v, true, 'vague', v.id, { nounOnly: v.nounOnly });
  }
  const word = t.words[i];
  if (word !== undefined && COUNTED_POSSESSIVES.has(word)) {
    const counted = readNumber(t, i + 1);
    if (counted && !counted.yearLike && !blockedAfter(t, counted.end)) {
      const n = { low: counted.value, best: counted.value, high: counted.value };
      return make(i, counted.end, n, false, 'number', POSSESSIVE_NUMBER_RULE);
    }
  }
  if (word !== undefined && ARTICLES.has(word))
    return make(i, i + 1, ONE, false, 'article', 'quantity.article', { bareArticle: true });
  if (word !== undefined && POSSESSIVES.has(word))
    return make(i, i + 1, ONE, false, 'article', POSSESSIVE_RULE, { bareArticle: true });
  return null;
}

const ONE = { low: 1, best: 1, high: 1 };

/** ACLED codes the low end of a range of deaths; GTD coders record the high end of injuries and abductions. */
export function bestFor(q: Pick<Quantity, 'range' | 'low' | 'high' | 'best'>, metric: string): number {
  if (!q.range) return q.best;
  return metric === 'killed' ? q.low : q.high;
}
