import type { CasualtyLexicon } from '../../lexicon/casualty-lexicon.js';
import { wordIds, wordTable, type WordTable } from '../match/vocabulary.js';
import { wordTokens } from '../match/word-tokens.js';

/**
 * What a sentence must hold for the figure passes to find anything. Most sentences of an article hold no figure
 * and no statistic, and reading each into casualty tokens was a fifth of extraction's time: a sentence is
 * tokenized for figures only when it holds, for some phrase the figure passes start from, one word of that
 * phrase. Any word of a phrase is a necessary condition; the least common is the one worth looking for.
 */
interface FigureTriggers {
  /**
   * One word of each phrase (its letters up to a hyphen or apostrophe), and the kinds of phrase it is sought for:
   * FIGURE (every metric, outcome and remains phrase, and the coder's "N fatalities"), and the PERIOD ("this
   * year"; "in 2024" is YEAR_LIKE), TREND ("rose", "%") and SOURCE phrases of a statistic.
   */
  readonly bits: ReadonlyMap<string, number>;
  /** The same bits read by word number (src/extract/match/vocabulary.ts). */
  readonly bitsByWord: WordTable;
  /** The signs of phrases that hold no word ("%"), looked for as they are written, with their kinds. */
  readonly signs: ReadonlyMap<string, number>;
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

function triggersOf(lexicon: CasualtyLexicon): FigureTriggers {
  let t = cache.get(lexicon);
  if (!t) {
    const bits = new Map<string, number>();
    const signs = new Map<string, number>();
    const seek = (phrase: readonly string[], kind: number): void => {
      const word = wordToSeek(phrase);
      // a phrase without a word is looked for by its first sign; an empty one is found in every text
      const [key, to] = word !== null ? [word, bits] : [phrase[0] ?? '', signs];
      to.set(key, (to.get(key) ?? 0) | kind);
    };
    seek(['fatalities'], FIGURE);
    seek(['fatality'], FIGURE);
    for (const table of [lexicon.metrics, lexicon.outcomes, lexicon.grammar.remains])
      for (const entries of table.values()) for (const e of entries) seek(e.words, FIGURE);
    const kinds = { period: PERIOD, trend: TREND, source: SOURCE, incidents: TALLY, incident: 0 } as const;
    for (const entries of lexicon.aggregates.values())
      for (const e of entries) if (kinds[e.value.type] !== 0) seek(e.words, kinds[e.value.type]);
    // a month after "in" or "during" names a period too ("In July, the monitor counted ...")
    for (const entries of lexicon.grammar.month.values()) for (const e of entries) seek(e.words, PERIOD);
    t = { bits, bitsByWord: wordTable(bits), signs };
    cache.set(lexicon, t);
  }
  return t;
}

const NOT_A_LETTER = /\P{L}+/u;

const FIGURE = 1;
const PERIOD = 2;
const TREND = 4;
const SOURCE = 8;
const TALLY = 16;

/** Which kinds of phrase a word of the text belongs to, as bits; a word token may run letters and
 * digits together ("ab12killed"), where the casualty tokens split them, so such a token is read by its runs of
 * letters. */
function bitsOf(lower: string, id: number, plain: boolean, t: FigureTriggers): number {
  if (plain) return t.bitsByWord.at(id);
  let bits = 0;
  for (const run of lower.split(NOT_A_LETTER)) bits |= t.bits.get(run) ?? 0;
  return bits;
}

// The casualty and aggregate passes ask of the same sentence in turn: the last answer is kept.
let last: { text: string; triggers: FigureTriggers; bits: number } | null = null;

/** The kinds of phrase the text holds a word (or sign) of. */
function textBits(text: string, t: FigureTriggers): number {
  if (last && last.text === text && last.triggers === t) return last.bits;
  let bits = 0;
  for (const [sign, kind] of t.signs) if (text.includes(sign)) bits |= kind;
  const tokens = wordTokens(text);
  const ids = wordIds(tokens);
  for (let i = 0; i < tokens.length; i += 1) {
    const token = tokens[i]!;
    bits |= bitsOf(token.lower, ids[i]!, token.plain, t);
  }
  last = { text, triggers: t, bits };
  return bits;
}

/** Whether the casualty pass could find a figure in the text (false: it certainly finds none). */
export function mayHoldFigures(text: string, lexicon: CasualtyLexicon): boolean {
  return (textBits(text, triggersOf(lexicon)) & FIGURE) !== 0;
}

const YEAR_LIKE = /(?:19|20)\d\d/;

/**
 * Whether the text could be a statistic (false: `isAggregateSentence` certainly says no). A statistic names a
 * period (a year, "this month") and a trend, a source or a metric; or it gives a trend in percent of a metric; or
 * a monitor gives a figure; or it tallies incidents ("45 attacks") with a figure.
 */
export function mayBeStatistic(text: string, lexicon: CasualtyLexicon): boolean {
  const bits = textBits(text, triggersOf(lexicon));
  if ((bits & (TREND | SOURCE | TALLY)) !== 0 && (bits & FIGURE) !== 0) return true;
  const period = (bits & PERIOD) !== 0 || YEAR_LIKE.test(text);
  return period && (bits & (FIGURE | TREND | SOURCE)) !== 0;
}
