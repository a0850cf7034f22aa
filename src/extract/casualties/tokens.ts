import type { Sentence } from '../types.js';
import { matchPhrase, normaliseWord, phraseEntryAt } from '../../lexicon/casualty-lexicon.js';
import type { CasualtyLexicon, GrammarRole, MetricCue, PhraseTable } from '../../lexicon/casualty-lexicon.js';

export interface Token {
  /** Offsets into the whole document, like every span. */
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly kind: 'word' | 'num' | 'punct';
  readonly cap: boolean;
}

export interface Match<T> {
  readonly value: T;
  readonly start: number;
  readonly end: number;
}

/** A sentence read once into tokens, with the metric words found at every position. */
export interface Tokens {
  readonly sentence: Sentence;
  readonly lexicon: CasualtyLexicon;
  readonly tokens: readonly Token[];
  readonly words: readonly string[];
  /** Metric cue starting at a token index. */
  readonly metricAt: ReadonlyMap<number, Match<MetricCue>>;
  /** Metric cue ending just before a token index. */
  readonly metricEndingAt: ReadonlyMap<number, Match<MetricCue>>;
}

// A number may carry a hyphenated unit ("40-hour", "12-year-old"); a word may hold hyphens and apostrophes.
const TOKEN = /\d+(?:[.,]\d+)*(?:-\p{L}+)*|\p{L}+(?:['’-]\p{L}+)*|[^\s\p{L}\d]/gu;

// The casualty and aggregate passes read the same sentence in turn; the last tokenization is kept.
let last: { sentence: Sentence; lexicon: CasualtyLexicon; tokens: Tokens } | null = null;

export function tokenize(sentence: Sentence, lexicon: CasualtyLexicon): Tokens {
  if (last && last.sentence === sentence && last.lexicon === lexicon) return last.tokens;
  const tokens = tokenizeFresh(sentence, lexicon);
  last = { sentence, lexicon, tokens };
  return tokens;
}

/**
 * Quotation marks and editorial brackets inside a figure's words ("22 \u201cIndian-sponsored khwarij\u201d", "in [the]
 * Bannu district") change nothing it says: they are not read as tokens, so the phrase holds together.
 */
const TRANSPARENT = new Set(['"', "'", '\u201c', '\u201d', '\u2018', '\u2019', '[', ']']);

const LETTER = /\p{L}/u;

/** A token is a number, a word or one punctuation mark (see TOKEN); ASCII is told apart without a regex. */
function kindOf(text: string): Token['kind'] {
  const first = text.charCodeAt(0);
  if (first >= 48 && first <= 57) return 'num';
  if (first < 128) return (first | 32) >= 97 && (first | 32) <= 122 ? 'word' : 'punct';
  return LETTER.test(text[0] ?? '') ? 'word' : 'punct';
}

function tokenizeFresh(sentence: Sentence, lexicon: CasualtyLexicon): Tokens {
  const tokens: Token[] = [];
  const words: string[] = [];
  // TOKEN matches at every character that is not white space, so a token starts at the first non-space after the
  // one before: its offset is found by indexOf, and no match object is built per token
  const source = sentence.text;
  let cursor = 0;
  for (const text of source.match(TOKEN) ?? []) {
    const at = source.indexOf(text, cursor);
    cursor = at + text.length;
    if (TRANSPARENT.has(text)) continue;
    const start = sentence.start + at;
    const kind = kindOf(text);
    const cap = kind === 'word' && text[0] !== text[0]?.toLowerCase();
    tokens.push({ start, end: start + text.length, text, kind, cap });
    words.push(normaliseWord(text));
  }
  const metricAt = new Map<number, Match<MetricCue>>();
  const metricEndingAt = new Map<number, Match<MetricCue>>();
  for (let i = 0; i < words.length; i += 1) {
    const m = matchPhrase(lexicon.metrics, words, i);
    if (!m) continue;
    const found = { value: m.value, start: i, end: m.end };
    metricAt.set(i, found);
    // The longest phrase wins: "shot dead" rather than its last word.
    if (!metricEndingAt.has(m.end)) metricEndingAt.set(m.end, found);
  }
  return { sentence, lexicon, tokens, words, metricAt, metricEndingAt };
}

export function match<T>(t: Tokens, table: PhraseTable<T>, i: number): Match<T> | null {
  const entry = phraseEntryAt(table, t.words, i);
  return entry ? { value: entry.value, start: i, end: i + entry.words.length } : null;
}

export function grammar(t: Tokens, role: GrammarRole, i: number): Match<string> | null {
  return match(t, t.lexicon.grammar[role], i);
}

export function isPunct(t: Tokens, i: number, chars = ',.;:!?'): boolean {
  const tok = t.tokens[i];
  return tok !== undefined && tok.kind === 'punct' && chars.includes(tok.text);
}

/** The text of the sentence between two token indexes (end exclusive). */
export function textOf(t: Tokens, from: number, to: number): string {
  const a = t.tokens[from];
  const b = t.tokens[to - 1];
  if (!a || !b) return '';
  return t.sentence.text.slice(a.start - t.sentence.start, b.end - t.sentence.start);
}
