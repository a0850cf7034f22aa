import type { CasualtyLexicon } from '../../lexicon/casualty-lexicon.js';
import { wordTokens } from '../match/word-tokens.js';

/**
 * What a sentence must hold for the figure passes to find anything. Most sentences of an article hold no figure
 * and no statistic, and reading each into casualty tokens was a fifth of extraction's time: a sentence is
 * tokenized for figures only when it holds, for some phrase the figure passes start from, one word of that
 * phrase. Any word of a phrase is a necessary condition; the least common is the one worth looking for.
 */
interface Seek {
  /** One word of each phrase: its letters up to a hyphen or apostrophe. */
  readonly words: ReadonlySet<string>;
  /** The signs of phrases that hold no word ("%"), looked for as they are written. */
  readonly signs: readonly string[];
}

interface FigureTriggers {
  /** Every metric, outcome and remains phrase, and the coder's "N fatalities". */
  readonly figure: Seek;
  /** The period phrases a statistic names ("this year"; "in 2024" is YEAR_LIKE), its trend phrases ("rose",
   * "%") and the sources it cites. */
  readonly period: Seek;
  readonly trend: Seek;
  readonly source: Seek;
}

const cache = new WeakMap<CasualtyLexicon, FigureTriggers>();

/** Words too common in news prose to be worth looking for when a phrase holds another ("lost their lives"). */
const COMMON = new Set(
  'a an the to of in on out so far no not was were their his her its this last over during past first second per every since found number reported known remained taken sent'.split(
    ' ',
  ),
);

/**
 * The word of a phrase to look for: the longest that is not common. A casualty word token
 * (`\p{L}+(?:['’-]\p{L}+)*`) starts with a run of letters, and that run is what is looked for; null when no word
 * of the phrase starts with a letter.
 */
function wordToSeek(words: readonly string[]): string | null {
  let best: string | null = null;
  let bestScore = -Infinity;
  for (const word of words) {
    const letters = /^\p{L}+/u.exec(word)?.[0];
    if (!letters) continue;
    const score = letters.length - (COMMON.has(letters) ? 100 : 0);
    if (score >= bestScore) [best, bestScore] = [letters, score];
  }
  return best;
}

function seekOf(phrases: readonly (readonly string[])[]): Seek {
  const words = new Set<string>();
  const signs = new Set<string>();
  for (const phrase of phrases) {
    const word = wordToSeek(phrase);
    if (word !== null) words.add(word);
    // a phrase without a word is looked for by its first sign; an empty one matches everywhere
    else signs.add(phrase[0] ?? '');
  }
  return { words, signs: [...signs] };
}

function triggersOf(lexicon: CasualtyLexicon): FigureTriggers {
  let t = cache.get(lexicon);
  if (!t) {
    const figure: (readonly string[])[] = [['fatalities'], ['fatality']];
    for (const table of [lexicon.metrics, lexicon.outcomes, lexicon.grammar.remains])
      for (const entries of table.values()) for (const e of entries) figure.push(e.words);
    const aggregate = (type: string) =>
      [...lexicon.aggregates.values()].flatMap((entries) =>
        entries.filter((e) => e.value.type === type).map((e) => e.words),
      );
    t = {
      figure: seekOf(figure),
      period: seekOf(aggregate('period')),
      trend: seekOf(aggregate('trend')),
      source: seekOf(aggregate('source')),
    };
    cache.set(lexicon, t);
  }
  return t;
}

const NOT_A_LETTER = /\P{L}+/u;

/** Whether a lower-cased word token holds one of the words: a word token may run letters and digits together
 * ("ab12killed"), where the casualty tokens split them, so such a token is looked up by its runs of letters. */
function holdsWord(lower: string, words: ReadonlySet<string>): boolean {
  if (words.has(lower)) return true;
  for (let i = 0; i < lower.length; i += 1) {
    const c = lower.charCodeAt(i);
    if (c < 97 || c > 122) return lower.split(NOT_A_LETTER).some((run) => words.has(run));
  }
  return false;
}

function holds(text: string, seek: Seek): boolean {
  for (const sign of seek.signs) if (text.includes(sign)) return true;
  for (const token of wordTokens(text)) if (holdsWord(token.lower, seek.words)) return true;
  return false;
}

/** Whether the casualty pass could find a figure in the text (false: it certainly finds none). */
export function mayHoldFigures(text: string, lexicon: CasualtyLexicon): boolean {
  return holds(text, triggersOf(lexicon).figure);
}

const YEAR_LIKE = /(?:19|20)\d\d/;

/**
 * Whether the text could be a statistic (false: `isAggregateSentence` certainly says no). A statistic names a
 * period (a year, "this month") and a trend, a source or a metric; or it gives a trend in percent of a metric.
 */
export function mayBeStatistic(text: string, lexicon: CasualtyLexicon): boolean {
  const t = triggersOf(lexicon);
  const figure = holds(text, t.figure);
  const trend = holds(text, t.trend);
  if (trend && figure) return true;
  const period = YEAR_LIKE.test(text) || holds(text, t.period);
  return period && (figure || trend || holds(text, t.source));
}
